//! [`TwoFactorRepository`] on every [`Backend`]. One row per account; the recovery codes'
//! digests are one space-separated column, so every change is a single-row `UPDATE` whose
//! `WHERE` says what it expects (compare and set). Reads go to the writer: they decide logins,
//! and a lagging reader must never skip a second factor just enabled.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use hexstack_domain::ports::TwoFactorRepository;
use hexstack_domain::{
    RECOVERY_CODES_PER_SET, RecoveryCodeHash, RepositoryError, SealedSecret, StoreResult,
    TwoFactor, UserId,
};

use crate::record::Record;
use crate::statement::Statement;
use crate::{Backend, SqlStore};

mod sql {
    pub const FIND: &str = "SELECT user_id, secret, created_at, enabled_at, last_used_step, \
        recovery_codes FROM two_factor WHERE user_id = $1";
    /// A restart replaces a pending enrolment and never an enabled one.
    pub const START: &str = "INSERT INTO two_factor (user_id, secret, created_at) \
        VALUES ($1, $2, $3) ON CONFLICT (user_id) DO UPDATE \
        SET secret = excluded.secret, created_at = excluded.created_at, recovery_codes = '' \
        WHERE two_factor.enabled_at IS NULL";
    pub const ENABLE: &str = "UPDATE two_factor SET enabled_at = $1, last_used_step = $2, \
        recovery_codes = $3 WHERE user_id = $4 AND enabled_at IS NULL AND secret = $5";
    pub const USE_STEP: &str = "UPDATE two_factor SET last_used_step = $1 WHERE user_id = $2 \
        AND enabled_at IS NOT NULL AND (last_used_step IS NULL OR last_used_step < $1)";
    pub const SET_CODES: &str = "UPDATE two_factor SET recovery_codes = $1 \
        WHERE user_id = $2 AND enabled_at IS NOT NULL";
    pub const SWAP_CODES: &str = "UPDATE two_factor SET recovery_codes = $1 \
        WHERE user_id = $2 AND enabled_at IS NOT NULL AND recovery_codes = $3";
    pub const DELETE: &str = "DELETE FROM two_factor WHERE user_id = $1 AND enabled_at IS NOT NULL";
}

/// How often a recovery code's use is retried when another change of the same row won the
/// compare and set: each win of another use takes a code away, so a set's codes bound the
/// losses (twice that leaves room for a renewal at the same moment).
const SWAP_ATTEMPTS: usize = 2 * RECOVERY_CODES_PER_SET + 1;

fn joined(codes: &[RecoveryCodeHash]) -> String {
    let texts: Vec<&str> = codes.iter().map(RecoveryCodeHash::as_str).collect();
    texts.join(" ")
}

impl<B: Backend> SqlStore<B> {
    async fn find_row(&self, user: UserId) -> StoreResult<Option<(TwoFactor, String)>> {
        Statement::<B>::new(sql::FIND)
            .id(user.as_uuid())
            .fetch_record(self.writer(), |record: &Record<B>| {
                Ok((record.two_factor()?, record.text("recovery_codes")?))
            })
            .await
    }
}

#[async_trait]
impl<B: Backend> TwoFactorRepository for SqlStore<B> {
    async fn find(&self, user: UserId) -> StoreResult<Option<TwoFactor>> {
        Ok(self.find_row(user).await?.map(|(state, _)| state))
    }

    async fn start(&self, state: &TwoFactor) -> StoreResult<bool> {
        let started = Statement::<B>::new(sql::START)
            .id(state.user_id.as_uuid())
            .text(state.secret.as_str())
            .optional_time(Some(state.created_at))
            .rows_changed(self.writer())
            .await?;
        Ok(started == 1)
    }

    async fn enable(
        &self,
        user: UserId,
        secret: &SealedSecret,
        step: u64,
        codes: &[RecoveryCodeHash],
        at: DateTime<Utc>,
    ) -> StoreResult<bool> {
        let enabled = Statement::<B>::new(sql::ENABLE)
            .optional_time(Some(at))
            .count(step)
            .text(&joined(codes))
            .id(user.as_uuid())
            .text(secret.as_str())
            .rows_changed(self.writer())
            .await?;
        Ok(enabled == 1)
    }

    async fn use_step(&self, user: UserId, step: u64) -> StoreResult<bool> {
        let used = Statement::<B>::new(sql::USE_STEP)
            .count(step)
            .id(user.as_uuid())
            .rows_changed(self.writer())
            .await?;
        Ok(used == 1)
    }

    async fn use_recovery_code(&self, user: UserId, code: &RecoveryCodeHash) -> StoreResult<bool> {
        for _ in 0..SWAP_ATTEMPTS {
            let Some((state, stored)) = self.find_row(user).await? else {
                return Ok(false);
            };
            let rest: Vec<&str> = stored.split(' ').filter(|c| !c.is_empty()).collect();
            let left: Vec<&str> = rest
                .iter()
                .copied()
                .filter(|c| *c != code.as_str())
                .collect();
            if !state.is_enabled() || left.len() == rest.len() {
                return Ok(false);
            }
            let swapped = Statement::<B>::new(sql::SWAP_CODES)
                .text(&left.join(" "))
                .id(user.as_uuid())
                .text(&stored)
                .rows_changed(self.writer())
                .await?;
            if swapped == 1 {
                return Ok(true);
            }
        }
        Err(RepositoryError::Changed)
    }

    async fn replace_recovery_codes(
        &self,
        user: UserId,
        codes: &[RecoveryCodeHash],
    ) -> StoreResult<bool> {
        let replaced = Statement::<B>::new(sql::SET_CODES)
            .text(&joined(codes))
            .id(user.as_uuid())
            .rows_changed(self.writer())
            .await?;
        Ok(replaced == 1)
    }

    async fn count_recovery_codes(&self, user: UserId) -> StoreResult<u64> {
        let stored = self.find_row(user).await?;
        Ok(stored.map_or(0, |(_, codes)| codes.split_whitespace().count() as u64))
    }

    async fn disable(&self, user: UserId) -> StoreResult<bool> {
        let deleted = Statement::<B>::new(sql::DELETE)
            .id(user.as_uuid())
            .rows_changed(self.writer())
            .await?;
        Ok(deleted == 1)
    }
}
