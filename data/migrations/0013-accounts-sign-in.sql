-- Kestrel: accounts that only their owner can use (issue 16).
--
-- No account acts without a password: an account that has none (added by
-- naming it on the command line, or from before accounts) cannot sign in
-- until an administrator gives it a one-time password, which its owner must
-- change at the first sign-in (must_change_password).
--
-- Account changes made by administrators are versioned like records: each
-- one advances `revision` and records who made it and when, so a change made
-- from a stale view of the account is refused, naming who changed it since.
-- Sign-in bookkeeping (failures, locks, last sign-in) does not advance it.

ALTER TABLE staff ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0
  CHECK (must_change_password IN (0, 1));
ALTER TABLE staff ADD COLUMN last_sign_in_at TEXT;
ALTER TABLE staff ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
ALTER TABLE staff ADD COLUMN changed_at TEXT;
ALTER TABLE staff ADD COLUMN changed_by TEXT REFERENCES staff (id);

UPDATE staff SET password_hash = NULL WHERE password_hash = '';
UPDATE staff SET must_change_password = 1 WHERE password_hash IS NULL;
UPDATE staff SET last_sign_in_at =
  (SELECT max (at) FROM audit WHERE audit.actor_id = staff.id AND audit.action = 'sign-in');
