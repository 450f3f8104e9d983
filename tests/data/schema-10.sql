-- A database as Kestrel schema 10 wrote it (kestrel-cli at main 773a256): the national
-- numbers, a crisis line added and edited, the two teams and the access log of both.
-- Used by /concurrency/migrates-schema-10 (migration 0011: revisions for the service
-- directory and teams); never regenerate it from newer migrations.
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE team (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
  created_at  TEXT NOT NULL
) STRICT;
INSERT INTO team VALUES('6a0c3f2e-6d6b-4f1e-9a51-6e0c6f1f0001','North','2026-01-01T00:00:00Z');
INSERT INTO team VALUES('6a0c3f2e-6d6b-4f1e-9a51-6e0c6f1f0002','South','2026-01-01T00:00:00Z');
CREATE TABLE staff (
  id            TEXT PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name  TEXT NOT NULL,
  role_title    TEXT NOT NULL DEFAULT '',
  team_id       TEXT REFERENCES team (id),
  contact       TEXT NOT NULL DEFAULT '',
  created_at    TEXT NOT NULL,
  disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1))
, password_hash TEXT, roles TEXT NOT NULL DEFAULT '', failed_attempts INTEGER NOT NULL DEFAULT 0, locked_until TEXT) STRICT;
INSERT INTO staff VALUES('01a24f1b-e27e-700c-abbd-e90a83f99043','admin','admin','',NULL,'','2026-12-07T06:05:57Z',0,NULL,'',0,NULL);
CREATE TABLE record (
  id          TEXT PRIMARY KEY,
  kind        TEXT NOT NULL,
  patient_id  TEXT REFERENCES record (id),
  revision    INTEGER NOT NULL CHECK (revision >= 1),
  state       TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'entered-in-error')),
  created_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL REFERENCES staff (id),
  updated_at  TEXT NOT NULL,
  updated_by  TEXT NOT NULL REFERENCES staff (id)
) STRICT;
CREATE TABLE revision (
  record_id  TEXT NOT NULL REFERENCES record (id),
  revision   INTEGER NOT NULL CHECK (revision >= 1),
  change     TEXT NOT NULL CHECK (change IN ('create', 'edit', 'correction', 'entered-in-error')),
  reason     TEXT,
  author_id  TEXT NOT NULL REFERENCES staff (id),
  at         TEXT NOT NULL,
  data       TEXT NOT NULL CHECK (json_valid (data)),
  PRIMARY KEY (record_id, revision)
) STRICT, WITHOUT ROWID;
CREATE TABLE patient (
  id              TEXT PRIMARY KEY REFERENCES record (id),
  family_name     TEXT NOT NULL,
  given_name      TEXT NOT NULL DEFAULT '',
  preferred_name  TEXT NOT NULL DEFAULT '',
  sort_name       TEXT NOT NULL,
  birth_date      TEXT,
  nhs_number      TEXT,
  mhcs_reference  TEXT,
  team_id         TEXT REFERENCES team (id),
  coordinator_id  TEXT REFERENCES staff (id),
  legal_status    TEXT
) STRICT;
CREATE TABLE contact (
  id                TEXT PRIMARY KEY REFERENCES record (id),
  patient_id        TEXT NOT NULL REFERENCES record (id),
  occurred_at       TEXT NOT NULL,
  contact_type      TEXT NOT NULL,
  with_whom         TEXT NOT NULL DEFAULT '',
  location          TEXT NOT NULL DEFAULT '',
  duration_minutes  INTEGER NOT NULL DEFAULT 0,
  summary           TEXT NOT NULL DEFAULT '',
  state             TEXT NOT NULL DEFAULT 'active'
) STRICT;
CREATE TABLE note (
  rowid       INTEGER PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE REFERENCES record (id),
  patient_id  TEXT NOT NULL REFERENCES record (id),
  written_at  TEXT NOT NULL,
  title       TEXT NOT NULL DEFAULT '',
  body        TEXT NOT NULL,
  state       TEXT NOT NULL DEFAULT 'active'
) STRICT;
PRAGMA writable_schema=ON;
INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table','note_fts','note_fts',0,'CREATE VIRTUAL TABLE note_fts USING fts5 (
  title, body,
  content = ''note'', content_rowid = ''rowid'',
  tokenize = ''unicode61 remove_diacritics 2''
)');
CREATE TABLE IF NOT EXISTS 'note_fts_data'(id INTEGER PRIMARY KEY, block BLOB);
INSERT INTO note_fts_data VALUES(1,X'');
INSERT INTO note_fts_data VALUES(10,X'00000000000000');
CREATE TABLE IF NOT EXISTS 'note_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS 'note_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
CREATE TABLE IF NOT EXISTS 'note_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;
INSERT INTO note_fts_config VALUES('version',4);
CREATE TABLE audit (
  seq          INTEGER PRIMARY KEY,
  at           TEXT NOT NULL,
  actor_id     TEXT REFERENCES staff (id),
  action       TEXT NOT NULL,
  record_id    TEXT,
  patient_id   TEXT,
  revision     INTEGER,
  data_hash    TEXT,
  summary      TEXT NOT NULL DEFAULT '',
  prev_hash    TEXT NOT NULL,
  hash         TEXT NOT NULL
) STRICT;
INSERT INTO audit VALUES(1,'2026-12-07T06:05:57Z','01a24f1b-e27e-700c-abbd-e90a83f99043','create','01a24f1b-e27f-73b6-9f25-74ca17e6de1e',NULL,NULL,NULL,'service directory','0000000000000000000000000000000000000000000000000000000000000000','733cd32a859b8558ee7b932755665e936f311d441250fc4b784bfea1ea9d6117');
INSERT INTO audit VALUES(2,'2026-12-07T06:05:57Z','01a24f1b-e27e-700c-abbd-e90a83f99043','change','01a24f1b-e27f-73b6-9f25-74ca17e6de1e',NULL,NULL,NULL,'service directory','733cd32a859b8558ee7b932755665e936f311d441250fc4b784bfea1ea9d6117','90284b364048dcc4a2299a0d2557585d631277517e2e1b23ee4b4ee64d082a20');
CREATE TABLE referral (
  id             TEXT PRIMARY KEY REFERENCES record (id),
  patient_id     TEXT NOT NULL REFERENCES record (id),
  referral_date  TEXT NOT NULL,
  source         TEXT NOT NULL,
  area           TEXT NOT NULL,
  security_level TEXT,
  unit           TEXT,
  stage          TEXT NOT NULL,
  stage_since    TEXT NOT NULL,
  is_open        INTEGER NOT NULL CHECK (is_open IN (0, 1))
) STRICT;
CREATE TABLE referral_document (
  id           TEXT PRIMARY KEY,
  referral_id  TEXT NOT NULL REFERENCES record (id),
  patient_id   TEXT NOT NULL REFERENCES record (id),
  file_name    TEXT NOT NULL,
  added_at     TEXT NOT NULL,
  added_by     TEXT NOT NULL REFERENCES staff (id),
  page_count   INTEGER NOT NULL CHECK (page_count >= 0),
  size         INTEGER NOT NULL,
  sha256       TEXT NOT NULL,
  content      BLOB NOT NULL,
  text         TEXT NOT NULL DEFAULT ''
) STRICT;
INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table','referral_document_fts','referral_document_fts',0,'CREATE VIRTUAL TABLE referral_document_fts USING fts5 (
  file_name, text,
  content = ''referral_document'', content_rowid = ''rowid'',
  tokenize = ''unicode61 remove_diacritics 2''
)');
CREATE TABLE IF NOT EXISTS 'referral_document_fts_data'(id INTEGER PRIMARY KEY, block BLOB);
INSERT INTO referral_document_fts_data VALUES(1,X'');
INSERT INTO referral_document_fts_data VALUES(10,X'00000000000000');
CREATE TABLE IF NOT EXISTS 'referral_document_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS 'referral_document_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
CREATE TABLE IF NOT EXISTS 'referral_document_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;
INSERT INTO referral_document_fts_config VALUES('version',4);
CREATE TABLE tool_definition (
  tool_id      TEXT NOT NULL,
  version      TEXT NOT NULL,
  def_version  INTEGER NOT NULL CHECK (def_version >= 1),
  title        TEXT NOT NULL,
  xml          TEXT NOT NULL,
  sha256       TEXT NOT NULL,
  imported_at  TEXT NOT NULL,
  imported_by  TEXT NOT NULL REFERENCES staff (id),
  PRIMARY KEY (tool_id, version, def_version)
) STRICT;
CREATE TABLE risk_assessment (
  id             TEXT PRIMARY KEY REFERENCES record (id),
  patient_id     TEXT NOT NULL REFERENCES record (id),
  tool_id        TEXT NOT NULL,
  tool_version   TEXT NOT NULL,
  def_version    INTEGER NOT NULL,
  status         TEXT NOT NULL CHECK (status IN ('draft', 'completed')),
  assessed_on    TEXT NOT NULL,
  completed_by   TEXT,
  supervised_by  TEXT,
  mdt_reviewed_on TEXT,
  next_review_on TEXT,
  state          TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'entered-in-error'))
) STRICT;
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
CREATE TABLE carer_involvement (
  id           TEXT PRIMARY KEY REFERENCES record (id),
  patient_id   TEXT REFERENCES record (id),
  carer_id     TEXT NOT NULL REFERENCES record (id),
  occurred_on  TEXT NOT NULL,
  involvement  TEXT NOT NULL
) STRICT;
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
INSERT INTO service VALUES('01a24f1b-e278-72cf-87e5-8b6b59e8710e','Emergency services','emergency','','{"name":"Emergency services","kind":"emergency","office_hours":"24 hours","general_phone":"999","urgent_phone":"999","crisis_phone":"999","notes":"When life is at risk."}',0,'2026-12-07T06:05:57Z',NULL);
INSERT INTO service VALUES('01a24f1b-e278-72d0-a97d-4ba9b5f062c7','NHS 111 (mental health option)','helpline','','{"name":"NHS 111 (mental health option)","kind":"helpline","office_hours":"24 hours","general_phone":"111","urgent_phone":"111","crisis_phone":"111","notes":"Urgent mental health help in England: call 111 and choose the mental health option."}',0,'2026-12-07T06:05:57Z',NULL);
INSERT INTO service VALUES('01a24f1b-e278-72d1-96cd-4c17d5be94b1','Samaritans','helpline','','{"name":"Samaritans","kind":"helpline","office_hours":"24 hours","general_phone":"116 123","urgent_phone":"116 123","crisis_phone":"116 123","notes":"Free to call from any phone."}',0,'2026-12-07T06:05:57Z',NULL);
INSERT INTO service VALUES('01a24f1b-e278-72d2-9168-ad1ff38a71be','National Domestic Abuse Helpline','helpline','','{"name":"National Domestic Abuse Helpline","kind":"helpline","office_hours":"24 hours","general_phone":"0808 2000 247","urgent_phone":"0808 2000 247","crisis_phone":"0808 2000 247"}',0,'2026-12-07T06:05:57Z',NULL);
INSERT INTO service VALUES('01a24f1b-e278-72d3-a5ea-39fdd2656fdf','Carers UK Helpline','helpline','','{"name":"Carers UK Helpline","kind":"helpline","general_phone":"0808 808 7777","notes":"Advice for carers."}',0,'2026-12-07T06:05:57Z',NULL);
INSERT INTO service VALUES('01a24f1b-e27f-73b6-9f25-74ca17e6de1e','Norfolk crisis line','crisis','Norfolk','{"name":"Norfolk crisis line","kind":"crisis","area":"Norfolk","office_hours":"24 hours","crisis_phone":"0800 000 0002"}',0,'2026-12-07T06:05:57Z','01a24f1b-e27e-700c-abbd-e90a83f99043');
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
CREATE TABLE moj_record (
  id          TEXT PRIMARY KEY REFERENCES record (id),
  patient_id  TEXT NOT NULL REFERENCES record (id),
  kind        TEXT NOT NULL,
  sort_date   TEXT NOT NULL DEFAULT '',
  data        TEXT NOT NULL CHECK (json_valid (data))
) STRICT;
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
CREATE TABLE depot_dose (
  id               TEXT PRIMARY KEY REFERENCES record (id),
  patient_id       TEXT NOT NULL REFERENCES record (id),
  prescription_id  TEXT NOT NULL REFERENCES record (id),
  given_on         TEXT NOT NULL,
  outcome          TEXT NOT NULL CHECK (outcome IN ('given', 'refused', 'missed', 'deferred'))
) STRICT;
CREATE TABLE fbc_result (
  id           TEXT PRIMARY KEY REFERENCES record (id),
  patient_id   TEXT NOT NULL REFERENCES record (id),
  taken_on     TEXT NOT NULL,
  wbc          REAL NOT NULL,
  neutrophils  REAL NOT NULL,
  light        TEXT NOT NULL CHECK (light IN ('green', 'amber', 'red'))
) STRICT;
CREATE TABLE lithium_level (
  id          TEXT PRIMARY KEY REFERENCES record (id),
  patient_id  TEXT NOT NULL REFERENCES record (id),
  taken_on    TEXT NOT NULL,
  level       REAL NOT NULL
) STRICT;
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
CREATE TABLE cpa_review (
  id             TEXT PRIMARY KEY REFERENCES record (id),
  patient_id     TEXT NOT NULL REFERENCES record (id),
  status         TEXT NOT NULL CHECK (status IN ('scheduled', 'held', 'validated', 'cancelled')),
  scheduled_for  TEXT NOT NULL,
  held_on        TEXT,
  validated_on   TEXT
) STRICT;
CREATE TABLE care_plan (
  id           TEXT PRIMARY KEY REFERENCES record (id),
  patient_id   TEXT NOT NULL REFERENCES record (id),
  start_date   TEXT NOT NULL,
  review_date  TEXT NOT NULL,
  s117_status  TEXT NOT NULL
) STRICT;
CREATE TABLE crisis_plan (
  id          TEXT PRIMARY KEY REFERENCES record (id),
  patient_id  TEXT NOT NULL REFERENCES record (id),
  agreed_on   TEXT NOT NULL
) STRICT;
CREATE INDEX record_patient ON record (patient_id, kind);
CREATE TRIGGER revision_no_update BEFORE UPDATE ON revision
BEGIN
  SELECT RAISE (ABORT, 'revisions are append-only');
END;
CREATE TRIGGER revision_no_delete BEFORE DELETE ON revision
BEGIN
  SELECT RAISE (ABORT, 'revisions are append-only');
END;
CREATE INDEX patient_nhs ON patient (nhs_number);
CREATE INDEX patient_mhcs ON patient (mhcs_reference);
CREATE INDEX contact_patient ON contact (patient_id, occurred_at);
CREATE INDEX note_patient ON note (patient_id, written_at);
CREATE TRIGGER note_fts_insert AFTER INSERT ON note BEGIN
  INSERT INTO note_fts (rowid, title, body) VALUES (new.rowid, new.title, new.body);
END;
CREATE TRIGGER note_fts_delete AFTER DELETE ON note BEGIN
  INSERT INTO note_fts (note_fts, rowid, title, body) VALUES ('delete', old.rowid, old.title, old.body);
END;
CREATE TRIGGER note_fts_update AFTER UPDATE ON note BEGIN
  INSERT INTO note_fts (note_fts, rowid, title, body) VALUES ('delete', old.rowid, old.title, old.body);
  INSERT INTO note_fts (rowid, title, body) VALUES (new.rowid, new.title, new.body);
END;
CREATE INDEX patient_sort ON patient (sort_name);
CREATE INDEX patient_team ON patient (team_id, coordinator_id);
CREATE INDEX staff_team ON staff (team_id);
CREATE INDEX audit_patient ON audit (patient_id, at);
CREATE INDEX audit_record ON audit (record_id, revision);
CREATE INDEX audit_at ON audit (at);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
  SELECT RAISE (ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
  SELECT RAISE (ABORT, 'the audit log is append-only');
END;
CREATE INDEX referral_patient ON referral (patient_id);
CREATE INDEX referral_open ON referral (is_open, stage);
CREATE INDEX referral_document_referral ON referral_document (referral_id);
CREATE TRIGGER referral_document_no_update BEFORE UPDATE ON referral_document
BEGIN
  SELECT RAISE (ABORT, 'referral documents are never changed');
END;
CREATE TRIGGER referral_document_no_delete BEFORE DELETE ON referral_document
BEGIN
  SELECT RAISE (ABORT, 'referral documents are never removed');
END;
CREATE TRIGGER referral_document_fts_insert AFTER INSERT ON referral_document BEGIN
  INSERT INTO referral_document_fts (rowid, file_name, text) VALUES (new.rowid, new.file_name, new.text);
END;
CREATE INDEX risk_assessment_patient ON risk_assessment (patient_id, assessed_on);
CREATE INDEX risk_assessment_review ON risk_assessment (next_review_on) WHERE status = 'completed';
CREATE INDEX carer_link_patient ON carer_link (patient_id);
CREATE INDEX carer_link_carer ON carer_link (carer_id);
CREATE INDEX carer_consent_pair ON carer_consent (patient_id, carer_id);
CREATE INDEX carer_share_pair ON carer_share (patient_id, carer_id);
CREATE INDEX carer_assessment_carer ON carer_assessment (carer_id);
CREATE INDEX carer_involvement_carer ON carer_involvement (carer_id);
CREATE INDEX service_area ON service (area);
CREATE INDEX ld_screening_date ON ld_screening (screened_on);
CREATE INDEX moj_record_patient ON moj_record (patient_id, kind, sort_date);
CREATE INDEX moj_record_kind ON moj_record (kind);
CREATE INDEX prescription_patient ON prescription (patient_id);
CREATE INDEX prescription_category ON prescription (category, patient_id);
CREATE INDEX depot_dose_prescription ON depot_dose (prescription_id, outcome, given_on);
CREATE INDEX depot_dose_patient ON depot_dose (patient_id, given_on);
CREATE INDEX fbc_result_patient ON fbc_result (patient_id, taken_on);
CREATE INDEX lithium_level_patient ON lithium_level (patient_id, taken_on);
CREATE INDEX physical_health_patient ON physical_health (patient_id, taken_on);
CREATE INDEX cpa_review_patient ON cpa_review (patient_id, scheduled_for);
CREATE INDEX care_plan_patient ON care_plan (patient_id, start_date);
CREATE INDEX crisis_plan_patient ON crisis_plan (patient_id, agreed_on);
PRAGMA writable_schema=OFF;
PRAGMA user_version = 10;
COMMIT;
