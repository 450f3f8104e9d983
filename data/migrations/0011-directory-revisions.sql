-- Optimistic concurrency for the reference data kept current in place: the
-- service directory and the teams. Each row counts its revisions; a save
-- names the revision it started from and changes the row only while that is
-- still the stored one (UPDATE ... WHERE revision = ?, its row count checked),
-- so an older save can never silently undo a newer one. Rows already held
-- start at revision 1. Teams also record who changed them last and when, for
-- the conflict message.

ALTER TABLE service ADD COLUMN revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1);

ALTER TABLE team ADD COLUMN revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1);
ALTER TABLE team ADD COLUMN updated_at TEXT;
ALTER TABLE team ADD COLUMN updated_by TEXT REFERENCES staff (id);
