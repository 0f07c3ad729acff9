-- Exactly the schema of the FastAPI template at Alembic head fe56fa70289e (spec config.md 9), so
-- a database created by the template can be used as it is: every statement is IF NOT EXISTS.
CREATE TABLE IF NOT EXISTS public."user" (
    email           varchar(255)  NOT NULL,
    is_active       boolean       NOT NULL,
    is_superuser    boolean       NOT NULL,
    full_name       varchar(255),
    hashed_password varchar       NOT NULL,
    id              uuid          NOT NULL,
    created_at      timestamptz,
    CONSTRAINT user_pkey PRIMARY KEY (id)
);
CREATE UNIQUE INDEX IF NOT EXISTS ix_user_email ON public."user" USING btree (email);

CREATE TABLE IF NOT EXISTS public.item (
    description varchar(255),
    title       varchar(255)  NOT NULL,
    id          uuid          NOT NULL,
    owner_id    uuid          NOT NULL,
    created_at  timestamptz,
    CONSTRAINT item_pkey PRIMARY KEY (id),
    CONSTRAINT item_owner_id_fkey FOREIGN KEY (owner_id)
        REFERENCES public."user"(id) ON DELETE CASCADE
);
