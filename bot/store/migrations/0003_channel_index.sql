-- `find(table, channel_key=…, …)` (a channel's actions, tally posts, planned nudges) as a
-- range scan in insertion order. The GIN index cannot narrow well on a common value such as
-- `status: open`, so without this the planner scans the whole table; with it, only the
-- channel's documents are read, already in `seq` order. `_matches` adds the matching
-- `doc ->> 'channel_key' = …` test next to the containment test.
create index documents_channel_seq on documents (tbl, (doc ->> 'channel_key'), seq)
    where doc ? 'channel_key';
