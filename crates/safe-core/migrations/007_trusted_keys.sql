-- Customs keys this installation trusts: pinned on first use by a review (trust on first use,
-- first_used) or named explicitly with `safe-assess key trust` (name, trusted_at, trusted_by).
CREATE TABLE trusted_keys (
    fingerprint TEXT PRIMARY KEY,
    public_key  TEXT,
    name        TEXT NOT NULL DEFAULT '',
    first_used  TEXT,
    trusted_at  TEXT,
    trusted_by  TEXT
) WITHOUT ROWID;

INSERT INTO trusted_keys (fingerprint, public_key, first_used)
    SELECT fingerprint, min(public_key), min(imported_at) FROM received_reviews GROUP BY fingerprint;
