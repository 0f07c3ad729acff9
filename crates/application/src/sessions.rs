//! Sessions: every login is one, so that it can be ended (by its user, a superuser, or an
//! account event) and every replica sees that at the next request.

use chrono::{DateTime, Utc};
use hexstack_domain::ports::{AccessToken, RefreshToken};
use hexstack_domain::{
    Actor, AuditKind, ClientInfo, RefreshRotation, RepositoryError, Session, SessionId,
    SessionKind, SessionSweep, Superuser, User, UserId,
};

use crate::error::OrMissing;
use crate::{AppResult, Application, ApplicationError, Entity};

/// How a login starts its session.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SessionStart {
    /// How the client will hold access (default: one long-lived access token).
    pub kind: SessionKind,
    /// Where the login comes from.
    pub client: ClientInfo,
}

/// What a login or a refresh hands the client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    /// The access token (its `sid` names the session).
    pub access_token: AccessToken,
    /// The next refresh token, for [`SessionKind::RefreshCookie`] sessions.
    pub refresh_token: Option<RefreshToken>,
    /// When the session ends unless refreshed.
    pub session_expires_at: DateTime<Utc>,
}

impl Application {
    /// Starts a session for `user` (whose password was just checked).
    pub(crate) async fn start_session(&self, user: &User, start: SessionStart) -> AppResult<Grant> {
        let ports = &self.ports;
        let SessionStart { kind, client } = start;
        let now = ports.clock.now();
        let id = SessionId::new_random();
        let (refresh_token, refresh_hash) = match kind {
            SessionKind::AccessToken => (None, None),
            SessionKind::RefreshCookie => {
                let (token, hash) = ports.tokens.issue_refresh_token(id);
                (Some(token), Some(hash))
            }
        };
        let session = Session {
            id,
            user_id: user.id,
            kind,
            created_at: now,
            last_used_at: now,
            expires_at: now + ports.tokens.session_lifetime(kind),
            revoked_at: None,
            client,
            refresh_hash,
        };
        // Deleted while logging in: as if the account never existed.
        ports
            .sessions
            .create(&session)
            .await
            .map_err(|error| match error {
                RepositoryError::NotFound => ApplicationError::InvalidCredentials,
                other => other.into(),
            })?;
        Ok(Grant {
            access_token: ports.tokens.issue_access_token(user.id, id, kind),
            refresh_token,
            session_expires_at: session.expires_at,
        })
    }

    /// Renews a refresh-cookie session: a new access token and a new refresh token, the
    /// presented one becoming void. Presenting a refresh token that was already replaced ends
    /// the whole session: a copy of it is in other hands.
    ///
    /// # Errors
    /// [`ApplicationError::InvalidToken`] for a malformed, unknown, ended or reused token;
    /// [`ApplicationError::InactiveUser`] for a deactivated account (the session stays).
    #[tracing::instrument(name = "refresh_session", skip_all)]
    pub async fn refresh_session(&self, token: &str, client: &ClientInfo) -> AppResult<Grant> {
        let ports = &self.ports;
        let presented = RefreshToken::parse(token).ok_or(ApplicationError::InvalidToken)?;
        let now = ports.clock.now();
        let session = ports
            .sessions
            .find(presented.session())
            .await?
            .filter(|s| s.kind == SessionKind::RefreshCookie && s.is_active_at(now))
            .ok_or(ApplicationError::InvalidToken)?;
        let actor = Actor::new(self.find_user(session.user_id).await?)?;
        let (next, next_hash) = ports.tokens.issue_refresh_token(session.id);
        let rotation = RefreshRotation {
            presented: ports.tokens.refresh_token_digest(&presented),
            next: next_hash,
            expires_at: now + ports.tokens.session_lifetime(SessionKind::RefreshCookie),
            at: now,
        };
        if !ports.sessions.rotate_refresh(session.id, &rotation).await? {
            tracing::warn!(session_id = %session.id, user_id = %session.user_id,
                "a replaced refresh token was presented: session ended");
            self.end_session_quietly(session.user_id, session.id)
                .await?;
            let event = self.event_from(AuditKind::SessionRevoked, client);
            let event = event.on(session.user_id);
            let event = event.text("session_id", &session.id.to_string());
            self.audit(event.text("reason", "refresh_token_reuse"))
                .await;
            return Err(ApplicationError::InvalidToken);
        }
        Ok(Grant {
            access_token: ports.tokens.issue_access_token(
                actor.id(),
                session.id,
                SessionKind::RefreshCookie,
            ),
            refresh_token: Some(next),
            session_expires_at: rotation.expires_at,
        })
    }

    /// Ends the session the actor's token belongs to (nothing to end for a token without one).
    ///
    /// # Errors
    /// Store failures only.
    #[tracing::instrument(name = "logout", skip_all, fields(user_id = %actor.id()))]
    pub async fn logout(&self, actor: &Actor) -> AppResult<()> {
        let Some(session) = actor.session() else {
            return Ok(());
        };
        self.end_session_quietly(actor.id(), session).await?;
        let event = self
            .event_by(AuditKind::SessionRevoked, actor)
            .on(actor.id());
        let event = event.text("session_id", &session.to_string());
        self.audit(event.text("reason", "logout")).await;
        Ok(())
    }

    /// The actor's active sessions, newest first.
    ///
    /// # Errors
    /// Store failures only.
    pub async fn list_own_sessions(&self, actor: &Actor) -> AppResult<Vec<Session>> {
        let now = self.ports.clock.now();
        Ok(self.ports.sessions.list_active(actor.id(), now).await?)
    }

    /// Ends one of the actor's sessions.
    ///
    /// # Errors
    /// [`ApplicationError::NotFound`] when the actor has no active session `id`.
    #[tracing::instrument(name = "end_own_session", skip_all, fields(user_id = %actor.id()))]
    pub async fn end_own_session(&self, actor: &Actor, id: SessionId) -> AppResult<()> {
        let now = self.ports.clock.now();
        self.ports
            .sessions
            .revoke(actor.id(), id, now)
            .await
            .or_missing(Entity::Session)?;
        let event = self
            .event_by(AuditKind::SessionRevoked, actor)
            .on(actor.id());
        let event = event.text("session_id", &id.to_string());
        self.audit(event.text("reason", "ended_by_user")).await;
        Ok(())
    }

    /// Ends every session of the actor but the current one; returns how many.
    ///
    /// # Errors
    /// Store failures only.
    #[tracing::instrument(name = "end_other_sessions", skip_all, fields(user_id = %actor.id()))]
    pub async fn end_other_own_sessions(&self, actor: &Actor) -> AppResult<u64> {
        let ended = self.end_sessions(actor.id(), actor.session()).await?;
        let event = self
            .event_by(AuditKind::SessionRevoked, actor)
            .on(actor.id());
        let event = event.count("sessions", ended);
        self.audit(event.text("reason", "others_ended_by_user"))
            .await;
        Ok(ended)
    }

    /// Ends every session of a user (and their tokens without one); returns how many.
    ///
    /// # Errors
    /// [`ApplicationError::NotFound`] when there is no such user.
    #[tracing::instrument(name = "end_user_sessions", skip_all, fields(user_id = %id))]
    pub async fn end_user_sessions(&self, admin: &Superuser, id: UserId) -> AppResult<u64> {
        let ended = self.end_sessions(id, None).await?;
        let event = self.event_by(AuditKind::SessionRevoked, admin).on(id);
        let event = event.count("sessions", ended);
        self.audit(event.text("reason", "ended_by_superuser")).await;
        Ok(ended)
    }

    /// Deletes the sessions that have ended; returns how many.
    ///
    /// # Errors
    /// Store failures only.
    pub async fn prune_sessions(&self) -> AppResult<u64> {
        let now = self.ports.clock.now();
        Ok(self.ports.sessions.prune(now).await?)
    }

    /// Ends every session of `user` but `keep`, and their tokens without a session.
    pub(crate) async fn end_sessions(
        &self,
        user: UserId,
        keep: Option<SessionId>,
    ) -> AppResult<u64> {
        let now = self.ports.clock.now();
        let ended = self
            .ports
            .sessions
            .revoke_all(&SessionSweep {
                user,
                keep,
                at: now,
            })
            .await
            .or_missing(Entity::User)?;
        tracing::info!(%user, ended, "sessions ended");
        Ok(ended)
    }

    /// Ends a session that may have ended already.
    async fn end_session_quietly(&self, user: UserId, id: SessionId) -> AppResult<()> {
        let now = self.ports.clock.now();
        match self.ports.sessions.revoke(user, id, now).await {
            Ok(()) | Err(RepositoryError::NotFound) => Ok(()),
            Err(other) => Err(other.into()),
        }
    }
}
