-- Schema 3: a progress summary per assessment, so the home list does not read every answer.
-- `applicable` counts the items of the pinned pack that apply to the assessment's roles and
-- `answered` those of them that have an answer. The store keeps both up to date in the same
-- transaction as every change that affects them (create, answer, clear, merge, import,
-- duplicate, change of roles); the last change is the assessment's own `updated_at`.
CREATE TABLE progress (
    assessment_id TEXT PRIMARY KEY REFERENCES assessments (id),
    applicable    INTEGER NOT NULL CHECK (applicable >= 0),
    answered      INTEGER NOT NULL CHECK (answered BETWEEN 0 AND applicable)
) WITHOUT ROWID;

-- Backfill. An item is an object in an `items` array of the pinned pack's JSON; it applies when
-- it names no roles, names "all", or names one of the assessment's roles (the rule of
-- `Item::applies_to` when this schema was introduced).
WITH items AS MATERIALIZED (
    SELECT p.id AS pack_id, p.version AS pack_version,
           json_extract(j.value, '$.id') AS item_id,
           json_extract(j.value, '$.roles') AS roles
    FROM packs p, json_tree(p.json) j
    WHERE j.type = 'object' AND j.path LIKE '%.items'
)
INSERT INTO progress (assessment_id, applicable, answered)
SELECT a.id, count(i.item_id), count(n.item_id)
FROM assessments a
LEFT JOIN items i
  ON i.pack_id = a.pack_id AND i.pack_version = a.pack_version
 AND (i.roles IS NULL OR json_array_length(i.roles) = 0
      OR EXISTS (SELECT 1 FROM json_each(i.roles) r
                 WHERE r.value = 'all' OR r.value IN (SELECT value FROM json_each(a.roles))))
LEFT JOIN answers n ON n.assessment_id = a.id AND n.item_id = i.item_id
GROUP BY a.id;
