-- Schema 8: the programme tiers of a customs application (EU AEOC / AEOS, ...), as a JSON array
-- of the pack's tier ids, so marks and remarks are refused on items outside them. Additive: an
-- existing application takes the tiers of its last submission's assessment ('[]' when it has
-- none: its pack has no tiers and every item applies as before).
ALTER TABLE applications ADD COLUMN tiers TEXT NOT NULL DEFAULT '[]';

UPDATE applications SET tiers = coalesce((
    SELECT json_extract(s.bundle, '$.assessment.tiers') FROM application_submissions s
     WHERE s.application_id = applications.id AND s.number = applications.submission
       AND json_type(s.bundle, '$.assessment.tiers') = 'array'), '[]');
