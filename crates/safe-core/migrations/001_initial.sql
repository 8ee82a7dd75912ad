-- Schema 1: packs pinned by assessments, assessments, answers, evidence (content stored once by
-- SHA-256) and the history of every change. Never edit this file once released: add a new one.
CREATE TABLE packs (
    id       TEXT NOT NULL,
    version  TEXT NOT NULL,
    json     TEXT NOT NULL,
    sha256   TEXT NOT NULL,
    added_at TEXT NOT NULL,
    PRIMARY KEY (id, version)
);

CREATE TABLE assessments (
    id           TEXT PRIMARY KEY,
    title        TEXT NOT NULL,
    profile      TEXT NOT NULL CHECK (profile IN ('customs', 'trader')),
    roles        TEXT NOT NULL DEFAULT '[]',
    organisation TEXT NOT NULL DEFAULT '',
    country      TEXT NOT NULL DEFAULT '',
    identifiers  TEXT NOT NULL DEFAULT '',
    assessors    TEXT NOT NULL DEFAULT '',
    scope        TEXT NOT NULL DEFAULT '',
    pack_id      TEXT NOT NULL,
    pack_version TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT,
    FOREIGN KEY (pack_id, pack_version) REFERENCES packs (id, version)
);

CREATE TABLE answers (
    assessment_id TEXT NOT NULL REFERENCES assessments (id),
    item_id       TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('met', 'partially-met', 'not-met', 'not-applicable')),
    justification TEXT NOT NULL DEFAULT '',
    comment       TEXT NOT NULL DEFAULT '',
    owner         TEXT NOT NULL DEFAULT '',
    target_date   TEXT,
    priority      TEXT CHECK (priority IN ('high', 'medium', 'low')),
    flagged       INTEGER NOT NULL DEFAULT 0,
    updated_at    TEXT NOT NULL,
    updated_by    TEXT NOT NULL,
    PRIMARY KEY (assessment_id, item_id)
) WITHOUT ROWID;

CREATE TABLE blobs (
    sha256  TEXT PRIMARY KEY,
    size    INTEGER NOT NULL,
    content BLOB NOT NULL
);

CREATE TABLE evidence (
    id            INTEGER PRIMARY KEY,
    assessment_id TEXT NOT NULL REFERENCES assessments (id),
    sha256        TEXT NOT NULL REFERENCES blobs (sha256),
    file_name     TEXT NOT NULL,
    media_type    TEXT NOT NULL,
    added_at      TEXT NOT NULL,
    added_by      TEXT NOT NULL,
    effective     TEXT,
    expires       TEXT,
    UNIQUE (assessment_id, sha256)
);

CREATE TABLE evidence_links (
    evidence_id INTEGER NOT NULL REFERENCES evidence (id),
    item_id     TEXT NOT NULL,
    PRIMARY KEY (evidence_id, item_id)
) WITHOUT ROWID;

-- item_id '' records a change to the assessment itself (created, renamed, deleted, restored).
CREATE TABLE history (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    assessment_id TEXT NOT NULL REFERENCES assessments (id),
    item_id       TEXT NOT NULL,
    action        TEXT NOT NULL,
    old           TEXT,
    new           TEXT,
    at            TEXT NOT NULL,
    by            TEXT NOT NULL
);
CREATE INDEX history_by_item ON history (assessment_id, item_id, seq);
