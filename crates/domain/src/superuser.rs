//! [`Superuser`]: an actor proven to hold superuser rights. Use cases that only superusers may run
//! take one, so the check happens once, where the proof is made, and cannot be forgotten.

use std::ops::Deref;

use crate::{Actor, DomainError, UserId};

/// An active superuser. The only way to get one is [`Superuser::new`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Superuser(Actor);

impl Superuser {
    /// Only superusers list, create, update or delete other users.
    ///
    /// # Errors
    /// [`DomainError::NotEnoughPrivileges`] for a normal user.
    pub fn new(actor: Actor) -> Result<Self, DomainError> {
        if actor.is_superuser() {
            Ok(Self(actor))
        } else {
            Err(DomainError::NotEnoughPrivileges)
        }
    }

    /// The acting superuser.
    pub fn actor(&self) -> &Actor {
        &self.0
    }

    /// A superuser may delete other users but never themselves (there must always be someone
    /// to manage the system).
    ///
    /// # Errors
    /// [`DomainError::SuperuserSelfDeletion`].
    pub fn can_delete_user(&self, target: UserId) -> Result<(), DomainError> {
        if target == self.0.id() {
            Err(DomainError::SuperuserSelfDeletion)
        } else {
            Ok(())
        }
    }
}

impl Deref for Superuser {
    type Target = Actor;

    fn deref(&self) -> &Actor {
        &self.0
    }
}
