-- Schema 2: re-assessment. An assessment may be duplicated from an earlier one; the copied
-- answers are marked carried over until a user confirms or changes them.
ALTER TABLE assessments ADD COLUMN based_on TEXT REFERENCES assessments (id);
ALTER TABLE answers ADD COLUMN carried_over INTEGER NOT NULL DEFAULT 0;
