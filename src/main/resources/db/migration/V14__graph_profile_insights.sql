-- Profile insights in the graph: facts from the user's own `self` person to what they prefer, are interested in, are
-- skilled in or dislike (topics), and to the people they know.
ALTER TABLE entities DROP CONSTRAINT entity_type;
ALTER TABLE entities ADD CONSTRAINT entity_type CHECK (type IN ('person', 'organization', 'project', 'place',
    'product', 'event', 'decision', 'task', 'topic'));

-- The profile insight a fact states: one fact per insight, which follows it (superseded, corrected, rejected). No
-- foreign key: the profile's tables are another feature's, and the graph keeps its own history.
ALTER TABLE relationships ADD COLUMN insight_id uuid;
CREATE UNIQUE INDEX relationships_user_insight ON relationships (user_id, insight_id) WHERE insight_id IS NOT NULL;
