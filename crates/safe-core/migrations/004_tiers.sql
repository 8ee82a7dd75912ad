-- Schema 4: the programme tiers an assessment was started for (EU AEOC / AEOS, ...), as a JSON
-- array of the pinned pack's tier ids. Additive: every existing assessment gets '[]' (its pack has
-- no tiers, so every item applies as before) and the progress summary needs no recount.
ALTER TABLE assessments ADD COLUMN tiers TEXT NOT NULL DEFAULT '[]';
