//! [`RecordingMailer`]: a mailer that keeps what it was asked to send.

use std::sync::atomic::{AtomicBool, Ordering};
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

/// Records every email instead of delivering it. Clones share the record. Like a relay it can
/// be down ([`RecordingMailer::set_down`]): then every send fails and nothing is recorded.
#[derive(Clone, Default)]
pub struct RecordingMailer {
    sent: Arc<Mutex<Vec<SentEmail>>>,
    down: Arc<AtomicBool>,
}

impl RecordingMailer {
    /// A mailer with nothing sent yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Takes the relay down (`true`) or brings it back.
    pub fn set_down(&self, down: bool) {
        self.down.store(down, Ordering::SeqCst);
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
        if self.down.load(Ordering::SeqCst) {
            return Err(MailError(
                "connection refused: the relay is down".to_owned(),
            ));
        }
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
