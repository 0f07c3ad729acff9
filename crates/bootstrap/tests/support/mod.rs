//! Running the real `hexstack` binary from tests.
#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::Value;

pub const BIN: &str = env!("CARGO_BIN_EXE_hexstack");

/// A running `hexstack serve` and the lines it printed up to "ready".
pub struct Server {
    pub child: Child,
    pub url: String,
    pub output: Vec<String>,
}

pub fn hexstack(data_dir: &Path, env: &[(&str, &str)]) -> Command {
    let mut command = Command::new(BIN);
    command
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .env("RUST_LOG", "warn")
        .arg("--data-dir")
        .arg(data_dir)
        .current_dir(data_dir.parent().unwrap());
    for (key, value) in env {
        command.env(key, value);
    }
    command
}

#[allow(clippy::zombie_processes)] // the returned Server waits for (or kills) the child
pub fn start(data_dir: &Path, env: &[(&str, &str)]) -> Server {
    let mut child = hexstack(data_dir, env)
        .args(["serve", "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (lines, received) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if lines.send(line).is_err() {
                break;
            }
        }
    });
    let mut output = Vec::new();
    loop {
        let line = received
            .recv_timeout(Duration::from_mins(1))
            .expect("hexstack printed its address");
        output.push(line.clone());
        if let Some(rest) = line.strip_prefix("hexstack is ready on ") {
            let url = rest.split_whitespace().next().unwrap().to_owned();
            return Server { child, url, output };
        }
    }
}

impl Server {
    /// SIGTERM, then the exit status.
    pub fn stop(mut self) -> std::process::ExitStatus {
        Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        self.child.wait().unwrap()
    }
}

impl Drop for Server {
    /// A failed test must not leave a server behind (it would hold the test's output open).
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

pub async fn login(
    client: &reqwest::Client,
    url: &str,
    email: &str,
    password: &str,
) -> reqwest::Response {
    client
        .post(format!("{url}/api/v1/login/access-token"))
        .form(&[("username", email), ("password", password)])
        .send()
        .await
        .unwrap()
}

pub async fn token(client: &reqwest::Client, url: &str, email: &str, password: &str) -> String {
    let response = login(client, url, email, password).await;
    assert_eq!(response.status(), 200);
    response.json::<Value>().await.unwrap()["access_token"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// The JSON body of the answer to `request`.
pub async fn json(request: reqwest::RequestBuilder) -> Value {
    request.send().await.unwrap().json().await.unwrap()
}

/// The settings of replicas sharing the PostgreSQL database at `url`.
pub fn replica_env(url: &str) -> Vec<(&'static str, &str)> {
    vec![
        ("DATABASE_URL", url),
        ("SECRET_KEY", "shared-secret-of-the-replicas-32-bytes"),
        ("FIRST_SUPERUSER", "root@example.com"),
        ("FIRST_SUPERUSER_PASSWORD", "root-password"),
    ]
}

/// Runs the container's `prestart` step (wait, migrate, first superuser) and checks it worked.
pub fn prestart(data_dir: &Path, env: &[(&str, &str)]) {
    let status = hexstack(data_dir, env).arg("prestart").status().unwrap();
    assert!(status.success(), "prestart: {status}");
}

/// A fresh PostgreSQL database, prepared by `prestart` for replicas (see [`replica_env`]), and
/// the folder their data folders go in.
pub async fn prestarted_postgres() -> (tempfile::TempDir, String) {
    let url = hexstack_test_support::fresh_postgres_database().await;
    let folder = tempfile::tempdir().unwrap();
    prestart(&folder.path().join("data"), &replica_env(&url));
    (folder, url)
}
