//! Sending transactional emails without letting delivery failures undo the user's action.

use hexstack_domain::EmailAddress;
use hexstack_domain::ports::TransactionalEmail;

use crate::Application;

impl Application {
    /// Composes and sends `email` to `to` when a mailer is configured. Returns whether a mailer
    /// was there. Delivery failures are logged (and so reported to error tracking), never
    /// returned: the action that triggered the email has already happened.
    pub(crate) async fn send_email(&self, to: &EmailAddress, email: &TransactionalEmail) -> bool {
        let Some(mailer) = &self.ports.mailer else {
            return false;
        };
        let composed = self.ports.composer.compose(email);
        match mailer.send(to, &composed).await {
            Ok(()) => tracing::info!(subject = %composed.subject, "email sent"),
            Err(error) => tracing::error!(
                error = %error,
                subject = %composed.subject,
                "email could not be delivered"
            ),
        }
        true
    }
}
