-- The graph stage that asks the provider for a chunk's answer holds its work until read_until: a concurrent delivery
-- of the same work leaves the chunk to it, so a chunk costs at most one provider call. A reader that fails lets go at
-- once; one that dies lets the time pass, and the hourly resend of pending work brings it back.
ALTER TABLE graph_work ADD COLUMN read_until timestamptz;
