-- Kestrel: authors recorded elsewhere, and where imported history came from
-- (issue 17).
--
-- A case record imported from a file names the staff who wrote it in
-- another database. They get a staff row (revisions and the register refer
-- to staff by id) marked `recorded_elsewhere` with the file they came from,
-- and are never accounts: the user name they had at the source is kept in
-- `source_username`, their user name here is "~" and their id (so no one
-- named in a file takes or shadows a user name of this database), and the
-- triggers below keep them without password and roles for good.
--
-- `revision_import` is the provenance of every imported revision: who
-- imported it, when, and from which file (the file's export time). The
-- revision itself keeps the author and time it was written with, so the
-- history reads "recorded by X at Y in <source>, imported by Z on D" and an
-- export of it is byte for byte the file it came from.

ALTER TABLE staff ADD COLUMN recorded_elsewhere TEXT;
ALTER TABLE staff ADD COLUMN source_username TEXT;

CREATE TRIGGER staff_elsewhere_never_signs_in_insert BEFORE INSERT ON staff
WHEN NEW.recorded_elsewhere IS NOT NULL AND (NEW.password_hash IS NOT NULL OR NEW.roles <> '')
BEGIN
  SELECT RAISE (ABORT, 'an author recorded elsewhere is never an account');
END;
CREATE TRIGGER staff_elsewhere_never_signs_in_update
BEFORE UPDATE OF password_hash, roles, recorded_elsewhere ON staff
WHEN OLD.recorded_elsewhere IS NOT NULL
 AND (NEW.recorded_elsewhere IS NULL OR NEW.password_hash IS NOT NULL OR NEW.roles <> '')
BEGIN
  SELECT RAISE (ABORT, 'an author recorded elsewhere is never an account');
END;

CREATE TABLE revision_import (
  record_id    TEXT NOT NULL,
  revision     INTEGER NOT NULL,
  imported_by  TEXT NOT NULL REFERENCES staff (id),
  imported_at  TEXT NOT NULL,
  source       TEXT NOT NULL,
  PRIMARY KEY (record_id, revision),
  FOREIGN KEY (record_id, revision) REFERENCES revision (record_id, revision)
) STRICT, WITHOUT ROWID;

CREATE TRIGGER revision_import_no_update BEFORE UPDATE ON revision_import
BEGIN
  SELECT RAISE (ABORT, 'provenance is append-only');
END;
CREATE TRIGGER revision_import_no_delete BEFORE DELETE ON revision_import
BEGIN
  SELECT RAISE (ABORT, 'provenance is append-only');
END;
