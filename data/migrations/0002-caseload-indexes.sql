-- Kestrel schema 2: indexes the caseload and the team views sort and filter by.
CREATE INDEX patient_sort ON patient (sort_name);
CREATE INDEX patient_team ON patient (team_id, coordinator_id);
CREATE INDEX staff_team ON staff (team_id);
