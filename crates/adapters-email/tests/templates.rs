//! Rendering of the three emails: subjects, links, variables, escaping, and no password anywhere.

use chrono::Datelike;
use hexstack_adapters_email::{TemplateComposer, extract_links};
use hexstack_domain::EmailAddress;
use hexstack_domain::ports::{ComposedEmail, EmailComposer, TransactionalEmail};

const PROJECT: &str = "Full Stack FastAPI Project";
const FRONTEND: &str = "http://localhost:5173";
const TOKEN: &str =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhZG1pbkBleGFtcGxlLmNvbSJ9.Zm9v-_YmFy";

fn composer() -> TemplateComposer {
    TemplateComposer::new(PROJECT.to_owned(), FRONTEND.to_owned())
}

fn recovery(composer: &TemplateComposer, username: &str) -> ComposedEmail {
    composer.compose(&TransactionalEmail::PasswordRecovery {
        username: username.to_owned(),
        reset_token: TOKEN.to_owned(),
        valid_hours: 48,
    })
}

fn new_account(username: &str) -> ComposedEmail {
    composer().compose(&TransactionalEmail::NewAccount {
        username: EmailAddress::parse(username).unwrap(),
    })
}

fn test_email(email_to: &str) -> ComposedEmail {
    composer().compose(&TransactionalEmail::Test {
        email_to: EmailAddress::parse(email_to).unwrap(),
    })
}

/// The subject, and the layout with `title` and `preview`.
fn assert_headers(email: &ComposedEmail, subject: &str, title: &str, preview: &str) {
    assert_eq!(email.subject, subject);
    assert_layout(email, title, preview);
}

/// The layout every HTML email shares, and its footer in both parts.
fn assert_layout(email: &ComposedEmail, title: &str, preview: &str) {
    let year = chrono::Utc::now().year();
    let html = &email.html;
    assert!(html.starts_with("<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\""));
    assert!(html.contains("<html lang=\"en\" dir=\"ltr\""));
    assert!(html.contains(&format!("<title>{title}</title>")), "{html}");
    assert!(html.contains(preview), "{html}");
    assert!(html.contains("max-width:560px"));
    assert!(html.contains("#00897b"));
    assert!(html.contains(&PROJECT.to_uppercase()));
    assert!(html.contains(&format!("&copy; {year} {PROJECT}. All rights reserved.")));
    assert!(
        !html.contains("{{") && !html.contains("}}"),
        "unrendered placeholder"
    );
    assert!(!html.contains("<style"), "inline styles only");
    let text = &email.text;
    assert!(text.starts_with(&PROJECT.to_uppercase()), "{text}");
    assert!(
        text.contains(&format!("© {year} {PROJECT}. All rights reserved.")),
        "{text}"
    );
    assert!(!text.contains("{{") && !text.contains('<'), "{text}");
}

#[test]
fn password_recovery_has_the_subject_link_hours_and_username() {
    let email = recovery(&composer(), "admin@example.com");
    let link = format!("{FRONTEND}/reset-password?token={TOKEN}");

    assert_headers(
        &email,
        "Full Stack FastAPI Project - Password recovery for user admin@example.com",
        "Full Stack FastAPI Project - Password recovery",
        "Reset your Full Stack FastAPI Project password",
    );
    // The button and the copy-paste fallback, verbatim inside href="...".
    assert_eq!(email.html.matches(&format!("href=\"{link}\"")).count(), 2);
    assert!(email.html.contains(&format!(">{link}</a>")));
    assert!(email.html.contains(">Reset password</a>"));
    // What the E2E test does: /\/reset-password\?token=[^"]+/ must capture the token exactly.
    let start = email.html.find("/reset-password?token=").unwrap();
    let captured = email.html[start..].split('"').next().unwrap();
    assert_eq!(captured, format!("/reset-password?token={TOKEN}"));

    assert!(email.html.contains("Hi admin@example.com,"));
    assert!(email.html.contains("expires in 48 hours"));
    assert!(email.html.contains(PROJECT));
    assert!(email.text.contains("Hi admin@example.com,"));
    assert!(email.text.contains("expires in 48 hours"));
    assert_eq!(extract_links(&email.text), [link.as_str()]);
}

#[test]
fn the_frontend_host_loses_its_trailing_slash() {
    let composer = TemplateComposer::new(PROJECT.to_owned(), format!("{FRONTEND}/"));
    assert_eq!(
        composer.reset_link("abc"),
        "http://localhost:5173/reset-password?token=abc"
    );
    let email = recovery(&composer, "admin@example.com");
    assert!(!email.text.contains("5173//"));
}

#[test]
fn user_input_is_escaped_in_html_and_kept_out_of_header_breaks() {
    let email = recovery(&composer(), "<b>x&y</b>\r\nBcc: victim@example.com");
    assert!(
        email.html.contains("Hi &lt;b&gt;x&amp;y&lt;&#x2f;b&gt;"),
        "{}",
        email.html
    );
    assert!(!email.html.contains("<b>x"));
    assert!(email.text.contains("Hi <b>x&y</b>"));
    assert!(!email.subject.contains('\r') && !email.subject.contains('\n'));
    assert!(
        email
            .subject
            .starts_with("Full Stack FastAPI Project - Password recovery for user ")
    );
}

#[test]
fn new_account_names_the_user_links_to_the_app_and_never_carries_a_password() {
    let email = new_account("new.user@example.com");

    assert_headers(
        &email,
        "Full Stack FastAPI Project - New account for user new.user@example.com",
        "Full Stack FastAPI Project - New account",
        "Your Full Stack FastAPI Project account is ready",
    );
    let welcome = "Welcome to Full Stack FastAPI Project!";
    assert!(email.html.contains(welcome));
    assert!(email.html.contains("new.user@example.com"));
    assert!(email.text.contains("Username: new.user@example.com"));
    assert_eq!(
        email.html.matches(&format!("href=\"{FRONTEND}\"")).count(),
        2
    );
    assert!(email.html.contains(">Go to Dashboard</a>"));
    assert_eq!(extract_links(&email.text), [FRONTEND]);
    // It tells how to get in without a password in the mail.
    assert!(email.text.contains("password your administrator gave you"));
    assert!(email.text.contains("password recovery"));
    // No credential box for a password, in either part.
    assert!(!email.html.contains(">Password<"));
    assert!(!email.text.contains("Password:"));
}

#[test]
fn test_email_names_the_recipient_and_has_no_links() {
    let email = test_email("ops@example.com");

    assert_headers(
        &email,
        "Full Stack FastAPI Project - Test email",
        "Full Stack FastAPI Project - Test email",
        "Full Stack FastAPI Project email delivery is working",
    );
    assert!(email.html.contains(">Sent to<"));
    assert!(email.html.contains("ops@example.com"));
    assert!(email.text.contains("Sent to: ops@example.com"));
    assert!(email.text.contains("comes from Full Stack FastAPI Project"));
    assert!(!email.html.contains("href="));
    assert!(extract_links(&email.text).is_empty());
}

#[test]
fn the_project_name_is_escaped_in_html() {
    let composer = TemplateComposer::new("Tom & Jerry".to_owned(), FRONTEND.to_owned());
    let email = composer.compose(&TransactionalEmail::Test {
        email_to: EmailAddress::parse("ops@example.com").unwrap(),
    });
    assert_eq!(email.subject, "Tom & Jerry - Test email");
    let title = "<title>Tom &amp; Jerry - Test email</title>";
    assert!(email.html.contains(title));
    assert!(email.html.contains("TOM &amp; JERRY"));
    assert!(email.text.contains("comes from Tom & Jerry."));
}

#[test]
fn email_verification_has_the_subject_link_hours_and_username() {
    let email = composer().compose(&TransactionalEmail::VerifyEmail {
        username: EmailAddress::parse("ada@example.com").unwrap(),
        token: TOKEN.to_owned(),
        valid_hours: 48,
    });
    let link = format!("{FRONTEND}/verify-email?token={TOKEN}");
    assert_headers(
        &email,
        "Full Stack FastAPI Project - Verify your email for user ada@example.com",
        "Full Stack FastAPI Project - Verify your email",
        "Confirm your Full Stack FastAPI Project email address",
    );
    assert_eq!(email.html.matches(&format!("href=\"{link}\"")).count(), 2);
    assert!(email.html.contains(">Verify email</a>"));
    assert!(email.html.contains("Hi ada@example.com,"));
    assert!(email.text.contains("expires in 48 hours and works once"));
    assert_eq!(extract_links(&email.text), [link.as_str()]);
}

#[test]
fn security_notices_say_what_when_and_from_where_and_what_to_do() {
    use chrono::TimeZone as _;
    use hexstack_domain::Notice;
    let at = chrono::Utc.with_ymd_and_hms(2026, 12, 3, 9, 30, 0).unwrap();
    let notice = |notice, client_ip: Option<&str>| {
        composer().compose(&TransactionalEmail::SecurityNotice {
            username: EmailAddress::parse("ada@example.com").unwrap(),
            notice,
            at,
            client_ip: client_ip.map(str::to_owned),
        })
    };
    let changed = notice(Notice::PasswordChanged, Some("203.0.113.9"));
    assert_headers(
        &changed,
        "Full Stack FastAPI Project - Your password was changed for user ada@example.com",
        "Full Stack FastAPI Project - Your password was changed",
        "The password of your Full Stack FastAPI Project account was changed.",
    );
    for part in [&changed.html, &changed.text] {
        assert!(part.contains("2026-12-03 09:30 UTC"), "{part}");
        assert!(part.contains("203.0.113.9"), "{part}");
        assert!(
            part.contains("If it was not, reset your password"),
            "{part}"
        );
        assert!(
            part.contains(&format!("{FRONTEND}/recover-password")),
            "{part}"
        );
    }
    let moved = notice(Notice::EmailChanged, None);
    assert!(moved.subject.contains("Your email was changed"));
    assert!(moved.text.contains("an unknown address"));
    // The old address can no longer reset the password: it is told to go to the administrator.
    for part in [&moved.html, &moved.text] {
        assert!(!part.contains("recover-password"), "{part}");
        assert!(part.contains("tell your administrator at once"), "{part}");
    }
    for kind in [Notice::TwoFactorEnabled, Notice::TwoFactorDisabled] {
        let email = notice(kind, None);
        assert!(
            email.subject.contains("Two-factor authentication turned"),
            "{}",
            email.subject
        );
    }
}
