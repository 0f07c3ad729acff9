//! `SmtpMailer` against a real SMTP listener on 127.0.0.1: the in-process sink of
//! `src/smtp_sink/` (compiled into this test directly, so no feature is needed here).

#[allow(dead_code)]
#[path = "../src/smtp_sink/mod.rs"]
mod smtp_sink;

use std::time::{Duration, Instant};

use hexstack_adapters_email::{
    SmtpLogin, SmtpMailer, SmtpSecurity, SmtpSettings, TemplateComposer,
};
use hexstack_domain::EmailAddress;
use hexstack_domain::ports::{ComposedEmail, EmailComposer, MailError, Mailer, TransactionalEmail};
use secrecy::SecretString;
use smtp_sink::{ReceivedMail, SinkOptions, SmtpSink};

const PROJECT: &str = "Full Stack FastAPI Project";
const FRONTEND: &str = "http://localhost:5173";
const TOKEN: &str =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhZG1pbkBleGFtcGxlLmNvbSJ9.Zm9v-_YmFy";

fn address(raw: &str) -> EmailAddress {
    EmailAddress::parse(raw).unwrap()
}

fn composer() -> TemplateComposer {
    TemplateComposer::new(PROJECT.to_owned(), FRONTEND.to_owned())
}

fn recovery() -> ComposedEmail {
    composer().compose(&TransactionalEmail::PasswordRecovery {
        username: "admin@example.com".to_owned(),
        reset_token: TOKEN.to_owned(),
        valid_hours: 48,
    })
}

fn reset_link() -> String {
    format!("{FRONTEND}/reset-password?token={TOKEN}")
}

/// Plain SMTP (no TLS) to `host:port`, no credentials, 2 s per step.
fn plain_settings(host: String, port: u16) -> SmtpSettings {
    let mut settings = SmtpSettings::new(host, address("info@example.com"), PROJECT.to_owned());
    settings.port = port;
    settings.security = SmtpSecurity::None;
    settings.timeout = Duration::from_secs(2);
    settings
}

/// `settings` with the user `mailer` and the password `s3cret-password`.
fn with_login(mut settings: SmtpSettings) -> SmtpSettings {
    settings.login = Some(SmtpLogin {
        user: "mailer".to_owned(),
        password: Some(SecretString::from("s3cret-password")),
    });
    settings
}

fn sink_settings(sink: &SmtpSink) -> SmtpSettings {
    plain_settings(sink.host(), sink.port())
}

/// The recovery email to admin@example.com through a mailer with `settings`.
async fn send_recovery(settings: SmtpSettings) -> Result<(), MailError> {
    let mailer = SmtpMailer::new(settings).unwrap();
    mailer
        .send(&address("admin@example.com"), &recovery())
        .await
}

/// The recovery email sent with `security` to a sink that speaks plain text only.
async fn send_to_plain_sink(security: SmtpSecurity) -> (SmtpSink, Result<(), MailError>) {
    let sink = start(|_| {}).await;
    let mut settings = sink_settings(&sink);
    settings.security = security;
    let result = send_recovery(settings).await;
    (sink, result)
}

/// A sink with the default options, changed by `adjust`.
async fn start(adjust: impl FnOnce(&mut SinkOptions)) -> SmtpSink {
    let mut options = SinkOptions::default();
    adjust(&mut options);
    SmtpSink::start(options).await.unwrap()
}

/// Whitespace runs (including header folding) collapsed to one space.
fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text part and the HTML part of a raw `multipart/alternative` message.
fn parts(mail: &ReceivedMail) -> (&str, &str) {
    let data = mail.data.as_str();
    let text_start = data.find("Content-Type: text/plain").expect("a text part");
    let html_start = data.find("Content-Type: text/html").expect("an HTML part");
    assert!(text_start < html_start, "the text part comes first");
    (&data[text_start..html_start], &data[html_start..])
}

async fn the_only_mail(sink: &SmtpSink) -> ReceivedMail {
    let mut mails = sink.wait_for_mails(1, Duration::from_secs(2)).await;
    assert_eq!(mails.len(), 1, "{mails:?}");
    mails.remove(0)
}

#[tokio::test]
async fn plain_mode_delivers_the_recovery_email_with_the_link_in_both_parts() {
    let sink = start(|_| {}).await;

    send_recovery(sink_settings(&sink)).await.unwrap();

    let mail = the_only_mail(&sink).await;
    assert_eq!(mail.mail_from, "info@example.com");
    assert_eq!(mail.rcpt_to, ["admin@example.com"]);
    assert_eq!(mail.header("To").as_deref(), Some("admin@example.com"));
    assert_eq!(
        squash(&mail.header("Subject").unwrap()),
        "Full Stack FastAPI Project - Password recovery for user admin@example.com"
    );
    let from = mail.header("From").unwrap();
    assert!(
        from.contains(PROJECT) && from.ends_with("<info@example.com>"),
        "{from}"
    );
    assert!(
        mail.header("Content-Type")
            .unwrap()
            .starts_with("multipart/alternative")
    );
    let (text, html) = parts(&mail);
    let link = reset_link();
    assert!(text.contains(&link), "{text}");
    assert!(text.contains("48 hours"), "{text}");
    assert!(html.contains(&format!("href=\"{link}\"")), "{html}");
    assert!(html.contains("admin@example.com"), "{html}");
    assert!(!mail.data.contains("quoted-printable") && !mail.data.contains("base64"));
    assert_eq!(mail.auth_mechanism, None, "no user, no AUTH");
}

#[tokio::test]
async fn the_new_account_email_names_the_user_in_both_parts() {
    let sink = start(|_| {}).await;
    let mailer = SmtpMailer::new(sink_settings(&sink)).unwrap();
    let email = composer().compose(&TransactionalEmail::NewAccount {
        username: address("new.user@example.com"),
    });

    mailer
        .send(&address("new.user@example.com"), &email)
        .await
        .unwrap();

    let mail = the_only_mail(&sink).await;
    assert_eq!(mail.rcpt_to, ["new.user@example.com"]);
    assert_eq!(
        squash(&mail.header("Subject").unwrap()),
        "Full Stack FastAPI Project - New account for user new.user@example.com"
    );
    let (text, html) = parts(&mail);
    assert!(text.contains("Username: new.user@example.com"), "{text}");
    assert!(html.contains("new.user@example.com"), "{html}");
    assert!(html.contains(&format!("href=\"{FRONTEND}\"")), "{html}");
}

#[tokio::test]
async fn credentials_are_sent_only_when_a_user_is_set() {
    let sink = start(|options| options.advertise_auth = true).await;
    let anonymous = SmtpMailer::new(sink_settings(&sink)).unwrap();
    let settings = with_login(sink_settings(&sink));
    let authenticated = SmtpMailer::new(settings).unwrap();

    anonymous
        .send(&address("first@example.com"), &recovery())
        .await
        .unwrap();
    authenticated
        .send(&address("second@example.com"), &recovery())
        .await
        .unwrap();

    let mails = sink.wait_for_mails(2, Duration::from_secs(2)).await;
    assert_eq!(mails.len(), 2);
    assert_eq!(mails[0].rcpt_to, ["first@example.com"]);
    assert_eq!(mails[0].auth_mechanism, None);
    assert_eq!(mails[1].rcpt_to, ["second@example.com"]);
    assert_eq!(mails[1].auth_mechanism.as_deref(), Some("PLAIN"));
}

#[tokio::test]
async fn a_user_with_a_server_without_auth_fails_instead_of_sending_anonymously() {
    let sink = start(|_| {}).await;
    let settings = with_login(sink_settings(&sink));

    let error = send_recovery(settings).await.unwrap_err();

    assert!(error.0.contains("authentication"), "{error}");
    assert!(!error.0.contains("s3cret-password"), "{error}");
    assert!(sink.mails().is_empty());
}

#[tokio::test]
async fn tls_mode_requires_starttls_and_sends_nothing_without_it() {
    let (sink, result) = send_to_plain_sink(SmtpSecurity::StartTls).await;

    let error = result.unwrap_err();

    assert!(error.0.contains("STARTTLS"), "{error}");
    assert!(sink.mails().is_empty());
}

#[tokio::test]
async fn ssl_mode_speaks_tls_from_the_first_byte() {
    let (sink, result) = send_to_plain_sink(SmtpSecurity::Tls).await;

    assert!(
        result.is_err(),
        "a plain-text server cannot complete a TLS handshake"
    );
    assert!(sink.mails().is_empty());
}

#[tokio::test]
async fn a_server_that_never_answers_fails_within_the_timeout() {
    let sink = start(|options| options.silent = true).await;
    let mut settings = sink_settings(&sink);
    settings.timeout = Duration::from_secs(1);
    let mailer = SmtpMailer::new(settings).unwrap();

    let started = Instant::now();
    let (to, email) = (address("admin@example.com"), recovery());
    let sending = mailer.send(&to, &email);
    let outcome = tokio::time::timeout(Duration::from_secs(10), sending).await;

    let error = outcome.expect("send must not hang").unwrap_err();
    let elapsed = started.elapsed();
    assert!(elapsed < Duration::from_secs(3), "took {elapsed:?}");
    assert!(error.0.contains("timed out"), "{error}");
}

#[tokio::test]
async fn a_refused_connection_is_a_mail_error() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let settings = plain_settings("127.0.0.1".to_owned(), port);

    let error = send_recovery(settings).await.unwrap_err();

    assert!(error.0.contains("connection"), "{error}");
    assert!(error.0.contains(&format!("127.0.0.1:{port}")), "{error}");
}

#[tokio::test]
async fn without_8bitmime_only_the_non_ascii_part_is_encoded() {
    let sink = start(|options| options.advertise_8bitmime = false).await;

    send_recovery(sink_settings(&sink)).await.unwrap();

    let mail = the_only_mail(&sink).await;
    assert!(mail.data.is_ascii());
    let (text, html) = parts(&mail);
    assert!(!text.contains("8bit"), "{text}");
    assert!(
        html.contains(&format!("href=\"{}\"", reset_link())),
        "{html}"
    );
}
