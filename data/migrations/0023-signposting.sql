-- Signposting as a record of its own (issue 21): where a person was
-- pointed (a service in the directory, or an organisation typed), when, by
-- whom and what they were given, for a liaison and diversion screening
-- whose outcome is signposting and for a referral that was declined or
-- redirected. Each is a revisioned record (kind "signposting"), projected
-- here for the screening's and the referral's pages. The free text a
-- declined referral's step carried before stays in that step.
CREATE TABLE signposting (
  id             TEXT PRIMARY KEY REFERENCES record (id),
  patient_id     TEXT REFERENCES record (id),
  source_id      TEXT NOT NULL REFERENCES record (id),
  service_id     TEXT,
  signposted_on  TEXT NOT NULL,
  signposted_by  TEXT NOT NULL
) STRICT;
CREATE INDEX signposting_source ON signposting (source_id, signposted_on);
