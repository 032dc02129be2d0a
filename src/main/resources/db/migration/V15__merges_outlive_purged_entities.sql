-- A merge's record outlives a purged end, so that its undo can say that nothing is left to restore (409) instead of
-- the merge vanishing (404); a loser whose survivor a purge removed keeps no dangling pointer either.
ALTER TABLE entity_merges ALTER COLUMN survivor_id DROP NOT NULL;
ALTER TABLE entity_merges ALTER COLUMN merged_id DROP NOT NULL;
ALTER TABLE entity_merges DROP CONSTRAINT entity_merges_survivor_id_fkey;
ALTER TABLE entity_merges DROP CONSTRAINT entity_merges_merged_id_fkey;
ALTER TABLE entity_merges ADD CONSTRAINT entity_merges_survivor_id_fkey FOREIGN KEY (survivor_id)
    REFERENCES entities (id) ON DELETE SET NULL;
ALTER TABLE entity_merges ADD CONSTRAINT entity_merges_merged_id_fkey FOREIGN KEY (merged_id)
    REFERENCES entities (id) ON DELETE SET NULL;
ALTER TABLE entities DROP CONSTRAINT entities_merged_into_fkey;
ALTER TABLE entities ADD CONSTRAINT entities_merged_into_fkey FOREIGN KEY (merged_into)
    REFERENCES entities (id) ON DELETE SET NULL;
