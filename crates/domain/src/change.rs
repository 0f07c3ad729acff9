//! Partial updates, as the `with_changes` of each entity applies them.

/// Replaces `field` by `change` when a change is present; an absent one leaves it as it is.
pub(crate) fn apply<T>(field: &mut T, change: Option<T>) {
    if let Some(value) = change {
        *field = value;
    }
}
