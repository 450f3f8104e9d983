-- Liaison and diversion screenings: revisioned records (`record` +
-- `revision`, kind "ld-screening") for people who may not be on the
-- caseload; this table projects the current revision for lists and the
-- activity report. converted_patient_id links a screening to the patient
-- record made from it.

CREATE TABLE ld_screening (
  id                    TEXT PRIMARY KEY REFERENCES record (id),
  patient_id            TEXT REFERENCES record (id),
  family_name           TEXT NOT NULL,
  given_name            TEXT,
  ethnicity             TEXT,
  screened_on           TEXT NOT NULL,
  setting               TEXT NOT NULL,
  referral_source       TEXT NOT NULL,
  vulnerabilities       TEXT,
  outcome               TEXT NOT NULL,
  mappa_liaison         INTEGER NOT NULL DEFAULT 0,
  converted_patient_id  TEXT REFERENCES record (id)
) STRICT;
CREATE INDEX ld_screening_date ON ld_screening (screened_on);
