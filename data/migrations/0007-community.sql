-- Care in the community: prescriptions, depot injections, clozapine blood
-- counts, lithium levels, physical health checks, CPA reviews, care plans
-- and crisis plans. Each table is the projection of the current revision of
-- a revisioned record (state lives in `record`); the history is in `revision`.

CREATE TABLE prescription (
  id             TEXT PRIMARY KEY REFERENCES record (id),
  patient_id     TEXT NOT NULL REFERENCES record (id),
  drug           TEXT NOT NULL,
  category       TEXT NOT NULL,
  depot_drug     TEXT,
  interval_days  REAL,
  start_date     TEXT NOT NULL,
  stop_date      TEXT,
  break_hours    REAL,
  restarted_on   TEXT
) STRICT;
CREATE INDEX prescription_patient ON prescription (patient_id);
CREATE INDEX prescription_category ON prescription (category, patient_id);

CREATE TABLE depot_dose (
  id               TEXT PRIMARY KEY REFERENCES record (id),
  patient_id       TEXT NOT NULL REFERENCES record (id),
  prescription_id  TEXT NOT NULL REFERENCES record (id),
  given_on         TEXT NOT NULL,
  outcome          TEXT NOT NULL CHECK (outcome IN ('given', 'refused', 'missed', 'deferred'))
) STRICT;
CREATE INDEX depot_dose_prescription ON depot_dose (prescription_id, outcome, given_on);
CREATE INDEX depot_dose_patient ON depot_dose (patient_id, given_on);

CREATE TABLE fbc_result (
  id           TEXT PRIMARY KEY REFERENCES record (id),
  patient_id   TEXT NOT NULL REFERENCES record (id),
  taken_on     TEXT NOT NULL,
  wbc          REAL NOT NULL,
  neutrophils  REAL NOT NULL,
  light        TEXT NOT NULL CHECK (light IN ('green', 'amber', 'red'))
) STRICT;
CREATE INDEX fbc_result_patient ON fbc_result (patient_id, taken_on);

CREATE TABLE lithium_level (
  id          TEXT PRIMARY KEY REFERENCES record (id),
  patient_id  TEXT NOT NULL REFERENCES record (id),
  taken_on    TEXT NOT NULL,
  level       REAL NOT NULL
) STRICT;
CREATE INDEX lithium_level_patient ON lithium_level (patient_id, taken_on);

CREATE TABLE physical_health (
  id           TEXT PRIMARY KEY REFERENCES record (id),
  patient_id   TEXT NOT NULL REFERENCES record (id),
  taken_on     TEXT NOT NULL,
  weight_kg    REAL,
  height_cm    REAL,
  bmi          REAL,
  waist_cm     REAL,
  systolic     REAL,
  diastolic    REAL,
  pulse        REAL,
  hba1c        REAL,
  glucose      REAL,
  cholesterol  REAL
) STRICT;
CREATE INDEX physical_health_patient ON physical_health (patient_id, taken_on);

CREATE TABLE cpa_review (
  id             TEXT PRIMARY KEY REFERENCES record (id),
  patient_id     TEXT NOT NULL REFERENCES record (id),
  status         TEXT NOT NULL CHECK (status IN ('scheduled', 'held', 'validated', 'cancelled')),
  scheduled_for  TEXT NOT NULL,
  held_on        TEXT,
  validated_on   TEXT
) STRICT;
CREATE INDEX cpa_review_patient ON cpa_review (patient_id, scheduled_for);

CREATE TABLE care_plan (
  id           TEXT PRIMARY KEY REFERENCES record (id),
  patient_id   TEXT NOT NULL REFERENCES record (id),
  start_date   TEXT NOT NULL,
  review_date  TEXT NOT NULL,
  s117_status  TEXT NOT NULL
) STRICT;
CREATE INDEX care_plan_patient ON care_plan (patient_id, start_date);

CREATE TABLE crisis_plan (
  id          TEXT PRIMARY KEY REFERENCES record (id),
  patient_id  TEXT NOT NULL REFERENCES record (id),
  agreed_on   TEXT NOT NULL
) STRICT;
CREATE INDEX crisis_plan_patient ON crisis_plan (patient_id, agreed_on);
