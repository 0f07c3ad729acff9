//! The `hexstack` binary end to end: the first run on the embedded store, restarts, PostgreSQL,
//! two instances on one database, configuration errors, the container commands.

mod support;

use std::path::Path;
use std::process::Command;

use serde_json::{Value, json};
use support::{
    BIN, hexstack, json, login, prestart, prestarted_postgres, replica_env, start, token,
};

#[tokio::test]
async fn the_first_run_on_sqlite_needs_no_setup_and_data_survives_a_restart() {
    let folder = tempfile::tempdir().unwrap();
    let data = folder.path().join("data");
    let dev = [("FASTAPI_ENV", "development")];
    let server = start(&data, &dev);
    let printed = server.output.join("\n");
    assert!(printed.contains("API docs:"), "{printed}");
    assert!(
        printed.contains("first superuser: admin@example.com"),
        "{printed}"
    );
    let password = printed
        .lines()
        .find_map(|l| l.split("generated password: ").nth(1))
        .expect("the generated password is printed")
        .trim()
        .to_owned();
    let client = reqwest::Client::new();
    let admin = token(&client, &server.url, "admin@example.com", &password).await;
    let created = client
        .post(format!("{}/api/v1/items/", server.url))
        .bearer_auth(&admin)
        .json(&json!({"title": "kept"}))
        .send()
        .await
        .unwrap();
    assert_eq!(created.status(), 200);
    assert!(server.stop().success(), "graceful shutdown exits 0");

    let again = start(&data, &dev);
    assert!(
        !again.output.join("\n").contains("generated password"),
        "printed only once"
    );
    let items = json(
        client
            .get(format!("{}/api/v1/items/", again.url))
            .bearer_auth(&admin), // the generated secret was kept: old tokens stay valid
    )
    .await;
    assert_eq!(items["count"], 1);
    assert_eq!(items["data"][0]["title"], "kept");
    assert_eq!(
        login(&client, &again.url, "admin@example.com", &password)
            .await
            .status(),
        200
    );
    again.stop();
}

#[tokio::test]
async fn two_instances_on_one_postgres_share_tokens_and_data() {
    let (folder, url) = prestarted_postgres().await;
    let env = replica_env(&url);
    // Idempotent: a second run finds everything in place.
    prestart(&folder.path().join("data"), &env);
    let first = start(&folder.path().join("a"), &env);
    let second = start(&folder.path().join("b"), &env);
    assert_ne!(first.url, second.url);
    let client = reqwest::Client::new();
    let token = token(&client, &first.url, "root@example.com", "root-password").await;
    let created = json(
        client
            .post(format!("{}/api/v1/items/", first.url))
            .bearer_auth(&token)
            .json(&json!({"title": "written through the first"})),
    )
    .await;
    let read = client
        .get(format!(
            "{}/api/v1/items/{}",
            second.url,
            created["id"].as_str().unwrap()
        ))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(
        read.status(),
        200,
        "a token of the first is accepted by the second"
    );
    assert_eq!(
        read.json::<Value>().await.unwrap()["title"],
        "written through the first"
    );
    assert!(first.stop().success());
    assert!(second.stop().success());
}

#[test]
fn invalid_configuration_stops_start_up_naming_the_setting() {
    let folder = tempfile::tempdir().unwrap();
    let data = folder.path().join("data");
    let cases: [(&[(&str, &str)], &str); 4] = [
        (&[], "SECRET_KEY: Field required"),
        (
            &[("FASTAPI_ENV", "production")],
            "FASTAPI_ENV: Input should be 'development'",
        ),
        (
            &[
                ("SECRET_KEY", "changethis"),
                ("FIRST_SUPERUSER_PASSWORD", "password1"),
            ],
            "SECRET_KEY: The value of SECRET_KEY is \"changethis\"",
        ),
        (
            &[("FASTAPI_ENV", "development"), ("SMTP_PORT", "lots")],
            "SMTP_PORT",
        ),
    ];
    for (env, expected) in cases {
        let output = hexstack(&data, env).arg("migrate").output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(
            stderr.contains(expected),
            "{stderr} should contain {expected}"
        );
    }
}

#[test]
fn the_openapi_command_prints_the_committed_document() {
    let output = Command::new(BIN)
        .arg("openapi")
        .env_remove("PROJECT_NAME")
        .output()
        .unwrap();
    assert!(output.status.success());
    let printed: Value = serde_json::from_slice(&output.stdout).unwrap();
    let committed: Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/openapi.json"),
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(
        printed, committed,
        "ui/openapi.json is stale: run scripts/openapi.sh"
    );
}

#[test]
fn the_superuser_password_rules_apply_only_when_the_account_is_created() {
    let folder = tempfile::tempdir().unwrap();
    let data = folder.path().join("data");
    let create_superuser = |password: &str| {
        hexstack(
            &data,
            &[
                ("SECRET_KEY", "a-real-secret-of-at-least-32-bytes"),
                ("FIRST_SUPERUSER_PASSWORD", password),
            ],
        )
        .arg("create-superuser")
        .output()
        .unwrap()
    };
    let short = create_superuser("short");
    let stderr = String::from_utf8_lossy(&short.stderr);
    assert!(!short.status.success());
    assert!(
        stderr.contains("FIRST_SUPERUSER_PASSWORD: String should have at least 8 character"),
        "{stderr}"
    );
    let created = create_superuser("long-enough");
    assert!(
        created.status.success(),
        "{}",
        String::from_utf8_lossy(&created.stderr)
    );
    // An existing deployment whose setting no longer meets the rules still starts.
    let again = create_superuser("short");
    assert!(
        again.status.success(),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
}

#[test]
fn configuration_warnings_reach_the_log() {
    let folder = tempfile::tempdir().unwrap();
    let output = hexstack(
        &folder.path().join("data"),
        &[("FASTAPI_ENV", "development"), ("SECRET_KEY", "changethis")],
    )
    .arg("migrate")
    .output()
    .unwrap();
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(output.status.success(), "{printed}");
    assert!(
        printed.contains("The value of SECRET_KEY is \"changethis\""),
        "{printed}"
    );
}
