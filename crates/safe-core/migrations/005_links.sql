-- Schema 5 (crosswalk): an assessment started from another one on a different pack stays linked
-- to it. `links` holds the link of such an assessment (one source each); `derived_answers` one
-- row per item whose answer came through the link: the source item, the relationship along
-- which it came, the source answer it rests on (`basis`, JSON) and its state:
--   carried    along an `equal` link: written to `answers` (carried over) and counted
--   suggested  along another link: not an answer until the user confirms or changes it
--   confirmed  confirmed by the user (or saved equal to the source answer)
--   changed    answered differently by the user
--   diverged   the source answer changed since; shown until the user confirms or changes it
-- Unlinking deletes both rows (recorded in the history).
CREATE TABLE links (
    assessment_id TEXT PRIMARY KEY REFERENCES assessments (id),
    source_id     TEXT NOT NULL REFERENCES assessments (id),
    mapping       TEXT NOT NULL,
    linked_at     TEXT NOT NULL,
    linked_by     TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX links_by_source ON links (source_id);

CREATE TABLE derived_answers (
    assessment_id TEXT NOT NULL REFERENCES links (assessment_id),
    item_id       TEXT NOT NULL,
    source_item   TEXT NOT NULL,
    relationship  TEXT NOT NULL CHECK (relationship IN ('equal', 'subset', 'superset', 'intersects')),
    state         TEXT NOT NULL CHECK (state IN ('carried', 'suggested', 'confirmed', 'changed', 'diverged')),
    basis         TEXT NOT NULL,
    PRIMARY KEY (assessment_id, item_id)
) WITHOUT ROWID;
CREATE INDEX derived_by_source ON derived_answers (assessment_id, source_item);
