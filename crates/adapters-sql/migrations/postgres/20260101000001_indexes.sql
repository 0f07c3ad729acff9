-- Indexes the template lacks, for the hot paths: a user's items newest first, and the lists.
CREATE INDEX IF NOT EXISTS ix_item_owner_id_created_at ON public.item (owner_id, created_at DESC);
CREATE INDEX IF NOT EXISTS ix_item_created_at ON public.item (created_at DESC);
CREATE INDEX IF NOT EXISTS ix_user_created_at ON public."user" (created_at DESC);
