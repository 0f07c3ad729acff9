//! The words of the security notices: what each one says happened.

use hexstack_domain::Notice;

/// A notice's heading and its sentence on what happened.
pub(crate) fn text(notice: Notice, project: &str) -> (&'static str, String) {
    match notice {
        Notice::PasswordChanged => (
            "Your password was changed",
            format!("The password of your {project} account was changed."),
        ),
        Notice::EmailChanged => (
            "Your email was changed",
            format!(
                "The email of your {project} account was changed: this address no longer signs in."
            ),
        ),
        Notice::TwoFactorEnabled => (
            "Two-factor authentication turned on",
            format!("Two-factor authentication was turned on for your {project} account."),
        ),
        Notice::TwoFactorDisabled => (
            "Two-factor authentication turned off",
            format!("Two-factor authentication was turned off for your {project} account."),
        ),
    }
}
