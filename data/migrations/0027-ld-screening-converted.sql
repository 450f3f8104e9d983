-- A liaison and diversion screening that became a patient's record is
-- found from that patient (converted_patient_id): a case record's export
-- lists the screening with its onward referrals and signposting, and
-- without this index each patient's export read every screening held.
-- Most screenings never become a patient's record, so only those that did
-- are indexed.
CREATE INDEX ld_screening_converted ON ld_screening (converted_patient_id)
  WHERE converted_patient_id IS NOT NULL;
