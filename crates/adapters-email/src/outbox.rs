//! [`OutboxMailer`]: the development mailer. Each email becomes a complete `.eml` file (the same
//! bytes SMTP would carry) in a folder, and its recipient, subject, file and links are logged, so
//! a developer can finish a password reset without any mail server.

use std::io;
use std::path::{Path, PathBuf};

use async_trait::async_trait;
use hexstack_domain::EmailAddress;
use hexstack_domain::ports::{ComposedEmail, MailError, Mailer};

use crate::links::extract_links;
use crate::message::{self, BodyEncoding};

/// Writes each email to `<dir>/<UTC time>-<uuid>.eml`; names sort in sending order.
#[derive(Debug, Clone)]
pub struct OutboxMailer {
    dir: PathBuf,
    from_email: EmailAddress,
    from_name: String,
}

impl OutboxMailer {
    /// An outbox in `dir` (created at the first email if missing), with `From:
    /// from_name <from_email>`.
    pub fn new(dir: PathBuf, from_email: EmailAddress, from_name: String) -> Self {
        Self {
            dir,
            from_email,
            from_name,
        }
    }

    /// The folder the emails are written to.
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

#[async_trait]
impl Mailer for OutboxMailer {
    async fn send(&self, to: &EmailAddress, email: &ComposedEmail) -> Result<(), MailError> {
        let from = message::mailbox(Some(self.from_name.as_str()), &self.from_email)?;
        let mail = message::build(&from, to, email, BodyEncoding::EightBit)?;
        tokio::fs::create_dir_all(&self.dir)
            .await
            .map_err(|error| failure("create the outbox folder", &self.dir, &error))?;
        let path = self.dir.join(file_name());
        // Written under another name first, so a reader never sees half a message.
        let partial = path.with_extension("eml.part");
        tokio::fs::write(&partial, mail.formatted())
            .await
            .map_err(|error| failure("write", &partial, &error))?;
        tokio::fs::rename(&partial, &path)
            .await
            .map_err(|error| failure("rename into place", &path, &error))?;
        let links = extract_links(&email.text).join(" ");
        tracing::info!(
            %to,
            subject = %email.subject,
            path = %path.display(),
            links = %links,
            "email written to the development outbox"
        );
        Ok(())
    }
}

/// `20260124T101530.123Z-<uuid>.eml`: UTC with milliseconds (sortable, no colons), then a
/// random part so two emails in the same millisecond do not collide.
fn file_name() -> String {
    format!(
        "{}-{}.eml",
        chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ"),
        uuid::Uuid::new_v4()
    )
}

fn failure(action: &str, path: &Path, error: &io::Error) -> MailError {
    MailError(format!("could not {action} {}: {error}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_sort_by_time_and_end_in_eml() {
        let name = file_name();
        let (stamp, rest) = name.split_at(19);
        assert_eq!(stamp.len(), "20260124T101530.123".len());
        assert!(stamp.starts_with("20"), "{name}");
        assert_eq!(&stamp[8..9], "T", "{name}");
        assert!(rest.starts_with("Z-"), "{name}");
        assert!(
            std::path::Path::new(&name)
                .extension()
                .is_some_and(|extension| extension.eq_ignore_ascii_case("eml")),
            "{name}"
        );
    }
}
