-- When each account's current email was verified (NULL: not verified). Accounts that exist
-- before verification was introduced count as verified: nobody is locked out by the upgrade.
ALTER TABLE public."user" ADD COLUMN IF NOT EXISTS email_verified_at timestamptz;
UPDATE public."user" SET email_verified_at = COALESCE(created_at, now())
    WHERE email_verified_at IS NULL;

-- Where the request behind a mail came from, for security notices (NULL for the others).
ALTER TABLE public.mail_job ADD COLUMN IF NOT EXISTS client_ip varchar(64);
