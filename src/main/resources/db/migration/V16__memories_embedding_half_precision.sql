-- Saving a memory walks the HNSW graph over every user's memories: a few thousand of its tuples per insert. At full
-- precision (1.5 KB a vector of 384) the graph outgrows the buffer cache long before the table does, and the remote
-- benchmark over a table of 126,000 memories read 1,075 blocks from outside the buffers per memory auto-saved, 75% of
-- all the blocks the run read. The graph now holds half-precision vectors (57% of the size at 123,000 memories; an
-- insert then read 430 blocks where it read 1,090, and took half the time). The rows keep their full vectors, and the
-- duplicate look-up compares a user's rows exactly by them (ordering by the index's expression cast every row and
-- took 4x as long); search ranks its materialised scope exactly too.
DROP INDEX memories_embedding;
CREATE INDEX memories_embedding ON memories
    USING hnsw ((embedding::halfvec(${embedding_dimension})) halfvec_cosine_ops);

-- Which pending memory a saved memory came from (a review's outcome, the graph following it): by the saved memory's
-- id as well as the pending one's. Without an index the look-up read the whole table, 890 blocks a call.
CREATE INDEX pending_by_memory ON pending_memories (memory_id) WHERE memory_id IS NOT NULL;
