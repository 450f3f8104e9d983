-- Who a crisis plan was shared with (issue 20): each sharing is a revisioned
-- care record ("crisis-plan-share": to whom, how, the day, and which plan at
-- which revision; by whom is its author), projected here for the care plan
-- tab's list.
CREATE TABLE crisis_plan_share (
  id             TEXT PRIMARY KEY REFERENCES record (id),
  patient_id     TEXT NOT NULL REFERENCES record (id),
  plan_id        TEXT NOT NULL REFERENCES record (id),
  plan_revision  REAL NOT NULL,
  shared_on      TEXT NOT NULL
) STRICT;
CREATE INDEX crisis_plan_share_patient ON crisis_plan_share (patient_id, shared_on);
