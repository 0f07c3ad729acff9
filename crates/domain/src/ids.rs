//! Identifiers. Distinct types so a user id can never be passed where an item id is expected.

use std::fmt;

use uuid::Uuid;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(Uuid);

        impl $name {
            /// A new random (version 4) id.
            pub fn new_random() -> Self {
                Self(Uuid::new_v4())
            }

            /// Wraps an existing UUID.
            pub const fn from_uuid(uuid: Uuid) -> Self {
                Self(uuid)
            }

            /// The UUID inside.
            pub const fn as_uuid(&self) -> Uuid {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.hyphenated().fmt(f)
            }
        }

        impl From<Uuid> for $name {
            fn from(uuid: Uuid) -> Self {
                Self(uuid)
            }
        }
    };
}

id_type!(
    /// The id of a [`crate::User`].
    UserId
);
id_type!(
    /// The id of an [`crate::Item`].
    ItemId
);
id_type!(
    /// The id of a [`crate::MailJob`].
    JobId
);
id_type!(
    /// The id of an [`crate::AuditEvent`].
    AuditEventId
);
id_type!(
    /// The id of a [`crate::Session`]: the `sid` claim of the access tokens issued for it.
    SessionId
);

/// A text newtype for stored secrets' derivatives (hashes, digests): built with `new`, read with
/// `as_str`, and a `Debug` output that never shows the text, so it cannot end up in logs.
macro_rules! redacted_text {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        /// Its `Debug` output is redacted.
        #[derive(Clone, PartialEq, Eq)]
        pub struct $name(String);

        impl $name {
            /// Wraps a value read from storage or made by an adapter.
            pub fn new(text: impl Into<String>) -> Self {
                Self(text.into())
            }

            /// The text.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl ::std::fmt::Debug for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                write!(f, "{}(<redacted>)", stringify!($name))
            }
        }
    };
}
