-- Carers: the register, links to patients, consent to share, the
-- information-sharing log, carer's assessments and involvement. Each is a
-- revisioned record (`record` + `revision`); these tables are projections
-- of the current revision, for lists and Today.

CREATE TABLE carer (
  id                TEXT PRIMARY KEY REFERENCES record (id),
  patient_id        TEXT REFERENCES record (id),
  name              TEXT NOT NULL,
  young_carer       INTEGER NOT NULL DEFAULT 0,
  named_contact_id  TEXT
) STRICT;

CREATE TABLE carer_link (
  id            TEXT PRIMARY KEY REFERENCES record (id),
  patient_id    TEXT NOT NULL REFERENCES record (id),
  carer_id      TEXT NOT NULL REFERENCES record (id),
  relationship  TEXT NOT NULL,
  ended_on      TEXT
) STRICT;
CREATE INDEX carer_link_patient ON carer_link (patient_id);
CREATE INDEX carer_link_carer ON carer_link (carer_id);

CREATE TABLE carer_consent (
  id           TEXT PRIMARY KEY REFERENCES record (id),
  patient_id   TEXT NOT NULL REFERENCES record (id),
  carer_id     TEXT NOT NULL REFERENCES record (id),
  status       TEXT NOT NULL,
  scope        TEXT,
  decided_on   TEXT NOT NULL,
  recorded_by  TEXT,
  review_date  TEXT
) STRICT;
CREATE INDEX carer_consent_pair ON carer_consent (patient_id, carer_id);

CREATE TABLE carer_share (
  id          TEXT PRIMARY KEY REFERENCES record (id),
  patient_id  TEXT NOT NULL REFERENCES record (id),
  carer_id    TEXT NOT NULL REFERENCES record (id),
  shared_on   TEXT NOT NULL,
  categories  TEXT NOT NULL,
  basis       TEXT,
  consent_id  TEXT,
  shared_by   TEXT
) STRICT;
CREATE INDEX carer_share_pair ON carer_share (patient_id, carer_id);

CREATE TABLE carer_assessment (
  id           TEXT PRIMARY KEY REFERENCES record (id),
  patient_id   TEXT REFERENCES record (id),
  carer_id     TEXT NOT NULL REFERENCES record (id),
  status       TEXT NOT NULL,
  offered_on   TEXT NOT NULL,
  assessed_on  TEXT,
  eligible     INTEGER NOT NULL DEFAULT 0,
  review_date  TEXT
) STRICT;
CREATE INDEX carer_assessment_carer ON carer_assessment (carer_id);

CREATE TABLE carer_involvement (
  id           TEXT PRIMARY KEY REFERENCES record (id),
  patient_id   TEXT REFERENCES record (id),
  carer_id     TEXT NOT NULL REFERENCES record (id),
  occurred_on  TEXT NOT NULL,
  involvement  TEXT NOT NULL
) STRICT;
CREATE INDEX carer_involvement_carer ON carer_involvement (carer_id);
