-- A database as Kestrel schema 13 wrote it: kestrel-cli built from main 7e32ce0, then
-- 'kestrel-cli --database old.db demo --patients 4 --contacts 0 --notes 0 --seed 7'. Each patient's
-- legal status, MHCS reference and MAPPA are in the register; Siskin also has a legal status
-- record (MAPPA there only) and a separate index offence record. Used by /migrate/one-legal-status
-- (migration 0017); never regenerate it from newer migrations.
PRAGMA foreign_keys=OFF;
BEGIN TRANSACTION;
CREATE TABLE team (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
  created_at  TEXT NOT NULL
, revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1), updated_at TEXT, updated_by TEXT REFERENCES staff (id)) STRICT;
INSERT INTO team VALUES('6a0c3f2e-6d6b-4f1e-9a51-6e0c6f1f0001','North','2026-01-01T00:00:00Z',1,NULL,NULL);
INSERT INTO team VALUES('6a0c3f2e-6d6b-4f1e-9a51-6e0c6f1f0002','South','2026-01-01T00:00:00Z',1,NULL,NULL);
CREATE TABLE staff (
  id            TEXT PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name  TEXT NOT NULL,
  role_title    TEXT NOT NULL DEFAULT '',
  team_id       TEXT REFERENCES team (id),
  contact       TEXT NOT NULL DEFAULT '',
  created_at    TEXT NOT NULL,
  disabled      INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1))
, password_hash TEXT, roles TEXT NOT NULL DEFAULT '', failed_attempts INTEGER NOT NULL DEFAULT 0, locked_until TEXT) STRICT;
INSERT INTO staff VALUES('01a24f9f-ad6d-73fb-8d2f-598b6c621e68','root','root','',NULL,'','2026-12-07T08:29:54Z',0,NULL,'',0,NULL);
INSERT INTO staff VALUES('01a24f9f-ad95-7385-9a19-2cb73840ca4e','demo.okafor','Dr Ngozi Okafor','Consultant forensic psychiatrist','6a0c3f2e-6d6b-4f1e-9a51-6e0c6f1f0001','01603 000000','2026-12-07T08:29:54Z',0,NULL,'',0,NULL);
INSERT INTO staff VALUES('01a24f9f-ad95-7386-807c-6d758c0ae9f5','demo.hughes','Rhian Hughes','Community psychiatric nurse','6a0c3f2e-6d6b-4f1e-9a51-6e0c6f1f0001','01603 000000','2026-12-07T08:29:54Z',0,NULL,'',0,NULL);
INSERT INTO staff VALUES('01a24f9f-ad95-7387-93a6-db8dcff076ee','demo.patel','Sunil Patel','Social worker (social supervisor)','6a0c3f2e-6d6b-4f1e-9a51-6e0c6f1f0001','01603 000000','2026-12-07T08:29:54Z',0,NULL,'',0,NULL);
INSERT INTO staff VALUES('01a24f9f-ad95-7388-b121-4874c5b74d2d','demo.clarke','Dr Helen Clarke','Consultant forensic psychiatrist','6a0c3f2e-6d6b-4f1e-9a51-6e0c6f1f0002','01603 000000','2026-12-07T08:29:54Z',0,NULL,'',0,NULL);
INSERT INTO staff VALUES('01a24f9f-ad95-7389-855c-473dbaa4a4a1','demo.brennan','Siobhan Brennan','Community psychiatric nurse','6a0c3f2e-6d6b-4f1e-9a51-6e0c6f1f0002','01603 000000','2026-12-07T08:29:54Z',0,NULL,'',0,NULL);
INSERT INTO staff VALUES('01a24f9f-ad95-738a-ba09-bcd2763f104e','demo.mensah','Kofi Mensah','Social worker (social supervisor)','6a0c3f2e-6d6b-4f1e-9a51-6e0c6f1f0002','01603 000000','2026-12-07T08:29:54Z',0,NULL,'',0,NULL);
INSERT INTO staff VALUES('01a24f9f-ad9f-733e-aeeb-d5d481f715b2','demo.clinician','Demo Clinician','','6a0c3f2e-6d6b-4f1e-9a51-6e0c6f1f0001','','2026-12-07T08:29:54Z',0,'$argon2id$v=19$m=65536,t=2,p=1$mctvHWs/5Xj+5g5uy1zGaQ$Ta8wYA6Pk9MPtMuazOAnmYKTEL1ThqQwyZ/WwuDJRsI','clinician',0,NULL);
INSERT INTO staff VALUES('01a24f9f-ae8d-70f9-a6eb-7a7ed8983e52','demo.supervisor','Demo Social Supervisor','','6a0c3f2e-6d6b-4f1e-9a51-6e0c6f1f0001','','2026-12-07T08:29:54Z',0,'$argon2id$v=19$m=65536,t=2,p=1$g5MaFSZsoheVlB35R8HrxQ$gPzWIwQHDklJtYDSgnomW86ADg6j2Sm6Fr9eDoGmz/0','social-supervisor',0,NULL);
INSERT INTO staff VALUES('01a24f9f-af39-71f1-9f9f-1d1db16ea021','demo.carers','Demo Carers’ Liaison','','6a0c3f2e-6d6b-4f1e-9a51-6e0c6f1f0001','','2026-12-07T08:29:54Z',0,'$argon2id$v=19$m=65536,t=2,p=1$I8mezSjQBDHh5zBu3ZbKCg$KlcsT0PlNWaZgdjB+O5p9mGTbK2z/grbmRtkbix9s8s','carers-liaison',0,NULL);
INSERT INTO staff VALUES('01a24f9f-b016-7292-bfd7-c25257c5d42a','demo.liaison','Demo Liaison and Diversion','','6a0c3f2e-6d6b-4f1e-9a51-6e0c6f1f0001','','2026-12-07T08:29:55Z',0,'$argon2id$v=19$m=65536,t=2,p=1$FAFw7+1LzLmhqW/5pSA95w$9IjUbE2km+tgMsRbVCG7XVCS9vp0ou9sHjD1BTidh4c','liaison-diversion',0,NULL);
INSERT INTO staff VALUES('01a24f9f-b0e9-73a9-a496-c52484d9111c','demo.manager','Demo Team Manager','','6a0c3f2e-6d6b-4f1e-9a51-6e0c6f1f0001','','2026-12-07T08:29:55Z',0,'$argon2id$v=19$m=65536,t=2,p=1$dT6pUXBl5CfXKMHlBV+Azw$8kNZGAuRCztX7tc0nZelXsPoiWxUazVYefX41SkK8d8','team-manager',0,NULL);
INSERT INTO staff VALUES('01a24f9f-b1c1-72f1-a8f1-21f684e478bf','demo.admin','Demo Administrator','','6a0c3f2e-6d6b-4f1e-9a51-6e0c6f1f0001','','2026-12-07T08:29:55Z',0,'$argon2id$v=19$m=65536,t=2,p=1$eXaBBCSciDXYqitOhFNexA$yWEPVDOuITdX+rNsvZZspRyuocejigKGxp6+BMQwxa0','administrator',0,NULL);
CREATE TABLE record (
  id          TEXT PRIMARY KEY,
  kind        TEXT NOT NULL,
  patient_id  TEXT REFERENCES record (id),
  revision    INTEGER NOT NULL CHECK (revision >= 1),
  state       TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'entered-in-error')),
  created_at  TEXT NOT NULL,
  created_by  TEXT NOT NULL REFERENCES staff (id),
  updated_at  TEXT NOT NULL,
  updated_by  TEXT NOT NULL REFERENCES staff (id)
) STRICT;
INSERT INTO record VALUES('01a24f9f-ad99-725f-91a1-4c4df9a1945d','patient',NULL,1,'active','2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68');
INSERT INTO record VALUES('01a24f9f-ad9a-731d-a29b-6aa7f637cbd6','prescription','01a24f9f-ad99-725f-91a1-4c4df9a1945d',1,'active','2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68');
INSERT INTO record VALUES('01a24f9f-ad9a-731e-8059-4b4accdf796a','depot-dose','01a24f9f-ad99-725f-91a1-4c4df9a1945d',1,'active','2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68');
INSERT INTO record VALUES('01a24f9f-ad9a-731f-9053-4ce071f3f5df','physical-health','01a24f9f-ad99-725f-91a1-4c4df9a1945d',1,'active','2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68');
INSERT INTO record VALUES('01a24f9f-ad9a-7320-a135-a58b655ae22f','physical-health','01a24f9f-ad99-725f-91a1-4c4df9a1945d',1,'active','2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68');
INSERT INTO record VALUES('01a24f9f-ad9a-7321-9369-b1ee6da47b90','referral','01a24f9f-ad99-725f-91a1-4c4df9a1945d',1,'active','2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68');
INSERT INTO record VALUES('01a24f9f-ad9a-7322-af30-c02ed8df5723','patient',NULL,1,'active','2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68');
INSERT INTO record VALUES('01a24f9f-ad9a-7323-ab2f-790c99204bec','prescription','01a24f9f-ad9a-7322-af30-c02ed8df5723',1,'active','2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68');
INSERT INTO record VALUES('01a24f9f-ad9a-7324-89cb-9b08497eefd4','depot-dose','01a24f9f-ad9a-7322-af30-c02ed8df5723',1,'active','2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68');
INSERT INTO record VALUES('01a24f9f-ad9a-7325-947a-43f563e7dc97','referral','01a24f9f-ad9a-7322-af30-c02ed8df5723',1,'active','2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68');
INSERT INTO record VALUES('01a24f9f-ad9a-7326-95de-f066c38f83eb','patient',NULL,1,'active','2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68');
INSERT INTO record VALUES('01a24f9f-ad9a-7327-895c-be6685902231','referral','01a24f9f-ad9a-7326-95de-f066c38f83eb',1,'active','2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68');
INSERT INTO record VALUES('01a24f9f-ad9a-7328-a9af-2dc988bb0b41','patient',NULL,1,'active','2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68');
INSERT INTO record VALUES('01a24f9f-ad9b-73ef-b872-5fc7b3e0ddad','legal-status','01a24f9f-ad9a-7328-a9af-2dc988bb0b41',1,'active','2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68');
INSERT INTO record VALUES('01a24f9f-ad9b-73f0-926c-8534c41a0e73','discharge-condition','01a24f9f-ad9a-7328-a9af-2dc988bb0b41',1,'active','2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68');
INSERT INTO record VALUES('01a24f9f-ad9b-73f1-860e-8b0dc56c72ce','discharge-condition','01a24f9f-ad9a-7328-a9af-2dc988bb0b41',1,'active','2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68');
INSERT INTO record VALUES('01a24f9f-ad9b-73f2-9b7f-fba543527cbc','index-offence','01a24f9f-ad9a-7328-a9af-2dc988bb0b41',1,'active','2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68');
INSERT INTO record VALUES('01a24f9f-ad9b-73f3-9255-b1eb602e3020','moj-report','01a24f9f-ad9a-7328-a9af-2dc988bb0b41',1,'active','2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68');
INSERT INTO record VALUES('01a24f9f-ad9b-73f4-86cf-35b9c74f89ce','moj-report','01a24f9f-ad9a-7328-a9af-2dc988bb0b41',1,'active','2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68');
INSERT INTO record VALUES('01a24f9f-ad9b-73f5-8623-e0e507f88b24','prescription','01a24f9f-ad9a-7328-a9af-2dc988bb0b41',1,'active','2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68');
INSERT INTO record VALUES('01a24f9f-ad9b-73f6-9e54-59ac7a3bb38e','depot-dose','01a24f9f-ad9a-7328-a9af-2dc988bb0b41',1,'active','2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68');
INSERT INTO record VALUES('01a24f9f-ad9b-73f7-b420-dd01a49d75d8','physical-health','01a24f9f-ad9a-7328-a9af-2dc988bb0b41',1,'active','2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68');
INSERT INTO record VALUES('01a24f9f-ad9b-73f8-abbd-7f755086519d','physical-health','01a24f9f-ad9a-7328-a9af-2dc988bb0b41',1,'active','2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68');
INSERT INTO record VALUES('01a24f9f-ad9b-73f9-8e4f-15740745a85d','physical-health','01a24f9f-ad9a-7328-a9af-2dc988bb0b41',1,'active','2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68');
INSERT INTO record VALUES('01a24f9f-ad9b-73fa-bf59-c0a8f196ecda','care-plan','01a24f9f-ad9a-7328-a9af-2dc988bb0b41',1,'active','2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68');
INSERT INTO record VALUES('01a24f9f-ad9b-73fb-bcf4-9d6e272db4e4','cpa-review','01a24f9f-ad9a-7328-a9af-2dc988bb0b41',1,'active','2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68');
INSERT INTO record VALUES('01a24f9f-ad9b-73fc-b433-f8c51225fca5','referral','01a24f9f-ad9a-7328-a9af-2dc988bb0b41',1,'active','2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68');
CREATE TABLE revision (
  record_id  TEXT NOT NULL REFERENCES record (id),
  revision   INTEGER NOT NULL CHECK (revision >= 1),
  change     TEXT NOT NULL CHECK (change IN ('create', 'edit', 'correction', 'entered-in-error')),
  reason     TEXT,
  author_id  TEXT NOT NULL REFERENCES staff (id),
  at         TEXT NOT NULL,
  data       TEXT NOT NULL CHECK (json_valid (data)),
  PRIMARY KEY (record_id, revision)
) STRICT, WITHOUT ROWID;
INSERT INTO revision VALUES('01a24f9f-ad99-725f-91a1-4c4df9a1945d',1,'create',NULL,'01a24f9f-ad6d-73fb-8d2f-598b6c621e68','2026-12-07T08:29:54Z','{"family_name":"Woodcock","given_name":"Luca","preferred_name":"","birth_date":"1975-05-20","nhs_number":"9990000018","mhcs_reference":"MHCS/DEMO/00001","gender":"2","ethnicity":"C","address":"88 Elmswood Road\nThetford","postcode":"IP11 7HB","phone":"","gp_practice":"Riverside Medical Practice (demo)","team_id":"6a0c3f2e-6d6b-4f1e-9a51-6e0c6f1f0002","coordinator_id":"01a24f9f-ad95-738a-ba09-bcd2763f104e","clinician_id":"01a24f9f-ad95-7388-b121-4874c5b74d2d","supervisor_id":"01a24f9f-ad95-738a-ba09-bcd2763f104e","diagnosis_notes":"","legal_status":"17","mappa_category":"","mappa_level":"","referral_date":"","age_override_reason":"","gender_identity":"","aliases":[],"diagnoses":["F31.2"],"alerts":[]}');
INSERT INTO revision VALUES('01a24f9f-ad9a-731d-a29b-6aa7f637cbd6',1,'create',NULL,'01a24f9f-ad6d-73fb-8d2f-598b6c621e68','2026-12-07T08:29:54Z','{"drug":"Zuclopenthixol decanoate","category":"depot","depot_drug":"zuclopenthixol-decanoate","dose":"As prescribed (demo)","route":"IM","interval_days":14.0,"prescriber":"Dr Demo","start_date":"2025-03-15"}');
INSERT INTO revision VALUES('01a24f9f-ad9a-731e-8059-4b4accdf796a',1,'create',NULL,'01a24f9f-ad6d-73fb-8d2f-598b6c621e68','2026-12-07T08:29:54Z','{"prescription_id":"01a24f9f-ad9a-731d-a29b-6aa7f637cbd6","given_on":"2026-11-26","outcome":"given","dose":"As prescribed (demo)","site":"Right gluteal","batch":"DEMO-BATCH","given_by":"Demo nurse"}');
INSERT INTO revision VALUES('01a24f9f-ad9a-731f-9053-4ce071f3f5df',1,'create',NULL,'01a24f9f-ad6d-73fb-8d2f-598b6c621e68','2026-12-07T08:29:54Z','{"taken_on":"2025-04-28","weight_kg":86.0,"height_cm":176.0,"waist_cm":96.0,"systolic":128.0,"diastolic":82.0,"pulse":76.0,"hba1c":39.0,"cholesterol":5.0999999999999996,"prolactin":310.0,"smoking":"current"}');
INSERT INTO revision VALUES('01a24f9f-ad9a-7320-a135-a58b655ae22f',1,'create',NULL,'01a24f9f-ad6d-73fb-8d2f-598b6c621e68','2026-12-07T08:29:54Z','{"taken_on":"2026-04-25","weight_kg":88.0,"height_cm":176.0,"waist_cm":98.0,"systolic":128.0,"diastolic":82.0,"pulse":76.0,"hba1c":40.0,"cholesterol":5.0999999999999996,"smoking":"current"}');
INSERT INTO revision VALUES('01a24f9f-ad9a-7321-9369-b1ee6da47b90',1,'create',NULL,'01a24f9f-ad6d-73fb-8d2f-598b6c621e68','2026-12-07T08:29:54Z','{"referral_date":"2025-05-23","referrer":"Responsible clinician on the ward (demo)","referrer_contact":"01603 000000","source":"external-hospital","unit":"Rampton Hospital (demo)","security_level":"high","area":"suffolk","reason":"Community forensic follow-up on discharge (demo)","legal_status":"17","index_offence":"","expected_discharge":"2025-10-17","override_reason":"","override_by":"","override_at":"","assessment_date":"2025-06-02","history":"Long history of psychosis; index offence while unwell (demo)","mental_state":"Settled on current treatment; insight developing (demo)","risk_summary":"Risk of violence when unwell and using substances (demo)","needs":"Supported accommodation, depot clinic, structured day (demo)","recommendation":"Accept for community forensic follow-up (demo)","decision":"accept","signed_by":"01a24f9f-ad95-7388-b121-4874c5b74d2d","signed_at":"2025-06-02T16:00:00Z","risk_assessment_id":"","inpatient":true,"steps":[{"stage":"received","date":"2025-05-23","recorded_at":"2025-05-23T10:00:00Z","by":"01a24f9f-ad95-738a-ba09-bcd2763f104e","reason":"","signposting":"","destination":""},{"stage":"screening","date":"2025-05-28","recorded_at":"2025-05-28T10:00:00Z","by":"01a24f9f-ad95-738a-ba09-bcd2763f104e","reason":"","signposting":"","destination":""},{"stage":"assessment-booked","date":"2025-05-30","recorded_at":"2025-05-30T10:00:00Z","by":"01a24f9f-ad95-738a-ba09-bcd2763f104e","reason":"","signposting":"","destination":""},{"stage":"assessed","date":"2025-06-02","recorded_at":"2025-06-02T10:00:00Z","by":"01a24f9f-ad95-7388-b121-4874c5b74d2d","reason":"","signposting":"","destination":""},{"stage":"accepted","date":"2025-06-10","recorded_at":"2025-06-10T10:00:00Z","by":"01a24f9f-ad95-738a-ba09-bcd2763f104e","reason":"","signposting":"","destination":""},{"stage":"in-reach","date":"2025-06-15","recorded_at":"2025-06-15T10:00:00Z","by":"01a24f9f-ad95-738a-ba09-bcd2763f104e","reason":"","signposting":"","destination":""},{"stage":"discharged","date":"2025-10-17","recorded_at":"2025-10-17T10:00:00Z","by":"01a24f9f-ad95-738a-ba09-bcd2763f104e","reason":"","signposting":"","destination":""},{"stage":"closed","date":"2025-12-16","recorded_at":"2025-12-16T10:00:00Z","by":"01a24f9f-ad95-738a-ba09-bcd2763f104e","reason":"Pathway complete: settled in the community under the team (demo)","signposting":"","destination":""}],"visits":[{"date":"2025-06-15","unit":"Rampton Hospital (demo)","attendees":"Care coordinator, patient, ward nurse (demo)","purpose":"Get to know the patient; plan leave and discharge (demo)","outcome":"Met on the ward; leave plan agreed (demo)"}],"readiness":{"accommodation":{"status":"done","owner":"","due":"","note":""},"gp-registration":{"status":"done","owner":"","due":"","note":""},"benefits":{"status":"done","owner":"","due":"","note":""},"medication":{"status":"done","owner":"","due":"","note":""},"s117":{"status":"done","owner":"","due":"","note":""},"cpa-review":{"status":"done","owner":"","due":"","note":""},"crisis-plan":{"status":"done","owner":"","due":"","note":""},"carer-involvement":{"status":"done","owner":"","due":"","note":""},"mappa":{"status":"done","owner":"","due":"","note":""},"moj-conditions":{"status":"done","owner":"","due":"","note":""}}}');
INSERT INTO revision VALUES('01a24f9f-ad9a-7322-af30-c02ed8df5723',1,'create',NULL,'01a24f9f-ad6d-73fb-8d2f-598b6c621e68','2026-12-07T08:29:54Z','{"family_name":"Bittern","given_name":"Liam","preferred_name":"","birth_date":"1998-04-25","nhs_number":"9990000026","mhcs_reference":"MHCS/DEMO/00002","gender":"2","ethnicity":"A","address":"194 Whimbrel Road\nThetford","postcode":"NR32 1DL","phone":"","gp_practice":"Riverside Medical Practice (demo)","team_id":"6a0c3f2e-6d6b-4f1e-9a51-6e0c6f1f0002","coordinator_id":"01a24f9f-ad95-7389-855c-473dbaa4a4a1","clinician_id":"01a24f9f-ad95-7388-b121-4874c5b74d2d","supervisor_id":"01a24f9f-ad95-738a-ba09-bcd2763f104e","diagnosis_notes":"","legal_status":"09","mappa_category":"2","mappa_level":"1","referral_date":"","age_override_reason":"","gender_identity":"","aliases":[],"diagnoses":["F20.0"],"alerts":["Victim exclusion zone: do not arrange contact in the NR2 area"]}');
INSERT INTO revision VALUES('01a24f9f-ad9a-7323-ab2f-790c99204bec',1,'create',NULL,'01a24f9f-ad6d-73fb-8d2f-598b6c621e68','2026-12-07T08:29:54Z','{"drug":"Aripiprazole long-acting (monthly)","category":"depot","depot_drug":"aripiprazole-lai","dose":"As prescribed (demo)","route":"IM","interval_days":28.0,"prescriber":"Dr Demo","start_date":"2026-04-29"}');
INSERT INTO revision VALUES('01a24f9f-ad9a-7324-89cb-9b08497eefd4',1,'create',NULL,'01a24f9f-ad6d-73fb-8d2f-598b6c621e68','2026-12-07T08:29:54Z','{"prescription_id":"01a24f9f-ad9a-7323-ab2f-790c99204bec","given_on":"2026-11-26","outcome":"given","dose":"As prescribed (demo)","site":"Right gluteal","batch":"DEMO-BATCH","given_by":"Demo nurse"}');
INSERT INTO revision VALUES('01a24f9f-ad9a-7325-947a-43f563e7dc97',1,'create',NULL,'01a24f9f-ad6d-73fb-8d2f-598b6c621e68','2026-12-07T08:29:54Z','{"referral_date":"2025-08-04","referrer":"Responsible clinician on the ward (demo)","referrer_contact":"01603 000000","source":"internal-ward","unit":"Hellesdon low secure unit (demo)","security_level":"low","area":"cambs-peterborough","reason":"Step-down from secure care; needs a forensic care coordinator (demo)","legal_status":"09","index_offence":"","expected_discharge":"2025-11-24","override_reason":"","override_by":"","override_at":"","assessment_date":"2025-08-16","history":"Long history of psychosis; index offence while unwell (demo)","mental_state":"Settled on current treatment; insight developing (demo)","risk_summary":"Risk of violence when unwell and using substances (demo)","needs":"Supported accommodation, depot clinic, structured day (demo)","recommendation":"Accept for community forensic follow-up (demo)","decision":"accept","signed_by":"01a24f9f-ad95-7388-b121-4874c5b74d2d","signed_at":"2025-08-16T16:00:00Z","risk_assessment_id":"","inpatient":true,"steps":[{"stage":"received","date":"2025-08-04","recorded_at":"2025-08-04T10:00:00Z","by":"01a24f9f-ad95-7389-855c-473dbaa4a4a1","reason":"","signposting":"","destination":""},{"stage":"screening","date":"2025-08-07","recorded_at":"2025-08-07T10:00:00Z","by":"01a24f9f-ad95-7389-855c-473dbaa4a4a1","reason":"","signposting":"","destination":""},{"stage":"assessment-booked","date":"2025-08-12","recorded_at":"2025-08-12T10:00:00Z","by":"01a24f9f-ad95-7389-855c-473dbaa4a4a1","reason":"","signposting":"","destination":""},{"stage":"assessed","date":"2025-08-16","recorded_at":"2025-08-16T10:00:00Z","by":"01a24f9f-ad95-7388-b121-4874c5b74d2d","reason":"","signposting":"","destination":""},{"stage":"accepted","date":"2025-08-20","recorded_at":"2025-08-20T10:00:00Z","by":"01a24f9f-ad95-7389-855c-473dbaa4a4a1","reason":"","signposting":"","destination":""},{"stage":"in-reach","date":"2025-08-25","recorded_at":"2025-08-25T10:00:00Z","by":"01a24f9f-ad95-7389-855c-473dbaa4a4a1","reason":"","signposting":"","destination":""},{"stage":"discharged","date":"2025-11-24","recorded_at":"2025-11-24T10:00:00Z","by":"01a24f9f-ad95-7389-855c-473dbaa4a4a1","reason":"","signposting":"","destination":""},{"stage":"closed","date":"2026-01-23","recorded_at":"2026-01-23T10:00:00Z","by":"01a24f9f-ad95-7389-855c-473dbaa4a4a1","reason":"Pathway complete: settled in the community under the team (demo)","signposting":"","destination":""}],"visits":[{"date":"2025-08-25","unit":"Hellesdon low secure unit (demo)","attendees":"Care coordinator, patient, ward nurse (demo)","purpose":"Get to know the patient; plan leave and discharge (demo)","outcome":"Met on the ward; leave plan agreed (demo)"}],"readiness":{"accommodation":{"status":"done","owner":"","due":"","note":""},"gp-registration":{"status":"done","owner":"","due":"","note":""},"benefits":{"status":"done","owner":"","due":"","note":""},"medication":{"status":"done","owner":"","due":"","note":""},"s117":{"status":"done","owner":"","due":"","note":""},"cpa-review":{"status":"done","owner":"","due":"","note":""},"crisis-plan":{"status":"done","owner":"","due":"","note":""},"carer-involvement":{"status":"done","owner":"","due":"","note":""},"mappa":{"status":"done","owner":"","due":"","note":""},"moj-conditions":{"status":"done","owner":"","due":"","note":""}}}');
INSERT INTO revision VALUES('01a24f9f-ad9a-7326-95de-f066c38f83eb',1,'create',NULL,'01a24f9f-ad6d-73fb-8d2f-598b6c621e68','2026-12-07T08:29:54Z','{"family_name":"Ouzel","given_name":"Abdul","preferred_name":"","birth_date":"1980-01-10","nhs_number":"9990000034","mhcs_reference":"MHCS/DEMO/00003","gender":"1","ethnicity":"J","address":"85 Larchmont Road\nCromer","postcode":"IP11 7HB","phone":"","gp_practice":"Riverside Medical Practice (demo)","team_id":"6a0c3f2e-6d6b-4f1e-9a51-6e0c6f1f0002","coordinator_id":"01a24f9f-ad95-738a-ba09-bcd2763f104e","clinician_id":"01a24f9f-ad95-7388-b121-4874c5b74d2d","supervisor_id":"01a24f9f-ad95-738a-ba09-bcd2763f104e","diagnosis_notes":"","legal_status":"09","mappa_category":"","mappa_level":"","referral_date":"","age_override_reason":"","gender_identity":"","aliases":[],"diagnoses":["F31.2"],"alerts":[]}');
INSERT INTO revision VALUES('01a24f9f-ad9a-7327-895c-be6685902231',1,'create',NULL,'01a24f9f-ad6d-73fb-8d2f-598b6c621e68','2026-12-07T08:29:54Z','{"referral_date":"2024-01-03","referrer":"Responsible clinician on the ward (demo)","referrer_contact":"01603 000000","source":"external-hospital","unit":"St Andrew’s, Northampton (demo)","security_level":"medium","area":"suffolk","reason":"Step-down from secure care; needs a forensic care coordinator (demo)","legal_status":"09","index_offence":"","expected_discharge":"2024-05-10","override_reason":"","override_by":"","override_at":"","assessment_date":"2024-01-19","history":"Long history of psychosis; index offence while unwell (demo)","mental_state":"Settled on current treatment; insight developing (demo)","risk_summary":"Risk of violence when unwell and using substances (demo)","needs":"Supported accommodation, depot clinic, structured day (demo)","recommendation":"Accept for community forensic follow-up (demo)","decision":"accept","signed_by":"01a24f9f-ad95-7388-b121-4874c5b74d2d","signed_at":"2024-01-19T16:00:00Z","risk_assessment_id":"","inpatient":true,"steps":[{"stage":"received","date":"2024-01-03","recorded_at":"2024-01-03T10:00:00Z","by":"01a24f9f-ad95-738a-ba09-bcd2763f104e","reason":"","signposting":"","destination":""},{"stage":"screening","date":"2024-01-11","recorded_at":"2024-01-11T10:00:00Z","by":"01a24f9f-ad95-738a-ba09-bcd2763f104e","reason":"","signposting":"","destination":""},{"stage":"assessment-booked","date":"2024-01-16","recorded_at":"2024-01-16T10:00:00Z","by":"01a24f9f-ad95-738a-ba09-bcd2763f104e","reason":"","signposting":"","destination":""},{"stage":"assessed","date":"2024-01-19","recorded_at":"2024-01-19T10:00:00Z","by":"01a24f9f-ad95-7388-b121-4874c5b74d2d","reason":"","signposting":"","destination":""},{"stage":"accepted","date":"2024-01-22","recorded_at":"2024-01-22T10:00:00Z","by":"01a24f9f-ad95-738a-ba09-bcd2763f104e","reason":"","signposting":"","destination":""},{"stage":"in-reach","date":"2024-01-29","recorded_at":"2024-01-29T10:00:00Z","by":"01a24f9f-ad95-738a-ba09-bcd2763f104e","reason":"","signposting":"","destination":""},{"stage":"discharged","date":"2024-05-10","recorded_at":"2024-05-10T10:00:00Z","by":"01a24f9f-ad95-738a-ba09-bcd2763f104e","reason":"","signposting":"","destination":""},{"stage":"closed","date":"2024-07-09","recorded_at":"2024-07-09T10:00:00Z","by":"01a24f9f-ad95-738a-ba09-bcd2763f104e","reason":"Pathway complete: settled in the community under the team (demo)","signposting":"","destination":""}],"visits":[{"date":"2024-01-29","unit":"St Andrew’s, Northampton (demo)","attendees":"Care coordinator, patient, ward nurse (demo)","purpose":"Get to know the patient; plan leave and discharge (demo)","outcome":"Met on the ward; leave plan agreed (demo)"}],"readiness":{"accommodation":{"status":"done","owner":"","due":"","note":""},"gp-registration":{"status":"done","owner":"","due":"","note":""},"benefits":{"status":"done","owner":"","due":"","note":""},"medication":{"status":"done","owner":"","due":"","note":""},"s117":{"status":"done","owner":"","due":"","note":""},"cpa-review":{"status":"done","owner":"","due":"","note":""},"crisis-plan":{"status":"done","owner":"","due":"","note":""},"carer-involvement":{"status":"done","owner":"","due":"","note":""},"mappa":{"status":"done","owner":"","due":"","note":""},"moj-conditions":{"status":"done","owner":"","due":"","note":""}}}');
INSERT INTO revision VALUES('01a24f9f-ad9a-7328-a9af-2dc988bb0b41',1,'create',NULL,'01a24f9f-ad6d-73fb-8d2f-598b6c621e68','2026-12-07T08:29:54Z','{"family_name":"Siskin","given_name":"Kayleigh","preferred_name":"","birth_date":"1993-12-04","nhs_number":"9990000042","mhcs_reference":"MHCS/DEMO/00004","gender":"1","ethnicity":"A","address":"146 Willowby Road\nNorwich","postcode":"NR1 3SR","phone":"","gp_practice":"Riverside Medical Practice (demo)","team_id":"6a0c3f2e-6d6b-4f1e-9a51-6e0c6f1f0002","coordinator_id":"01a24f9f-ad95-7389-855c-473dbaa4a4a1","clinician_id":"01a24f9f-ad95-7388-b121-4874c5b74d2d","supervisor_id":"01a24f9f-ad95-738a-ba09-bcd2763f104e","diagnosis_notes":"","legal_status":"09","mappa_category":"","mappa_level":"","referral_date":"","age_override_reason":"","gender_identity":"","aliases":[],"diagnoses":["F20.0"],"alerts":[]}');
INSERT INTO revision VALUES('01a24f9f-ad9b-73ef-b872-5fc7b3e0ddad',1,'create',NULL,'01a24f9f-ad6d-73fb-8d2f-598b6c621e68','2026-12-07T08:29:54Z','{"authority":"09","effective_date":"2026-07-29","order_date":"2018-03-14","restriction_date":"2018-03-14","court":"Norwich Crown Court (demo)","mhcs_reference":"MHCS/DEMO/00004","conditional_discharge_date":"2026-07-29","discharged_by":"Secretary of State","mappa_category":"2","mappa_level":"1"}');
INSERT INTO revision VALUES('01a24f9f-ad9b-73f0-926c-8534c41a0e73',1,'create',NULL,'01a24f9f-ad6d-73fb-8d2f-598b6c621e68','2026-12-07T08:29:54Z','{"category":"residence","wording":"Reside at the approved address and abide by its rules; agree nights away in advance with the supervisors","start_date":"2026-07-29"}');
INSERT INTO revision VALUES('01a24f9f-ad9b-73f1-860e-8b0dc56c72ce',1,'create',NULL,'01a24f9f-ad6d-73fb-8d2f-598b6c621e68','2026-12-07T08:29:54Z','{"category":"treatment","wording":"Comply with medication, treatment and monitoring as directed by the responsible clinician","start_date":"2026-07-29"}');
INSERT INTO revision VALUES('01a24f9f-ad9b-73f2-9b7f-fba543527cbc',1,'create',NULL,'01a24f9f-ad6d-73fb-8d2f-598b6c621e68','2026-12-07T08:29:54Z','{"description":"Arson with intent to endanger life (demo)","offence_date":"2017-08-14","place":"Norwich"}');
INSERT INTO revision VALUES('01a24f9f-ad9b-73f3-9255-b1eb602e3020',1,'create',NULL,'01a24f9f-ad6d-73fb-8d2f-598b6c621e68','2026-12-07T08:29:54Z','{"template_id":"moj-cd-report","template_version":"2024-10","report_type":"routine","due_date":"2026-08-26","created_date":"2026-12-07","part_ids":"A,B,C","values":{"B.recommendation":{"value":"Continue conditional discharge."},"C.recommendation":{"value":"continue"}},"parts":{"A":{"signer_role":"social-supervisor","state":"signed","digest":"a0cdfbf619c2e838f470ba063da0bb219cef04ce1de2497416afb2786d16112f","signed_by":"01a24f9f-ad95-738a-ba09-bcd2763f104e","signer_name":"Kofi Mensah","signed_at":"2026-08-24T10:00:00Z"},"B":{"signer_role":"social-supervisor","state":"signed","digest":"cb6c0a4f4d3952fc1f6d0d3505ce27a4c745634241f838b7648bf7983ccd1c8c","signed_by":"01a24f9f-ad95-738a-ba09-bcd2763f104e","signer_name":"Kofi Mensah","signed_at":"2026-08-24T10:00:00Z"},"C":{"signer_role":"clinical-supervisor","state":"signed","digest":"692e896454c0db1fb8e5e9a6880fe39d2d24b2268efc821e80b1ebe52b1a849a","signed_by":"01a24f9f-ad95-7388-b121-4874c5b74d2d","signer_name":"Dr Helen Clarke","signed_at":"2026-08-24T10:00:00Z"}},"period_to":"2026-08-24","submitted_date":"2026-08-24","submission_method":"secure-email","submission_reference":""}');
INSERT INTO revision VALUES('01a24f9f-ad9b-73f4-86cf-35b9c74f89ce',1,'create',NULL,'01a24f9f-ad6d-73fb-8d2f-598b6c621e68','2026-12-07T08:29:54Z','{"template_id":"moj-cd-report","template_version":"2024-10","report_type":"routine","due_date":"2026-10-29","created_date":"2026-12-07","part_ids":"A,B,C","values":{"B.recommendation":{"value":"Continue conditional discharge."},"C.recommendation":{"value":"continue"}},"parts":{"A":{"signer_role":"social-supervisor","state":"signed","digest":"a0cdfbf619c2e838f470ba063da0bb219cef04ce1de2497416afb2786d16112f","signed_by":"01a24f9f-ad95-738a-ba09-bcd2763f104e","signer_name":"Kofi Mensah","signed_at":"2026-10-27T10:00:00Z"},"B":{"signer_role":"social-supervisor","state":"signed","digest":"cb6c0a4f4d3952fc1f6d0d3505ce27a4c745634241f838b7648bf7983ccd1c8c","signed_by":"01a24f9f-ad95-738a-ba09-bcd2763f104e","signer_name":"Kofi Mensah","signed_at":"2026-10-27T10:00:00Z"},"C":{"signer_role":"clinical-supervisor","state":"signed","digest":"692e896454c0db1fb8e5e9a6880fe39d2d24b2268efc821e80b1ebe52b1a849a","signed_by":"01a24f9f-ad95-7388-b121-4874c5b74d2d","signer_name":"Dr Helen Clarke","signed_at":"2026-10-27T10:00:00Z"}},"period_to":"2026-10-27","submitted_date":"2026-10-27","submission_method":"secure-email","submission_reference":""}');
INSERT INTO revision VALUES('01a24f9f-ad9b-73f5-8623-e0e507f88b24',1,'create',NULL,'01a24f9f-ad6d-73fb-8d2f-598b6c621e68','2026-12-07T08:29:54Z','{"drug":"Olanzapine pamoate (embonate)","category":"depot","depot_drug":"olanzapine-pamoate","dose":"As prescribed (demo)","route":"IM","interval_days":14.0,"prescriber":"Dr Demo","start_date":"2026-06-09"}');
INSERT INTO revision VALUES('01a24f9f-ad9b-73f6-9e54-59ac7a3bb38e',1,'create',NULL,'01a24f9f-ad6d-73fb-8d2f-598b6c621e68','2026-12-07T08:29:54Z','{"prescription_id":"01a24f9f-ad9b-73f5-8623-e0e507f88b24","given_on":"2026-11-30","outcome":"given","dose":"As prescribed (demo)","site":"Right deltoid","batch":"DEMO-BATCH","given_by":"Demo nurse"}');
INSERT INTO revision VALUES('01a24f9f-ad9b-73f7-b420-dd01a49d75d8',1,'create',NULL,'01a24f9f-ad6d-73fb-8d2f-598b6c621e68','2026-12-07T08:29:54Z','{"taken_on":"2024-05-22","weight_kg":84.0,"height_cm":176.0,"waist_cm":94.0,"systolic":128.0,"diastolic":82.0,"pulse":76.0,"hba1c":38.0,"cholesterol":5.0999999999999996,"prolactin":310.0,"smoking":"current"}');
INSERT INTO revision VALUES('01a24f9f-ad9b-73f8-abbd-7f755086519d',1,'create',NULL,'01a24f9f-ad6d-73fb-8d2f-598b6c621e68','2026-12-07T08:29:54Z','{"taken_on":"2025-09-13","weight_kg":86.0,"height_cm":176.0,"waist_cm":96.0,"systolic":128.0,"diastolic":82.0,"pulse":76.0,"hba1c":39.0,"cholesterol":5.0999999999999996,"smoking":"current"}');
INSERT INTO revision VALUES('01a24f9f-ad9b-73f9-8e4f-15740745a85d',1,'create',NULL,'01a24f9f-ad6d-73fb-8d2f-598b6c621e68','2026-12-07T08:29:54Z','{"taken_on":"2026-08-22","weight_kg":88.0,"height_cm":176.0,"waist_cm":98.0,"systolic":128.0,"diastolic":82.0,"pulse":76.0,"hba1c":40.0,"cholesterol":5.0999999999999996,"smoking":"current"}');
INSERT INTO revision VALUES('01a24f9f-ad9b-73fa-bf59-c0a8f196ecda',1,'create',NULL,'01a24f9f-ad6d-73fb-8d2f-598b6c621e68','2026-12-07T08:29:54Z','{"start_date":"2024-10-29","needs":"Medication, housing support, structured day (demo)","goals":"“I want to keep my flat and get back to college.” (demo)","interventions":"Fortnightly visits; depot clinic; occupational therapy (demo)","responsible":"Care coordinator; responsible clinician (demo)","review_date":"2024-10-29","co_produced":true,"s117_status":"receiving"}');
INSERT INTO revision VALUES('01a24f9f-ad9b-73fb-bcf4-9d6e272db4e4',1,'create',NULL,'01a24f9f-ad6d-73fb-8d2f-598b6c621e68','2026-12-07T08:29:54Z','{"status":"validated","scheduled_for":"2026-03-18","held_on":"2026-03-18","attendees":"Patient, care coordinator, consultant, carer (demo)","carer_attended":true,"outcomes":"Plan continued (demo)","validated_on":"2026-03-18"}');
INSERT INTO revision VALUES('01a24f9f-ad9b-73fc-b433-f8c51225fca5',1,'create',NULL,'01a24f9f-ad6d-73fb-8d2f-598b6c621e68','2026-12-07T08:29:54Z','{"referral_date":"2026-05-28","referrer":"Responsible clinician on the ward (demo)","referrer_contact":"01603 000000","source":"external-hospital","unit":"St Andrew’s, Northampton (demo)","security_level":"medium","area":"suffolk","reason":"Conditional discharge planned; social supervisor needed (demo)","legal_status":"09","index_offence":"","expected_discharge":"2026-07-29","override_reason":"","override_by":"","override_at":"","assessment_date":"2026-06-10","history":"Long history of psychosis; index offence while unwell (demo)","mental_state":"Settled on current treatment; insight developing (demo)","risk_summary":"Risk of violence when unwell and using substances (demo)","needs":"Supported accommodation, depot clinic, structured day (demo)","recommendation":"Accept for community forensic follow-up (demo)","decision":"accept","signed_by":"01a24f9f-ad95-7388-b121-4874c5b74d2d","signed_at":"2026-06-10T16:00:00Z","risk_assessment_id":"","inpatient":true,"steps":[{"stage":"received","date":"2026-05-28","recorded_at":"2026-05-28T10:00:00Z","by":"01a24f9f-ad95-7389-855c-473dbaa4a4a1","reason":"","signposting":"","destination":""},{"stage":"screening","date":"2026-06-02","recorded_at":"2026-06-02T10:00:00Z","by":"01a24f9f-ad95-7389-855c-473dbaa4a4a1","reason":"","signposting":"","destination":""},{"stage":"assessment-booked","date":"2026-06-06","recorded_at":"2026-06-06T10:00:00Z","by":"01a24f9f-ad95-7389-855c-473dbaa4a4a1","reason":"","signposting":"","destination":""},{"stage":"assessed","date":"2026-06-10","recorded_at":"2026-06-10T10:00:00Z","by":"01a24f9f-ad95-7388-b121-4874c5b74d2d","reason":"","signposting":"","destination":""},{"stage":"accepted","date":"2026-06-15","recorded_at":"2026-06-15T10:00:00Z","by":"01a24f9f-ad95-7389-855c-473dbaa4a4a1","reason":"","signposting":"","destination":""},{"stage":"in-reach","date":"2026-06-20","recorded_at":"2026-06-20T10:00:00Z","by":"01a24f9f-ad95-7389-855c-473dbaa4a4a1","reason":"","signposting":"","destination":""},{"stage":"discharged","date":"2026-07-29","recorded_at":"2026-07-29T10:00:00Z","by":"01a24f9f-ad95-7389-855c-473dbaa4a4a1","reason":"","signposting":"","destination":""},{"stage":"closed","date":"2026-09-27","recorded_at":"2026-09-27T10:00:00Z","by":"01a24f9f-ad95-7389-855c-473dbaa4a4a1","reason":"Pathway complete: settled in the community under the team (demo)","signposting":"","destination":""}],"visits":[{"date":"2026-06-20","unit":"St Andrew’s, Northampton (demo)","attendees":"Care coordinator, patient, ward nurse (demo)","purpose":"Get to know the patient; plan leave and discharge (demo)","outcome":"Met on the ward; leave plan agreed (demo)"}],"readiness":{"accommodation":{"status":"done","owner":"","due":"","note":""},"gp-registration":{"status":"done","owner":"","due":"","note":""},"benefits":{"status":"done","owner":"","due":"","note":""},"medication":{"status":"done","owner":"","due":"","note":""},"s117":{"status":"done","owner":"","due":"","note":""},"cpa-review":{"status":"done","owner":"","due":"","note":""},"crisis-plan":{"status":"done","owner":"","due":"","note":""},"carer-involvement":{"status":"done","owner":"","due":"","note":""},"mappa":{"status":"done","owner":"","due":"","note":""},"moj-conditions":{"status":"done","owner":"","due":"","note":""}}}');
CREATE TABLE patient (
  id              TEXT PRIMARY KEY REFERENCES record (id),
  family_name     TEXT NOT NULL,
  given_name      TEXT NOT NULL DEFAULT '',
  preferred_name  TEXT NOT NULL DEFAULT '',
  sort_name       TEXT NOT NULL,
  birth_date      TEXT,
  nhs_number      TEXT,
  mhcs_reference  TEXT,
  team_id         TEXT REFERENCES team (id),
  coordinator_id  TEXT REFERENCES staff (id),
  legal_status    TEXT
) STRICT;
INSERT INTO patient VALUES('01a24f9f-ad99-725f-91a1-4c4df9a1945d','Woodcock','Luca','','woodcock luca','1975-05-20','9990000018','MHCS/DEMO/00001','6a0c3f2e-6d6b-4f1e-9a51-6e0c6f1f0002','01a24f9f-ad95-738a-ba09-bcd2763f104e','17');
INSERT INTO patient VALUES('01a24f9f-ad9a-7322-af30-c02ed8df5723','Bittern','Liam','','bittern liam','1998-04-25','9990000026','MHCS/DEMO/00002','6a0c3f2e-6d6b-4f1e-9a51-6e0c6f1f0002','01a24f9f-ad95-7389-855c-473dbaa4a4a1','09');
INSERT INTO patient VALUES('01a24f9f-ad9a-7326-95de-f066c38f83eb','Ouzel','Abdul','','ouzel abdul','1980-01-10','9990000034','MHCS/DEMO/00003','6a0c3f2e-6d6b-4f1e-9a51-6e0c6f1f0002','01a24f9f-ad95-738a-ba09-bcd2763f104e','09');
INSERT INTO patient VALUES('01a24f9f-ad9a-7328-a9af-2dc988bb0b41','Siskin','Kayleigh','','siskin kayleigh','1993-12-04','9990000042','MHCS/DEMO/00004','6a0c3f2e-6d6b-4f1e-9a51-6e0c6f1f0002','01a24f9f-ad95-7389-855c-473dbaa4a4a1','09');
CREATE TABLE contact (
  id                TEXT PRIMARY KEY REFERENCES record (id),
  patient_id        TEXT NOT NULL REFERENCES record (id),
  occurred_at       TEXT NOT NULL,
  contact_type      TEXT NOT NULL,
  with_whom         TEXT NOT NULL DEFAULT '',
  location          TEXT NOT NULL DEFAULT '',
  duration_minutes  INTEGER NOT NULL DEFAULT 0,
  summary           TEXT NOT NULL DEFAULT '',
  state             TEXT NOT NULL DEFAULT 'active'
) STRICT;
CREATE TABLE note (
  rowid       INTEGER PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE REFERENCES record (id),
  patient_id  TEXT NOT NULL REFERENCES record (id),
  written_at  TEXT NOT NULL,
  title       TEXT NOT NULL DEFAULT '',
  body        TEXT NOT NULL,
  state       TEXT NOT NULL DEFAULT 'active'
) STRICT;
PRAGMA writable_schema=ON;
INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table','note_fts','note_fts',0,'CREATE VIRTUAL TABLE note_fts USING fts5 (
  title, body,
  content = ''note'', content_rowid = ''rowid'',
  tokenize = ''unicode61 remove_diacritics 2''
)');
CREATE TABLE IF NOT EXISTS 'note_fts_data'(id INTEGER PRIMARY KEY, block BLOB);
INSERT INTO note_fts_data VALUES(1,X'');
INSERT INTO note_fts_data VALUES(10,X'00000000000000');
CREATE TABLE IF NOT EXISTS 'note_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS 'note_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
CREATE TABLE IF NOT EXISTS 'note_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;
INSERT INTO note_fts_config VALUES('version',4);
CREATE TABLE audit (
  seq          INTEGER PRIMARY KEY,
  at           TEXT NOT NULL,
  actor_id     TEXT REFERENCES staff (id),
  action       TEXT NOT NULL,
  record_id    TEXT,
  patient_id   TEXT,
  revision     INTEGER,
  data_hash    TEXT,
  summary      TEXT NOT NULL DEFAULT '',
  prev_hash    TEXT NOT NULL,
  hash         TEXT NOT NULL
) STRICT;
INSERT INTO audit VALUES(1,'2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','create','01a24f9f-ad99-725f-91a1-4c4df9a1945d','01a24f9f-ad99-725f-91a1-4c4df9a1945d',1,'aee4eb29f6f947413e30e1d707c63f75343e6d2ddb4f8347486e0101e428bc80','patient','0000000000000000000000000000000000000000000000000000000000000000','f585ef47a99b3f2f1b2749502a0cd0d77b17a354c32b082a8b3bae434684e22e');
INSERT INTO audit VALUES(2,'2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','create','01a24f9f-ad9a-731d-a29b-6aa7f637cbd6','01a24f9f-ad99-725f-91a1-4c4df9a1945d',1,'ae0c2e720b35766f9d4471b5f75cbdd7ff3dbe28921b30de7d45639001a0ee81','prescription','f585ef47a99b3f2f1b2749502a0cd0d77b17a354c32b082a8b3bae434684e22e','7c55e98bc230913d72845ab888b3cbb113263e95830c0ca63489a9648415b122');
INSERT INTO audit VALUES(3,'2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','create','01a24f9f-ad9a-731e-8059-4b4accdf796a','01a24f9f-ad99-725f-91a1-4c4df9a1945d',1,'8c6a620a7caa30ff35b0d1d915c5b4433d2d4a210ed4b36a3fff2d9e83d8dbd3','depot-dose','7c55e98bc230913d72845ab888b3cbb113263e95830c0ca63489a9648415b122','54b290fbdb1638e1e6eb96f6a7c952f7ea9addaa7229d9b2151dd42f078b9715');
INSERT INTO audit VALUES(4,'2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','create','01a24f9f-ad9a-731f-9053-4ce071f3f5df','01a24f9f-ad99-725f-91a1-4c4df9a1945d',1,'50bb2cfe727c40cfe23051a2451ca6570ae444e21e8ac83561c66fadc85786c7','physical-health','54b290fbdb1638e1e6eb96f6a7c952f7ea9addaa7229d9b2151dd42f078b9715','afdb34ffca74ec8421ebe13aa288f5c6a786d81f396eb6d922effe78ed1981be');
INSERT INTO audit VALUES(5,'2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','create','01a24f9f-ad9a-7320-a135-a58b655ae22f','01a24f9f-ad99-725f-91a1-4c4df9a1945d',1,'6f40c4514322d53cad10573b4e221b699f5d4b5287b3e12832a8f2f7bb6d5c83','physical-health','afdb34ffca74ec8421ebe13aa288f5c6a786d81f396eb6d922effe78ed1981be','05d8b0da43b4475e2c641859c19ce558b41a4560ca07466986eb3fe2c4875576');
INSERT INTO audit VALUES(6,'2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','create','01a24f9f-ad9a-7321-9369-b1ee6da47b90','01a24f9f-ad99-725f-91a1-4c4df9a1945d',1,'004998850ff04d16d68d1733723fae958780773cb09a0512739a905a11427bbd','referral','05d8b0da43b4475e2c641859c19ce558b41a4560ca07466986eb3fe2c4875576','be4736b804f4ec083f342d589eac0dbff8d2a6bdc625035e54894730fca3a294');
INSERT INTO audit VALUES(7,'2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','create','01a24f9f-ad9a-7322-af30-c02ed8df5723','01a24f9f-ad9a-7322-af30-c02ed8df5723',1,'e7a2d2ad648bb464594b46c70212216873ebdf0559cfadf315be4d19a095f2de','patient','be4736b804f4ec083f342d589eac0dbff8d2a6bdc625035e54894730fca3a294','7815e7b42c9e021083111f1746650dbd0309f806b18508f02a75119c90175fdf');
INSERT INTO audit VALUES(8,'2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','create','01a24f9f-ad9a-7323-ab2f-790c99204bec','01a24f9f-ad9a-7322-af30-c02ed8df5723',1,'599a8f75a20fe5e2b992327906c545a0f48955781bc6110331b6a5d77ec3f8f4','prescription','7815e7b42c9e021083111f1746650dbd0309f806b18508f02a75119c90175fdf','f380323db42eb6d904c0aee7cceadae83ad2e539ff67eb98f3a9899de45e3356');
INSERT INTO audit VALUES(9,'2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','create','01a24f9f-ad9a-7324-89cb-9b08497eefd4','01a24f9f-ad9a-7322-af30-c02ed8df5723',1,'dbf5c6d89c1aefb8c69b6ca5a47e69a9d939bbf05e706fe379eeee2dde758d9b','depot-dose','f380323db42eb6d904c0aee7cceadae83ad2e539ff67eb98f3a9899de45e3356','b8d9a9c51b853b472f8c50c5405eba5015f72ff5eaf135d73cbe2e3060044b70');
INSERT INTO audit VALUES(10,'2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','create','01a24f9f-ad9a-7325-947a-43f563e7dc97','01a24f9f-ad9a-7322-af30-c02ed8df5723',1,'d184448585130240d3ae651349865605d2f17e35a15cb2878f3ca1d403f1800e','referral','b8d9a9c51b853b472f8c50c5405eba5015f72ff5eaf135d73cbe2e3060044b70','bde4c62aaf22084a8327914e25ddaea818b9fb1404158fb5903310a6105c9741');
INSERT INTO audit VALUES(11,'2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','create','01a24f9f-ad9a-7326-95de-f066c38f83eb','01a24f9f-ad9a-7326-95de-f066c38f83eb',1,'641e65c5ba70472023c7d9ecbeb7da6403e1f9142defac1122ff597c138b3eb5','patient','bde4c62aaf22084a8327914e25ddaea818b9fb1404158fb5903310a6105c9741','3fd4229da226ec469adb0dd984e946a76c96f6b3e0b5e445281891d253423919');
INSERT INTO audit VALUES(12,'2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','create','01a24f9f-ad9a-7327-895c-be6685902231','01a24f9f-ad9a-7326-95de-f066c38f83eb',1,'eebce6cde44bd25dd36590a12970550756942d95790e144aecf752c7f0845076','referral','3fd4229da226ec469adb0dd984e946a76c96f6b3e0b5e445281891d253423919','64fdb739d2ff0f2c4cff535540d06bb7622e2bea474aaafbbc39e834ce1989ae');
INSERT INTO audit VALUES(13,'2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','create','01a24f9f-ad9a-7328-a9af-2dc988bb0b41','01a24f9f-ad9a-7328-a9af-2dc988bb0b41',1,'83fd742a851543b7735bee614d101946d3999300ba81af42900b334bb188135a','patient','64fdb739d2ff0f2c4cff535540d06bb7622e2bea474aaafbbc39e834ce1989ae','2df77bb140e01c8c6d7bffff9f423b976c3407134f9dae32259c6b575e028af5');
INSERT INTO audit VALUES(14,'2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','create','01a24f9f-ad9b-73ef-b872-5fc7b3e0ddad','01a24f9f-ad9a-7328-a9af-2dc988bb0b41',1,'fcbb952ae833eb13fb41d588788e8e3b1c06fe1c0911494eaf396428dd96f269','legal-status','2df77bb140e01c8c6d7bffff9f423b976c3407134f9dae32259c6b575e028af5','801ae7c7b96b10f55aeb188a9bff79dfc9b1d8ff6570cbb87b2bc22d1553b1e8');
INSERT INTO audit VALUES(15,'2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','create','01a24f9f-ad9b-73f0-926c-8534c41a0e73','01a24f9f-ad9a-7328-a9af-2dc988bb0b41',1,'1c8dfdd845a62b320ec53ae6140d85de4481c2aa3ddff217190cd2cbcd9ef8dd','discharge-condition','801ae7c7b96b10f55aeb188a9bff79dfc9b1d8ff6570cbb87b2bc22d1553b1e8','190b8f933d7df69fd58429610cd32ece7341355de503e89c5e5a6c575ceaca60');
INSERT INTO audit VALUES(16,'2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','create','01a24f9f-ad9b-73f1-860e-8b0dc56c72ce','01a24f9f-ad9a-7328-a9af-2dc988bb0b41',1,'5c90e0f0578b77711d9a0fcd54d35009353db076e649a6d045174f404e7499e7','discharge-condition','190b8f933d7df69fd58429610cd32ece7341355de503e89c5e5a6c575ceaca60','8b2e65c1f994492f1a389c6bc53c1edb33054104443ef5de6b8e804b87368567');
INSERT INTO audit VALUES(17,'2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','create','01a24f9f-ad9b-73f2-9b7f-fba543527cbc','01a24f9f-ad9a-7328-a9af-2dc988bb0b41',1,'333214ae577193e36777862994e7a5af0f3ce3f8bc85a22e29e20e31a520ee94','index-offence','8b2e65c1f994492f1a389c6bc53c1edb33054104443ef5de6b8e804b87368567','29328934d88db7d4fb9dc33aabdf80f1d4caf14378c7827ffd56776ce6177ff1');
INSERT INTO audit VALUES(18,'2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','create','01a24f9f-ad9b-73f3-9255-b1eb602e3020','01a24f9f-ad9a-7328-a9af-2dc988bb0b41',1,'5943e5e2311a1fe496f689cbd3f9fccd7f4795e3738ec806fc71530331721fe6','moj-report','29328934d88db7d4fb9dc33aabdf80f1d4caf14378c7827ffd56776ce6177ff1','ee27645817e7dc091979028d5260bfca423be71c5e68f5a860e25f6d0f84fcf6');
INSERT INTO audit VALUES(19,'2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','create','01a24f9f-ad9b-73f4-86cf-35b9c74f89ce','01a24f9f-ad9a-7328-a9af-2dc988bb0b41',1,'d618dffc50207f142cc1d682a0ea47dff1f5e2d7d48ab1a9a1f227eb346439ee','moj-report','ee27645817e7dc091979028d5260bfca423be71c5e68f5a860e25f6d0f84fcf6','4876f960e8c9e79dd201a89506d8bbad9cd7c8801989eed955a3212a0ae7e67b');
INSERT INTO audit VALUES(20,'2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','create','01a24f9f-ad9b-73f5-8623-e0e507f88b24','01a24f9f-ad9a-7328-a9af-2dc988bb0b41',1,'a8f7c2c724bc56b47cfdcd7f3e2e9e3701ce4ea54f672074854ef3930c4cf356','prescription','4876f960e8c9e79dd201a89506d8bbad9cd7c8801989eed955a3212a0ae7e67b','baefea24ceaf4b2c262d944af67572f7e7e7659869bbb1b3f70fbc93c88467c6');
INSERT INTO audit VALUES(21,'2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','create','01a24f9f-ad9b-73f6-9e54-59ac7a3bb38e','01a24f9f-ad9a-7328-a9af-2dc988bb0b41',1,'14477d68e07720a9105702c5c04a2dced2464c23479153f545d04c93cdb52a01','depot-dose','baefea24ceaf4b2c262d944af67572f7e7e7659869bbb1b3f70fbc93c88467c6','3f631033eb02f25959371abea1a0b937d31b610ee5f8ae1d98f80d3e9c4686ef');
INSERT INTO audit VALUES(22,'2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','create','01a24f9f-ad9b-73f7-b420-dd01a49d75d8','01a24f9f-ad9a-7328-a9af-2dc988bb0b41',1,'fcc0941912056909b3dd76fe95604bec64782a72ba9e4494651e78da2a6a3419','physical-health','3f631033eb02f25959371abea1a0b937d31b610ee5f8ae1d98f80d3e9c4686ef','b34c7720b8ad2f6c7bb6a2ee0b5371d0e365fb974a4912a63d7cd9f84a88d742');
INSERT INTO audit VALUES(23,'2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','create','01a24f9f-ad9b-73f8-abbd-7f755086519d','01a24f9f-ad9a-7328-a9af-2dc988bb0b41',1,'1c1bd95eb4ca6a30784328cfbb97910fa34fa5b522b25eff92842a944d9a98ad','physical-health','b34c7720b8ad2f6c7bb6a2ee0b5371d0e365fb974a4912a63d7cd9f84a88d742','47922f570d3644014e30bf6a91ac8eeeebdd019297cca93b7bda4dffec7fe961');
INSERT INTO audit VALUES(24,'2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','create','01a24f9f-ad9b-73f9-8e4f-15740745a85d','01a24f9f-ad9a-7328-a9af-2dc988bb0b41',1,'5f0d275f713e4f848483b7ecec0d54300320f4ef22db84a2856ada90a84f0347','physical-health','47922f570d3644014e30bf6a91ac8eeeebdd019297cca93b7bda4dffec7fe961','f56e255eccb89d5c226ec338c11a6fe125d456ef2adb87c043c9bc074053ee7c');
INSERT INTO audit VALUES(25,'2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','create','01a24f9f-ad9b-73fa-bf59-c0a8f196ecda','01a24f9f-ad9a-7328-a9af-2dc988bb0b41',1,'5b6ab336b03d42363d712f80ed2501ae21f390d1af8b4ca47c3a273202c21aca','care-plan','f56e255eccb89d5c226ec338c11a6fe125d456ef2adb87c043c9bc074053ee7c','bbcdfb49bb841dc9ff13a3eb688fc592d8a5c89be6816f30fd7dc9789f414a76');
INSERT INTO audit VALUES(26,'2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','create','01a24f9f-ad9b-73fb-bcf4-9d6e272db4e4','01a24f9f-ad9a-7328-a9af-2dc988bb0b41',1,'6e34b9fe8496e778f59a31f47187eaf000e4c718473fa810b3bfe7745579788f','cpa-review','bbcdfb49bb841dc9ff13a3eb688fc592d8a5c89be6816f30fd7dc9789f414a76','0a452c14b3336d70560610864ccc10636c760782bb5f9a85eed93d484517e6c2');
INSERT INTO audit VALUES(27,'2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','create','01a24f9f-ad9b-73fc-b433-f8c51225fca5','01a24f9f-ad9a-7328-a9af-2dc988bb0b41',1,'84cfb263ff0e444de1ea674abf6dc88f8dd40c11f44b44a4be536fc5b1df018e','referral','0a452c14b3336d70560610864ccc10636c760782bb5f9a85eed93d484517e6c2','4a709af8d6f09ee612864a74f9138ffa82164b0ed0dbe91a79bcfd47c8a9ef04');
INSERT INTO audit VALUES(28,'2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','account',NULL,NULL,NULL,NULL,'password set for demo.clinician','4a709af8d6f09ee612864a74f9138ffa82164b0ed0dbe91a79bcfd47c8a9ef04','84ddd4499c0f627df7858bb29553dcd73a550d897d6f765912f83ba3da220b8c');
INSERT INTO audit VALUES(29,'2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','account',NULL,NULL,NULL,NULL,'roles of demo.clinician: clinician','84ddd4499c0f627df7858bb29553dcd73a550d897d6f765912f83ba3da220b8c','9db9d3e7504240f4b0515d22b2a07f6c76586ee4ed6c0d504a0fef946da2abba');
INSERT INTO audit VALUES(30,'2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','account',NULL,NULL,NULL,NULL,'password set for demo.supervisor','9db9d3e7504240f4b0515d22b2a07f6c76586ee4ed6c0d504a0fef946da2abba','6129ed18d92b899e1293334c3881282a01c11a7546c1f3a6e72d153d88b8656a');
INSERT INTO audit VALUES(31,'2026-12-07T08:29:54Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','account',NULL,NULL,NULL,NULL,'roles of demo.supervisor: social-supervisor','6129ed18d92b899e1293334c3881282a01c11a7546c1f3a6e72d153d88b8656a','6c01965d066f137256578acd1e39b2a4e6fa2e86c79b5118893b03b18038e34f');
INSERT INTO audit VALUES(32,'2026-12-07T08:29:55Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','account',NULL,NULL,NULL,NULL,'password set for demo.carers','6c01965d066f137256578acd1e39b2a4e6fa2e86c79b5118893b03b18038e34f','fbab344fc892ad7fc4ccf246954b72f1d8f965889ab20fee9c3b501c9428c60d');
INSERT INTO audit VALUES(33,'2026-12-07T08:29:55Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','account',NULL,NULL,NULL,NULL,'roles of demo.carers: carers-liaison','fbab344fc892ad7fc4ccf246954b72f1d8f965889ab20fee9c3b501c9428c60d','0713233048b4e40e93ba64c503f7e661c2065c20cee2d6173400b96b222fce33');
INSERT INTO audit VALUES(34,'2026-12-07T08:29:55Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','account',NULL,NULL,NULL,NULL,'password set for demo.liaison','0713233048b4e40e93ba64c503f7e661c2065c20cee2d6173400b96b222fce33','f297436ed0861ee18d431693d93e61f0373c936afb01af5f0e254c64473294b8');
INSERT INTO audit VALUES(35,'2026-12-07T08:29:55Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','account',NULL,NULL,NULL,NULL,'roles of demo.liaison: liaison-diversion','f297436ed0861ee18d431693d93e61f0373c936afb01af5f0e254c64473294b8','8daedc16da65c73a46ddbdfe767c2c0a45844288e1cb1418ca6206ad47547980');
INSERT INTO audit VALUES(36,'2026-12-07T08:29:55Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','account',NULL,NULL,NULL,NULL,'password set for demo.manager','8daedc16da65c73a46ddbdfe767c2c0a45844288e1cb1418ca6206ad47547980','075390a97f1b2a566f85a3716de51e93fb655db546736225420488ad14799a8f');
INSERT INTO audit VALUES(37,'2026-12-07T08:29:55Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','account',NULL,NULL,NULL,NULL,'roles of demo.manager: team-manager','075390a97f1b2a566f85a3716de51e93fb655db546736225420488ad14799a8f','d7a04140ff6659910d40cf4b9ea09a8b30ff9bfb8147e43b8a83e7855529fa95');
INSERT INTO audit VALUES(38,'2026-12-07T08:29:55Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','account',NULL,NULL,NULL,NULL,'password set for demo.admin','d7a04140ff6659910d40cf4b9ea09a8b30ff9bfb8147e43b8a83e7855529fa95','f0eb4058688ed9a95902a6f14c083ea4a63b1c7f195c1fb0a6575ccfafa0cba2');
INSERT INTO audit VALUES(39,'2026-12-07T08:29:55Z','01a24f9f-ad6d-73fb-8d2f-598b6c621e68','account',NULL,NULL,NULL,NULL,'roles of demo.admin: administrator','f0eb4058688ed9a95902a6f14c083ea4a63b1c7f195c1fb0a6575ccfafa0cba2','88acd301624217757cb455274102b51a1baa1ac105dc939fbd1bd3b40fa2c19c');
CREATE TABLE referral (
  id             TEXT PRIMARY KEY REFERENCES record (id),
  patient_id     TEXT NOT NULL REFERENCES record (id),
  referral_date  TEXT NOT NULL,
  source         TEXT NOT NULL,
  area           TEXT NOT NULL,
  security_level TEXT,
  unit           TEXT,
  stage          TEXT NOT NULL,
  stage_since    TEXT NOT NULL,
  is_open        INTEGER NOT NULL CHECK (is_open IN (0, 1))
) STRICT;
INSERT INTO referral VALUES('01a24f9f-ad9a-7321-9369-b1ee6da47b90','01a24f9f-ad99-725f-91a1-4c4df9a1945d','2025-05-23','external-hospital','suffolk','high','Rampton Hospital (demo)','closed','2025-12-16',0);
INSERT INTO referral VALUES('01a24f9f-ad9a-7325-947a-43f563e7dc97','01a24f9f-ad9a-7322-af30-c02ed8df5723','2025-08-04','internal-ward','cambs-peterborough','low','Hellesdon low secure unit (demo)','closed','2026-01-23',0);
INSERT INTO referral VALUES('01a24f9f-ad9a-7327-895c-be6685902231','01a24f9f-ad9a-7326-95de-f066c38f83eb','2024-01-03','external-hospital','suffolk','medium','St Andrew’s, Northampton (demo)','closed','2024-07-09',0);
INSERT INTO referral VALUES('01a24f9f-ad9b-73fc-b433-f8c51225fca5','01a24f9f-ad9a-7328-a9af-2dc988bb0b41','2026-05-28','external-hospital','suffolk','medium','St Andrew’s, Northampton (demo)','closed','2026-09-27',0);
CREATE TABLE referral_document (
  id           TEXT PRIMARY KEY,
  referral_id  TEXT NOT NULL REFERENCES record (id),
  patient_id   TEXT NOT NULL REFERENCES record (id),
  file_name    TEXT NOT NULL,
  added_at     TEXT NOT NULL,
  added_by     TEXT NOT NULL REFERENCES staff (id),
  page_count   INTEGER NOT NULL CHECK (page_count >= 0),
  size         INTEGER NOT NULL,
  sha256       TEXT NOT NULL,
  content      BLOB NOT NULL,
  text         TEXT NOT NULL DEFAULT ''
) STRICT;
INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table','referral_document_fts','referral_document_fts',0,'CREATE VIRTUAL TABLE referral_document_fts USING fts5 (
  file_name, text,
  content = ''referral_document'', content_rowid = ''rowid'',
  tokenize = ''unicode61 remove_diacritics 2''
)');
CREATE TABLE IF NOT EXISTS 'referral_document_fts_data'(id INTEGER PRIMARY KEY, block BLOB);
INSERT INTO referral_document_fts_data VALUES(1,X'');
INSERT INTO referral_document_fts_data VALUES(10,X'00000000000000');
CREATE TABLE IF NOT EXISTS 'referral_document_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS 'referral_document_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
CREATE TABLE IF NOT EXISTS 'referral_document_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;
INSERT INTO referral_document_fts_config VALUES('version',4);
CREATE TABLE tool_definition (
  tool_id      TEXT NOT NULL,
  version      TEXT NOT NULL,
  def_version  INTEGER NOT NULL CHECK (def_version >= 1),
  title        TEXT NOT NULL,
  xml          TEXT NOT NULL,
  sha256       TEXT NOT NULL,
  imported_at  TEXT NOT NULL,
  imported_by  TEXT NOT NULL REFERENCES staff (id),
  PRIMARY KEY (tool_id, version, def_version)
) STRICT;
CREATE TABLE risk_assessment (
  id             TEXT PRIMARY KEY REFERENCES record (id),
  patient_id     TEXT NOT NULL REFERENCES record (id),
  tool_id        TEXT NOT NULL,
  tool_version   TEXT NOT NULL,
  def_version    INTEGER NOT NULL,
  status         TEXT NOT NULL CHECK (status IN ('draft', 'completed')),
  assessed_on    TEXT NOT NULL,
  completed_by   TEXT,
  supervised_by  TEXT,
  mdt_reviewed_on TEXT,
  next_review_on TEXT,
  state          TEXT NOT NULL DEFAULT 'active' CHECK (state IN ('active', 'entered-in-error'))
) STRICT;
CREATE TABLE carer (
  id                TEXT PRIMARY KEY REFERENCES record (id),
  patient_id        TEXT REFERENCES record (id),
  name              TEXT NOT NULL,
  young_carer       INTEGER NOT NULL DEFAULT 0,
  named_contact_id  TEXT
) STRICT;
CREATE TABLE carer_link (
  id            TEXT PRIMARY KEY REFERENCES record (id),
  patient_id    TEXT NOT NULL REFERENCES record (id),
  carer_id      TEXT NOT NULL REFERENCES record (id),
  relationship  TEXT NOT NULL,
  ended_on      TEXT
) STRICT;
CREATE TABLE carer_consent (
  id           TEXT PRIMARY KEY REFERENCES record (id),
  patient_id   TEXT NOT NULL REFERENCES record (id),
  carer_id     TEXT NOT NULL REFERENCES record (id),
  status       TEXT NOT NULL,
  scope        TEXT,
  decided_on   TEXT NOT NULL,
  recorded_by  TEXT,
  review_date  TEXT
) STRICT;
CREATE TABLE carer_share (
  id          TEXT PRIMARY KEY REFERENCES record (id),
  patient_id  TEXT NOT NULL REFERENCES record (id),
  carer_id    TEXT NOT NULL REFERENCES record (id),
  shared_on   TEXT NOT NULL,
  categories  TEXT NOT NULL,
  basis       TEXT,
  consent_id  TEXT,
  shared_by   TEXT
) STRICT;
CREATE TABLE carer_assessment (
  id           TEXT PRIMARY KEY REFERENCES record (id),
  patient_id   TEXT REFERENCES record (id),
  carer_id     TEXT NOT NULL REFERENCES record (id),
  status       TEXT NOT NULL,
  offered_on   TEXT NOT NULL,
  assessed_on  TEXT,
  eligible     INTEGER NOT NULL DEFAULT 0,
  review_date  TEXT
) STRICT;
CREATE TABLE carer_involvement (
  id           TEXT PRIMARY KEY REFERENCES record (id),
  patient_id   TEXT REFERENCES record (id),
  carer_id     TEXT NOT NULL REFERENCES record (id),
  occurred_on  TEXT NOT NULL,
  involvement  TEXT NOT NULL
) STRICT;
CREATE TABLE service (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  kind        TEXT NOT NULL,
  area        TEXT NOT NULL DEFAULT '',
  data        TEXT NOT NULL CHECK (json_valid (data)),
  withdrawn   INTEGER NOT NULL DEFAULT 0 CHECK (withdrawn IN (0, 1)),
  updated_at  TEXT NOT NULL,
  updated_by  TEXT REFERENCES staff (id)
, revision INTEGER NOT NULL DEFAULT 1 CHECK (revision >= 1)) STRICT;
INSERT INTO service VALUES('01a24f9f-ad2d-70ff-b2fa-89cce7b23d84','Emergency services','emergency','','{"name":"Emergency services","kind":"emergency","office_hours":"24 hours","general_phone":"999","urgent_phone":"999","crisis_phone":"999","notes":"When life is at risk."}',0,'2026-12-07T08:29:54Z',NULL,1);
INSERT INTO service VALUES('01a24f9f-ad2e-71bf-8e13-685f9da8243e','NHS 111 (mental health option)','helpline','','{"name":"NHS 111 (mental health option)","kind":"helpline","office_hours":"24 hours","general_phone":"111","urgent_phone":"111","crisis_phone":"111","notes":"Urgent mental health help in England: call 111 and choose the mental health option."}',0,'2026-12-07T08:29:54Z',NULL,1);
INSERT INTO service VALUES('01a24f9f-ad2e-71c0-8497-cc49863248e5','Samaritans','helpline','','{"name":"Samaritans","kind":"helpline","office_hours":"24 hours","general_phone":"116 123","urgent_phone":"116 123","crisis_phone":"116 123","notes":"Free to call from any phone."}',0,'2026-12-07T08:29:54Z',NULL,1);
INSERT INTO service VALUES('01a24f9f-ad2e-71c1-93ed-220b1fb70d18','National Domestic Abuse Helpline','helpline','','{"name":"National Domestic Abuse Helpline","kind":"helpline","office_hours":"24 hours","general_phone":"0808 2000 247","urgent_phone":"0808 2000 247","crisis_phone":"0808 2000 247"}',0,'2026-12-07T08:29:54Z',NULL,1);
INSERT INTO service VALUES('01a24f9f-ad2e-71c2-936b-0e5169440c61','Carers UK Helpline','helpline','','{"name":"Carers UK Helpline","kind":"helpline","general_phone":"0808 808 7777","notes":"Advice for carers."}',0,'2026-12-07T08:29:54Z',NULL,1);
CREATE TABLE ld_screening (
  id                    TEXT PRIMARY KEY REFERENCES record (id),
  patient_id            TEXT REFERENCES record (id),
  family_name           TEXT NOT NULL,
  given_name            TEXT,
  ethnicity             TEXT,
  screened_on           TEXT NOT NULL,
  setting               TEXT NOT NULL,
  referral_source       TEXT NOT NULL,
  vulnerabilities       TEXT,
  outcome               TEXT NOT NULL,
  mappa_liaison         INTEGER NOT NULL DEFAULT 0,
  converted_patient_id  TEXT REFERENCES record (id)
) STRICT;
CREATE TABLE moj_record (
  id          TEXT PRIMARY KEY REFERENCES record (id),
  patient_id  TEXT NOT NULL REFERENCES record (id),
  kind        TEXT NOT NULL,
  sort_date   TEXT NOT NULL DEFAULT '',
  data        TEXT NOT NULL CHECK (json_valid (data))
) STRICT;
INSERT INTO moj_record VALUES('01a24f9f-ad9b-73ef-b872-5fc7b3e0ddad','01a24f9f-ad9a-7328-a9af-2dc988bb0b41','legal-status','2026-07-29','{"authority":"09","effective_date":"2026-07-29","order_date":"2018-03-14","restriction_date":"2018-03-14","court":"Norwich Crown Court (demo)","mhcs_reference":"MHCS/DEMO/00004","conditional_discharge_date":"2026-07-29","discharged_by":"Secretary of State","mappa_category":"2","mappa_level":"1"}');
INSERT INTO moj_record VALUES('01a24f9f-ad9b-73f0-926c-8534c41a0e73','01a24f9f-ad9a-7328-a9af-2dc988bb0b41','discharge-condition','2026-07-29','{"category":"residence","wording":"Reside at the approved address and abide by its rules; agree nights away in advance with the supervisors","start_date":"2026-07-29"}');
INSERT INTO moj_record VALUES('01a24f9f-ad9b-73f1-860e-8b0dc56c72ce','01a24f9f-ad9a-7328-a9af-2dc988bb0b41','discharge-condition','2026-07-29','{"category":"treatment","wording":"Comply with medication, treatment and monitoring as directed by the responsible clinician","start_date":"2026-07-29"}');
INSERT INTO moj_record VALUES('01a24f9f-ad9b-73f2-9b7f-fba543527cbc','01a24f9f-ad9a-7328-a9af-2dc988bb0b41','index-offence','2017-08-14','{"description":"Arson with intent to endanger life (demo)","offence_date":"2017-08-14","place":"Norwich"}');
INSERT INTO moj_record VALUES('01a24f9f-ad9b-73f3-9255-b1eb602e3020','01a24f9f-ad9a-7328-a9af-2dc988bb0b41','moj-report','2026-08-26','{"template_id":"moj-cd-report","template_version":"2024-10","report_type":"routine","due_date":"2026-08-26","created_date":"2026-12-07","part_ids":"A,B,C","values":{"B.recommendation":{"value":"Continue conditional discharge."},"C.recommendation":{"value":"continue"}},"parts":{"A":{"signer_role":"social-supervisor","state":"signed","digest":"a0cdfbf619c2e838f470ba063da0bb219cef04ce1de2497416afb2786d16112f","signed_by":"01a24f9f-ad95-738a-ba09-bcd2763f104e","signer_name":"Kofi Mensah","signed_at":"2026-08-24T10:00:00Z"},"B":{"signer_role":"social-supervisor","state":"signed","digest":"cb6c0a4f4d3952fc1f6d0d3505ce27a4c745634241f838b7648bf7983ccd1c8c","signed_by":"01a24f9f-ad95-738a-ba09-bcd2763f104e","signer_name":"Kofi Mensah","signed_at":"2026-08-24T10:00:00Z"},"C":{"signer_role":"clinical-supervisor","state":"signed","digest":"692e896454c0db1fb8e5e9a6880fe39d2d24b2268efc821e80b1ebe52b1a849a","signed_by":"01a24f9f-ad95-7388-b121-4874c5b74d2d","signer_name":"Dr Helen Clarke","signed_at":"2026-08-24T10:00:00Z"}},"period_to":"2026-08-24","submitted_date":"2026-08-24","submission_method":"secure-email","submission_reference":""}');
INSERT INTO moj_record VALUES('01a24f9f-ad9b-73f4-86cf-35b9c74f89ce','01a24f9f-ad9a-7328-a9af-2dc988bb0b41','moj-report','2026-10-29','{"template_id":"moj-cd-report","template_version":"2024-10","report_type":"routine","due_date":"2026-10-29","created_date":"2026-12-07","part_ids":"A,B,C","values":{"B.recommendation":{"value":"Continue conditional discharge."},"C.recommendation":{"value":"continue"}},"parts":{"A":{"signer_role":"social-supervisor","state":"signed","digest":"a0cdfbf619c2e838f470ba063da0bb219cef04ce1de2497416afb2786d16112f","signed_by":"01a24f9f-ad95-738a-ba09-bcd2763f104e","signer_name":"Kofi Mensah","signed_at":"2026-10-27T10:00:00Z"},"B":{"signer_role":"social-supervisor","state":"signed","digest":"cb6c0a4f4d3952fc1f6d0d3505ce27a4c745634241f838b7648bf7983ccd1c8c","signed_by":"01a24f9f-ad95-738a-ba09-bcd2763f104e","signer_name":"Kofi Mensah","signed_at":"2026-10-27T10:00:00Z"},"C":{"signer_role":"clinical-supervisor","state":"signed","digest":"692e896454c0db1fb8e5e9a6880fe39d2d24b2268efc821e80b1ebe52b1a849a","signed_by":"01a24f9f-ad95-7388-b121-4874c5b74d2d","signer_name":"Dr Helen Clarke","signed_at":"2026-10-27T10:00:00Z"}},"period_to":"2026-10-27","submitted_date":"2026-10-27","submission_method":"secure-email","submission_reference":""}');
CREATE TABLE prescription (
  id             TEXT PRIMARY KEY REFERENCES record (id),
  patient_id     TEXT NOT NULL REFERENCES record (id),
  drug           TEXT NOT NULL,
  category       TEXT NOT NULL,
  depot_drug     TEXT,
  interval_days  REAL,
  start_date     TEXT NOT NULL,
  stop_date      TEXT,
  break_hours    REAL,
  restarted_on   TEXT
, dose_changed_on TEXT, ecg_indicated INTEGER) STRICT;
INSERT INTO prescription VALUES('01a24f9f-ad9a-731d-a29b-6aa7f637cbd6','01a24f9f-ad99-725f-91a1-4c4df9a1945d','Zuclopenthixol decanoate','depot','zuclopenthixol-decanoate',14.0,'2025-03-15',NULL,NULL,NULL,NULL,0);
INSERT INTO prescription VALUES('01a24f9f-ad9a-7323-ab2f-790c99204bec','01a24f9f-ad9a-7322-af30-c02ed8df5723','Aripiprazole long-acting (monthly)','depot','aripiprazole-lai',28.0,'2026-04-29',NULL,NULL,NULL,NULL,0);
INSERT INTO prescription VALUES('01a24f9f-ad9b-73f5-8623-e0e507f88b24','01a24f9f-ad9a-7328-a9af-2dc988bb0b41','Olanzapine pamoate (embonate)','depot','olanzapine-pamoate',14.0,'2026-06-09',NULL,NULL,NULL,NULL,0);
CREATE TABLE depot_dose (
  id               TEXT PRIMARY KEY REFERENCES record (id),
  patient_id       TEXT NOT NULL REFERENCES record (id),
  prescription_id  TEXT NOT NULL REFERENCES record (id),
  given_on         TEXT NOT NULL,
  outcome          TEXT NOT NULL CHECK (outcome IN ('given', 'refused', 'missed', 'deferred'))
, observed_hours REAL) STRICT;
INSERT INTO depot_dose VALUES('01a24f9f-ad9a-731e-8059-4b4accdf796a','01a24f9f-ad99-725f-91a1-4c4df9a1945d','01a24f9f-ad9a-731d-a29b-6aa7f637cbd6','2026-11-26','given',NULL);
INSERT INTO depot_dose VALUES('01a24f9f-ad9a-7324-89cb-9b08497eefd4','01a24f9f-ad9a-7322-af30-c02ed8df5723','01a24f9f-ad9a-7323-ab2f-790c99204bec','2026-11-26','given',NULL);
INSERT INTO depot_dose VALUES('01a24f9f-ad9b-73f6-9e54-59ac7a3bb38e','01a24f9f-ad9a-7328-a9af-2dc988bb0b41','01a24f9f-ad9b-73f5-8623-e0e507f88b24','2026-11-30','given',NULL);
CREATE TABLE fbc_result (
  id           TEXT PRIMARY KEY REFERENCES record (id),
  patient_id   TEXT NOT NULL REFERENCES record (id),
  taken_on     TEXT NOT NULL,
  wbc          REAL NOT NULL,
  neutrophils  REAL NOT NULL,
  light        TEXT NOT NULL CHECK (light IN ('green', 'amber', 'red'))
, service_light TEXT
  CHECK (service_light IS NULL OR service_light IN ('green', 'amber', 'red'))) STRICT;
CREATE TABLE lithium_level (
  id          TEXT PRIMARY KEY REFERENCES record (id),
  patient_id  TEXT NOT NULL REFERENCES record (id),
  taken_on    TEXT NOT NULL,
  level       REAL NOT NULL
) STRICT;
CREATE TABLE physical_health (
  id           TEXT PRIMARY KEY REFERENCES record (id),
  patient_id   TEXT NOT NULL REFERENCES record (id),
  taken_on     TEXT NOT NULL,
  weight_kg    REAL,
  height_cm    REAL,
  bmi          REAL,
  waist_cm     REAL,
  systolic     REAL,
  diastolic    REAL,
  pulse        REAL,
  hba1c        REAL,
  glucose      REAL,
  cholesterol  REAL
, prolactin REAL, ecg_done INTEGER, egfr REAL, ue_done INTEGER, calcium REAL, tsh REAL) STRICT;
INSERT INTO physical_health VALUES('01a24f9f-ad9a-731f-9053-4ce071f3f5df','01a24f9f-ad99-725f-91a1-4c4df9a1945d','2025-04-28',86.0,176.0,27.80000000000000071,96.0,128.0,82.0,76.0,39.0,NULL,5.0999999999999996447,310.0,0,NULL,0,NULL,NULL);
INSERT INTO physical_health VALUES('01a24f9f-ad9a-7320-a135-a58b655ae22f','01a24f9f-ad99-725f-91a1-4c4df9a1945d','2026-04-25',88.0,176.0,28.399999999999998578,98.0,128.0,82.0,76.0,40.0,NULL,5.0999999999999996447,NULL,0,NULL,0,NULL,NULL);
INSERT INTO physical_health VALUES('01a24f9f-ad9b-73f7-b420-dd01a49d75d8','01a24f9f-ad9a-7328-a9af-2dc988bb0b41','2024-05-22',84.0,176.0,27.10000000000000142,94.0,128.0,82.0,76.0,38.0,NULL,5.0999999999999996447,310.0,0,NULL,0,NULL,NULL);
INSERT INTO physical_health VALUES('01a24f9f-ad9b-73f8-abbd-7f755086519d','01a24f9f-ad9a-7328-a9af-2dc988bb0b41','2025-09-13',86.0,176.0,27.80000000000000071,96.0,128.0,82.0,76.0,39.0,NULL,5.0999999999999996447,NULL,0,NULL,0,NULL,NULL);
INSERT INTO physical_health VALUES('01a24f9f-ad9b-73f9-8e4f-15740745a85d','01a24f9f-ad9a-7328-a9af-2dc988bb0b41','2026-08-22',88.0,176.0,28.399999999999998578,98.0,128.0,82.0,76.0,40.0,NULL,5.0999999999999996447,NULL,0,NULL,0,NULL,NULL);
CREATE TABLE cpa_review (
  id             TEXT PRIMARY KEY REFERENCES record (id),
  patient_id     TEXT NOT NULL REFERENCES record (id),
  status         TEXT NOT NULL CHECK (status IN ('scheduled', 'held', 'validated', 'cancelled')),
  scheduled_for  TEXT NOT NULL,
  held_on        TEXT,
  validated_on   TEXT
) STRICT;
INSERT INTO cpa_review VALUES('01a24f9f-ad9b-73fb-bcf4-9d6e272db4e4','01a24f9f-ad9a-7328-a9af-2dc988bb0b41','validated','2026-03-18','2026-03-18','2026-03-18');
CREATE TABLE care_plan (
  id           TEXT PRIMARY KEY REFERENCES record (id),
  patient_id   TEXT NOT NULL REFERENCES record (id),
  start_date   TEXT NOT NULL,
  review_date  TEXT NOT NULL,
  s117_status  TEXT NOT NULL
) STRICT;
INSERT INTO care_plan VALUES('01a24f9f-ad9b-73fa-bf59-c0a8f196ecda','01a24f9f-ad9a-7328-a9af-2dc988bb0b41','2024-10-29','2024-10-29','receiving');
CREATE TABLE crisis_plan (
  id          TEXT PRIMARY KEY REFERENCES record (id),
  patient_id  TEXT NOT NULL REFERENCES record (id),
  agreed_on   TEXT NOT NULL
) STRICT;
CREATE TABLE clozapine_monitoring (
  id                  TEXT PRIMARY KEY REFERENCES record (id),
  patient_id          TEXT NOT NULL REFERENCES record (id),
  decided_on          TEXT NOT NULL,
  monitoring_service  TEXT NOT NULL,
  thresholds          TEXT NOT NULL CHECK (thresholds IN ('standard', 'ben'))
) STRICT;
CREATE TABLE clozapine_no_rechallenge (
  id          TEXT PRIMARY KEY REFERENCES record (id),
  patient_id  TEXT NOT NULL REFERENCES record (id),
  decided_on  TEXT NOT NULL,
  lifted_on   TEXT
) STRICT;
CREATE TABLE lithium_plan (
  id                          TEXT PRIMARY KEY REFERENCES record (id),
  patient_id                  TEXT NOT NULL REFERENCES record (id),
  decided_on                  TEXT NOT NULL,
  target_range                TEXT NOT NULL CHECK (target_range IN ('standard', 'higher')),
  interacting_drugs           INTEGER NOT NULL DEFAULT 0,
  renal_thyroid_calcium_risk  INTEGER NOT NULL DEFAULT 0,
  poor_control_or_adherence   INTEGER NOT NULL DEFAULT 0
) STRICT;
CREATE TABLE database_identity (
  singleton  INTEGER PRIMARY KEY CHECK (singleton = 1),
  id         TEXT NOT NULL CHECK (length (id) = 32 AND id NOT GLOB '*[^0-9a-f]*')
) STRICT;
INSERT INTO database_identity VALUES(1,'fd9eeecb299a14bedc7ffe2d99643816');
CREATE INDEX record_patient ON record (patient_id, kind);
CREATE TRIGGER revision_no_update BEFORE UPDATE ON revision
BEGIN
  SELECT RAISE (ABORT, 'revisions are append-only');
END;
CREATE TRIGGER revision_no_delete BEFORE DELETE ON revision
BEGIN
  SELECT RAISE (ABORT, 'revisions are append-only');
END;
CREATE INDEX patient_nhs ON patient (nhs_number);
CREATE INDEX patient_mhcs ON patient (mhcs_reference);
CREATE INDEX contact_patient ON contact (patient_id, occurred_at);
CREATE INDEX note_patient ON note (patient_id, written_at);
CREATE INDEX patient_sort ON patient (sort_name);
CREATE INDEX patient_team ON patient (team_id, coordinator_id);
CREATE INDEX staff_team ON staff (team_id);
CREATE INDEX audit_patient ON audit (patient_id, at);
CREATE INDEX audit_record ON audit (record_id, revision);
CREATE INDEX audit_at ON audit (at);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN
  SELECT RAISE (ABORT, 'the audit log is append-only');
END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN
  SELECT RAISE (ABORT, 'the audit log is append-only');
END;
CREATE INDEX referral_patient ON referral (patient_id);
CREATE INDEX referral_open ON referral (is_open, stage);
CREATE INDEX referral_document_referral ON referral_document (referral_id);
CREATE TRIGGER referral_document_no_update BEFORE UPDATE ON referral_document
BEGIN
  SELECT RAISE (ABORT, 'referral documents are never changed');
END;
CREATE TRIGGER referral_document_no_delete BEFORE DELETE ON referral_document
BEGIN
  SELECT RAISE (ABORT, 'referral documents are never removed');
END;
CREATE TRIGGER referral_document_fts_insert AFTER INSERT ON referral_document BEGIN
  INSERT INTO referral_document_fts (rowid, file_name, text) VALUES (new.rowid, new.file_name, new.text);
END;
CREATE INDEX risk_assessment_patient ON risk_assessment (patient_id, assessed_on);
CREATE INDEX risk_assessment_review ON risk_assessment (next_review_on) WHERE status = 'completed';
CREATE INDEX carer_link_patient ON carer_link (patient_id);
CREATE INDEX carer_link_carer ON carer_link (carer_id);
CREATE INDEX carer_consent_pair ON carer_consent (patient_id, carer_id);
CREATE INDEX carer_share_pair ON carer_share (patient_id, carer_id);
CREATE INDEX carer_assessment_carer ON carer_assessment (carer_id);
CREATE INDEX carer_involvement_carer ON carer_involvement (carer_id);
CREATE INDEX service_area ON service (area);
CREATE INDEX ld_screening_date ON ld_screening (screened_on);
CREATE INDEX moj_record_patient ON moj_record (patient_id, kind, sort_date);
CREATE INDEX moj_record_kind ON moj_record (kind);
CREATE INDEX prescription_patient ON prescription (patient_id);
CREATE INDEX prescription_category ON prescription (category, patient_id);
CREATE INDEX depot_dose_prescription ON depot_dose (prescription_id, outcome, given_on);
CREATE INDEX depot_dose_patient ON depot_dose (patient_id, given_on);
CREATE INDEX fbc_result_patient ON fbc_result (patient_id, taken_on);
CREATE INDEX lithium_level_patient ON lithium_level (patient_id, taken_on);
CREATE INDEX physical_health_patient ON physical_health (patient_id, taken_on);
CREATE INDEX cpa_review_patient ON cpa_review (patient_id, scheduled_for);
CREATE INDEX care_plan_patient ON care_plan (patient_id, start_date);
CREATE INDEX crisis_plan_patient ON crisis_plan (patient_id, agreed_on);
CREATE INDEX clozapine_monitoring_patient ON clozapine_monitoring (patient_id, decided_on);
CREATE INDEX clozapine_no_rechallenge_patient ON clozapine_no_rechallenge (patient_id, decided_on);
CREATE INDEX lithium_plan_patient ON lithium_plan (patient_id, decided_on);
CREATE TRIGGER database_identity_no_update BEFORE UPDATE ON database_identity
BEGIN
  SELECT RAISE (ABORT, 'a database keeps its identity');
END;
CREATE TRIGGER database_identity_no_delete BEFORE DELETE ON database_identity
BEGIN
  SELECT RAISE (ABORT, 'a database keeps its identity');
END;
CREATE TRIGGER note_fts_delete AFTER DELETE ON note BEGIN
  INSERT INTO note_fts (note_fts, rowid, title, body) VALUES ('delete', old.rowid, old.title, old.body);
END;
CREATE TRIGGER note_fts_insert AFTER INSERT ON note BEGIN
  INSERT INTO note_fts (rowid, title, body) VALUES (new.rowid, new.title, new.body);
END;
CREATE TRIGGER note_fts_update AFTER UPDATE ON note BEGIN
  INSERT INTO note_fts (note_fts, rowid, title, body) VALUES ('delete', old.rowid, old.title, old.body);
  INSERT INTO note_fts (rowid, title, body) VALUES (new.rowid, new.title, new.body);
END;
PRAGMA writable_schema=OFF;
COMMIT;
PRAGMA user_version = 13;
