-- claims database, migration 0006: full-text search over the present.
--
-- claim_search indexes each claim's current statement, quote, criteria and notes with FTS5's
-- unicode61 tokenizer (case and diacritics folded), so `list --search WORD` finds its claims
-- through the index instead of reading every claim. Like claim_heads it is an index of the
-- present, kept by a trigger as versions are appended, not history: it can be rebuilt from
-- claim_versions at any time. claim_search_rows gives each claim the rowid of its row.

CREATE VIRTUAL TABLE claim_search USING fts5(statement, quote, criteria, notes, tokenize = 'unicode61 remove_diacritics 2');

CREATE TABLE claim_search_rows (
    claim_id TEXT PRIMARY KEY NOT NULL REFERENCES claims(id),
    row INTEGER NOT NULL UNIQUE
) WITHOUT ROWID;

INSERT INTO claim_search_rows (claim_id, row)
SELECT claim_id, row_number() OVER (ORDER BY claim_id) FROM claim_heads;

INSERT INTO claim_search (rowid, statement, quote, criteria, notes)
SELECT r.row, v.statement, v.quote, v.criteria, v.notes
FROM claim_search_rows r
JOIN claim_heads h ON h.claim_id = r.claim_id
JOIN claim_versions v ON v.claim_id = h.claim_id AND v.version = h.version;

CREATE TRIGGER claim_search_follows_versions AFTER INSERT ON claim_versions
BEGIN
    INSERT OR IGNORE INTO claim_search_rows (claim_id, row)
    VALUES (NEW.claim_id, (SELECT ifnull(max(row), 0) + 1 FROM claim_search_rows));
    DELETE FROM claim_search WHERE rowid = (SELECT row FROM claim_search_rows WHERE claim_id = NEW.claim_id);
    INSERT INTO claim_search (rowid, statement, quote, criteria, notes)
    VALUES ((SELECT row FROM claim_search_rows WHERE claim_id = NEW.claim_id), NEW.statement, NEW.quote, NEW.criteria, NEW.notes);
END;
