-- Kestrel: history that can't be rewritten unnoticed (issue 18).
--
-- From here on every access-log entry is hashed with keyed BLAKE2b under the
-- installation key, which lives outside the database (kes-installation-key.h):
-- someone with only the file can no longer recompute the chain. key_id names
-- the key an entry was hashed with (NULL: an entry of the unkeyed SHA-256
-- chain written before this migration).
--
-- A revision's entry also records the revision hash (kes-history-hash.h): its
-- record id, kind, patient, number, author, time, change kind, reason, state
-- and data. revision_author and revision_at hold the revision's own author and
-- time when they are not the entry's actor and time (history brought in by an
-- import), so `verify` can name what was changed.
--
-- The same transaction appends the seal (kes-store-chain-seal.c): the first
-- keyed entry, which follows on from the unkeyed chain's last entry and
-- records a digest of every revision written before it, so both stay
-- verifiable. The seal's record_id is the database's id, which anchors name.
ALTER TABLE audit ADD COLUMN revision_hash TEXT;
ALTER TABLE audit ADD COLUMN revision_author TEXT;
ALTER TABLE audit ADD COLUMN revision_at TEXT;
ALTER TABLE audit ADD COLUMN key_id TEXT;

-- Signed anchors of the chain's head (kes-anchor.h) written at each backup,
-- so that every backup carries the head as it stood when it was made.
-- Anchors also go outside the database (the anchor file, the system journal).
CREATE TABLE chain_anchor (
  seq     INTEGER NOT NULL,
  hash    TEXT NOT NULL,
  at      TEXT NOT NULL,
  anchor  TEXT NOT NULL
) STRICT;

CREATE TRIGGER chain_anchor_no_update BEFORE UPDATE ON chain_anchor
BEGIN
  SELECT RAISE (ABORT, 'anchors are append-only');
END;
CREATE TRIGGER chain_anchor_no_delete BEFORE DELETE ON chain_anchor
BEGIN
  SELECT RAISE (ABORT, 'anchors are append-only');
END;
