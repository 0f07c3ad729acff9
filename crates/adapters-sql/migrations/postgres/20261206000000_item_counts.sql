-- Item counts per owner, kept by a trigger, so a list's total costs one row (a user's items) or
-- one row per user (all items) instead of counting every item (docs/growth.md). The trigger also
-- counts writes made by anything else sharing the database, such as the original's backend.
-- A deleted owner's row goes with it, whether or not the cascade of its items ran the trigger.
CREATE TABLE IF NOT EXISTS public.item_count (
    owner_id uuid   NOT NULL,
    n        bigint NOT NULL,
    CONSTRAINT item_count_pkey PRIMARY KEY (owner_id)
);

CREATE OR REPLACE FUNCTION public.hexstack_count_items() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO public.item_count (owner_id, n) VALUES (NEW.owner_id, 1)
            ON CONFLICT (owner_id) DO UPDATE SET n = public.item_count.n + 1;
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        UPDATE public.item_count SET n = n - 1 WHERE owner_id = OLD.owner_id;
    END IF;
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS item_count_kept ON public.item;
CREATE TRIGGER item_count_kept AFTER INSERT OR DELETE OR UPDATE OF owner_id ON public.item
    FOR EACH ROW EXECUTE FUNCTION public.hexstack_count_items();

CREATE OR REPLACE FUNCTION public.hexstack_forget_item_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM public.item_count WHERE owner_id = OLD.id;
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS item_count_owner_gone ON public."user";
CREATE TRIGGER item_count_owner_gone AFTER DELETE ON public."user"
    FOR EACH ROW EXECUTE FUNCTION public.hexstack_forget_item_count();

INSERT INTO public.item_count (owner_id, n)
    SELECT owner_id, COUNT(*) FROM public.item GROUP BY owner_id
    ON CONFLICT (owner_id) DO UPDATE SET n = EXCLUDED.n;
