//! The database section: `DATABASE_URL`, parsed with a URL parser, and the pool's settings.

use std::path::Path;

use serde::Deserialize;

use super::value::FromSetting;

/// Where the data lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreUrl {
    /// The embedded default: a SQLite file in the data folder (or `sqlite://...`).
    Sqlite(String),
    /// PostgreSQL, as `postgresql://...` (the template's `+driver` schemes are rewritten).
    Postgres(String),
}

/// The `postgresql+<driver>` schemes the original accepts besides `postgres` and `postgresql`.
const POSTGRES_DRIVERS: [&str; 7] = [
    "postgresql+asyncpg",
    "postgresql+pg8000",
    "postgresql+psycopg",
    "postgresql+psycopg2",
    "postgresql+psycopg2cffi",
    "postgresql+py-postgresql",
    "postgresql+pygresql",
];

/// The SQLite file `hexstack.db` in `data_dir`: `DATABASE_URL` when unset.
pub fn embedded_url(data_dir: &Path) -> String {
    format!("sqlite://{}", data_dir.join("hexstack.db").display())
}

impl StoreUrl {
    /// The password of a PostgreSQL URL, percent-decoded (checked against `changethis`).
    pub fn password(&self) -> Option<String> {
        let Self::Postgres(text) = self else {
            return None;
        };
        let url = url::Url::parse(text).ok()?;
        let password = percent_encoding::percent_decode_str(url.password()?);
        Some(password.decode_utf8_lossy().into_owned())
    }
}

impl FromSetting for StoreUrl {
    fn from_setting(text: &str) -> Result<Self, String> {
        let mut url = url::Url::parse(text).map_err(|error| match error {
            url::ParseError::EmptyHost => "URL host required".to_owned(),
            _ => "Input should be a valid URL".to_owned(),
        })?;
        match url.scheme() {
            "sqlite" => return Ok(Self::Sqlite(text.to_owned())),
            "postgres" | "postgresql" => {}
            driver if POSTGRES_DRIVERS.contains(&driver) => {}
            _ => {
                return Err(
                    "URL scheme should be 'postgres', 'postgresql', 'postgresql+asyncpg', \
                     'postgresql+pg8000', 'postgresql+psycopg', 'postgresql+psycopg2', \
                     'postgresql+psycopg2cffi', 'postgresql+py-postgresql', 'postgresql+pygresql' \
                     or 'sqlite'"
                        .to_owned(),
                );
            }
        }
        if url.host_str().is_none_or(str::is_empty) {
            return Err("URL host required".to_owned());
        }
        // The Python driver named after `+` is the original's choice; ours is sqlx.
        url.set_scheme("postgresql")
            .map_err(|()| "Input should be a valid URL".to_owned())?;
        Ok(Self::Postgres(url.into()))
    }
}

/// The connection pool and how long start-up waits for the database.
#[derive(Debug, Clone, Deserialize)]
pub struct PoolSettings {
    /// `DATABASE_POOL_MAX_CONNECTIONS`.
    #[serde(rename = "database_pool_max_connections")]
    pub max_connections: u32,
    /// `DATABASE_POOL_TIMEOUT_SECONDS`: how long a request waits for a connection.
    #[serde(rename = "database_pool_timeout_seconds")]
    pub timeout_seconds: u64,
    /// `DATABASE_WAIT_SECONDS`: how long start-up waits for the database (unset: each command's
    /// own wait, 30 s for `serve`, 300 s for `prestart` as the template's prestart step).
    #[serde(rename = "database_wait_seconds")]
    pub wait_seconds: Option<u64>,
}

/// The store and its pool.
#[derive(Debug, Clone)]
pub struct DatabaseSettings {
    /// `DATABASE_URL` (unset: [`embedded_url`]).
    pub url: StoreUrl,
    /// The pool.
    pub pool: PoolSettings,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store(text: &str) -> Result<StoreUrl, String> {
        StoreUrl::from_setting(text)
    }

    #[test]
    fn driver_schemes_become_postgresql_and_the_rest_is_kept() {
        assert_eq!(
            store("postgresql+psycopg://u:p%40ss@db:5433/app?sslmode=require"),
            Ok(StoreUrl::Postgres(
                "postgresql://u:p%40ss@db:5433/app?sslmode=require".to_owned()
            ))
        );
        assert_eq!(
            store("sqlite:///tmp/x.db"),
            Ok(StoreUrl::Sqlite("sqlite:///tmp/x.db".to_owned()))
        );
    }

    #[test]
    fn a_postgres_url_needs_a_host_and_a_known_scheme() {
        for text in ["postgresql:///app", "postgres://u:p@/app"] {
            assert_eq!(store(text), Err("URL host required".to_owned()), "{text}");
        }
        assert_eq!(store("db:5432"), store("mysql://x@y/z"));
        assert_eq!(
            store("not a url"),
            Err("Input should be a valid URL".to_owned())
        );
    }

    #[test]
    fn the_password_is_percent_decoded() {
        let url = store("postgres://postgres:change%74his@db/app").unwrap();
        assert_eq!(url.password().as_deref(), Some("changethis"));
        let embedded = store(&embedded_url(Path::new("/d"))).unwrap();
        assert_eq!(
            embedded,
            StoreUrl::Sqlite("sqlite:///d/hexstack.db".to_owned())
        );
        assert_eq!(embedded.password(), None);
    }
}
