-- Issue 21 (CPA): a crisis plan carries the date it is to be reviewed by,
-- projected from its revision for Today's "crisis-plan-review" item. Plans
-- written before have none (NULL) until they are next edited; their
-- revisions are unchanged, so nothing else is rewritten. The structured
-- care plan's lines (need, intervention, who, by when) live only in the
-- care plan's revisions and need no column.
ALTER TABLE crisis_plan ADD COLUMN review_date TEXT;
CREATE INDEX crisis_plan_review ON crisis_plan (review_date);
