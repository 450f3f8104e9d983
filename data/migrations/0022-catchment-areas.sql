-- Issue 21: the areas a team takes referrals from are service-directory
-- data an administrator edits (Administration → Catchment areas), no longer
-- a fixed code list. Each area is a revisioned record (kind
-- "catchment-area"); this table is the projection of its current revision,
-- which the eligibility rule, the referral form and every list read.
-- The store seeds it in the same transaction from the lists that were
-- fixed until now (data/codes/referral-area.tsv and referral-catchment.tsv),
-- written by the database update, so referrals already stored keep their
-- area codes and still show their names.
CREATE TABLE catchment_area (
  id          TEXT PRIMARY KEY REFERENCES record (id),
  patient_id  TEXT REFERENCES record (id),
  code        TEXT NOT NULL,
  name        TEXT NOT NULL,
  membership  TEXT NOT NULL,
  retired     INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE UNIQUE INDEX catchment_area_code ON catchment_area (code);
