-- Clinical rules to their sources (issue 19): the fields the monitoring rules now read, and
-- three per-patient monitoring settings, each a revisioned record (`record` + `revision`)
-- projected here for the due-date queries. MAPPA category 4, which does not exist in law, is
-- set to "not recorded" by code run in the same transaction (kes-store-migrate-mappa.c),
-- with a new revision of each record and a note on the patient's record.

ALTER TABLE prescription ADD COLUMN dose_changed_on TEXT;
ALTER TABLE prescription ADD COLUMN ecg_indicated INTEGER;

ALTER TABLE depot_dose ADD COLUMN observed_hours REAL;

ALTER TABLE fbc_result ADD COLUMN service_light TEXT
  CHECK (service_light IS NULL OR service_light IN ('green', 'amber', 'red'));

ALTER TABLE physical_health ADD COLUMN prolactin REAL;
ALTER TABLE physical_health ADD COLUMN ecg_done INTEGER;
ALTER TABLE physical_health ADD COLUMN egfr REAL;
ALTER TABLE physical_health ADD COLUMN ue_done INTEGER;
ALTER TABLE physical_health ADD COLUMN calcium REAL;
ALTER TABLE physical_health ADD COLUMN tsh REAL;

-- Which monitoring service and which blood count thresholds (standard or BEN).
CREATE TABLE clozapine_monitoring (
  id                  TEXT PRIMARY KEY REFERENCES record (id),
  patient_id          TEXT NOT NULL REFERENCES record (id),
  decided_on          TEXT NOT NULL,
  monitoring_service  TEXT NOT NULL,
  thresholds          TEXT NOT NULL CHECK (thresholds IN ('standard', 'ben'))
) STRICT;
CREATE INDEX clozapine_monitoring_patient ON clozapine_monitoring (patient_id, decided_on);

-- Not to be re-challenged with clozapine, until lifted by a clinician with a reason.
CREATE TABLE clozapine_no_rechallenge (
  id          TEXT PRIMARY KEY REFERENCES record (id),
  patient_id  TEXT NOT NULL REFERENCES record (id),
  decided_on  TEXT NOT NULL,
  lifted_on   TEXT
) STRICT;
CREATE INDEX clozapine_no_rechallenge_patient ON clozapine_no_rechallenge (patient_id, decided_on);

-- The lithium target range and what puts the patient in a higher-risk group.
CREATE TABLE lithium_plan (
  id                          TEXT PRIMARY KEY REFERENCES record (id),
  patient_id                  TEXT NOT NULL REFERENCES record (id),
  decided_on                  TEXT NOT NULL,
  target_range                TEXT NOT NULL CHECK (target_range IN ('standard', 'higher')),
  interacting_drugs           INTEGER NOT NULL DEFAULT 0,
  renal_thyroid_calcium_risk  INTEGER NOT NULL DEFAULT 0,
  poor_control_or_adherence   INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE INDEX lithium_plan_patient ON lithium_plan (patient_id, decided_on);
