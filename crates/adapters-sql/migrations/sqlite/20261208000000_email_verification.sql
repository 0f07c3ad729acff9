-- When each account's current email was verified (NULL: not verified), as in PostgreSQL;
-- accounts that exist before verification was introduced count as verified.
ALTER TABLE "user" ADD COLUMN email_verified_at TEXT;
UPDATE "user" SET email_verified_at = COALESCE(created_at, strftime('%Y-%m-%dT%H:%M:%S.000000Z', 'now'))
    WHERE email_verified_at IS NULL;

-- Where the request behind a mail came from, for security notices (NULL for the others).
ALTER TABLE mail_job ADD COLUMN client_ip TEXT CHECK (client_ip IS NULL OR length(client_ip) <= 64);
