//! [`TemplateComposer`]: renders the transactional emails (`shared/spec/emails.md`) from the
//! templates in `src/templates/`, which are compiled into the binary.
//!
//! Each email is a body template (`<name>.html`, `<name>.txt`) rendered into a shared layout
//! (`layout.html`, `layout.txt`: project name at the top, footer at the bottom). HTML templates
//! auto-escape what they insert, text templates insert as is. Links go into `href="..."`
//! unchanged: they are passed pre-escaped (only `&<>"'`, which URL-safe tokens never contain)
//! because minijinja's own HTML escaping would also turn `/` into `&#x2f;`.

use chrono::Datelike;
use hexstack_domain::Notice;
use hexstack_domain::ports::{ComposedEmail, EmailComposer, TransactionalEmail};
use minijinja::{Environment, UndefinedBehavior, Value, context};

/// Every template, by the name it is rendered under.
const TEMPLATES: [(&str, &str); 12] = [
    ("layout.html", include_str!("templates/layout.html")),
    ("layout.txt", include_str!("templates/layout.txt")),
    (
        "new_account.html",
        include_str!("templates/new_account.html"),
    ),
    ("new_account.txt", include_str!("templates/new_account.txt")),
    (
        "reset_password.html",
        include_str!("templates/reset_password.html"),
    ),
    (
        "reset_password.txt",
        include_str!("templates/reset_password.txt"),
    ),
    ("test_email.html", include_str!("templates/test_email.html")),
    ("test_email.txt", include_str!("templates/test_email.txt")),
    (
        "verify_email.html",
        include_str!("templates/verify_email.html"),
    ),
    (
        "verify_email.txt",
        include_str!("templates/verify_email.txt"),
    ),
    (
        "security_notice.html",
        include_str!("templates/security_notice.html"),
    ),
    (
        "security_notice.txt",
        include_str!("templates/security_notice.txt"),
    ),
];

/// Renders the transactional emails with the project's name and the frontend's address.
///
/// Rendering cannot fail at run time: the templates are fixed at compile time and every one of
/// them is rendered by the tests. Should one fail anyway, the error is logged and a plain
/// fallback body (subject and link) is returned, so the email still goes out.
pub struct TemplateComposer {
    env: Environment<'static>,
    project_name: String,
    frontend_host: String,
}

/// What one email needs: its templates, header texts and variables.
struct Parts {
    template: &'static str,
    subject: String,
    title: String,
    preview: String,
    vars: Value,
    link: Option<String>,
}

impl TemplateComposer {
    /// A composer for `project_name` (`PROJECT_NAME`) whose links point at `frontend_host`
    /// (`FRONTEND_HOST`, for example `http://localhost:5173`; trailing slashes are dropped).
    pub fn new(project_name: String, mut frontend_host: String) -> Self {
        while frontend_host.ends_with('/') {
            frontend_host.pop();
        }
        Self {
            env: environment(),
            project_name,
            frontend_host,
        }
    }

    /// The password reset link for `token`: `{frontend_host}/reset-password?token={token}`.
    pub fn reset_link(&self, token: &str) -> String {
        format!("{}/reset-password?token={token}", self.frontend_host)
    }

    /// The email-verification link for `token`: `{frontend_host}/verify-email?token={token}`.
    pub fn verification_link(&self, token: &str) -> String {
        format!("{}/verify-email?token={token}", self.frontend_host)
    }

    fn parts(&self, email: &TransactionalEmail) -> Parts {
        let project = &self.project_name;
        // Per email: its template, the heading after the project name, the user it is about,
        // the preview line, its own variables and its link.
        let (template, heading, user, preview, vars, link) = match email {
            TransactionalEmail::NewAccount { username } => (
                "new_account",
                "New account",
                Some(username.as_str()),
                format!("Your {project} account is ready"),
                context! { username => username.as_str() },
                Some(self.frontend_host.clone()),
            ),
            TransactionalEmail::PasswordRecovery {
                username,
                reset_token,
                valid_hours,
            } => (
                "reset_password",
                "Password recovery",
                Some(username.as_str()),
                format!("Reset your {project} password"),
                context! { username => username, valid_hours => *valid_hours },
                Some(self.reset_link(reset_token)),
            ),
            TransactionalEmail::VerifyEmail {
                username,
                token,
                valid_hours,
            } => (
                "verify_email",
                "Verify your email",
                Some(username.as_str()),
                format!("Confirm your {project} email address"),
                context! { username => username.as_str(), valid_hours => *valid_hours },
                Some(self.verification_link(token)),
            ),
            TransactionalEmail::SecurityNotice {
                username,
                notice,
                at,
                client_ip,
            } => {
                let (heading, what) = crate::notices::text(*notice, project);
                // The old address of an email change can no longer reset the password.
                let reset = (*notice != Notice::EmailChanged)
                    .then(|| format!("{}/recover-password", self.frontend_host));
                (
                    "security_notice",
                    heading,
                    Some(username.as_str()),
                    what.clone(),
                    context! {
                        username => username.as_str(),
                        heading => heading,
                        what => what,
                        when => at.format("%Y-%m-%d %H:%M UTC").to_string(),
                        client => client_ip.as_deref().unwrap_or("an unknown address"),
                    },
                    reset,
                )
            }
            TransactionalEmail::Test { email_to } => (
                "test_email",
                "Test email",
                None,
                format!("{project} email delivery is working"),
                context! { email => email_to.as_str() },
                None,
            ),
        };
        let title = format!("{project} - {heading}");
        let subject = user.map_or_else(|| title.clone(), |user| format!("{title} for user {user}"));
        let href = link
            .as_deref()
            .map(|link| Value::from_safe_string(escape_html(link)));
        Parts {
            template,
            subject,
            title,
            preview,
            vars: context! { project_name => project, href => href, link => link.as_deref(), ..vars },
            link,
        }
    }

    /// Renders the body template `<template>.<extension>` into `layout.<extension>`.
    fn render(&self, parts: &Parts, extension: &str) -> Result<String, minijinja::Error> {
        let body_name = format!("{}.{extension}", parts.template);
        let body = self
            .env
            .get_template(&body_name)?
            .render(parts.vars.clone())?;
        let body = if extension == "html" {
            Value::from_safe_string(body)
        } else {
            Value::from(body)
        };
        self.env
            .get_template(&format!("layout.{extension}"))?
            .render(context! {
                title => &parts.title,
                preview => &parts.preview,
                project_name => &self.project_name,
                project_upper => self.project_name.to_uppercase(),
                year => chrono::Utc::now().year(),
                body => body,
            })
    }

    /// The body sent if a template ever failed: the subject and the link, if any.
    fn fallback_text(parts: &Parts) -> String {
        let link = parts.link.as_deref().unwrap_or_default();
        format!("{}\n\n{link}\n", parts.subject)
    }
}

impl EmailComposer for TemplateComposer {
    fn compose(&self, email: &TransactionalEmail) -> ComposedEmail {
        let parts = self.parts(email);
        let text = self.render(&parts, "txt").unwrap_or_else(|error| {
            tracing::error!(template = parts.template, %error, "text email template failed");
            Self::fallback_text(&parts)
        });
        let html = self.render(&parts, "html").unwrap_or_else(|error| {
            tracing::error!(template = parts.template, %error, "HTML email template failed");
            format!("<pre>{}</pre>", escape_html(&text))
        });
        ComposedEmail {
            subject: single_line(&parts.subject),
            html,
            text,
        }
    }
}

/// The environment with every template loaded; unknown variables are errors (caught by tests).
fn environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    for (name, source) in TEMPLATES {
        if let Err(error) = env.add_template(name, source) {
            tracing::error!(template = name, %error, "email template does not parse");
        }
    }
    env
}

/// Escapes the characters that matter in HTML text and double- or single-quoted attributes.
/// Unlike minijinja's escaping it leaves `/` alone, so URLs stay verbatim.
fn escape_html(raw: &str) -> String {
    let mut escaped = String::with_capacity(raw.len());
    for c in raw.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c => escaped.push(c),
        }
    }
    escaped
}

/// A subject on one line: control characters (CR, LF, ...) from user input become spaces.
fn single_line(subject: &str) -> String {
    subject
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_template_parses() {
        let env = environment();
        for (name, _) in TEMPLATES {
            assert!(env.get_template(name).is_ok(), "{name} should parse");
        }
    }

    #[test]
    fn html_escaping_keeps_urls_verbatim() {
        let url = "http://localhost:5173/reset-password?token=a.b_c-d";
        assert_eq!(escape_html(url), url);
        assert_eq!(
            escape_html(r#"<a href="x">&'"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }

    #[test]
    fn subjects_stay_on_one_line() {
        assert_eq!(
            single_line("a\r\nBcc: x@example.com"),
            "a  Bcc: x@example.com"
        );
    }
}
