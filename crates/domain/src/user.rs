//! The [`User`] entity and the changes an update may apply to it.

use chrono::{DateTime, Utc};

use crate::change::apply;
use crate::{EmailAddress, FullName, UserId};

redacted_text!(
    /// A stored password hash (a PHC string such as `$argon2id$...` or a legacy `$2b$...`).
    PasswordHash
);

/// An account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// Unique id, chosen by the application.
    pub id: UserId,
    /// Unique, normalised email; the login name.
    pub email: EmailAddress,
    /// A deactivated account can do nothing.
    pub is_active: bool,
    /// Superusers manage other users and see every item.
    pub is_superuser: bool,
    /// Optional display name.
    pub full_name: Option<FullName>,
    /// The password hash; never leaves the server.
    pub hashed_password: PasswordHash,
    /// Creation time (UTC, microseconds); `None` for rows older than the column.
    pub created_at: Option<DateTime<Utc>>,
    /// When the current email was verified; `None` while it is not. A change of email makes
    /// it `None` again (the new address is someone else's until its owner proves otherwise).
    pub email_verified_at: Option<DateTime<Utc>>,
}

/// A partial update of a [`User`]: `None` leaves a field as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserChanges {
    /// New email.
    pub email: Option<EmailAddress>,
    /// New active flag.
    pub is_active: Option<bool>,
    /// New superuser flag.
    pub is_superuser: Option<bool>,
    /// New display name; `Some(None)` clears it.
    pub full_name: Option<Option<FullName>>,
    /// New password hash.
    pub hashed_password: Option<PasswordHash>,
}

impl User {
    /// Applies the changes that are present.
    #[must_use]
    pub fn with_changes(mut self, changes: UserChanges) -> Self {
        if changes
            .email
            .as_ref()
            .is_some_and(|email| *email != self.email)
        {
            self.email_verified_at = None;
        }
        apply(&mut self.email, changes.email);
        apply(&mut self.is_active, changes.is_active);
        apply(&mut self.is_superuser, changes.is_superuser);
        apply(&mut self.full_name, changes.full_name);
        apply(&mut self.hashed_password, changes.hashed_password);
        self
    }

    /// Whether the account's current email is verified.
    pub fn is_email_verified(&self) -> bool {
        self.email_verified_at.is_some()
    }

    /// Whether the account may act as a superuser: active and a superuser.
    pub fn is_active_superuser(&self) -> bool {
        self.is_active && self.is_superuser
    }
}

impl UserChanges {
    /// Whether these changes take an active superuser's rights away (a demotion or a
    /// deactivation): the store refuses that for the last one.
    pub fn ends_superuser_rights(&self) -> bool {
        self.is_superuser == Some(false) || self.is_active == Some(false)
    }
}
