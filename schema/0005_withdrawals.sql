-- claims database, migration 0005: claims taken back.
--
-- A claim logged in error is never deleted: it is withdrawn, in a new version whose
-- `withdrawn` holds why (and `successor` the claim that replaces it, when an id was renamed).
-- A withdrawn claim is never due and never scored; a later version without `withdrawn`
-- restores it. Versions before this migration have neither column set, and their digests and
-- log leaves are unchanged (schema/log.md: the two fields are encoded only when set).

ALTER TABLE claim_versions ADD COLUMN withdrawn TEXT CHECK (trim(withdrawn) <> '');
ALTER TABLE claim_versions ADD COLUMN successor TEXT REFERENCES claims(id) DEFERRABLE INITIALLY DEFERRED
    CHECK (successor IS NULL OR (withdrawn IS NOT NULL AND successor <> claim_id));
