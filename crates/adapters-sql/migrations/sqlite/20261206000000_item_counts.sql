-- As PostgreSQL's 20261206000000_item_counts.sql: item counts per owner, kept by triggers.
CREATE TABLE IF NOT EXISTS item_count (
    owner_id TEXT    NOT NULL PRIMARY KEY,
    n        INTEGER NOT NULL
);

CREATE TRIGGER IF NOT EXISTS item_count_insert AFTER INSERT ON item BEGIN
    INSERT INTO item_count (owner_id, n) VALUES (NEW.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER IF NOT EXISTS item_count_delete AFTER DELETE ON item BEGIN
    UPDATE item_count SET n = n - 1 WHERE owner_id = OLD.owner_id;
END;

CREATE TRIGGER IF NOT EXISTS item_count_owner AFTER UPDATE OF owner_id ON item BEGIN
    UPDATE item_count SET n = n - 1 WHERE owner_id = OLD.owner_id;
    INSERT INTO item_count (owner_id, n) VALUES (NEW.owner_id, 1)
        ON CONFLICT (owner_id) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER IF NOT EXISTS item_count_owner_gone AFTER DELETE ON "user" BEGIN
    DELETE FROM item_count WHERE owner_id = OLD.id;
END;

INSERT INTO item_count (owner_id, n)
    SELECT owner_id, COUNT(*) FROM item WHERE true GROUP BY owner_id
    ON CONFLICT (owner_id) DO UPDATE SET n = excluded.n;
