-- Schema: validation by customs (crates/safe-core/src/review/, store/review.rs).
--
-- Trader side: the submissions made, the customs review last attached, its remarks (with the
-- trader's answers) and the answers customs accepted (locked until reopened).
CREATE TABLE submissions (
    assessment_id TEXT NOT NULL REFERENCES assessments (id),
    number        INTEGER NOT NULL CHECK (number > 0),
    submitted_at  TEXT NOT NULL,
    submitted_by  TEXT NOT NULL,
    file_name     TEXT NOT NULL,
    PRIMARY KEY (assessment_id, number)
) WITHOUT ROWID;

CREATE TABLE received_reviews (
    assessment_id  TEXT PRIMARY KEY REFERENCES assessments (id),
    application_id TEXT NOT NULL,
    fingerprint    TEXT NOT NULL,
    public_key     TEXT NOT NULL,
    submission     INTEGER NOT NULL,
    exported_at    TEXT NOT NULL,
    state          TEXT NOT NULL,
    doc            TEXT NOT NULL,
    imported_at    TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE received_remarks (
    assessment_id TEXT NOT NULL REFERENCES assessments (id),
    number        INTEGER NOT NULL,
    item_id       TEXT NOT NULL,
    kind          TEXT NOT NULL,
    text          TEXT NOT NULL,
    state         TEXT NOT NULL,
    response      TEXT NOT NULL DEFAULT '',
    responded_at  TEXT,
    PRIMARY KEY (assessment_id, number)
) WITHOUT ROWID;

CREATE TABLE answer_locks (
    assessment_id TEXT NOT NULL REFERENCES assessments (id),
    item_id       TEXT NOT NULL,
    accepted_in   INTEGER NOT NULL,
    reopened_at   TEXT,
    PRIMARY KEY (assessment_id, item_id)
) WITHOUT ROWID;

-- Customs side: one application per lineage of a trader's assessment, its submissions (the
-- assessment as submitted, evidence content in `blobs`), and the validator's marks, remarks,
-- on-site findings and decisions.
CREATE TABLE applications (
    id           TEXT PRIMARY KEY,
    origin_id    TEXT NOT NULL,
    applicant    TEXT NOT NULL,
    country      TEXT NOT NULL,
    roles        TEXT NOT NULL,
    pack_id      TEXT NOT NULL,
    pack_version TEXT NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('received', 'under-review', 'returned', 'decided')),
    submission   INTEGER NOT NULL,
    fingerprint  TEXT NOT NULL,
    public_key   TEXT NOT NULL,
    received_on  TEXT NOT NULL,
    accepted_on  TEXT,
    accept_days  INTEGER NOT NULL,
    decide_days  INTEGER NOT NULL,
    score        REAL,
    verdict      TEXT,
    decision     TEXT,
    updated_at   TEXT NOT NULL,
    FOREIGN KEY (pack_id, pack_version) REFERENCES packs (id, version)
);
CREATE INDEX applications_by_origin ON applications (origin_id);

CREATE TABLE application_submissions (
    application_id TEXT NOT NULL REFERENCES applications (id),
    number         INTEGER NOT NULL,
    received_at    TEXT NOT NULL,
    file_name      TEXT NOT NULL,
    fingerprint    TEXT NOT NULL,
    bundle         TEXT NOT NULL,
    submission     TEXT NOT NULL,
    changes        TEXT NOT NULL DEFAULT '[]',
    report_pdf     BLOB,
    PRIMARY KEY (application_id, number)
);

CREATE TABLE review_marks (
    application_id TEXT NOT NULL REFERENCES applications (id),
    item_id        TEXT NOT NULL,
    accepted_in    INTEGER NOT NULL,
    at             TEXT NOT NULL,
    by             TEXT NOT NULL,
    PRIMARY KEY (application_id, item_id)
) WITHOUT ROWID;

CREATE TABLE review_remarks (
    application_id TEXT NOT NULL REFERENCES applications (id),
    number         INTEGER NOT NULL,
    item_id        TEXT NOT NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('query', 'evidence-missing', 'non-conformity')),
    text           TEXT NOT NULL,
    state          TEXT NOT NULL CHECK (state IN ('open', 'answered', 'closed')),
    raised_in      INTEGER NOT NULL,
    response       TEXT NOT NULL DEFAULT '',
    answered_in    INTEGER,
    at             TEXT NOT NULL,
    by             TEXT NOT NULL,
    closed_at      TEXT,
    PRIMARY KEY (application_id, number)
) WITHOUT ROWID;

CREATE TABLE review_findings (
    seq            INTEGER PRIMARY KEY AUTOINCREMENT,
    application_id TEXT NOT NULL REFERENCES applications (id),
    item_id        TEXT NOT NULL,
    text           TEXT NOT NULL,
    at             TEXT NOT NULL,
    by             TEXT NOT NULL
);

CREATE TABLE review_decisions (
    seq            INTEGER PRIMARY KEY AUTOINCREMENT,
    application_id TEXT NOT NULL REFERENCES applications (id),
    decision       TEXT NOT NULL,
    note           TEXT NOT NULL,
    reasons        TEXT NOT NULL DEFAULT '[]',
    submission     INTEGER NOT NULL,
    at             TEXT NOT NULL,
    by             TEXT NOT NULL
);
