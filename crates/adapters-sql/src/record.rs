//! Reading rows back into entities.

use chrono::{DateTime, Utc};
use hexstack_domain::{
    ClientInfo, EmailAddress, FullName, Item, ItemDescription, ItemId, ItemTitle, Page,
    PasswordHash, RefreshTokenHash, RepositoryError, SealedSecret, Session, SessionId, SessionKind,
    SessionStanding, StoreResult, Tally, TwoFactor, User, UserId, UserWithSession,
};
use uuid::Uuid;

use sqlx::Pool;

use crate::backend::Backend;
use crate::statement::Statement;

/// The columns of one row, decoded as backend `B` stores them.
pub struct Record<'r, B: Backend>(pub &'r B::Row);

fn corrupt(column: &str, detail: impl std::fmt::Display) -> RepositoryError {
    RepositoryError::Unknown(format!("invalid {column} in the database: {detail}").into())
}

impl<B: Backend> Record<'_, B> {
    pub(crate) fn get<T: for<'a> sqlx::Decode<'a, B> + sqlx::Type<B>>(
        &self,
        column: &str,
    ) -> StoreResult<T> {
        B::column(self.0, column).map_err(|e| corrupt(column, e))
    }

    pub(crate) fn id(&self, column: &str) -> StoreResult<Uuid> {
        Ok(self.get::<B::Uuid>(column)?.into())
    }

    pub(crate) fn optional_id(&self, column: &str) -> StoreResult<Option<Uuid>> {
        Ok(self.get::<B::OptionalUuid>(column)?.into())
    }

    pub(crate) fn text(&self, column: &str) -> StoreResult<String> {
        Ok(self.get::<B::Text>(column)?.into())
    }

    pub(crate) fn optional_text(&self, column: &str) -> StoreResult<Option<String>> {
        Ok(self.get::<B::OptionalText>(column)?.into())
    }

    pub(crate) fn flag(&self, column: &str) -> StoreResult<bool> {
        Ok(self.get::<B::Flag>(column)?.into())
    }

    pub(crate) fn optional_time(&self, column: &str) -> StoreResult<Option<DateTime<Utc>>> {
        Ok(self.get::<B::Time>(column)?.into())
    }

    /// The `total` column of a list query (`COUNT(*) OVER ()`, or a plain `COUNT(*)`).
    pub fn total(&self) -> StoreResult<u64> {
        let total: i64 = self.get::<B::Integer>("total")?.into();
        Ok(u64::try_from(total).unwrap_or(0))
    }

    /// A `rate_limit` row's count and window end.
    pub fn tally(&self) -> StoreResult<Tally> {
        let hits: i64 = self.get::<B::Integer>("hits")?.into();
        Ok(Tally {
            count: u64::try_from(hits).unwrap_or(0),
            resets_at: self
                .optional_time("resets_at")?
                .ok_or_else(|| corrupt("resets_at", "NULL"))?,
        })
    }

    /// A `"user"` row.
    pub fn user(&self) -> StoreResult<User> {
        Ok(User {
            id: UserId::from_uuid(self.id("id")?),
            email: EmailAddress::parse(&self.text("email")?).map_err(|e| corrupt("email", e))?,
            is_active: self.flag("is_active")?,
            is_superuser: self.flag("is_superuser")?,
            full_name: self
                .optional_text("full_name")?
                .map(FullName::parse)
                .transpose()
                .map_err(|e| corrupt("full_name", e))?,
            hashed_password: PasswordHash::new(self.text("hashed_password")?),
            created_at: self.optional_time("created_at")?,
            email_verified_at: self.optional_time("email_verified_at")?,
        })
    }

    /// An `item` row.
    pub fn item(&self) -> StoreResult<Item> {
        Ok(Item {
            id: ItemId::from_uuid(self.id("id")?),
            owner_id: UserId::from_uuid(self.id("owner_id")?),
            title: ItemTitle::parse(self.text("title")?).map_err(|e| corrupt("title", e))?,
            description: self
                .optional_text("description")?
                .map(ItemDescription::parse)
                .transpose()
                .map_err(|e| corrupt("description", e))?,
            created_at: self.optional_time("created_at")?,
        })
    }
}

impl<B: Backend> Record<'_, B> {
    /// A `session` row, its columns read as `s_*`.
    pub fn session(&self) -> StoreResult<Session> {
        let time = |column: &str| self.time(column);
        let kind = self.text("s_kind")?;
        Ok(Session {
            id: SessionId::from_uuid(self.id("s_id")?),
            user_id: UserId::from_uuid(self.id("s_user_id")?),
            kind: SessionKind::parse(&kind).ok_or_else(|| corrupt("s_kind", kind))?,
            created_at: time("s_created_at")?,
            last_used_at: time("s_last_used_at")?,
            expires_at: time("s_expires_at")?,
            revoked_at: self.optional_time("s_revoked_at")?,
            client: ClientInfo::new(
                self.optional_text("s_ip")?.as_deref(),
                self.optional_text("s_user_agent")?.as_deref(),
            ),
            refresh_hash: self
                .optional_text("s_refresh_hash")?
                .map(RefreshTokenHash::new),
        })
    }

    /// A `two_factor` row (without its recovery codes).
    pub fn two_factor(&self) -> StoreResult<TwoFactor> {
        let step: Option<i64> = self
            .get::<Option<B::Integer>>("last_used_step")?
            .map(Into::into);
        let step = step.map(|step| u64::try_from(step).unwrap_or(0));
        Ok(TwoFactor {
            user_id: UserId::from_uuid(self.id("user_id")?),
            secret: SealedSecret::new(self.text("secret")?),
            created_at: self.time("created_at")?,
            enabled_at: self.optional_time("enabled_at")?,
            last_used_step: step,
        })
    }

    /// A time of a `NOT NULL` column.
    pub(crate) fn time(&self, column: &str) -> StoreResult<DateTime<Utc>> {
        self.optional_time(column)?
            .ok_or_else(|| corrupt(column, "NULL"))
    }

    /// The standing columns of a session (`s_id`, `s_last_used_at`, `s_expires_at`,
    /// `s_revoked_at`).
    fn standing(&self) -> StoreResult<SessionStanding> {
        Ok(SessionStanding {
            id: SessionId::from_uuid(self.id("s_id")?),
            last_used_at: self.time("s_last_used_at")?,
            expires_at: self.time("s_expires_at")?,
            revoked_at: self.optional_time("s_revoked_at")?,
        })
    }

    /// A user row with, when `with_session`, the (left-joined, so possibly NULL) session
    /// standing columns, else `sessionless_revoked`.
    pub fn user_with_session(&self, with_session: bool) -> StoreResult<UserWithSession> {
        let session_found = with_session && self.get::<Option<B::Uuid>>("s_id")?.is_some();
        Ok(UserWithSession {
            user: self.user()?,
            session: session_found.then(|| self.standing()).transpose()?,
            sessionless_tokens_revoked: !with_session && self.flag("sessionless_revoked")?,
        })
    }
}

/// One page from the rows of a list query that carries `COUNT(*) OVER () AS total`; when the
/// page is empty (skip past the end) the total comes from `count`, a `COUNT(*) AS total` query.
pub async fn page<B: Backend, T>(
    rows: Vec<B::Row>,
    decode: impl Fn(&Record<'_, B>) -> StoreResult<T>,
    count: Statement<B>,
    pool: &Pool<B>,
) -> StoreResult<Page<T>> {
    let count = match rows.first() {
        Some(row) => Record::<B>(row).total()?,
        None => match count.fetch_optional(pool).await? {
            Some(row) => Record::<B>(&row).total()?,
            None => 0,
        },
    };
    let data = rows
        .iter()
        .map(|row| decode(&Record(row)))
        .collect::<Result<_, _>>()?;
    Ok(Page { data, count })
}
