//! Choosing how email goes out: SMTP when configured, the development outbox when not (in
//! development), otherwise nowhere (the endpoints then behave as the spec says).

use std::sync::Arc;

use hexstack_adapters_email::{OutboxMailer, SmtpMailer, TemplateComposer};
use hexstack_domain::EmailAddress;
use hexstack_domain::ports::{EmailComposer, Mailer};

use crate::settings::Settings;

/// The templates, with the project name and the app's address.
pub fn composer(settings: &Settings) -> Arc<dyn EmailComposer> {
    Arc::new(TemplateComposer::new(
        settings.project_name.clone(),
        settings.server.frontend_host.clone(),
    ))
}

/// The mailer, if email is enabled.
pub fn mailer(settings: &Settings) -> anyhow::Result<Option<Arc<dyn Mailer>>> {
    let email = &settings.email;
    if let Some(smtp) = &email.smtp {
        if smtp.accept_invalid_certificates {
            tracing::warn!(
                "SMTP_ALLOW_INVALID_CERTIFICATES: the relay's certificate is not checked"
            );
        }
        let mailer = SmtpMailer::new(smtp.clone())?;
        tracing::info!(host = %smtp.host, port = smtp.port, "emails go out through SMTP");
        return Ok(Some(Arc::new(mailer)));
    }
    if settings.development {
        let dir = settings.data_dir.join("outbox");
        // EMAILS_FROM_EMAIL when given (checked at start-up even without SMTP).
        let from = email.from_email.clone().unwrap_or_else(|| {
            EmailAddress::parse("noreply@example.com").expect("a valid address")
        });
        tracing::info!(outbox = %dir.display(), "SMTP is not configured: emails are written to the development outbox");
        return Ok(Some(Arc::new(OutboxMailer::new(
            dir,
            from,
            email.from_name.clone(),
        ))));
    }
    tracing::warn!("SMTP is not configured: no emails will be sent");
    Ok(None)
}
