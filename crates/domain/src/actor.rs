//! [`Actor`]: the authenticated, active user on whose behalf a use case runs, and the permission
//! rules that depend on who they are.

use crate::{ClientInfo, DomainError, Item, SessionId, User, UserId};

/// An active user acting in the system, the session they act in (if their token named one) and
/// where their request comes from (for the audit log and notices).
/// The only ways to get one are [`Actor::new`] and [`Actor::in_session`], which refuse inactive
/// accounts, so an inactive user can do nothing anywhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor(User, Option<SessionId>, ClientInfo);

/// Which items a list may contain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemScope {
    /// Every item (superusers).
    All,
    /// Only the items owned by this user.
    OwnedBy(UserId),
}

impl Actor {
    /// Lets an active user act.
    ///
    /// # Errors
    /// [`DomainError::InactiveUser`] when the account is deactivated.
    pub fn new(user: User) -> Result<Self, DomainError> {
        Self::in_session(user, None)
    }

    /// Lets an active user act in `session`.
    ///
    /// # Errors
    /// [`DomainError::InactiveUser`] when the account is deactivated.
    pub fn in_session(user: User, session: Option<SessionId>) -> Result<Self, DomainError> {
        if user.is_active {
            Ok(Self(user, session, ClientInfo::default()))
        } else {
            Err(DomainError::InactiveUser)
        }
    }

    /// The same actor, acting from `client`.
    #[must_use]
    pub fn from_client(mut self, client: ClientInfo) -> Self {
        self.2 = client;
        self
    }

    /// Where the actor's request comes from (empty outside a request).
    pub fn client(&self) -> &ClientInfo {
        &self.2
    }

    /// The session the actor acts in; `None` for a token without one, or outside a request.
    pub fn session(&self) -> Option<SessionId> {
        self.1
    }

    /// The user behind the actor.
    pub fn user(&self) -> &User {
        &self.0
    }

    /// Consumes the actor, returning the user.
    pub fn into_user(self) -> User {
        self.0
    }

    /// The actor's id.
    pub fn id(&self) -> UserId {
        self.0.id
    }

    /// Whether the actor is a superuser.
    pub fn is_superuser(&self) -> bool {
        self.0.is_superuser
    }

    /// Anyone may read their own account; only superusers may read others (whether or not the
    /// target exists, so normal users cannot probe for ids).
    ///
    /// # Errors
    /// [`DomainError::NotEnoughPrivileges`].
    pub fn can_read_user(&self, target: UserId) -> Result<(), DomainError> {
        if target == self.id() || self.is_superuser() {
            Ok(())
        } else {
            Err(DomainError::NotEnoughPrivileges)
        }
    }

    /// A normal user may delete their own account; a superuser may not (there must always be
    /// someone to manage the system).
    ///
    /// # Errors
    /// [`DomainError::SuperuserSelfDeletion`].
    pub fn can_delete_self(&self) -> Result<(), DomainError> {
        if self.is_superuser() {
            Err(DomainError::SuperuserSelfDeletion)
        } else {
            Ok(())
        }
    }

    /// Superusers may touch every item, others only their own.
    ///
    /// # Errors
    /// [`DomainError::NotItemOwner`].
    pub fn can_access_item(&self, item: &Item) -> Result<(), DomainError> {
        if self.is_superuser() || item.owner_id == self.id() {
            Ok(())
        } else {
            Err(DomainError::NotItemOwner)
        }
    }

    /// The items this actor's lists contain.
    pub fn item_scope(&self) -> ItemScope {
        if self.is_superuser() {
            ItemScope::All
        } else {
            ItemScope::OwnedBy(self.id())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{EmailAddress, ItemId, ItemTitle, PasswordHash, Superuser};

    fn user(is_active: bool, is_superuser: bool) -> User {
        User {
            id: UserId::new_random(),
            email: EmailAddress::parse("someone@example.com").unwrap(),
            is_active,
            is_superuser,
            full_name: None,
            hashed_password: PasswordHash::new("$argon2id$x"),
            created_at: None,
            email_verified_at: None,
        }
    }

    fn item_of(owner: UserId) -> Item {
        Item {
            id: ItemId::new_random(),
            owner_id: owner,
            title: ItemTitle::parse("t").unwrap(),
            description: None,
            created_at: None,
        }
    }

    #[test]
    fn an_inactive_user_cannot_act() {
        assert_eq!(
            Actor::new(user(false, true)).unwrap_err(),
            DomainError::InactiveUser
        );
        assert_eq!(
            Actor::new(user(false, false)).unwrap_err(),
            DomainError::InactiveUser
        );
        assert!(Actor::new(user(true, false)).is_ok());
    }

    #[test]
    fn only_superusers_manage_others() {
        let normal = Actor::new(user(true, false)).unwrap();
        let admin = Actor::new(user(true, true)).unwrap();
        let other = UserId::new_random();
        assert_eq!(
            Superuser::new(normal.clone()),
            Err(DomainError::NotEnoughPrivileges)
        );
        assert_eq!(
            normal.can_read_user(other),
            Err(DomainError::NotEnoughPrivileges)
        );
        assert!(normal.can_read_user(normal.id()).is_ok());
        assert!(admin.can_read_user(other).is_ok());
        assert!(
            Superuser::new(admin)
                .unwrap()
                .can_delete_user(other)
                .is_ok()
        );
    }

    #[test]
    fn a_superuser_can_delete_neither_themselves_by_id_nor_as_me() {
        let admin = Actor::new(user(true, true)).unwrap();
        assert_eq!(
            Superuser::new(admin.clone())
                .unwrap()
                .can_delete_user(admin.id()),
            Err(DomainError::SuperuserSelfDeletion)
        );
        assert_eq!(
            admin.can_delete_self(),
            Err(DomainError::SuperuserSelfDeletion)
        );
        let normal = Actor::new(user(true, false)).unwrap();
        assert!(normal.can_delete_self().is_ok());
    }

    #[test]
    fn normal_users_touch_only_their_own_items_superusers_all() {
        let normal = Actor::new(user(true, false)).unwrap();
        let admin = Actor::new(user(true, true)).unwrap();
        let own = item_of(normal.id());
        let foreign = item_of(UserId::new_random());
        assert!(normal.can_access_item(&own).is_ok());
        assert_eq!(
            normal.can_access_item(&foreign),
            Err(DomainError::NotItemOwner)
        );
        assert!(admin.can_access_item(&foreign).is_ok());
        assert_eq!(normal.item_scope(), ItemScope::OwnedBy(normal.id()));
        assert_eq!(admin.item_scope(), ItemScope::All);
    }
}
