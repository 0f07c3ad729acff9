//! Test helpers shared by hexstack's crates.
//!
//! [`fresh_postgres_database`] gives every test its own empty database on a PostgreSQL server:
//! the one named by `TEST_DATABASE_URL` when set (CI sets it to the local server); otherwise a
//! container started with testcontainers when a Docker engine is reachable; otherwise the local
//! server at `127.0.0.1:5432` (user `postgres`).

use sqlx::Connection;

const LOCAL_SERVER: &str = "postgres://postgres@127.0.0.1:5432/postgres";

/// The URL of a new, empty database (named `hexstack_test_<uuid>`; `scripts/test.sh` drops old
/// ones before each run).
///
/// # Panics
/// When no server can be reached: a test that needs PostgreSQL must not pass without it.
pub async fn fresh_postgres_database() -> String {
    let admin_url = server_url().await;
    let name = format!("hexstack_test_{}", uuid::Uuid::new_v4().simple());
    let mut admin = sqlx::PgConnection::connect(&admin_url)
        .await
        .unwrap_or_else(|e| {
            panic!("PostgreSQL at {admin_url} is not reachable ({e}); set TEST_DATABASE_URL")
        });
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut admin)
        .await
        .expect("CREATE DATABASE");
    let base = admin_url
        .rsplit_once('/')
        .map_or(admin_url.as_str(), |(base, _)| base);
    format!("{base}/{name}")
}

async fn server_url() -> String {
    if let Ok(url) = std::env::var("TEST_DATABASE_URL") {
        return url;
    }
    #[cfg(feature = "containers")]
    if let Some(url) = container::server_url().await {
        return url;
    }
    LOCAL_SERVER.to_owned()
}

#[cfg(feature = "containers")]
mod container {
    use testcontainers_modules::postgres::Postgres;
    use testcontainers_modules::testcontainers::ContainerAsync;
    use testcontainers_modules::testcontainers::runners::AsyncRunner;
    use tokio::sync::OnceCell;

    /// One server per test process, kept until the process ends.
    static SERVER: OnceCell<Option<(ContainerAsync<Postgres>, String)>> = OnceCell::const_new();

    /// Whether a Docker engine could answer: `DOCKER_HOST`, or the default socket exists. (The
    /// docker CLI alone proves nothing.)
    fn docker_reachable() -> bool {
        std::env::var_os("DOCKER_HOST").is_some()
            || std::path::Path::new("/var/run/docker.sock").exists()
    }

    pub async fn server_url() -> Option<String> {
        SERVER
            .get_or_init(|| async {
                if !docker_reachable() {
                    return None;
                }
                let container = Postgres::default().start().await.ok()?;
                let port = container.get_host_port_ipv4(5432).await.ok()?;
                let url = format!("postgres://postgres:postgres@127.0.0.1:{port}/postgres");
                Some((container, url))
            })
            .await
            .as_ref()
            .map(|(_, url)| url.clone())
    }
}
