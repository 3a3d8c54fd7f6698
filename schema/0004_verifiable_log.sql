-- claims database, migration 0004: one verifiable log over every event.
--
-- The log lists every recorded event, in the order recorded: each claim version, each
-- forecast and each resolution revision, one leaf each of an RFC 9162 Merkle tree. A leaf is
-- SHA-256(0x00 || the event's encoding), the encoding documented in docs/log.md; the tree's root
-- over the first n events is what a checkpoint signs (`claims checkpoint`). The program writes
-- an event and its leaf in one transaction. Events already recorded enter the log when this
-- migration runs, in their recorded order (the program adds them; SQL cannot encode them).
-- `claims verify` recomputes every leaf from the event's rows.

-- The log's name: the origin line of its checkpoints, unique to this database.
CREATE TABLE log_origin (
    origin TEXT NOT NULL CHECK (length(origin) BETWEEN 1 AND 128 AND origin NOT GLOB '*[ +]*')
);
INSERT INTO log_origin (origin) VALUES ('claims.log/' || lower(hex(randomblob(8))));

-- The events in batches: each row holds `count` consecutive events from `first_seq` on (one
-- write's events, up to 4,096 a row), their leaf hashes end to end in `leaves`, and in `events`
-- what each leaf is, as a JSON array of [kind, claim id, number] (the version, the forecast's id,
-- or the revision). A batch per write, not a row per event: an import of 100,000 claims writes
-- about 3,000 rows here instead of 225,000.
CREATE TABLE log_batches (
    first_seq INTEGER PRIMARY KEY CHECK (first_seq >= 0),
    count INTEGER NOT NULL CHECK (count BETWEEN 1 AND 4096),
    leaves BLOB NOT NULL CHECK (typeof(leaves) = 'blob' AND length(leaves) = 32 * count),
    events TEXT NOT NULL CHECK (json_valid(events) AND json_array_length(events) = count)
);

-- The tree's right edge after the last event: its size and the roots of its perfect subtrees,
-- largest first, and the time of the last event (no event is recorded earlier than the one
-- before it). Like claim_heads, an index kept as events are appended, not history: it can be
-- recomputed from log_batches, and `claims verify` checks that it agrees. Checkpoints read it.
CREATE TABLE log_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    size INTEGER NOT NULL CHECK (size >= 0),
    frontier BLOB NOT NULL,
    last_recorded_at TEXT NOT NULL
);
INSERT INTO log_head (id, size, frontier, last_recorded_at) VALUES (1, 0, x'', '');

-- Events are numbered 0, 1, 2 … with no gap and no repeat (a batch starts where the last one
-- ended), and never changed or removed.
CREATE TRIGGER log_batches_are_consecutive BEFORE INSERT ON log_batches
WHEN NEW.first_seq <> ifnull((SELECT first_seq + count FROM log_batches ORDER BY first_seq DESC LIMIT 1), 0)
BEGIN SELECT RAISE(ABORT, 'log events must be numbered consecutively'); END;
CREATE TRIGGER log_batches_refuse_update BEFORE UPDATE ON log_batches
BEGIN SELECT RAISE(ABORT, 'the log is append-only: history cannot be rewritten'); END;
CREATE TRIGGER log_batches_refuse_delete BEFORE DELETE ON log_batches
BEGIN SELECT RAISE(ABORT, 'the log is append-only: history cannot be rewritten'); END;
CREATE TRIGGER log_origin_refuse_update BEFORE UPDATE ON log_origin
BEGIN SELECT RAISE(ABORT, 'the log origin never changes'); END;
CREATE TRIGGER log_origin_refuse_delete BEFORE DELETE ON log_origin
BEGIN SELECT RAISE(ABORT, 'the log origin never changes'); END;
CREATE TRIGGER log_origin_refuse_insert BEFORE INSERT ON log_origin
BEGIN SELECT RAISE(ABORT, 'the log origin never changes'); END;

-- A forecast recorded after its claim's outcome is *reported*: it names the source that dates it.
ALTER TABLE forecasts ADD COLUMN reported_source TEXT CHECK (reported_source <> '');

-- INSERT OR REPLACE deletes the rows it replaces without firing DELETE triggers. An insert whose
-- key is taken is refused before it can replace anything, on every history table. (Versions,
-- revisions and log batches are refused already: their numbers must follow the last one.)
CREATE TRIGGER claims_refuse_replace BEFORE INSERT ON claims
WHEN EXISTS (SELECT 1 FROM claims WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'claims are append-only: an existing claim cannot be replaced'); END;
CREATE TRIGGER sources_refuse_replace BEFORE INSERT ON sources
WHEN EXISTS (SELECT 1 FROM sources WHERE id = NEW.id)
  OR EXISTS (SELECT 1 FROM sources WHERE key = NEW.key AND kind = NEW.kind
             AND ifnull(title, char(0)) = ifnull(NEW.title, char(0)) AND ifnull(url, char(0)) = ifnull(NEW.url, char(0))
             AND ifnull(publisher, char(0)) = ifnull(NEW.publisher, char(0))
             AND ifnull(published_on, char(0)) = ifnull(NEW.published_on, char(0))
             AND ifnull(language, char(0)) = ifnull(NEW.language, char(0)) AND people = NEW.people)
BEGIN SELECT RAISE(ABORT, 'sources are append-only: an existing source cannot be replaced'); END;
CREATE TRIGGER claim_tags_refuse_replace BEFORE INSERT ON claim_tags
WHEN EXISTS (SELECT 1 FROM claim_tags WHERE claim_id = NEW.claim_id AND version = NEW.version AND tag = NEW.tag)
BEGIN SELECT RAISE(ABORT, 'claim tags are append-only: an existing tag cannot be replaced'); END;
CREATE TRIGGER claim_translations_refuse_replace BEFORE INSERT ON claim_translations
WHEN EXISTS (SELECT 1 FROM claim_translations WHERE claim_id = NEW.claim_id AND version = NEW.version AND language = NEW.language)
BEGIN SELECT RAISE(ABORT, 'claim translations are append-only: an existing translation cannot be replaced'); END;
CREATE TRIGGER forecasts_refuse_replace BEFORE INSERT ON forecasts
WHEN EXISTS (SELECT 1 FROM forecasts WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'forecasts are append-only: an existing forecast cannot be replaced'); END;
