-- claims database, migration 0008: what each claim's last import was given.
--
-- Re-importing a file that has not changed should cost in proportion to what changed, not to
-- the file. import_marks keeps, per claim, a digest of what the last import was given for it
-- (`NewClaim.inputData`: its fields, forecasts and resolution as the file said them) and the
-- claim's state just after that import: its head version and resolution revision and how many
-- forecasts it had. An import that is given the same claim again, while the claim is still in
-- that state, changes nothing, and is seen to without reading the claim's fields.
--
-- A cache, not history: a row is replaced by each import of its claim, and any other change to
-- the claim (an edit, a forecast, a resolution) leaves the row describing a past state, which
-- then matches nothing. The table can be emptied at any time; the next import of each claim
-- then compares it field by field, as before this migration.

CREATE TABLE import_marks (
    claim_id TEXT PRIMARY KEY NOT NULL REFERENCES claims(id),
    input BLOB NOT NULL CHECK (length(input) = 16),
    version INTEGER NOT NULL CHECK (version >= 1),
    revision INTEGER CHECK (revision >= 1),
    forecasts INTEGER NOT NULL CHECK (forecasts >= 0)
) WITHOUT ROWID;
