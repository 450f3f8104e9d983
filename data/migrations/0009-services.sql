-- The service directory: teams, bases, office hours, general and urgent
-- numbers, out-of-hours crisis numbers by area. Reference data kept current
-- in place; every change goes to the access log. The national numbers in
-- data/services/national.tsv are added by the store when this runs.

CREATE TABLE service (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  kind        TEXT NOT NULL,
  area        TEXT NOT NULL DEFAULT '',
  data        TEXT NOT NULL CHECK (json_valid (data)),
  withdrawn   INTEGER NOT NULL DEFAULT 0 CHECK (withdrawn IN (0, 1)),
  updated_at  TEXT NOT NULL,
  updated_by  TEXT REFERENCES staff (id)
) STRICT;
CREATE INDEX service_area ON service (area);
