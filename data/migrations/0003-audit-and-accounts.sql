-- Kestrel schema 3: the audit log, and sign-in accounts with roles.
--
-- `audit` is append-only and hash-chained: each entry's hash is SHA-256 over
-- its own fields and the previous entry's hash (computed by the store, see
-- kes-store-audit.c), so an altered, removed or inserted entry breaks the
-- chain. An entry that records a revision write also carries the SHA-256 of
-- that revision's data, so an edited revision is found out too. Summaries
-- never hold clinical content: only what happened, to which record.

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

-- Accounts: an argon2id password hash (libsodium's crypto_pwhash_str
-- format), roles as a space-separated list of role names (see
-- kes-permissions.h), and sign-in throttling.
ALTER TABLE staff ADD COLUMN password_hash TEXT;
ALTER TABLE staff ADD COLUMN roles TEXT NOT NULL DEFAULT '';
ALTER TABLE staff ADD COLUMN failed_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE staff ADD COLUMN locked_until TEXT;
