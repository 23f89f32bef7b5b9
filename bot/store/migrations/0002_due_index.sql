-- `find_upto(table, "due_ts", …)` finds the nudges that fall due soon without scanning every
-- planned slot: a range scan on the document's due time, for documents that have one.
create index documents_due_ts on documents (tbl, (doc -> 'due_ts')) where doc ? 'due_ts';
