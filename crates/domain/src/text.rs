//! Length-checked text values: passwords, names, item titles and descriptions. Lengths count
//! Unicode characters, as the original's Pydantic models do.

use std::fmt;

/// A string whose length is outside the allowed range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum LengthError {
    /// Fewer than `min` characters.
    #[error("String should have at least {min} character(s)")]
    TooShort {
        /// The least allowed number of characters.
        min: usize,
    },
    /// More than `max` characters.
    #[error("String should have at most {max} character(s)")]
    TooLong {
        /// The most allowed number of characters.
        max: usize,
    },
}

fn check_length(value: &str, min: usize, max: usize) -> Result<(), LengthError> {
    let length = value.chars().count();
    if length < min {
        Err(LengthError::TooShort { min })
    } else if length > max {
        Err(LengthError::TooLong { max })
    } else {
        Ok(())
    }
}

macro_rules! bounded_text {
    ($(#[$doc:meta])* $name:ident, $min:expr, $max:expr) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq)]
        pub struct $name(String);

        impl $name {
            /// Fewest characters allowed.
            pub const MIN_CHARS: usize = $min;
            /// Most characters allowed.
            pub const MAX_CHARS: usize = $max;

            /// Accepts the text when its length is within bounds.
            ///
            /// # Errors
            /// [`LengthError`] naming the violated bound.
            pub fn parse(value: impl Into<String>) -> Result<Self, LengthError> {
                let value = value.into();
                check_length(&value, Self::MIN_CHARS, Self::MAX_CHARS)?;
                Ok(Self(value))
            }

            /// The text.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The text, without copying it.
            pub fn into_string(self) -> String {
                self.0
            }
        }
    };
}

bounded_text!(
    /// A password as a user chose it: 8 to 128 characters. Its `Debug` output is redacted.
    Password, 8, 128
);
bounded_text!(
    /// A user's display name: at most 255 characters (an empty name is allowed).
    FullName, 0, 255
);
bounded_text!(
    /// An item's title: 1 to 255 characters.
    ItemTitle, 1, 255
);
bounded_text!(
    /// An item's description: at most 255 characters.
    ItemDescription, 0, 255
);

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(<redacted>)")
    }
}

macro_rules! display_text {
    ($($name:ident),*) => {$(
        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Debug::fmt(&self.0, f)
            }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
    )*};
}
display_text!(FullName, ItemTitle, ItemDescription);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_is_8_to_128_characters() {
        assert_eq!(
            Password::parse("short").unwrap_err(),
            LengthError::TooShort { min: 8 }
        );
        assert!(Password::parse("12345678").is_ok());
        assert!(Password::parse("x".repeat(128)).is_ok());
        assert_eq!(
            Password::parse("x".repeat(129)).unwrap_err(),
            LengthError::TooLong { max: 128 }
        );
    }

    #[test]
    fn lengths_count_characters_not_bytes() {
        assert!(Password::parse("ééééééé").is_err());
        assert!(Password::parse("éééééééé").is_ok());
        assert!(ItemTitle::parse("é".repeat(255)).is_ok());
    }

    #[test]
    fn title_is_1_to_255_and_description_at_most_255() {
        assert_eq!(
            ItemTitle::parse("").unwrap_err(),
            LengthError::TooShort { min: 1 }
        );
        assert_eq!(
            ItemTitle::parse("t".repeat(256)).unwrap_err(),
            LengthError::TooLong { max: 255 }
        );
        assert!(ItemDescription::parse("").is_ok());
        assert!(ItemDescription::parse("d".repeat(256)).is_err());
        assert!(FullName::parse("").is_ok());
        assert!(FullName::parse("n".repeat(256)).is_err());
    }

    #[test]
    fn password_debug_output_hides_the_secret() {
        let password = Password::parse("supersecret").unwrap();
        assert!(!format!("{password:?}").contains("supersecret"));
    }
}
