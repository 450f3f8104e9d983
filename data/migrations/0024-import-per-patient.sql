-- Imported history audited per patient (issue 17, item 6). An import of a
-- patient's case record writes one access-log entry (action 'import'),
-- whose revision_hash is a digest over the hashes of every revision that
-- import brought, in (record id, revision) order, with where they came
-- from (kes-history-hash.h, kes_import_digest_*). Before this, each
-- imported revision had its own entry and its own revision_import row.
--
-- `patient_import` is the provenance of one such import: who imported it,
-- when, from which file (the file's export time), and the access-log entry
-- that vouches for it. Each revision it brought names it in
-- revision.import_id, so "recorded by X at Y in <source>, imported by Z on
-- D" is still shown per revision. `verify` recomputes the digest of every
-- import from the revisions naming it (kes-store-verify-imports.c): a
-- revision changed, added, removed or renumbered, or its provenance
-- changed, no longer matches the entry, which the chain protects.
-- Revisions imported before this migration keep their own entries and
-- revision_import rows and are checked as before.
CREATE TABLE patient_import (
  id           INTEGER PRIMARY KEY,
  patient_id   TEXT NOT NULL,
  audit_seq    INTEGER NOT NULL UNIQUE,
  imported_by  TEXT NOT NULL REFERENCES staff (id),
  imported_at  TEXT NOT NULL,
  source       TEXT NOT NULL
) STRICT;

CREATE TRIGGER patient_import_no_update BEFORE UPDATE ON patient_import
BEGIN
  SELECT RAISE (ABORT, 'provenance is append-only');
END;
CREATE TRIGGER patient_import_no_delete BEFORE DELETE ON patient_import
BEGIN
  SELECT RAISE (ABORT, 'provenance is append-only');
END;

-- No REFERENCES: the import's row is written after its revisions (it
-- names the entry written last); `verify` reports a revision naming an
-- import that does not exist.
ALTER TABLE revision ADD COLUMN import_id INTEGER;
