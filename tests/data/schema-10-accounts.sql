-- A database as Kestrel schema 10 wrote it (made with kestrel-cli from the code of
-- January 2027, before accounts were required): the frozen schema, then data.
-- Used by /accounts/migrates-legacy-accounts; never regenerate it from newer migrations.
-- Staff: root (added by naming it on the command line: no password, no roles), legacy
-- (a password, no roles), admin (administrator), carer (carers-liaison), olduser
-- (no password, disabled). One patient, 943 476 5870, in team North.
-- Passwords: legacy river-stone-lantern-42, admin cedar-pebble-harbour-77,
-- carer maple-brook-orchard-31.
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
INSERT INTO staff VALUES('01a24f1c-f15d-713d-aea6-2377841fcaf6','root','root','',NULL,'','2026-12-07T06:07:06Z',0,NULL,'',0,NULL);
INSERT INTO staff VALUES('01a24f1c-f16e-73f0-b95b-520ecc466b92','legacy','legacy','',NULL,'','2026-12-07T06:07:06Z',0,'$argon2id$v=19$m=65536,t=2,p=1$FoOPx+y2XQEMI1kdcVNrwA$S6LT2+Z7zJKLs3qR3foawwcNcibTFYdI3Bu7VM3zEVQ','',0,NULL);
INSERT INTO staff VALUES('01a24f1c-f17c-70bc-bedf-a52671d800aa','admin','admin','',NULL,'','2026-12-07T06:07:06Z',0,'$argon2id$v=19$m=65536,t=2,p=1$7vyba+El/0Yn2u5tOZEdWA$cuPqZdaa9KaY0zMk9EAVE3Ez/m5EKCKs3rtmVuN4+Og','administrator',0,NULL);
INSERT INTO staff VALUES('01a24f1c-f18a-736c-923c-568bea93e9d4','carer','carer','',NULL,'','2026-12-07T06:07:06Z',0,'$argon2id$v=19$m=65536,t=2,p=1$ZMUUthZJTVmMnFGi1Sa0ZQ$ZJgfXG0zPb85QhiEw2pDGu+WADE2uXUIBSk8+A5vlfI','carers-liaison',0,NULL);
INSERT INTO staff VALUES('01a24f1c-f196-73f3-8363-64507e9e2f7f','olduser','olduser','',NULL,'','2026-12-07T06:07:06Z',1,NULL,'',0,NULL);
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
INSERT INTO record VALUES('01a24f1c-f15e-707c-b0da-a63c2d7bc7eb','patient',NULL,1,'active','2026-12-07T06:07:06Z','01a24f1c-f15d-713d-aea6-2377841fcaf6','2026-12-07T06:07:06Z','01a24f1c-f15d-713d-aea6-2377841fcaf6');
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
INSERT INTO revision VALUES('01a24f1c-f15e-707c-b0da-a63c2d7bc7eb',1,'create',NULL,'01a24f1c-f15d-713d-aea6-2377841fcaf6','2026-12-07T06:07:06Z','{"family_name":"Fieldfare","given_name":"Ash","preferred_name":"","birth_date":"1979-06-02","nhs_number":"9434765870","mhcs_reference":"","gender":"1","ethnicity":"B","address":"","postcode":"","phone":"","gp_practice":"","team_id":"6a0c3f2e-6d6b-4f1e-9a51-6e0c6f1f0001","coordinator_id":"","clinician_id":"","supervisor_id":"","diagnosis_notes":"","legal_status":"","mappa_category":"","mappa_level":"","referral_date":"","age_override_reason":"","aliases":[],"diagnoses":[],"alerts":[]}');
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
INSERT INTO patient VALUES('01a24f1c-f15e-707c-b0da-a63c2d7bc7eb','Fieldfare','Ash','','fieldfare ash','1979-06-02','9434765870',NULL,'6a0c3f2e-6d6b-4f1e-9a51-6e0c6f1f0001',NULL,NULL);
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
INSERT INTO audit VALUES(1,'2026-12-07T06:07:06Z','01a24f1c-f15d-713d-aea6-2377841fcaf6','create','01a24f1c-f15e-707c-b0da-a63c2d7bc7eb','01a24f1c-f15e-707c-b0da-a63c2d7bc7eb',1,'db1f40b882100e883e28016055d2b991c2bae7ff7ad9f94aa5422b6071a73d90','patient','0000000000000000000000000000000000000000000000000000000000000000','cdadde782148735fbf95bd6a52aa1fef7a041285601c756e85bedaa9dc80c5b3');
INSERT INTO audit VALUES(2,'2026-12-07T06:07:06Z','01a24f1c-f15d-713d-aea6-2377841fcaf6','account',NULL,NULL,NULL,NULL,'password set for legacy','cdadde782148735fbf95bd6a52aa1fef7a041285601c756e85bedaa9dc80c5b3','ff82a9b68cdd11217ed0c9078f1baa4bd1cd98e7ea908127b16d9505630ccec6');
INSERT INTO audit VALUES(3,'2026-12-07T06:07:06Z','01a24f1c-f15d-713d-aea6-2377841fcaf6','account',NULL,NULL,NULL,NULL,'password set for admin','ff82a9b68cdd11217ed0c9078f1baa4bd1cd98e7ea908127b16d9505630ccec6','ce47801cb8a0d1caf82c84f59ecdf1bed294a057c57701fe39d4411d5c18b61f');
INSERT INTO audit VALUES(4,'2026-12-07T06:07:06Z','01a24f1c-f15d-713d-aea6-2377841fcaf6','account',NULL,NULL,NULL,NULL,'password set for carer','ce47801cb8a0d1caf82c84f59ecdf1bed294a057c57701fe39d4411d5c18b61f','a730196bb2b85fabc81732d133b8dc2b40230911f722ee51f8c40a96df5767bf');
INSERT INTO audit VALUES(5,'2026-12-07T06:07:06Z','01a24f1c-f15d-713d-aea6-2377841fcaf6','account',NULL,NULL,NULL,NULL,'roles of admin: administrator','a730196bb2b85fabc81732d133b8dc2b40230911f722ee51f8c40a96df5767bf','60bd4c0d4476fbba864415490d3b890bd007a8fa13e731790992988182437a1a');
INSERT INTO audit VALUES(6,'2026-12-07T06:07:06Z','01a24f1c-f15d-713d-aea6-2377841fcaf6','account',NULL,NULL,NULL,NULL,'roles of carer: carers-liaison','60bd4c0d4476fbba864415490d3b890bd007a8fa13e731790992988182437a1a','12de660bf6c0b5a0dfd3acdfc29117fa1ba3bab09f82498165ba7a1b88c45f44');
INSERT INTO audit VALUES(7,'2026-12-07T06:07:06Z','01a24f1c-f15d-713d-aea6-2377841fcaf6','account',NULL,NULL,NULL,NULL,'disabled olduser','12de660bf6c0b5a0dfd3acdfc29117fa1ba3bab09f82498165ba7a1b88c45f44','5fabbbffd4d5946e464821542c3c297b0775e2304fe1e502f5dd0c43cfa90fd8');
INSERT INTO audit VALUES(8,'2026-12-07T06:07:07Z','01a24f1c-f17c-70bc-bedf-a52671d800aa','sign-in',NULL,NULL,NULL,NULL,'','5fabbbffd4d5946e464821542c3c297b0775e2304fe1e502f5dd0c43cfa90fd8','cf3bbfec2f68bdf8c9bf63f8d5451852041e1b0c457a68e9245e4ee9d15c4232');
INSERT INTO audit VALUES(9,'2026-12-07T06:07:07Z','01a24f1c-f17c-70bc-bedf-a52671d800aa','view',NULL,NULL,NULL,NULL,'access log','cf3bbfec2f68bdf8c9bf63f8d5451852041e1b0c457a68e9245e4ee9d15c4232','9b81a92d6d22a950c2f9a5a520aacdffe3043572bc47e8481c1850d4fc74e143');
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
INSERT INTO service VALUES('01a24f1c-f159-726f-9b18-7920fc9ab06e','Emergency services','emergency','','{"name":"Emergency services","kind":"emergency","office_hours":"24 hours","general_phone":"999","urgent_phone":"999","crisis_phone":"999","notes":"When life is at risk."}',0,'2026-12-07T06:07:06Z',NULL);
INSERT INTO service VALUES('01a24f1c-f15a-73c9-b9ae-ece873762b54','NHS 111 (mental health option)','helpline','','{"name":"NHS 111 (mental health option)","kind":"helpline","office_hours":"24 hours","general_phone":"111","urgent_phone":"111","crisis_phone":"111","notes":"Urgent mental health help in England: call 111 and choose the mental health option."}',0,'2026-12-07T06:07:06Z',NULL);
INSERT INTO service VALUES('01a24f1c-f15a-73ca-bbd4-947ab2e8675c','Samaritans','helpline','','{"name":"Samaritans","kind":"helpline","office_hours":"24 hours","general_phone":"116 123","urgent_phone":"116 123","crisis_phone":"116 123","notes":"Free to call from any phone."}',0,'2026-12-07T06:07:06Z',NULL);
INSERT INTO service VALUES('01a24f1c-f15a-73cb-9ba9-ca8bb91a78ec','National Domestic Abuse Helpline','helpline','','{"name":"National Domestic Abuse Helpline","kind":"helpline","office_hours":"24 hours","general_phone":"0808 2000 247","urgent_phone":"0808 2000 247","crisis_phone":"0808 2000 247"}',0,'2026-12-07T06:07:06Z',NULL);
INSERT INTO service VALUES('01a24f1c-f15a-73cc-9c13-0c0179367b49','Carers UK Helpline','helpline','','{"name":"Carers UK Helpline","kind":"helpline","general_phone":"0808 808 7777","notes":"Advice for carers."}',0,'2026-12-07T06:07:06Z',NULL);
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
