-- Pages by creation time read their ids from the index alone: each list index also holds the id,
-- so `OFFSET` walks index entries and never the rows it skips (docs/growth.md). They replace
-- the indexes of 20260101000001_indexes.sql, which are their prefixes.
CREATE INDEX IF NOT EXISTS ix_item_owner_id_created_at_id ON public.item (owner_id, created_at DESC, id);
CREATE INDEX IF NOT EXISTS ix_item_created_at_id ON public.item (created_at DESC, id);
CREATE INDEX IF NOT EXISTS ix_user_created_at_id ON public."user" (created_at DESC, id);
DROP INDEX IF EXISTS public.ix_item_owner_id_created_at;
DROP INDEX IF EXISTS public.ix_item_created_at;
DROP INDEX IF EXISTS public.ix_user_created_at;
