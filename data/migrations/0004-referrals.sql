-- Referrals: revisioned records (kind 'referral') whose whole pathway lives
-- in the revision JSON; this table is the current revision's projection for
-- lists and the pathway report, and can be rebuilt from `revision`.
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
CREATE INDEX referral_patient ON referral (patient_id);
CREATE INDEX referral_open ON referral (is_open, stage);

-- Letters attached to a referral: the PDF itself, its page count and its
-- text (extracted outside core, with Poppler) for search. Attachments are
-- added, never changed or removed.
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
CREATE INDEX referral_document_referral ON referral_document (referral_id);
CREATE TRIGGER referral_document_no_update BEFORE UPDATE ON referral_document
BEGIN
  SELECT RAISE (ABORT, 'referral documents are never changed');
END;
CREATE TRIGGER referral_document_no_delete BEFORE DELETE ON referral_document
BEGIN
  SELECT RAISE (ABORT, 'referral documents are never removed');
END;

CREATE VIRTUAL TABLE referral_document_fts USING fts5 (
  file_name, text,
  content = 'referral_document', content_rowid = 'rowid',
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER referral_document_fts_insert AFTER INSERT ON referral_document BEGIN
  INSERT INTO referral_document_fts (rowid, file_name, text) VALUES (new.rowid, new.file_name, new.text);
END;
