-- As PostgreSQL's 20261205000000_page_indexes.sql: list indexes that also hold the id, so a
-- page's ids come from the index alone; they replace their prefixes of 20260101000000_initial.sql.
CREATE INDEX IF NOT EXISTS ix_item_owner_id_created_at_id ON item (owner_id, created_at DESC, id);
CREATE INDEX IF NOT EXISTS ix_item_created_at_id ON item (created_at DESC, id);
CREATE INDEX IF NOT EXISTS ix_user_created_at_id ON "user" (created_at DESC, id);
DROP INDEX IF EXISTS ix_item_owner_created_at;
DROP INDEX IF EXISTS ix_item_created_at;
DROP INDEX IF EXISTS ix_user_created_at;
