-- Restricted patients (issue 7): legal status history, index offences,
-- conditions of discharge, change-of-address and late notices,
-- change-of-conditions applications and Ministry of Justice reports.
-- One projection for all of them; the content is the current revision's
-- JSON, the history stays in revision, and record.state says whether a
-- record was entered in error.
CREATE TABLE moj_record (
  id          TEXT PRIMARY KEY REFERENCES record (id),
  patient_id  TEXT NOT NULL REFERENCES record (id),
  kind        TEXT NOT NULL,
  sort_date   TEXT NOT NULL DEFAULT '',
  data        TEXT NOT NULL CHECK (json_valid (data))
) STRICT;
CREATE INDEX moj_record_patient ON moj_record (patient_id, kind, sort_date);
CREATE INDEX moj_record_kind ON moj_record (kind);
