//! [`AuditLog`] on every [`Backend`]. The detail is stored as a JSON object in a text column (the
//! same on both databases; nothing queries inside it).

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use hexstack_domain::ports::AuditLog;
use hexstack_domain::{
    AuditEvent, AuditEventId, AuditFilter, AuditKind, AuditValue, ClientInfo, Page, PageRequest,
    RepositoryError, StoreResult, UserId,
};
use serde_json::{Map, Value};

use crate::record::Record;
use crate::statement::Statement;
use crate::{Backend, SqlStore};

/// The SQL of this repository: one statement per filter, so that each uses its index.
mod sql {
    /// The page's ids come from the index alone; the rows are read for them only (a window
    /// `COUNT(*) OVER ()` would read every row of the filter for every page, see
    /// docs/growth.md). The total is a separate count.
    macro_rules! list {
        ($where:literal) => {
            concat!(
                "SELECT e.id, e.created_at, e.kind, e.actor_id, e.subject_id, e.ip, \
                 e.user_agent, e.detail FROM (SELECT id FROM audit_event ",
                $where,
                " ORDER BY created_at DESC, id DESC LIMIT $1 OFFSET $2) AS page \
                 JOIN audit_event AS e ON e.id = page.id ORDER BY e.created_at DESC, e.id DESC"
            )
        };
    }
    macro_rules! count {
        ($where:literal) => {
            concat!("SELECT COUNT(*) AS total FROM audit_event ", $where)
        };
    }
    macro_rules! filtered {
        ($($name:ident: $list_where:literal, $count_where:literal;)*) => {
            /// `(list, count)` for each filter. The list binds limit and offset first, so its
            /// filter placeholders start at `$3`; the count's start at `$1`.
            pub mod filter {$(
                pub const $name: (&str, &str) = (list!($list_where), count!($count_where));
            )*}
        };
    }

    pub const INSERT: &str = "INSERT INTO audit_event \
        (id, created_at, kind, actor_id, subject_id, ip, user_agent, detail) \
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8)";
    pub const PRUNE: &str = "DELETE FROM audit_event WHERE created_at < $1";

    filtered! {
        ALL: "", "";
        USER: "WHERE (subject_id = $3 OR actor_id = $3)", "WHERE (subject_id = $1 OR actor_id = $1)";
        KIND: "WHERE kind = $3", "WHERE kind = $1";
        USER_AND_KIND: "WHERE (subject_id = $3 OR actor_id = $3) AND kind = $4",
            "WHERE (subject_id = $1 OR actor_id = $1) AND kind = $2";
    }
}

#[async_trait]
impl<B: Backend> AuditLog for SqlStore<B> {
    async fn record(&self, event: &AuditEvent) -> StoreResult<()> {
        Statement::<B>::new(sql::INSERT)
            .id(event.id.as_uuid())
            .optional_time(Some(event.at))
            .text(event.kind.as_str())
            .optional_id(event.actor.map(|id| id.as_uuid()))
            .optional_id(event.subject.map(|id| id.as_uuid()))
            .optional_text(event.client.ip())
            .optional_text(event.client.user_agent())
            .text(&encode_detail(event))
            .execute(self.writer())
            .await
    }

    async fn list(&self, filter: &AuditFilter, page: PageRequest) -> StoreResult<Page<AuditEvent>> {
        let (list, count) = match filter {
            AuditFilter {
                user: None,
                kind: None,
            } => sql::filter::ALL,
            AuditFilter {
                user: Some(_),
                kind: None,
            } => sql::filter::USER,
            AuditFilter {
                user: None,
                kind: Some(_),
            } => sql::filter::KIND,
            AuditFilter {
                user: Some(_),
                kind: Some(_),
            } => sql::filter::USER_AND_KIND,
        };
        let bind = |mut statement: Statement<B>| {
            if let Some(user) = filter.user {
                statement = statement.id(user.as_uuid());
            }
            if let Some(kind) = filter.kind {
                statement = statement.text(kind.as_str());
            }
            statement
        };
        let rows = bind(Statement::new(list).count(page.limit).count(page.skip))
            .fetch_all(self.reader())
            .await?;
        let total = bind(Statement::new(count))
            .fetch_record(self.reader(), |record: &Record<B>| record.total())
            .await?;
        let data = rows
            .iter()
            .map(|row| Record::<B>(row).audit_event())
            .collect::<Result<_, _>>()?;
        Ok(Page {
            data,
            count: total.unwrap_or(0),
        })
    }

    async fn prune(&self, before: DateTime<Utc>) -> StoreResult<u64> {
        Statement::<B>::new(sql::PRUNE)
            .optional_time(Some(before))
            .rows_changed(self.writer())
            .await
    }
}

fn encode_detail(event: &AuditEvent) -> String {
    let detail: Map<String, Value> = event
        .detail
        .iter()
        .map(|(name, value)| {
            let value = match value {
                AuditValue::Text(text) => Value::from(text.as_str()),
                AuditValue::Names(names) => Value::from(names.clone()),
                AuditValue::Count(count) => Value::from(*count),
                AuditValue::Flag(flag) => Value::from(*flag),
            };
            (name.clone(), value)
        })
        .collect();
    Value::Object(detail).to_string()
}

fn decode_detail(text: &str) -> StoreResult<std::collections::BTreeMap<String, AuditValue>> {
    let corrupt = || RepositoryError::Unknown(format!("invalid audit detail: {text}").into());
    let Ok(Value::Object(detail)) = serde_json::from_str::<Value>(text) else {
        return Err(corrupt());
    };
    detail
        .into_iter()
        .map(|(name, value)| {
            let value = match value {
                Value::String(text) => AuditValue::Text(text),
                Value::Bool(flag) => AuditValue::Flag(flag),
                Value::Number(n) => AuditValue::Count(n.as_u64().ok_or_else(corrupt)?),
                Value::Array(names) => AuditValue::Names(
                    names
                        .into_iter()
                        .map(|n| n.as_str().map(str::to_owned).ok_or_else(corrupt))
                        .collect::<Result<_, _>>()?,
                ),
                _ => return Err(corrupt()),
            };
            Ok((name, value))
        })
        .collect()
}

impl<B: Backend> Record<'_, B> {
    /// An `audit_event` row.
    pub fn audit_event(&self) -> StoreResult<AuditEvent> {
        let kind = self.text("kind")?;
        let user = |column: &str| {
            Ok::<_, RepositoryError>(self.optional_id(column)?.map(UserId::from_uuid))
        };
        Ok(AuditEvent {
            id: AuditEventId::from_uuid(self.id("id")?),
            at: self.time("created_at")?,
            kind: AuditKind::parse(&kind).ok_or_else(|| {
                RepositoryError::Unknown(format!("invalid audit kind: {kind}").into())
            })?,
            actor: user("actor_id")?,
            subject: user("subject_id")?,
            client: ClientInfo::new(
                self.optional_text("ip")?.as_deref(),
                self.optional_text("user_agent")?.as_deref(),
            ),
            detail: decode_detail(&self.text("detail")?)?,
        })
    }
}
