-- One table holds every store table: documents keyed by (tbl, key), the body as jsonb.
-- `seq` keeps insertion order, so `find` returns documents in the same order as TinyDB
-- (a `put` moves a document to the end, an `update` keeps its place).
create table documents (
    tbl text not null,
    key text not null,
    seq bigserial not null,
    doc jsonb not null,
    primary key (tbl, key)
);

-- `find`, `count` and `delete_where` filter with `doc @> {...}`; jsonb_path_ops is the
-- smaller, faster GIN operator class for containment.
create index documents_doc_gin on documents using gin (doc jsonb_path_ops);

-- Scanning one table in insertion order (find without a filter, tables(), export).
create index documents_tbl_seq on documents (tbl, seq);
