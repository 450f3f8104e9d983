-- Kestrel schema 6: structured risk tools.
--
-- `tool_definition` holds the form definitions an administrator imported
-- (the XML exactly as validated; definitions shipped with Kestrel live in the
-- program). A definition is identified by tool id + version + definition
-- version and is never changed once stored: a new wording is a new
-- definition version.
--
-- `risk_assessment` is the projection of the revisioned record kind
-- "risk-assessment" (the revisions hold the ratings, evidence, groups and
-- judgements as JSON). Each assessment is pinned to the definition it was
-- written with. No column holds a risk level: Kestrel never derives one.

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
CREATE INDEX risk_assessment_patient ON risk_assessment (patient_id, assessed_on);
CREATE INDEX risk_assessment_review ON risk_assessment (next_review_on) WHERE status = 'completed';
