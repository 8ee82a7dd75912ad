-- Schema 11: the customs side's history. Every action of a validator on an application (open a
-- submission, accept, remark, close a remark, finding, decide, export the review) is one row, with
-- the columns of `history` (action, old and new JSON, when, who; typed as
-- `safe_core::history::Change`), keyed by application instead of assessment.
CREATE TABLE application_history (
    seq            INTEGER PRIMARY KEY AUTOINCREMENT,
    application_id TEXT NOT NULL REFERENCES applications (id),
    item_id        TEXT NOT NULL,
    action         TEXT NOT NULL,
    old            TEXT,
    new            TEXT,
    at             TEXT NOT NULL,
    by             TEXT NOT NULL
);
CREATE INDEX application_history_by_application ON application_history (application_id, seq);
