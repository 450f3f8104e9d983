-- Liaison and diversion as its own pathway (issue 21): a screening's
-- referrals onward to services in the service directory (community teams,
-- crisis teams, substance misuse, housing, learning disability), each a
-- revisioned record (kind "ld-onward-referral": which screening, which
-- directory entry and its name on the day, the date, why), projected here
-- for the screening's page and the activity report. These referrals do not
-- go through the secure-services referral pathway.
CREATE TABLE ld_onward_referral (
  id            TEXT PRIMARY KEY REFERENCES record (id),
  patient_id    TEXT REFERENCES record (id),
  screening_id  TEXT NOT NULL REFERENCES record (id),
  service_id    TEXT NOT NULL,
  referred_on   TEXT NOT NULL
) STRICT;
CREATE INDEX ld_onward_referral_screening ON ld_onward_referral (screening_id, referred_on);
