-- A database as Kestrel schema 12 wrote it (kestrel-cli at main 091aaec: demo --patients 3
-- --contacts 1 --notes 1 --seed 19, then a note corrected, a contact marked entered in error, a
-- patient's preferred name edited and a carer added through core): today's format before the
-- keyed access-log chain. Used by /chain/migrates-schema-12; never regenerate it from newer
-- migrations.
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
INSERT INTO staff VALUES('01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','admin','admin','',NULL,'','2026-12-07T07:29:54Z',0,NULL,'',0,NULL);
INSERT INTO staff VALUES('01a24f68-c133-70c6-962b-874f7c9515d8','demo.okafor','Dr Ngozi Okafor','Consultant forensic psychiatrist','6a0c3f2e-6d6b-4f1e-9a51-6e0c6f1f0001','01603 000000','2026-12-07T07:29:54Z',0,NULL,'',0,NULL);
INSERT INTO staff VALUES('01a24f68-c133-70c7-9dd4-4f0755e96bac','demo.hughes','Rhian Hughes','Community psychiatric nurse','6a0c3f2e-6d6b-4f1e-9a51-6e0c6f1f0001','01603 000000','2026-12-07T07:29:54Z',0,NULL,'',0,NULL);
INSERT INTO staff VALUES('01a24f68-c133-70c8-9616-83ec4b8d02e4','demo.patel','Sunil Patel','Social worker (social supervisor)','6a0c3f2e-6d6b-4f1e-9a51-6e0c6f1f0001','01603 000000','2026-12-07T07:29:54Z',0,NULL,'',0,NULL);
INSERT INTO staff VALUES('01a24f68-c133-70c9-956b-44c82db90b93','demo.clarke','Dr Helen Clarke','Consultant forensic psychiatrist','6a0c3f2e-6d6b-4f1e-9a51-6e0c6f1f0002','01603 000000','2026-12-07T07:29:54Z',0,NULL,'',0,NULL);
INSERT INTO staff VALUES('01a24f68-c133-70ca-a111-110dde825de1','demo.brennan','Siobhan Brennan','Community psychiatric nurse','6a0c3f2e-6d6b-4f1e-9a51-6e0c6f1f0002','01603 000000','2026-12-07T07:29:54Z',0,NULL,'',0,NULL);
INSERT INTO staff VALUES('01a24f68-c133-70cb-8148-8abf6e61efb9','demo.mensah','Kofi Mensah','Social worker (social supervisor)','6a0c3f2e-6d6b-4f1e-9a51-6e0c6f1f0002','01603 000000','2026-12-07T07:29:54Z',0,NULL,'',0,NULL);
INSERT INTO staff VALUES('01a24f68-c141-719f-8086-0725e3a24838','demo.clinician','Demo Clinician','','6a0c3f2e-6d6b-4f1e-9a51-6e0c6f1f0001','','2026-12-07T07:29:55Z',0,'$argon2id$v=19$m=65536,t=2,p=1$f4bVbWCc7mAX9X8J1Txnag$N9WcMzvSN/CKLxEEWaG57B6VYZJRMeynyn6PJOQRpb4','clinician',0,NULL);
INSERT INTO staff VALUES('01a24f68-c215-7313-89e0-c3b8dde2af04','demo.supervisor','Demo Social Supervisor','','6a0c3f2e-6d6b-4f1e-9a51-6e0c6f1f0001','','2026-12-07T07:29:55Z',0,'$argon2id$v=19$m=65536,t=2,p=1$oeSv6ZOgAkNvZduP05v8iA$hevC4kcbvn8OUvy73bxt+oUaHmUfVHJw45Jd06e/7S0','social-supervisor',0,NULL);
INSERT INTO staff VALUES('01a24f68-c2d1-73c4-b12a-1f0bb11faf53','demo.carers','Demo Carers’ Liaison','','6a0c3f2e-6d6b-4f1e-9a51-6e0c6f1f0001','','2026-12-07T07:29:55Z',0,'$argon2id$v=19$m=65536,t=2,p=1$8KluREdNtS/Y4PgLnDjv3Q$MCJ0uGP8FJulzhSJPFUlJxhCkoYVqt7FRZDVVD2BlTU','carers-liaison',0,NULL);
INSERT INTO staff VALUES('01a24f68-c3a9-71f7-9e09-aac42cd4e5b2','demo.liaison','Demo Liaison and Diversion','','6a0c3f2e-6d6b-4f1e-9a51-6e0c6f1f0001','','2026-12-07T07:29:55Z',0,'$argon2id$v=19$m=65536,t=2,p=1$E8Wjm1bg45jnbgRtw7DQ2g$3n+xv9BqCwTzFzFonc2YjOOsd8OdFFszx+l0wf2PMww','liaison-diversion',0,NULL);
INSERT INTO staff VALUES('01a24f68-c44d-7174-909e-550c168f95a0','demo.manager','Demo Team Manager','','6a0c3f2e-6d6b-4f1e-9a51-6e0c6f1f0001','','2026-12-07T07:29:55Z',0,'$argon2id$v=19$m=65536,t=2,p=1$xQbdADwY7eJ5+BRP/cZnVg$hPQCqTPOPnSIx1sRAuwJlFisKHJE+qHASBZhfxyYkxg','team-manager',0,NULL);
INSERT INTO staff VALUES('01a24f68-c4f1-715a-8089-192a599e8ece','demo.admin','Demo Administrator','','6a0c3f2e-6d6b-4f1e-9a51-6e0c6f1f0001','','2026-12-07T07:29:55Z',0,'$argon2id$v=19$m=65536,t=2,p=1$R8BLE3zvKBQwLNYYY2cu5Q$9MWLpD9m1kBOOyhngonGKHDn6nBGRokTKZlrxxxFZeg','administrator',0,NULL);
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
INSERT INTO record VALUES('01a24f68-c13d-70eb-bc06-a8d1346ed3e8','patient',NULL,2,'active','2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','2026-12-07T07:29:58Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc');
INSERT INTO record VALUES('01a24f68-c13e-7286-a74b-1ac2fe55ae0b','contact','01a24f68-c13d-70eb-bc06-a8d1346ed3e8',2,'entered-in-error','2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','2026-12-07T07:29:58Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc');
INSERT INTO record VALUES('01a24f68-c13e-7287-ac59-bcc2a32532fd','note','01a24f68-c13d-70eb-bc06-a8d1346ed3e8',2,'active','2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','2026-12-07T07:29:58Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc');
INSERT INTO record VALUES('01a24f68-c13e-7288-b586-5ccc7d9b1a43','legal-status','01a24f68-c13d-70eb-bc06-a8d1346ed3e8',1,'active','2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc');
INSERT INTO record VALUES('01a24f68-c13e-7289-8bae-21f0f2032abf','discharge-condition','01a24f68-c13d-70eb-bc06-a8d1346ed3e8',1,'active','2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc');
INSERT INTO record VALUES('01a24f68-c13e-728a-9f38-7eea5c15b9e0','discharge-condition','01a24f68-c13d-70eb-bc06-a8d1346ed3e8',1,'active','2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc');
INSERT INTO record VALUES('01a24f68-c13e-728b-9914-5040be78533a','index-offence','01a24f68-c13d-70eb-bc06-a8d1346ed3e8',1,'active','2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc');
INSERT INTO record VALUES('01a24f68-c13e-728c-a8b4-82bfd729b827','care-plan','01a24f68-c13d-70eb-bc06-a8d1346ed3e8',1,'active','2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc');
INSERT INTO record VALUES('01a24f68-c13e-728d-955d-6bbf003cef24','cpa-review','01a24f68-c13d-70eb-bc06-a8d1346ed3e8',1,'active','2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc');
INSERT INTO record VALUES('01a24f68-c13e-728e-8866-0ae94b04d1a0','crisis-plan','01a24f68-c13d-70eb-bc06-a8d1346ed3e8',1,'active','2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc');
INSERT INTO record VALUES('01a24f68-c13e-728f-ad52-f1a7bc3de43c','referral','01a24f68-c13d-70eb-bc06-a8d1346ed3e8',1,'active','2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc');
INSERT INTO record VALUES('01a24f68-c13e-7290-b047-94830613dfc7','referral','01a24f68-c13d-70eb-bc06-a8d1346ed3e8',1,'active','2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc');
INSERT INTO record VALUES('01a24f68-c13e-7291-8e54-96aa5833ada1','patient',NULL,1,'active','2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc');
INSERT INTO record VALUES('01a24f68-c13e-7292-afe5-3315e21ea252','contact','01a24f68-c13e-7291-8e54-96aa5833ada1',1,'active','2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc');
INSERT INTO record VALUES('01a24f68-c13e-7293-8fd5-b3cad5cabb68','note','01a24f68-c13e-7291-8e54-96aa5833ada1',1,'active','2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc');
INSERT INTO record VALUES('01a24f68-c13e-7294-812a-120bba7712e0','prescription','01a24f68-c13e-7291-8e54-96aa5833ada1',1,'active','2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc');
INSERT INTO record VALUES('01a24f68-c13e-7295-9d81-4112ac7ccdd6','depot-dose','01a24f68-c13e-7291-8e54-96aa5833ada1',1,'active','2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc');
INSERT INTO record VALUES('01a24f68-c13e-7296-bfdd-be309c438492','care-plan','01a24f68-c13e-7291-8e54-96aa5833ada1',1,'active','2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc');
INSERT INTO record VALUES('01a24f68-c13e-7297-a6cb-31f4d2b2c5e6','cpa-review','01a24f68-c13e-7291-8e54-96aa5833ada1',1,'active','2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc');
INSERT INTO record VALUES('01a24f68-c13e-7298-9489-bb31d9b319f3','referral','01a24f68-c13e-7291-8e54-96aa5833ada1',1,'active','2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc');
INSERT INTO record VALUES('01a24f68-c13f-729a-9056-f299a8206a3c','referral','01a24f68-c13e-7291-8e54-96aa5833ada1',1,'active','2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc');
INSERT INTO record VALUES('01a24f68-c13f-729b-82b9-1ff7bab263a4','patient',NULL,1,'active','2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc');
INSERT INTO record VALUES('01a24f68-c13f-729c-a68b-0a2293a9e155','contact','01a24f68-c13f-729b-82b9-1ff7bab263a4',1,'active','2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc');
INSERT INTO record VALUES('01a24f68-c13f-729d-acf7-e546d4f5f32c','note','01a24f68-c13f-729b-82b9-1ff7bab263a4',1,'active','2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc');
INSERT INTO record VALUES('01a24f68-c13f-729e-a4b0-3bfd5d576f03','care-plan','01a24f68-c13f-729b-82b9-1ff7bab263a4',1,'active','2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc');
INSERT INTO record VALUES('01a24f68-c13f-729f-9fd5-4a96c8ca36b4','referral','01a24f68-c13f-729b-82b9-1ff7bab263a4',1,'active','2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc');
INSERT INTO record VALUES('01a24f68-cd2b-7154-9334-5c5b1ecfd95f','carer',NULL,1,'active','2026-12-07T07:29:58Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','2026-12-07T07:29:58Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc');
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
INSERT INTO revision VALUES('01a24f68-c13d-70eb-bc06-a8d1346ed3e8',1,'create',NULL,'01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','2026-12-07T07:29:55Z','{"family_name":"O’Kestrel","given_name":"Imran","preferred_name":"","birth_date":"1959-11-14","nhs_number":"9990000018","mhcs_reference":"MHCS/DEMO/00001","gender":"1","ethnicity":"99","address":"163 Rowanby Road\nNorwich","postcode":"NR30 1BN","phone":"","gp_practice":"Riverside Medical Practice (demo)","team_id":"6a0c3f2e-6d6b-4f1e-9a51-6e0c6f1f0001","coordinator_id":"01a24f68-c133-70c6-962b-874f7c9515d8","clinician_id":"01a24f68-c133-70c6-962b-874f7c9515d8","supervisor_id":"01a24f68-c133-70c8-9616-83ec4b8d02e4","diagnosis_notes":"","legal_status":"09","mappa_category":"","mappa_level":"","referral_date":"","age_override_reason":"","gender_identity":"","aliases":[],"diagnoses":["F60.2"],"alerts":[]}');
INSERT INTO revision VALUES('01a24f68-c13d-70eb-bc06-a8d1346ed3e8',2,'edit',NULL,'01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','2026-12-07T07:29:58Z','{"family_name":"O’Kestrel","given_name":"Imran","preferred_name":"Sam","birth_date":"1959-11-14","nhs_number":"9990000018","mhcs_reference":"MHCS/DEMO/00001","gender":"1","ethnicity":"99","address":"163 Rowanby Road\nNorwich","postcode":"NR30 1BN","phone":"","gp_practice":"Riverside Medical Practice (demo)","team_id":"6a0c3f2e-6d6b-4f1e-9a51-6e0c6f1f0001","coordinator_id":"01a24f68-c133-70c6-962b-874f7c9515d8","clinician_id":"01a24f68-c133-70c6-962b-874f7c9515d8","supervisor_id":"01a24f68-c133-70c8-9616-83ec4b8d02e4","diagnosis_notes":"","legal_status":"09","mappa_category":"","mappa_level":"","referral_date":"","age_override_reason":"","gender_identity":"","aliases":[],"diagnoses":["F60.2"],"alerts":[]}');
INSERT INTO revision VALUES('01a24f68-c13e-7286-a74b-1ac2fe55ae0b',1,'create',NULL,'01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','2026-12-07T07:29:55Z','{"occurred_at":"2026-05-14T05:59:41Z","contact_type":"in-reach","with_whom":"Patient and carer","location":"Team base","duration_minutes":48,"summary":""}');
INSERT INTO revision VALUES('01a24f68-c13e-7286-a74b-1ac2fe55ae0b',2,'entered-in-error','recorded against the wrong patient','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','2026-12-07T07:29:58Z','{"occurred_at":"2026-05-14T05:59:41Z","contact_type":"in-reach","with_whom":"Patient and carer","location":"Team base","duration_minutes":48,"summary":""}');
INSERT INTO revision VALUES('01a24f68-c13e-7287-ac59-bcc2a32532fd',1,'create',NULL,'01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','2026-12-07T07:29:55Z','{"written_at":"2026-10-23T20:18:20Z","title":"Progress note","body":"Joint visit with the social supervisor. Mental state settled; no evidence of psychotic symptoms today. Plan: continue current care plan."}');
INSERT INTO revision VALUES('01a24f68-c13e-7287-ac59-bcc2a32532fd',2,'correction','wrong day in the first version','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','2026-12-07T07:29:58Z','{"written_at":"2026-10-23T20:18:20Z","title":"Progress note","body":"Seen at home; settled. (Corrected: the visit was on Tuesday.)"}');
INSERT INTO revision VALUES('01a24f68-c13e-7288-b586-5ccc7d9b1a43',1,'create',NULL,'01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','2026-12-07T07:29:55Z','{"authority":"09","effective_date":"2026-11-17","order_date":"2018-03-14","restriction_date":"2018-03-14","court":"Norwich Crown Court (demo)","mhcs_reference":"MHCS/DEMO/00001","conditional_discharge_date":"2026-11-17","discharged_by":"First-tier Tribunal","mappa_category":"2","mappa_level":"1"}');
INSERT INTO revision VALUES('01a24f68-c13e-7289-8bae-21f0f2032abf',1,'create',NULL,'01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','2026-12-07T07:29:55Z','{"category":"residence","wording":"Reside at the approved address and abide by its rules; agree nights away in advance with the supervisors","start_date":"2026-11-17"}');
INSERT INTO revision VALUES('01a24f68-c13e-728a-9f38-7eea5c15b9e0',1,'create',NULL,'01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','2026-12-07T07:29:55Z','{"category":"treatment","wording":"Comply with medication, treatment and monitoring as directed by the responsible clinician","start_date":"2026-11-17"}');
INSERT INTO revision VALUES('01a24f68-c13e-728b-9914-5040be78533a',1,'create',NULL,'01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','2026-12-07T07:29:55Z','{"description":"Wounding with intent (demo)","offence_date":"2017-08-14","place":"Norwich"}');
INSERT INTO revision VALUES('01a24f68-c13e-728c-a8b4-82bfd729b827',1,'create',NULL,'01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','2026-12-07T07:29:55Z','{"start_date":"2024-03-16","needs":"Medication, housing support, structured day (demo)","goals":"“I want to keep my flat and get back to college.” (demo)","interventions":"Fortnightly visits; depot clinic; occupational therapy (demo)","responsible":"Care coordinator; responsible clinician (demo)","review_date":"2024-03-16","co_produced":true,"s117_status":"receiving"}');
INSERT INTO revision VALUES('01a24f68-c13e-728d-955d-6bbf003cef24',1,'create',NULL,'01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','2026-12-07T07:29:55Z','{"status":"validated","scheduled_for":"2025-11-28","held_on":"2025-11-28","attendees":"Patient, care coordinator, consultant, carer (demo)","carer_attended":true,"outcomes":"Plan continued (demo)","validated_on":"2025-11-28"}');
INSERT INTO revision VALUES('01a24f68-c13e-728e-8866-0ae94b04d1a0',1,'create',NULL,'01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','2026-12-07T07:29:55Z','{"agreed_on":"2024-03-16","early_warning_signs":"Stops sleeping, misses appointments (demo)","responds_to":"Care coordinator; sister (demo)","crisis_actions":"Increase visits; medical review (demo)","out_of_hours":"Crisis line (demo)","contingency":"Duty worker (demo)"}');
INSERT INTO revision VALUES('01a24f68-c13e-728f-ad52-f1a7bc3de43c',1,'create',NULL,'01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','2026-12-07T07:29:55Z','{"referral_date":"2025-07-20","referrer":"Responsible clinician on the ward (demo)","referrer_contact":"01603 000000","source":"internal-ward","unit":"Hellesdon low secure unit (demo)","security_level":"low","area":"norfolk","reason":"Community forensic follow-up on discharge (demo)","legal_status":"09","index_offence":"","expected_discharge":"","override_reason":"","override_by":"","override_at":"","assessment_date":"","history":"","mental_state":"","risk_summary":"","needs":"","recommendation":"","decision":"","signed_by":"","signed_at":"","risk_assessment_id":"","inpatient":true,"steps":[{"stage":"received","date":"2025-07-20","recorded_at":"2025-07-20T10:00:00Z","by":"01a24f68-c133-70c6-962b-874f7c9515d8","reason":"","signposting":"","destination":""},{"stage":"screening","date":"2025-07-25","recorded_at":"2025-07-25T10:00:00Z","by":"01a24f68-c133-70c6-962b-874f7c9515d8","reason":"","signposting":"","destination":""},{"stage":"declined","date":"2025-07-25","recorded_at":"2025-07-25T10:00:00Z","by":"01a24f68-c133-70c6-962b-874f7c9515d8","reason":"Not yet ready for discharge planning; re-refer nearer the time (demo)","signposting":"Ward team to re-refer after the next tribunal (demo)","destination":""}],"visits":[],"readiness":{"accommodation":{"status":"not-started","owner":"","due":"","note":""},"gp-registration":{"status":"not-started","owner":"","due":"","note":""},"benefits":{"status":"not-started","owner":"","due":"","note":""},"medication":{"status":"not-started","owner":"","due":"","note":""},"s117":{"status":"not-started","owner":"","due":"","note":""},"cpa-review":{"status":"not-started","owner":"","due":"","note":""},"crisis-plan":{"status":"not-started","owner":"","due":"","note":""},"carer-involvement":{"status":"not-started","owner":"","due":"","note":""},"mappa":{"status":"not-started","owner":"","due":"","note":""},"moj-conditions":{"status":"not-started","owner":"","due":"","note":""}}}');
INSERT INTO revision VALUES('01a24f68-c13e-7290-b047-94830613dfc7',1,'create',NULL,'01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','2026-12-07T07:29:55Z','{"referral_date":"2026-08-12","referrer":"Responsible clinician on the ward (demo)","referrer_contact":"01603 000000","source":"internal-ward","unit":"Hellesdon low secure unit (demo)","security_level":"low","area":"norfolk","reason":"Community forensic follow-up on discharge (demo)","legal_status":"09","index_offence":"","expected_discharge":"2026-11-17","override_reason":"","override_by":"","override_at":"","assessment_date":"2026-08-29","history":"Long history of psychosis; index offence while unwell (demo)","mental_state":"Settled on current treatment; insight developing (demo)","risk_summary":"Risk of violence when unwell and using substances (demo)","needs":"Supported accommodation, depot clinic, structured day (demo)","recommendation":"Accept for community forensic follow-up (demo)","decision":"accept","signed_by":"01a24f68-c133-70c6-962b-874f7c9515d8","signed_at":"2026-08-29T16:00:00Z","risk_assessment_id":"","inpatient":true,"steps":[{"stage":"received","date":"2026-08-12","recorded_at":"2026-08-12T10:00:00Z","by":"01a24f68-c133-70c6-962b-874f7c9515d8","reason":"","signposting":"","destination":""},{"stage":"screening","date":"2026-08-20","recorded_at":"2026-08-20T10:00:00Z","by":"01a24f68-c133-70c6-962b-874f7c9515d8","reason":"","signposting":"","destination":""},{"stage":"assessment-booked","date":"2026-08-22","recorded_at":"2026-08-22T10:00:00Z","by":"01a24f68-c133-70c6-962b-874f7c9515d8","reason":"","signposting":"","destination":""},{"stage":"assessed","date":"2026-08-29","recorded_at":"2026-08-29T10:00:00Z","by":"01a24f68-c133-70c6-962b-874f7c9515d8","reason":"","signposting":"","destination":""},{"stage":"accepted","date":"2026-09-03","recorded_at":"2026-09-03T10:00:00Z","by":"01a24f68-c133-70c6-962b-874f7c9515d8","reason":"","signposting":"","destination":""},{"stage":"in-reach","date":"2026-09-09","recorded_at":"2026-09-09T10:00:00Z","by":"01a24f68-c133-70c6-962b-874f7c9515d8","reason":"","signposting":"","destination":""},{"stage":"discharged","date":"2026-11-17","recorded_at":"2026-11-17T10:00:00Z","by":"01a24f68-c133-70c6-962b-874f7c9515d8","reason":"","signposting":"","destination":""}],"visits":[{"date":"2026-09-09","unit":"Hellesdon low secure unit (demo)","attendees":"Care coordinator, patient, ward nurse (demo)","purpose":"Get to know the patient; plan leave and discharge (demo)","outcome":"Met on the ward; leave plan agreed (demo)"}],"readiness":{"accommodation":{"status":"done","owner":"","due":"","note":""},"gp-registration":{"status":"done","owner":"","due":"","note":""},"benefits":{"status":"done","owner":"","due":"","note":""},"medication":{"status":"done","owner":"","due":"","note":""},"s117":{"status":"done","owner":"","due":"","note":""},"cpa-review":{"status":"done","owner":"","due":"","note":""},"crisis-plan":{"status":"done","owner":"","due":"","note":""},"carer-involvement":{"status":"done","owner":"","due":"","note":""},"mappa":{"status":"done","owner":"","due":"","note":""},"moj-conditions":{"status":"done","owner":"","due":"","note":""}}}');
INSERT INTO revision VALUES('01a24f68-c13e-7291-8e54-96aa5833ada1',1,'create',NULL,'01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','2026-12-07T07:29:55Z','{"family_name":"Bunting","given_name":"Jade","preferred_name":"","birth_date":"2001-05-11","nhs_number":"9990000026","mhcs_reference":"","gender":"1","ethnicity":"99","address":"186 Sanderling Road\nIpswich","postcode":"NR1 3SR","phone":"","gp_practice":"Riverside Medical Practice (demo)","team_id":"6a0c3f2e-6d6b-4f1e-9a51-6e0c6f1f0002","coordinator_id":"01a24f68-c133-70c9-956b-44c82db90b93","clinician_id":"01a24f68-c133-70c9-956b-44c82db90b93","supervisor_id":"01a24f68-c133-70cb-8148-8abf6e61efb9","diagnosis_notes":"","legal_status":"01","mappa_category":"","mappa_level":"","referral_date":"","age_override_reason":"","gender_identity":"","aliases":[],"diagnoses":["F25.0"],"alerts":[]}');
INSERT INTO revision VALUES('01a24f68-c13e-7292-afe5-3315e21ea252',1,'create',NULL,'01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','2026-12-07T07:29:55Z','{"occurred_at":"2026-07-15T13:27:50Z","contact_type":"face-to-face","with_whom":"Patient","location":"Home","duration_minutes":23,"summary":""}');
INSERT INTO revision VALUES('01a24f68-c13e-7293-8fd5-b3cad5cabb68',1,'create',NULL,'01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','2026-12-07T07:29:55Z','{"written_at":"2026-11-01T08:38:01Z","title":"Progress note","body":"Met at the café near the hostel. Mother (Zoë) telephoned with concerns about his mood; consent to share was checked. No new risk concerns identified."}');
INSERT INTO revision VALUES('01a24f68-c13e-7294-812a-120bba7712e0',1,'create',NULL,'01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','2026-12-07T07:29:55Z','{"drug":"Fluphenazine decanoate","category":"depot","depot_drug":"fluphenazine-decanoate","dose":"As prescribed (demo)","route":"IM","interval_days":14.0,"prescriber":"Dr Demo","start_date":"2025-07-20"}');
INSERT INTO revision VALUES('01a24f68-c13e-7295-9d81-4112ac7ccdd6',1,'create',NULL,'01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','2026-12-07T07:29:55Z','{"prescription_id":"01a24f68-c13e-7294-812a-120bba7712e0","given_on":"2026-11-24","outcome":"given","dose":"As prescribed (demo)","site":"Right gluteal","batch":"DEMO-BATCH","given_by":"Demo nurse"}');
INSERT INTO revision VALUES('01a24f68-c13e-7296-bfdd-be309c438492',1,'create',NULL,'01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','2026-12-07T07:29:55Z','{"start_date":"2024-05-12","needs":"Medication, housing support, structured day (demo)","goals":"“I want to keep my flat and get back to college.” (demo)","interventions":"Fortnightly visits; depot clinic; occupational therapy (demo)","responsible":"Care coordinator; responsible clinician (demo)","review_date":"2024-05-12","co_produced":true,"s117_status":"receiving"}');
INSERT INTO revision VALUES('01a24f68-c13e-7297-a6cb-31f4d2b2c5e6',1,'create',NULL,'01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','2026-12-07T07:29:55Z','{"status":"validated","scheduled_for":"2025-11-08","held_on":"2025-11-08","attendees":"Patient, care coordinator, consultant, carer (demo)","carer_attended":true,"outcomes":"Plan continued (demo)","validated_on":"2025-11-08"}');
INSERT INTO revision VALUES('01a24f68-c13e-7298-9489-bb31d9b319f3',1,'create',NULL,'01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','2026-12-07T07:29:55Z','{"referral_date":"2024-04-17","referrer":"Responsible clinician on the ward (demo)","referrer_contact":"01603 000000","source":"external-hospital","unit":"St Andrew’s, Northampton (demo)","security_level":"medium","area":"cambs-peterborough","reason":"Step-down from secure care; needs a forensic care coordinator (demo)","legal_status":"01","index_offence":"","expected_discharge":"","override_reason":"","override_by":"","override_at":"","assessment_date":"","history":"","mental_state":"","risk_summary":"","needs":"","recommendation":"","decision":"","signed_by":"","signed_at":"","risk_assessment_id":"","inpatient":true,"steps":[{"stage":"received","date":"2024-04-17","recorded_at":"2024-04-17T10:00:00Z","by":"01a24f68-c133-70c9-956b-44c82db90b93","reason":"","signposting":"","destination":""},{"stage":"screening","date":"2024-04-22","recorded_at":"2024-04-22T10:00:00Z","by":"01a24f68-c133-70c9-956b-44c82db90b93","reason":"","signposting":"","destination":""},{"stage":"declined","date":"2024-04-22","recorded_at":"2024-04-22T10:00:00Z","by":"01a24f68-c133-70c9-956b-44c82db90b93","reason":"Not yet ready for discharge planning; re-refer nearer the time (demo)","signposting":"Ward team to re-refer after the next tribunal (demo)","destination":""}],"visits":[],"readiness":{"accommodation":{"status":"not-started","owner":"","due":"","note":""},"gp-registration":{"status":"not-started","owner":"","due":"","note":""},"benefits":{"status":"not-started","owner":"","due":"","note":""},"medication":{"status":"not-started","owner":"","due":"","note":""},"s117":{"status":"not-started","owner":"","due":"","note":""},"cpa-review":{"status":"not-started","owner":"","due":"","note":""},"crisis-plan":{"status":"not-started","owner":"","due":"","note":""},"carer-involvement":{"status":"not-started","owner":"","due":"","note":""},"mappa":{"status":"not-started","owner":"","due":"","note":""},"moj-conditions":{"status":"not-started","owner":"","due":"","note":""}}}');
INSERT INTO revision VALUES('01a24f68-c13f-729a-9056-f299a8206a3c',1,'create',NULL,'01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','2026-12-07T07:29:55Z','{"referral_date":"2025-04-29","referrer":"Responsible clinician on the ward (demo)","referrer_contact":"01603 000000","source":"internal-ward","unit":"Wedgwood Unit, Bury St Edmunds (demo)","security_level":"low","area":"suffolk","reason":"Step-down from secure care; needs a forensic care coordinator (demo)","legal_status":"01","index_offence":"","expected_discharge":"2025-11-21","override_reason":"","override_by":"","override_at":"","assessment_date":"2025-05-14","history":"Long history of psychosis; index offence while unwell (demo)","mental_state":"Settled on current treatment; insight developing (demo)","risk_summary":"Risk of violence when unwell and using substances (demo)","needs":"Supported accommodation, depot clinic, structured day (demo)","recommendation":"Accept for community forensic follow-up (demo)","decision":"accept","signed_by":"01a24f68-c133-70c9-956b-44c82db90b93","signed_at":"2025-05-14T16:00:00Z","risk_assessment_id":"","inpatient":true,"steps":[{"stage":"received","date":"2025-04-29","recorded_at":"2025-04-29T10:00:00Z","by":"01a24f68-c133-70c9-956b-44c82db90b93","reason":"","signposting":"","destination":""},{"stage":"screening","date":"2025-05-03","recorded_at":"2025-05-03T10:00:00Z","by":"01a24f68-c133-70c9-956b-44c82db90b93","reason":"","signposting":"","destination":""},{"stage":"assessment-booked","date":"2025-05-09","recorded_at":"2025-05-09T10:00:00Z","by":"01a24f68-c133-70c9-956b-44c82db90b93","reason":"","signposting":"","destination":""},{"stage":"assessed","date":"2025-05-14","recorded_at":"2025-05-14T10:00:00Z","by":"01a24f68-c133-70c9-956b-44c82db90b93","reason":"","signposting":"","destination":""},{"stage":"accepted","date":"2025-05-20","recorded_at":"2025-05-20T10:00:00Z","by":"01a24f68-c133-70c9-956b-44c82db90b93","reason":"","signposting":"","destination":""},{"stage":"in-reach","date":"2025-05-24","recorded_at":"2025-05-24T10:00:00Z","by":"01a24f68-c133-70c9-956b-44c82db90b93","reason":"","signposting":"","destination":""},{"stage":"discharged","date":"2025-11-21","recorded_at":"2025-11-21T10:00:00Z","by":"01a24f68-c133-70c9-956b-44c82db90b93","reason":"","signposting":"","destination":""},{"stage":"closed","date":"2026-01-20","recorded_at":"2026-01-20T10:00:00Z","by":"01a24f68-c133-70c9-956b-44c82db90b93","reason":"Pathway complete: settled in the community under the team (demo)","signposting":"","destination":""}],"visits":[{"date":"2025-05-24","unit":"Wedgwood Unit, Bury St Edmunds (demo)","attendees":"Care coordinator, patient, ward nurse (demo)","purpose":"Get to know the patient; plan leave and discharge (demo)","outcome":"Met on the ward; leave plan agreed (demo)"}],"readiness":{"accommodation":{"status":"done","owner":"","due":"","note":""},"gp-registration":{"status":"done","owner":"","due":"","note":""},"benefits":{"status":"done","owner":"","due":"","note":""},"medication":{"status":"done","owner":"","due":"","note":""},"s117":{"status":"done","owner":"","due":"","note":""},"cpa-review":{"status":"done","owner":"","due":"","note":""},"crisis-plan":{"status":"done","owner":"","due":"","note":""},"carer-involvement":{"status":"done","owner":"","due":"","note":""},"mappa":{"status":"done","owner":"","due":"","note":""},"moj-conditions":{"status":"done","owner":"","due":"","note":""}}}');
INSERT INTO revision VALUES('01a24f68-c13f-729b-82b9-1ff7bab263a4',1,'create',NULL,'01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','2026-12-07T07:29:55Z','{"family_name":"Whinchat","given_name":"Hassan","preferred_name":"","birth_date":"1999-11-22","nhs_number":"9990000034","mhcs_reference":"","gender":"2","ethnicity":"G","address":"112 Yellowhammer Road\nBury St Edmunds","postcode":"NR30 1BN","phone":"","gp_practice":"Riverside Medical Practice (demo)","team_id":"6a0c3f2e-6d6b-4f1e-9a51-6e0c6f1f0001","coordinator_id":"01a24f68-c133-70c8-9616-83ec4b8d02e4","clinician_id":"01a24f68-c133-70c6-962b-874f7c9515d8","supervisor_id":"01a24f68-c133-70c8-9616-83ec4b8d02e4","diagnosis_notes":"","legal_status":"10","mappa_category":"","mappa_level":"","referral_date":"","age_override_reason":"","gender_identity":"","aliases":[],"diagnoses":["F25.0"],"alerts":[]}');
INSERT INTO revision VALUES('01a24f68-c13f-729c-a68b-0a2293a9e155',1,'create',NULL,'01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','2026-12-07T07:29:55Z','{"occurred_at":"2026-03-02T03:00:18Z","contact_type":"face-to-face","with_whom":"Patient","location":"Team base","duration_minutes":55,"summary":""}');
INSERT INTO revision VALUES('01a24f68-c13f-729d-acf7-e546d4f5f32c',1,'create',NULL,'01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','2026-12-07T07:29:55Z','{"written_at":"2026-09-23T11:40:44Z","title":"Progress note","body":"Telephone review. Engaging well with the occupational therapy programme. Plan: liaise with the GP about physical health."}');
INSERT INTO revision VALUES('01a24f68-c13f-729e-a4b0-3bfd5d576f03',1,'create',NULL,'01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','2026-12-07T07:29:55Z','{"start_date":"2026-04-12","needs":"Medication, housing support, structured day (demo)","goals":"“I want to keep my flat and get back to college.” (demo)","interventions":"Fortnightly visits; depot clinic; occupational therapy (demo)","responsible":"Care coordinator; responsible clinician (demo)","review_date":"2026-04-12","co_produced":true,"s117_status":"receiving"}');
INSERT INTO revision VALUES('01a24f68-c13f-729f-9fd5-4a96c8ca36b4',1,'create',NULL,'01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','2026-12-07T07:29:55Z','{"referral_date":"2025-08-10","referrer":"Responsible clinician on the ward (demo)","referrer_contact":"01603 000000","source":"external-hospital","unit":"Rampton Hospital (demo)","security_level":"high","area":"cambs-peterborough","reason":"Step-down from secure care; needs a forensic care coordinator (demo)","legal_status":"10","index_offence":"","expected_discharge":"2025-12-25","override_reason":"","override_by":"","override_at":"","assessment_date":"2025-08-19","history":"Long history of psychosis; index offence while unwell (demo)","mental_state":"Settled on current treatment; insight developing (demo)","risk_summary":"Risk of violence when unwell and using substances (demo)","needs":"Supported accommodation, depot clinic, structured day (demo)","recommendation":"Accept for community forensic follow-up (demo)","decision":"accept","signed_by":"01a24f68-c133-70c6-962b-874f7c9515d8","signed_at":"2025-08-19T16:00:00Z","risk_assessment_id":"","inpatient":true,"steps":[{"stage":"received","date":"2025-08-10","recorded_at":"2025-08-10T10:00:00Z","by":"01a24f68-c133-70c8-9616-83ec4b8d02e4","reason":"","signposting":"","destination":""},{"stage":"screening","date":"2025-08-12","recorded_at":"2025-08-12T10:00:00Z","by":"01a24f68-c133-70c8-9616-83ec4b8d02e4","reason":"","signposting":"","destination":""},{"stage":"assessment-booked","date":"2025-08-17","recorded_at":"2025-08-17T10:00:00Z","by":"01a24f68-c133-70c8-9616-83ec4b8d02e4","reason":"","signposting":"","destination":""},{"stage":"assessed","date":"2025-08-19","recorded_at":"2025-08-19T10:00:00Z","by":"01a24f68-c133-70c6-962b-874f7c9515d8","reason":"","signposting":"","destination":""},{"stage":"accepted","date":"2025-08-26","recorded_at":"2025-08-26T10:00:00Z","by":"01a24f68-c133-70c8-9616-83ec4b8d02e4","reason":"","signposting":"","destination":""},{"stage":"in-reach","date":"2025-09-01","recorded_at":"2025-09-01T10:00:00Z","by":"01a24f68-c133-70c8-9616-83ec4b8d02e4","reason":"","signposting":"","destination":""},{"stage":"discharged","date":"2025-12-25","recorded_at":"2025-12-25T10:00:00Z","by":"01a24f68-c133-70c8-9616-83ec4b8d02e4","reason":"","signposting":"","destination":""},{"stage":"closed","date":"2026-02-23","recorded_at":"2026-02-23T10:00:00Z","by":"01a24f68-c133-70c8-9616-83ec4b8d02e4","reason":"Pathway complete: settled in the community under the team (demo)","signposting":"","destination":""}],"visits":[{"date":"2025-09-01","unit":"Rampton Hospital (demo)","attendees":"Care coordinator, patient, ward nurse (demo)","purpose":"Get to know the patient; plan leave and discharge (demo)","outcome":"Met on the ward; leave plan agreed (demo)"}],"readiness":{"accommodation":{"status":"done","owner":"","due":"","note":""},"gp-registration":{"status":"done","owner":"","due":"","note":""},"benefits":{"status":"done","owner":"","due":"","note":""},"medication":{"status":"done","owner":"","due":"","note":""},"s117":{"status":"done","owner":"","due":"","note":""},"cpa-review":{"status":"done","owner":"","due":"","note":""},"crisis-plan":{"status":"done","owner":"","due":"","note":""},"carer-involvement":{"status":"done","owner":"","due":"","note":""},"mappa":{"status":"done","owner":"","due":"","note":""},"moj-conditions":{"status":"done","owner":"","due":"","note":""}}}');
INSERT INTO revision VALUES('01a24f68-cd2b-7154-9334-5c5b1ecfd95f',1,'create',NULL,'01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','2026-12-07T07:29:58Z','{"name":"Pat Demo (carer)"}');
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
INSERT INTO patient VALUES('01a24f68-c13d-70eb-bc06-a8d1346ed3e8','O’Kestrel','Imran','Sam','o''kestrel imran','1959-11-14','9990000018','MHCS/DEMO/00001','6a0c3f2e-6d6b-4f1e-9a51-6e0c6f1f0001','01a24f68-c133-70c6-962b-874f7c9515d8','09');
INSERT INTO patient VALUES('01a24f68-c13e-7291-8e54-96aa5833ada1','Bunting','Jade','','bunting jade','2001-05-11','9990000026',NULL,'6a0c3f2e-6d6b-4f1e-9a51-6e0c6f1f0002','01a24f68-c133-70c9-956b-44c82db90b93','01');
INSERT INTO patient VALUES('01a24f68-c13f-729b-82b9-1ff7bab263a4','Whinchat','Hassan','','whinchat hassan','1999-11-22','9990000034',NULL,'6a0c3f2e-6d6b-4f1e-9a51-6e0c6f1f0001','01a24f68-c133-70c8-9616-83ec4b8d02e4','10');
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
INSERT INTO contact VALUES('01a24f68-c13e-7286-a74b-1ac2fe55ae0b','01a24f68-c13d-70eb-bc06-a8d1346ed3e8','2026-05-14T05:59:41Z','in-reach','Patient and carer','Team base',48,'','entered-in-error');
INSERT INTO contact VALUES('01a24f68-c13e-7292-afe5-3315e21ea252','01a24f68-c13e-7291-8e54-96aa5833ada1','2026-07-15T13:27:50Z','face-to-face','Patient','Home',23,'','active');
INSERT INTO contact VALUES('01a24f68-c13f-729c-a68b-0a2293a9e155','01a24f68-c13f-729b-82b9-1ff7bab263a4','2026-03-02T03:00:18Z','face-to-face','Patient','Team base',55,'','active');
CREATE TABLE note (
  rowid       INTEGER PRIMARY KEY,
  id          TEXT NOT NULL UNIQUE REFERENCES record (id),
  patient_id  TEXT NOT NULL REFERENCES record (id),
  written_at  TEXT NOT NULL,
  title       TEXT NOT NULL DEFAULT '',
  body        TEXT NOT NULL,
  state       TEXT NOT NULL DEFAULT 'active'
) STRICT;
INSERT INTO note VALUES(1,'01a24f68-c13e-7287-ac59-bcc2a32532fd','01a24f68-c13d-70eb-bc06-a8d1346ed3e8','2026-10-23T20:18:20Z','Progress note','Seen at home; settled. (Corrected: the visit was on Tuesday.)','active');
INSERT INTO note VALUES(2,'01a24f68-c13e-7293-8fd5-b3cad5cabb68','01a24f68-c13e-7291-8e54-96aa5833ada1','2026-11-01T08:38:01Z','Progress note','Met at the café near the hostel. Mother (Zoë) telephoned with concerns about his mood; consent to share was checked. No new risk concerns identified.','active');
INSERT INTO note VALUES(3,'01a24f68-c13f-729d-acf7-e546d4f5f32c','01a24f68-c13f-729b-82b9-1ff7bab263a4','2026-09-23T11:40:44Z','Progress note','Telephone review. Engaging well with the occupational therapy programme. Plan: liaise with the GP about physical health.','active');
PRAGMA writable_schema=ON;
INSERT INTO sqlite_schema(type,name,tbl_name,rootpage,sql)VALUES('table','note_fts','note_fts',0,'CREATE VIRTUAL TABLE note_fts USING fts5 (
  title, body,
  content = ''note'', content_rowid = ''rowid'',
  tokenize = ''unicode61 remove_diacritics 2''
)');
CREATE TABLE IF NOT EXISTS 'note_fts_data'(id INTEGER PRIMARY KEY, block BLOB);
INSERT INTO note_fts_data VALUES(1,X'030634');
INSERT INTO note_fts_data VALUES(10,X'000000000102020002010101020101');
INSERT INTO note_fts_data VALUES(137438953473,X'0000028e063061626f7574020601010e01060101100201740206010103010463616665020601010503027265010601011402066865636b6564020601011502076f6e6365726e73020801010d0e040473656e740206010111040574696e756501060101120206757272656e7401060101130108656e676167696e6703060101040207766964656e6365010601010c01026770030601010f01066865616c7468030601011202026973020601010f02056f7374656c0206010108010a6964656e746966696564020601011a01056a6f696e74010601010201066c6961697365030601010c01066d656e74616c0106010108030174020601010202036f6f640206010110030474686572020601010901046e6561720206010106030177020601011702016f010601010b010601011603027465010203010203010203010c6f636375706174696f6e616c0306010108020166010601010d0108706879736963616c030601011102036c616e010801011106020601010b0208726f6772616d6d65030601010a06036573730102020102020102020208737963686f746963010601010e01067265766965770306010103020369736b02060101180107736574746c6564010601010a020468617265020601011302056f6369616c010601010602047461746501060101090209757065727669736f7201060101070207796d70746f6d73010601010f010974656c6570686f6e6503060101020a0164020601010b020268650106010105010801010405010801010709040472617079030601010902016f020601011203036461790106010110010576697369740106010103010377617302060101140203656c6c030601010502036974680106010104010601010c01080101060901037a6f65020601010a0411080b090d0f0b0c0d0f0e090d090c110c0d0d080a0b0b080d0d13080f100f0e0f0d0a0e0b0c0b100e1008150b080a0c0a0a15');
INSERT INTO note_fts_data VALUES(274877906945,X'00000119033061740106010103010463617265010102076f6e74696e7565010103077272656374656401060101060206757272656e740101010865766964656e636501010104686f6d65010601010401056a6f696e74010101066d656e74616c010101026e6f01010302746501030301026f66010102016e010601010a0104706c616e01010207726f67726573730103020208737963686f746963010101047365656e0106010102030574746c6564010701010502056f6369616c010102047461746501010209757065727669736f7201010207796d70746f6d7301010103746865010701010702046f64617901010206756573646179010601010b01057669736974010701010801037761730106010109020369746801010409080b0e0a0c0b090a06070608080c0c0b0c09080d0b0a080d0c0a');
CREATE TABLE IF NOT EXISTS 'note_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
INSERT INTO note_fts_idx VALUES(1,X'',2);
INSERT INTO note_fts_idx VALUES(2,X'',2);
CREATE TABLE IF NOT EXISTS 'note_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
INSERT INTO note_fts_docsize VALUES(1,X'020a');
INSERT INTO note_fts_docsize VALUES(2,X'0219');
INSERT INTO note_fts_docsize VALUES(3,X'0211');
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
INSERT INTO audit VALUES(1,'2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','create','01a24f68-c13d-70eb-bc06-a8d1346ed3e8','01a24f68-c13d-70eb-bc06-a8d1346ed3e8',1,'e25841ed2d9f494837a970a58ea142beed7f5a5bb2c39042ccc9621aa3cae1dc','patient','0000000000000000000000000000000000000000000000000000000000000000','6fc57185bc1c57a9fbfdfa04125438abab270df06b0cf0cf97477ca5aa79c26e');
INSERT INTO audit VALUES(2,'2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','create','01a24f68-c13e-7286-a74b-1ac2fe55ae0b','01a24f68-c13d-70eb-bc06-a8d1346ed3e8',1,'05c29ec768958326ebca1f328d9cc952391f83bc25f765a790243a67af7ec764','contact','6fc57185bc1c57a9fbfdfa04125438abab270df06b0cf0cf97477ca5aa79c26e','7be99c550816456bcc8bbb75172677448b89e5a80940211497104ee561c2c6fd');
INSERT INTO audit VALUES(3,'2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','create','01a24f68-c13e-7287-ac59-bcc2a32532fd','01a24f68-c13d-70eb-bc06-a8d1346ed3e8',1,'8f661e4f909050a41577b57ac0692bc4d9284f0221628641495e5e139cf4c16e','note','7be99c550816456bcc8bbb75172677448b89e5a80940211497104ee561c2c6fd','ec53a57f91e0e73ce505c8b217985bdd9b9df57aadaf6901b9d2964bd3e42f65');
INSERT INTO audit VALUES(4,'2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','create','01a24f68-c13e-7288-b586-5ccc7d9b1a43','01a24f68-c13d-70eb-bc06-a8d1346ed3e8',1,'fcf50497f410b556a90c29f8b9606f9f2a6dbbf040518eed3e9556f08041c6ca','legal-status','ec53a57f91e0e73ce505c8b217985bdd9b9df57aadaf6901b9d2964bd3e42f65','c38ba594e92d1ae0c6f022d3f0c616da9aa5e1c96ebfeeb6dd302d0d8ac768f6');
INSERT INTO audit VALUES(5,'2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','create','01a24f68-c13e-7289-8bae-21f0f2032abf','01a24f68-c13d-70eb-bc06-a8d1346ed3e8',1,'2a21facfc3624aacaf86fbab16684d12f2a1c2765d1c69bb6e8e861f85e980ec','discharge-condition','c38ba594e92d1ae0c6f022d3f0c616da9aa5e1c96ebfeeb6dd302d0d8ac768f6','827bd1fd72dcf98af6d288fab6f92d3067dad8f40a159ccf78a8545e514a79fe');
INSERT INTO audit VALUES(6,'2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','create','01a24f68-c13e-728a-9f38-7eea5c15b9e0','01a24f68-c13d-70eb-bc06-a8d1346ed3e8',1,'b5eb9d4d41cf7c7358dfbf567c859863df5d314273c14c480e4d468ecec0edc4','discharge-condition','827bd1fd72dcf98af6d288fab6f92d3067dad8f40a159ccf78a8545e514a79fe','3c7cba4d9934ea9d9567089dc083f1195f92fbba813f78fb5a4034b355471df4');
INSERT INTO audit VALUES(7,'2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','create','01a24f68-c13e-728b-9914-5040be78533a','01a24f68-c13d-70eb-bc06-a8d1346ed3e8',1,'98c409ffd6e0da32b4e14ee9cbb7d99c0b2116c6f62c0b0223c74d3807122260','index-offence','3c7cba4d9934ea9d9567089dc083f1195f92fbba813f78fb5a4034b355471df4','fdf781905d5f16fe508add57f54476f3aee4892deb5a05a790e31d9188dfad7d');
INSERT INTO audit VALUES(8,'2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','create','01a24f68-c13e-728c-a8b4-82bfd729b827','01a24f68-c13d-70eb-bc06-a8d1346ed3e8',1,'e0ee75be45df10273ffd8f5013777304fc7135d2d4bea43c1d0d6710e05cf3cd','care-plan','fdf781905d5f16fe508add57f54476f3aee4892deb5a05a790e31d9188dfad7d','a09bd1165e038c2e95bc6ba1e5bb0da22b78f451f51b6d4781f9665789e7bb9a');
INSERT INTO audit VALUES(9,'2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','create','01a24f68-c13e-728d-955d-6bbf003cef24','01a24f68-c13d-70eb-bc06-a8d1346ed3e8',1,'74782e2cdc46a2415812c3f1f254acb987d3fc94641245ba98eabd5fbeb373d7','cpa-review','a09bd1165e038c2e95bc6ba1e5bb0da22b78f451f51b6d4781f9665789e7bb9a','41500221b1e48fcb14320db84a0aaada4c344c9146fec061d5e121af04d47357');
INSERT INTO audit VALUES(10,'2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','create','01a24f68-c13e-728e-8866-0ae94b04d1a0','01a24f68-c13d-70eb-bc06-a8d1346ed3e8',1,'0acedd307020c7834ba4728f0b501ee888206cb8b7fddef05b9c5c679229e277','crisis-plan','41500221b1e48fcb14320db84a0aaada4c344c9146fec061d5e121af04d47357','75bc7430cd7aeba24dedd42aef919d4d8914535d776e4a99c5344452c2ca245f');
INSERT INTO audit VALUES(11,'2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','create','01a24f68-c13e-728f-ad52-f1a7bc3de43c','01a24f68-c13d-70eb-bc06-a8d1346ed3e8',1,'0edbaad6c5daa63684c24117f029c5087d53cfb273e3dbfbdbdb1974d7e10cf3','referral','75bc7430cd7aeba24dedd42aef919d4d8914535d776e4a99c5344452c2ca245f','4d6b159dbd1dc4cab63954b07f5c1748609b9de247457571bc3ad87ca5f7fc3d');
INSERT INTO audit VALUES(12,'2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','create','01a24f68-c13e-7290-b047-94830613dfc7','01a24f68-c13d-70eb-bc06-a8d1346ed3e8',1,'0f4a9121a54e3d1b721a4b7f2e05ceb109bed3d1b379b6bd96c281d84ddf72f1','referral','4d6b159dbd1dc4cab63954b07f5c1748609b9de247457571bc3ad87ca5f7fc3d','67b3e7c443552eb4e3659651dd2a6fad6c2a0877e07a0c9eebc9dd8f13d433df');
INSERT INTO audit VALUES(13,'2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','create','01a24f68-c13e-7291-8e54-96aa5833ada1','01a24f68-c13e-7291-8e54-96aa5833ada1',1,'90a73a86810e52bc26efbdad0ddb76f840299257026a4e49c54e18f69e06e19a','patient','67b3e7c443552eb4e3659651dd2a6fad6c2a0877e07a0c9eebc9dd8f13d433df','b4a741e9393e9ca4f3e75e6d04af38889688ee10eb33dfbc042c6775ad4423f1');
INSERT INTO audit VALUES(14,'2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','create','01a24f68-c13e-7292-afe5-3315e21ea252','01a24f68-c13e-7291-8e54-96aa5833ada1',1,'42b944b832378888d0a83086ac49dd75f9e8581b9e764dbd6cf4af4ba3667daa','contact','b4a741e9393e9ca4f3e75e6d04af38889688ee10eb33dfbc042c6775ad4423f1','882a938bea6920208fdb0fccdbba45d6d1e9c745851034b7dfcfa0c2931f1108');
INSERT INTO audit VALUES(15,'2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','create','01a24f68-c13e-7293-8fd5-b3cad5cabb68','01a24f68-c13e-7291-8e54-96aa5833ada1',1,'9db1b6f6bd819abc9e31ce7aefeac4424510cd6179f457eb792b995049f28161','note','882a938bea6920208fdb0fccdbba45d6d1e9c745851034b7dfcfa0c2931f1108','aa675302381e557f3b85908d493e47480242c4acab78d1940bc8b54658c3db7b');
INSERT INTO audit VALUES(16,'2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','create','01a24f68-c13e-7294-812a-120bba7712e0','01a24f68-c13e-7291-8e54-96aa5833ada1',1,'432f7a587d0c391329ff28746dddadd64d593141bcf5759c8543223b32ce112c','prescription','aa675302381e557f3b85908d493e47480242c4acab78d1940bc8b54658c3db7b','79081eba1f28a175a02a080a8d42b30c9ca25068020a5aa50f1750fda5642f4c');
INSERT INTO audit VALUES(17,'2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','create','01a24f68-c13e-7295-9d81-4112ac7ccdd6','01a24f68-c13e-7291-8e54-96aa5833ada1',1,'b38367d133b9ab5f79bc13b3ab81e3ec38a3cf08ae3ba3dfc8adf83df01975fe','depot-dose','79081eba1f28a175a02a080a8d42b30c9ca25068020a5aa50f1750fda5642f4c','7b4c1f19a83a88b09b81c394c246edfff685ff77a5f942b61528654e4b3507f6');
INSERT INTO audit VALUES(18,'2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','create','01a24f68-c13e-7296-bfdd-be309c438492','01a24f68-c13e-7291-8e54-96aa5833ada1',1,'5ac9fa84ae365e6d3a022db2036f1a050dfb242e98a508a4f15264773c709a16','care-plan','7b4c1f19a83a88b09b81c394c246edfff685ff77a5f942b61528654e4b3507f6','eb85e0427d1ae3840814e25a47a2ff9c9e94bc4b5389062a7d6ae8f39e0ffc7d');
INSERT INTO audit VALUES(19,'2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','create','01a24f68-c13e-7297-a6cb-31f4d2b2c5e6','01a24f68-c13e-7291-8e54-96aa5833ada1',1,'cb6d14bd9a27f4a0f8b3ebc649db041f118fbfcb60b7b2bb43724cca4e4d5d96','cpa-review','eb85e0427d1ae3840814e25a47a2ff9c9e94bc4b5389062a7d6ae8f39e0ffc7d','297210b0c8f67e2f5ba7768b13679d6a96ad40c6d862a732a750b7a261e1c0f8');
INSERT INTO audit VALUES(20,'2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','create','01a24f68-c13e-7298-9489-bb31d9b319f3','01a24f68-c13e-7291-8e54-96aa5833ada1',1,'9144fbebd1dba8d579f780a34c45ac4d72d26b974acc0690966b992f0b1fbd40','referral','297210b0c8f67e2f5ba7768b13679d6a96ad40c6d862a732a750b7a261e1c0f8','cf1d5c401579663fa0fd710c8a7ce990ee2e3c7793ff0bfd5fa9483edcb1f707');
INSERT INTO audit VALUES(21,'2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','create','01a24f68-c13f-729a-9056-f299a8206a3c','01a24f68-c13e-7291-8e54-96aa5833ada1',1,'ae2aa1e1add2dffd79655ba2027dcc3188fa53cb2036f5e3290b1049545c845a','referral','cf1d5c401579663fa0fd710c8a7ce990ee2e3c7793ff0bfd5fa9483edcb1f707','26a8db28ee246cf4747eb2545d837ff87f145e8893a16e7cb54c1bba3fa02930');
INSERT INTO audit VALUES(22,'2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','create','01a24f68-c13f-729b-82b9-1ff7bab263a4','01a24f68-c13f-729b-82b9-1ff7bab263a4',1,'d30b9c56ab59bbae089ba77563fb4bf5a6dbb579dadacd7cdfb27e7945589a03','patient','26a8db28ee246cf4747eb2545d837ff87f145e8893a16e7cb54c1bba3fa02930','dd3b2be4b9758e2e9f810740678c01f1268cfb80220a660745caa1b9223a8d88');
INSERT INTO audit VALUES(23,'2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','create','01a24f68-c13f-729c-a68b-0a2293a9e155','01a24f68-c13f-729b-82b9-1ff7bab263a4',1,'7b240e0b59d4812d8960cff4fc5c12027b027e10edd98c37caef8dbe55114d57','contact','dd3b2be4b9758e2e9f810740678c01f1268cfb80220a660745caa1b9223a8d88','839daff369fb05064d2c781542095e5eff4b217989980ddefbff305fad456b91');
INSERT INTO audit VALUES(24,'2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','create','01a24f68-c13f-729d-acf7-e546d4f5f32c','01a24f68-c13f-729b-82b9-1ff7bab263a4',1,'081eb1a9cf858e0eba479177034eb5ec1b675e619f307c993c8c0b72e6e2557e','note','839daff369fb05064d2c781542095e5eff4b217989980ddefbff305fad456b91','a365eab2a4a7f5954f88d9a63e55df6b7e18e2e14ca9300dfe25eddd0341b32f');
INSERT INTO audit VALUES(25,'2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','create','01a24f68-c13f-729e-a4b0-3bfd5d576f03','01a24f68-c13f-729b-82b9-1ff7bab263a4',1,'969af6d362dabf62f1df45b8d2f265e01dd786c9fb33d252472eecacd807fa3a','care-plan','a365eab2a4a7f5954f88d9a63e55df6b7e18e2e14ca9300dfe25eddd0341b32f','8b5be202421980b7d30eaff41d626bc3b40d64d2e74fb53a1fa6e23284374436');
INSERT INTO audit VALUES(26,'2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','create','01a24f68-c13f-729f-9fd5-4a96c8ca36b4','01a24f68-c13f-729b-82b9-1ff7bab263a4',1,'2e48b1d32d04accc3a94a1e2a99c18cce43c6a1ede23160936e7d2eb7b52a350','referral','8b5be202421980b7d30eaff41d626bc3b40d64d2e74fb53a1fa6e23284374436','8783e1fdafe9ba8b7c4d462bbe513f8c35bdce2a4374ef86098c0c874bf09e63');
INSERT INTO audit VALUES(27,'2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','account',NULL,NULL,NULL,NULL,'password set for demo.clinician','8783e1fdafe9ba8b7c4d462bbe513f8c35bdce2a4374ef86098c0c874bf09e63','cd4b9ea4b9d90e2421f844fef55931e29f10f5b5d1239de4a56c6990e7782a1f');
INSERT INTO audit VALUES(28,'2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','account',NULL,NULL,NULL,NULL,'roles of demo.clinician: clinician','cd4b9ea4b9d90e2421f844fef55931e29f10f5b5d1239de4a56c6990e7782a1f','e25a9cad5a3eecf1c26ad2c5c96e1fba18547e8ee7ef3359615c4a0f0db98ee4');
INSERT INTO audit VALUES(29,'2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','account',NULL,NULL,NULL,NULL,'password set for demo.supervisor','e25a9cad5a3eecf1c26ad2c5c96e1fba18547e8ee7ef3359615c4a0f0db98ee4','ca9a3e4e2662f8beec9f4870dfa2680d5953fbcb4757e4201e4296698827e1b8');
INSERT INTO audit VALUES(30,'2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','account',NULL,NULL,NULL,NULL,'roles of demo.supervisor: social-supervisor','ca9a3e4e2662f8beec9f4870dfa2680d5953fbcb4757e4201e4296698827e1b8','4473319b01b05770bf24371c972d2e079551992731bd90c6bf4e9d0039505392');
INSERT INTO audit VALUES(31,'2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','account',NULL,NULL,NULL,NULL,'password set for demo.carers','4473319b01b05770bf24371c972d2e079551992731bd90c6bf4e9d0039505392','b719de3462bec0530c73e149c5a457d79a7a367682f430e1875f0867fc45ce44');
INSERT INTO audit VALUES(32,'2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','account',NULL,NULL,NULL,NULL,'roles of demo.carers: carers-liaison','b719de3462bec0530c73e149c5a457d79a7a367682f430e1875f0867fc45ce44','4b16d7ae8b1d98a4399b37f543de194617bd542f0b7c9368ea5e1222e60cc223');
INSERT INTO audit VALUES(33,'2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','account',NULL,NULL,NULL,NULL,'password set for demo.liaison','4b16d7ae8b1d98a4399b37f543de194617bd542f0b7c9368ea5e1222e60cc223','098e776e3f3c2d3c24c978b2474c37a4624db27051bc02ddd90da22beb6e6d5e');
INSERT INTO audit VALUES(34,'2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','account',NULL,NULL,NULL,NULL,'roles of demo.liaison: liaison-diversion','098e776e3f3c2d3c24c978b2474c37a4624db27051bc02ddd90da22beb6e6d5e','7e88ec5ef364621cf97649a3663079ab90cda9828e7c621ba04fd8e6e172c09e');
INSERT INTO audit VALUES(35,'2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','account',NULL,NULL,NULL,NULL,'password set for demo.manager','7e88ec5ef364621cf97649a3663079ab90cda9828e7c621ba04fd8e6e172c09e','a56671a0a4743507d6f7026ff6fef9932018d19624ca15449bc2e69cea5cac70');
INSERT INTO audit VALUES(36,'2026-12-07T07:29:55Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','account',NULL,NULL,NULL,NULL,'roles of demo.manager: team-manager','a56671a0a4743507d6f7026ff6fef9932018d19624ca15449bc2e69cea5cac70','d884bff221b3603170fda3f527a747b424d06532d3c93744e804ab89d763cd15');
INSERT INTO audit VALUES(37,'2026-12-07T07:29:56Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','account',NULL,NULL,NULL,NULL,'password set for demo.admin','d884bff221b3603170fda3f527a747b424d06532d3c93744e804ab89d763cd15','5b00b8935dc398af42abcde5cb85b4e2b04195813ecba35986a38126ca04bf8c');
INSERT INTO audit VALUES(38,'2026-12-07T07:29:56Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','account',NULL,NULL,NULL,NULL,'roles of demo.admin: administrator','5b00b8935dc398af42abcde5cb85b4e2b04195813ecba35986a38126ca04bf8c','18b4f7f50456700208d62217bc5dc3b6057afb986c9394bee67c835d4b6f5181');
INSERT INTO audit VALUES(39,'2026-12-07T07:29:58Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','view','01a24f68-c13d-70eb-bc06-a8d1346ed3e8','01a24f68-c13d-70eb-bc06-a8d1346ed3e8',NULL,NULL,'register','18b4f7f50456700208d62217bc5dc3b6057afb986c9394bee67c835d4b6f5181','bd2ac8f9387baca9c4d24157242ddc7c976ae10c90db4f1604bacfb890ff012a');
INSERT INTO audit VALUES(40,'2026-12-07T07:29:58Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','view',NULL,'01a24f68-c13d-70eb-bc06-a8d1346ed3e8',NULL,NULL,'notes','bd2ac8f9387baca9c4d24157242ddc7c976ae10c90db4f1604bacfb890ff012a','78dc0af85855944a8f72027123aa8f83c13228e63bd34c6a637201846c7dbbbc');
INSERT INTO audit VALUES(41,'2026-12-07T07:29:58Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','correction','01a24f68-c13e-7287-ac59-bcc2a32532fd','01a24f68-c13d-70eb-bc06-a8d1346ed3e8',2,'3546db79a438a6e787bc4475236452a12242dfdc90c09b34f37aa76910a48910','note','78dc0af85855944a8f72027123aa8f83c13228e63bd34c6a637201846c7dbbbc','3c7c6915efb2a5b812ca0e5b0b8794d56e0bd6d4ace43c0f9ce0ccf1be1e69dc');
INSERT INTO audit VALUES(42,'2026-12-07T07:29:58Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','view',NULL,'01a24f68-c13d-70eb-bc06-a8d1346ed3e8',NULL,NULL,'contacts','3c7c6915efb2a5b812ca0e5b0b8794d56e0bd6d4ace43c0f9ce0ccf1be1e69dc','5bb8951d65cbc7886fb2265d94d3220a66b48e172852df2fcf73c8ab9ec6f89c');
INSERT INTO audit VALUES(43,'2026-12-07T07:29:58Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','entered-in-error','01a24f68-c13e-7286-a74b-1ac2fe55ae0b','01a24f68-c13d-70eb-bc06-a8d1346ed3e8',2,'05c29ec768958326ebca1f328d9cc952391f83bc25f765a790243a67af7ec764','contact','5bb8951d65cbc7886fb2265d94d3220a66b48e172852df2fcf73c8ab9ec6f89c','15ff8e5498525173ab77f7b88aacd2d860e2578c7d584059a8ae2ce767efb652');
INSERT INTO audit VALUES(44,'2026-12-07T07:29:58Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','change','01a24f68-c13d-70eb-bc06-a8d1346ed3e8','01a24f68-c13d-70eb-bc06-a8d1346ed3e8',2,'83308275b81168def080e3090fd0cb6aedb45d942cec94ca05e16ce7ef32c064','patient','15ff8e5498525173ab77f7b88aacd2d860e2578c7d584059a8ae2ce767efb652','74fa411dfca925e58fb1c3f1b88bc6d53cca45362aeee8142c501e11e4b3f39c');
INSERT INTO audit VALUES(45,'2026-12-07T07:29:58Z','01a24f68-c11f-7078-a1e0-70e0ef5bb7bc','create','01a24f68-cd2b-7154-9334-5c5b1ecfd95f',NULL,1,'f72c4ca0256ea43ad19a55c2f18b029be79f45a577355d64c95fb34f7eb17c55','carer','74fa411dfca925e58fb1c3f1b88bc6d53cca45362aeee8142c501e11e4b3f39c','e655abcef9cf7b8ac44ac250552020d30edf52e2096d95214c415cf67c256029');
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
INSERT INTO referral VALUES('01a24f68-c13e-728f-ad52-f1a7bc3de43c','01a24f68-c13d-70eb-bc06-a8d1346ed3e8','2025-07-20','internal-ward','norfolk','low','Hellesdon low secure unit (demo)','declined','2025-07-25',0);
INSERT INTO referral VALUES('01a24f68-c13e-7290-b047-94830613dfc7','01a24f68-c13d-70eb-bc06-a8d1346ed3e8','2026-08-12','internal-ward','norfolk','low','Hellesdon low secure unit (demo)','discharged','2026-11-17',1);
INSERT INTO referral VALUES('01a24f68-c13e-7298-9489-bb31d9b319f3','01a24f68-c13e-7291-8e54-96aa5833ada1','2024-04-17','external-hospital','cambs-peterborough','medium','St Andrew’s, Northampton (demo)','declined','2024-04-22',0);
INSERT INTO referral VALUES('01a24f68-c13f-729a-9056-f299a8206a3c','01a24f68-c13e-7291-8e54-96aa5833ada1','2025-04-29','internal-ward','suffolk','low','Wedgwood Unit, Bury St Edmunds (demo)','closed','2026-01-20',0);
INSERT INTO referral VALUES('01a24f68-c13f-729f-9fd5-4a96c8ca36b4','01a24f68-c13f-729b-82b9-1ff7bab263a4','2025-08-10','external-hospital','cambs-peterborough','high','Rampton Hospital (demo)','closed','2026-02-23',0);
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
INSERT INTO carer VALUES('01a24f68-cd2b-7154-9334-5c5b1ecfd95f',NULL,'Pat Demo (carer)',0,NULL);
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
INSERT INTO service VALUES('01a24f68-c0fd-73ca-bb89-ea03095a7dc7','Emergency services','emergency','','{"name":"Emergency services","kind":"emergency","office_hours":"24 hours","general_phone":"999","urgent_phone":"999","crisis_phone":"999","notes":"When life is at risk."}',0,'2026-12-07T07:29:54Z',NULL,1);
INSERT INTO service VALUES('01a24f68-c0fd-73cb-9c20-24c84395699e','NHS 111 (mental health option)','helpline','','{"name":"NHS 111 (mental health option)","kind":"helpline","office_hours":"24 hours","general_phone":"111","urgent_phone":"111","crisis_phone":"111","notes":"Urgent mental health help in England: call 111 and choose the mental health option."}',0,'2026-12-07T07:29:54Z',NULL,1);
INSERT INTO service VALUES('01a24f68-c0fd-73cc-b400-e5a0a4e50b52','Samaritans','helpline','','{"name":"Samaritans","kind":"helpline","office_hours":"24 hours","general_phone":"116 123","urgent_phone":"116 123","crisis_phone":"116 123","notes":"Free to call from any phone."}',0,'2026-12-07T07:29:54Z',NULL,1);
INSERT INTO service VALUES('01a24f68-c0fe-72a4-827a-7f1982a4a97a','National Domestic Abuse Helpline','helpline','','{"name":"National Domestic Abuse Helpline","kind":"helpline","office_hours":"24 hours","general_phone":"0808 2000 247","urgent_phone":"0808 2000 247","crisis_phone":"0808 2000 247"}',0,'2026-12-07T07:29:54Z',NULL,1);
INSERT INTO service VALUES('01a24f68-c0fe-72a5-b00d-9e76593a8b21','Carers UK Helpline','helpline','','{"name":"Carers UK Helpline","kind":"helpline","general_phone":"0808 808 7777","notes":"Advice for carers."}',0,'2026-12-07T07:29:54Z',NULL,1);
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
INSERT INTO moj_record VALUES('01a24f68-c13e-7288-b586-5ccc7d9b1a43','01a24f68-c13d-70eb-bc06-a8d1346ed3e8','legal-status','2026-11-17','{"authority":"09","effective_date":"2026-11-17","order_date":"2018-03-14","restriction_date":"2018-03-14","court":"Norwich Crown Court (demo)","mhcs_reference":"MHCS/DEMO/00001","conditional_discharge_date":"2026-11-17","discharged_by":"First-tier Tribunal","mappa_category":"2","mappa_level":"1"}');
INSERT INTO moj_record VALUES('01a24f68-c13e-7289-8bae-21f0f2032abf','01a24f68-c13d-70eb-bc06-a8d1346ed3e8','discharge-condition','2026-11-17','{"category":"residence","wording":"Reside at the approved address and abide by its rules; agree nights away in advance with the supervisors","start_date":"2026-11-17"}');
INSERT INTO moj_record VALUES('01a24f68-c13e-728a-9f38-7eea5c15b9e0','01a24f68-c13d-70eb-bc06-a8d1346ed3e8','discharge-condition','2026-11-17','{"category":"treatment","wording":"Comply with medication, treatment and monitoring as directed by the responsible clinician","start_date":"2026-11-17"}');
INSERT INTO moj_record VALUES('01a24f68-c13e-728b-9914-5040be78533a','01a24f68-c13d-70eb-bc06-a8d1346ed3e8','index-offence','2017-08-14','{"description":"Wounding with intent (demo)","offence_date":"2017-08-14","place":"Norwich"}');
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
INSERT INTO prescription VALUES('01a24f68-c13e-7294-812a-120bba7712e0','01a24f68-c13e-7291-8e54-96aa5833ada1','Fluphenazine decanoate','depot','fluphenazine-decanoate',14.0,'2025-07-20',NULL,NULL,NULL,NULL,0);
CREATE TABLE depot_dose (
  id               TEXT PRIMARY KEY REFERENCES record (id),
  patient_id       TEXT NOT NULL REFERENCES record (id),
  prescription_id  TEXT NOT NULL REFERENCES record (id),
  given_on         TEXT NOT NULL,
  outcome          TEXT NOT NULL CHECK (outcome IN ('given', 'refused', 'missed', 'deferred'))
, observed_hours REAL) STRICT;
INSERT INTO depot_dose VALUES('01a24f68-c13e-7295-9d81-4112ac7ccdd6','01a24f68-c13e-7291-8e54-96aa5833ada1','01a24f68-c13e-7294-812a-120bba7712e0','2026-11-24','given',NULL);
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
CREATE TABLE cpa_review (
  id             TEXT PRIMARY KEY REFERENCES record (id),
  patient_id     TEXT NOT NULL REFERENCES record (id),
  status         TEXT NOT NULL CHECK (status IN ('scheduled', 'held', 'validated', 'cancelled')),
  scheduled_for  TEXT NOT NULL,
  held_on        TEXT,
  validated_on   TEXT
) STRICT;
INSERT INTO cpa_review VALUES('01a24f68-c13e-728d-955d-6bbf003cef24','01a24f68-c13d-70eb-bc06-a8d1346ed3e8','validated','2025-11-28','2025-11-28','2025-11-28');
INSERT INTO cpa_review VALUES('01a24f68-c13e-7297-a6cb-31f4d2b2c5e6','01a24f68-c13e-7291-8e54-96aa5833ada1','validated','2025-11-08','2025-11-08','2025-11-08');
CREATE TABLE care_plan (
  id           TEXT PRIMARY KEY REFERENCES record (id),
  patient_id   TEXT NOT NULL REFERENCES record (id),
  start_date   TEXT NOT NULL,
  review_date  TEXT NOT NULL,
  s117_status  TEXT NOT NULL
) STRICT;
INSERT INTO care_plan VALUES('01a24f68-c13e-728c-a8b4-82bfd729b827','01a24f68-c13d-70eb-bc06-a8d1346ed3e8','2024-03-16','2024-03-16','receiving');
INSERT INTO care_plan VALUES('01a24f68-c13e-7296-bfdd-be309c438492','01a24f68-c13e-7291-8e54-96aa5833ada1','2024-05-12','2024-05-12','receiving');
INSERT INTO care_plan VALUES('01a24f68-c13f-729e-a4b0-3bfd5d576f03','01a24f68-c13f-729b-82b9-1ff7bab263a4','2026-04-12','2026-04-12','receiving');
CREATE TABLE crisis_plan (
  id          TEXT PRIMARY KEY REFERENCES record (id),
  patient_id  TEXT NOT NULL REFERENCES record (id),
  agreed_on   TEXT NOT NULL
) STRICT;
INSERT INTO crisis_plan VALUES('01a24f68-c13e-728e-8866-0ae94b04d1a0','01a24f68-c13d-70eb-bc06-a8d1346ed3e8','2024-03-16');
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
PRAGMA user_version = 12;
COMMIT;
