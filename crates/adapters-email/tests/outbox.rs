//! `OutboxMailer`: each email becomes a readable `.eml` file in a folder it creates.

use std::path::{Path, PathBuf};

use hexstack_adapters_email::{OutboxMailer, TemplateComposer, extract_links};
use hexstack_domain::EmailAddress;
use hexstack_domain::ports::{EmailComposer, Mailer, TransactionalEmail};

const TOKEN: &str =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhZG1pbkBleGFtcGxlLmNvbSJ9.Zm9v-_YmFy";

fn address(raw: &str) -> EmailAddress {
    EmailAddress::parse(raw).unwrap()
}

fn eml_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|extension| extension == "eml"))
        .collect();
    files.sort();
    files
}

/// Whitespace runs (including header folding) collapsed to one space.
fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[tokio::test]
async fn writes_a_readable_eml_file_with_the_link() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("data").join("outbox");
    let mailer = OutboxMailer::new(
        dir.clone(),
        address("noreply@example.com"),
        "Full Stack FastAPI Project".to_owned(),
    );
    let composer = TemplateComposer::new(
        "Full Stack FastAPI Project".to_owned(),
        "http://localhost:5173".to_owned(),
    );
    let email = composer.compose(&TransactionalEmail::PasswordRecovery {
        username: "admin@example.com".to_owned(),
        reset_token: TOKEN.to_owned(),
        valid_hours: 48,
    });

    mailer
        .send(&address("admin@example.com"), &email)
        .await
        .unwrap();

    let files = eml_files(&dir);
    assert_eq!(files.len(), 1, "{files:?}");
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        1,
        "no partial file left"
    );
    let raw = std::fs::read_to_string(&files[0]).unwrap();
    let link = format!("http://localhost:5173/reset-password?token={TOKEN}");
    assert!(raw.contains("\r\nTo: admin@example.com\r\n"), "{raw}");
    assert!(
        squash(&raw).contains(
            "Subject: Full Stack FastAPI Project - Password recovery for user admin@example.com"
        ),
        "{raw}"
    );
    assert!(raw.contains("<noreply@example.com>"), "{raw}");
    assert!(raw.contains(&format!("href=\"{link}\"")), "{raw}");
    assert!(
        raw.contains(&format!("\r\n{link}\r\n")),
        "the text part has the link on its own line"
    );
    assert!(
        !raw.contains("quoted-printable") && !raw.contains("base64"),
        "{raw}"
    );
    assert!(extract_links(&raw).contains(&link.as_str()));
}

#[tokio::test]
async fn file_names_sort_in_sending_order() {
    let root = tempfile::tempdir().unwrap();
    let mailer = OutboxMailer::new(
        root.path().to_path_buf(),
        address("noreply@example.com"),
        "P".to_owned(),
    );
    let composer = TemplateComposer::new("P".to_owned(), "http://localhost:5173".to_owned());
    for recipient in [
        "first@example.com",
        "second@example.com",
        "third@example.com",
    ] {
        let email = composer.compose(&TransactionalEmail::Test {
            email_to: address(recipient),
        });
        mailer.send(&address(recipient), &email).await.unwrap();
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }

    let recipients: Vec<String> = eml_files(root.path())
        .iter()
        .map(|path| {
            let raw = std::fs::read_to_string(path).unwrap();
            raw.lines()
                .find_map(|line| line.strip_prefix("To: "))
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(
        recipients,
        [
            "first@example.com",
            "second@example.com",
            "third@example.com"
        ]
    );
}
