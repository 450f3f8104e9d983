-- Kestrel schema: the database's own identity.
--
-- A random id made once, when the database is created or first brought up to
-- this schema, and kept by every backup and restore of it: the automatic
-- daily backup, the Backups page and keep-N rotation are per database (a
-- second database opened the same day gets its own backup, and a backup
-- folder never lists or removes another database's backups). Backup files
-- record it in their header or trailer (see kes-backup-format.h).

CREATE TABLE database_identity (
  singleton  INTEGER PRIMARY KEY CHECK (singleton = 1),
  id         TEXT NOT NULL CHECK (length (id) = 32 AND id NOT GLOB '*[^0-9a-f]*')
) STRICT;

INSERT INTO database_identity (singleton, id) VALUES (1, lower (hex (randomblob (16))));

CREATE TRIGGER database_identity_no_update BEFORE UPDATE ON database_identity
BEGIN
  SELECT RAISE (ABORT, 'a database keeps its identity');
END;
CREATE TRIGGER database_identity_no_delete BEFORE DELETE ON database_identity
BEGIN
  SELECT RAISE (ABORT, 'a database keeps its identity');
END;
