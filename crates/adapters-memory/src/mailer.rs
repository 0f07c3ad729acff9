//! [`RecordingMailer`]: a mailer that keeps what it was asked to send.

use std::sync::{Arc, Mutex};

use async_trait::async_trait;
use hexstack_domain::EmailAddress;
use hexstack_domain::ports::{ComposedEmail, MailError, Mailer};

/// One recorded email.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentEmail {
    /// The recipient.
    pub to: EmailAddress,
    /// What was sent.
    pub email: ComposedEmail,
}

/// Records every email instead of delivering it. Clones share the record.
#[derive(Clone, Default)]
pub struct RecordingMailer {
    sent: Arc<Mutex<Vec<SentEmail>>>,
}

impl RecordingMailer {
    /// A mailer with nothing sent yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Everything sent so far, oldest first.
    pub fn sent(&self) -> Vec<SentEmail> {
        self.sent
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }
}

#[async_trait]
impl Mailer for RecordingMailer {
    async fn send(&self, to: &EmailAddress, email: &ComposedEmail) -> Result<(), MailError> {
        self.sent
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .push(SentEmail {
                to: to.clone(),
                email: email.clone(),
            });
        Ok(())
    }
}
