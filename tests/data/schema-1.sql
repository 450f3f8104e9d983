-- A database as Kestrel schema 1 wrote it: the frozen schema, then data.
-- Used by /store/migrates-old-database; never regenerate it from newer migrations.
BEGIN;
-- Kestrel schema 1: staff, teams, revisioned records, the patient register,
-- contacts and notes.
--
-- Every clinical record is a row in `record` (identity, current revision,
-- state) with its full history in `revision` (one JSON snapshot per
-- revision, never updated or deleted). The per-kind tables (patient,
-- contact, note) hold the current revision's values for querying; they
-- are derived and can be rebuilt from `revision`.

CREATE TABLE team (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
  created_at  TEXT NOT NULL
) STRICT;

INSERT INTO team (id, name, created_at) VALUES
  ('6a0c3f2e-6d6b-4f1e-9a51-6e0c6f1f0001', 'North', '2026-01-01T00:00:00Z'),
  ('6a0c3f2e-6d6b-4f1e-9a51-6e0c6f1f0002', 'South', '2026-01-01T00:00:00Z');

CREATE TABLE staff (
  id            TEXT PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name  TEXT NOT NULL,
  role_title    TEXT NOT NULL DEFAULT '',
  team_id       TEXT REFERENCES team (id),
  contact       TEXT NOT NULL DEFAULT '',
  created_at    TEXT NOT NULL,
  disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1))
) STRICT;

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
CREATE INDEX record_patient ON record (patient_id, kind);

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

-- History is append-only: the store never rewrites it, and neither may anyone else.
CREATE TRIGGER revision_no_update BEFORE UPDATE ON revision
BEGIN
  SELECT RAISE (ABORT, 'revisions are append-only');
END;
CREATE TRIGGER revision_no_delete BEFORE DELETE ON revision
BEGIN
  SELECT RAISE (ABORT, 'revisions are append-only');
END;

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
CREATE INDEX patient_nhs ON patient (nhs_number);
CREATE INDEX patient_mhcs ON patient (mhcs_reference);

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
CREATE INDEX contact_patient ON contact (patient_id, occurred_at);

CREATE TABLE note (
  rowid       INTEGER PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE REFERENCES record (id),
  patient_id  TEXT NOT NULL REFERENCES record (id),
  written_at  TEXT NOT NULL,
  title       TEXT NOT NULL DEFAULT '',
  body        TEXT NOT NULL,
  state       TEXT NOT NULL DEFAULT 'active'
) STRICT;
CREATE INDEX note_patient ON note (patient_id, written_at);

-- Full-text index over current notes; "zoe" matches "Zoë".
CREATE VIRTUAL TABLE note_fts USING fts5 (
  title, body,
  content = 'note', content_rowid = 'rowid',
  tokenize = 'unicode61 remove_diacritics 2'
);
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
INSERT INTO staff (id, username, display_name, role_title, team_id, contact, created_at)
  VALUES ('0d8e2a52-5a7e-4c35-9b57-2c3f3e9a0001', 'fixture.nurse', 'Fixture Nurse', 'CPN',
          '6a0c3f2e-6d6b-4f1e-9a51-6e0c6f1f0001', '', '2026-01-05T09:00:00Z');
INSERT INTO record (id, kind, patient_id, revision, state, created_at, created_by, updated_at, updated_by)
  VALUES ('7b1c9a10-2f2e-4c1a-8d55-3e8f2b6a0001', 'patient', NULL, 2, 'active', '2026-01-05T09:10:00Z',
          '0d8e2a52-5a7e-4c35-9b57-2c3f3e9a0001', '2026-02-01T11:00:00Z', '0d8e2a52-5a7e-4c35-9b57-2c3f3e9a0001');
INSERT INTO revision (record_id, revision, change, reason, author_id, at, data) VALUES
  ('7b1c9a10-2f2e-4c1a-8d55-3e8f2b6a0001', 1, 'create', NULL, '0d8e2a52-5a7e-4c35-9b57-2c3f3e9a0001', '2026-01-05T09:10:00Z',
   '{"family_name":"Fieldfare","given_name":"Ash","birth_date":"1979-06-02","nhs_number":"9434765870","gender":"1","ethnicity":"B","team_id":"6a0c3f2e-6d6b-4f1e-9a51-6e0c6f1f0001","aliases":[],"diagnoses":["F20.0"],"alerts":[]}'),
  ('7b1c9a10-2f2e-4c1a-8d55-3e8f2b6a0001', 2, 'edit', NULL, '0d8e2a52-5a7e-4c35-9b57-2c3f3e9a0001', '2026-02-01T11:00:00Z',
   '{"family_name":"Fieldfare","given_name":"Ash","birth_date":"1979-06-02","nhs_number":"9434765870","gender":"1","ethnicity":"B","team_id":"6a0c3f2e-6d6b-4f1e-9a51-6e0c6f1f0001","legal_status":"09","aliases":[],"diagnoses":["F20.0"],"alerts":[]}');
INSERT INTO patient (id, family_name, given_name, preferred_name, sort_name, birth_date, nhs_number, mhcs_reference, team_id, coordinator_id, legal_status)
  VALUES ('7b1c9a10-2f2e-4c1a-8d55-3e8f2b6a0001', 'Fieldfare', 'Ash', '', 'fieldfare ash', '1979-06-02', '9434765870', NULL,
          '6a0c3f2e-6d6b-4f1e-9a51-6e0c6f1f0001', NULL, '09');
INSERT INTO record (id, kind, patient_id, revision, state, created_at, created_by, updated_at, updated_by)
  VALUES ('7b1c9a10-2f2e-4c1a-8d55-3e8f2b6a0002', 'note', '7b1c9a10-2f2e-4c1a-8d55-3e8f2b6a0001', 1, 'active',
          '2026-02-01T11:05:00Z', '0d8e2a52-5a7e-4c35-9b57-2c3f3e9a0001', '2026-02-01T11:05:00Z', '0d8e2a52-5a7e-4c35-9b57-2c3f3e9a0001');
INSERT INTO revision (record_id, revision, change, reason, author_id, at, data) VALUES
  ('7b1c9a10-2f2e-4c1a-8d55-3e8f2b6a0002', 1, 'create', NULL, '0d8e2a52-5a7e-4c35-9b57-2c3f3e9a0001', '2026-02-01T11:05:00Z',
   '{"written_at":"2026-02-01T11:05:00Z","title":"Clinic","body":"Depot given at clinic; no side effects reported."}');
INSERT INTO note (id, patient_id, written_at, title, body)
  VALUES ('7b1c9a10-2f2e-4c1a-8d55-3e8f2b6a0002', '7b1c9a10-2f2e-4c1a-8d55-3e8f2b6a0001', '2026-02-01T11:05:00Z', 'Clinic',
          'Depot given at clinic; no side effects reported.');
PRAGMA user_version = 1;
COMMIT;
