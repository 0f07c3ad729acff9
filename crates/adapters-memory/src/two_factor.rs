//! [`TwoFactorRepository`] in memory, with the SQL stores' semantics.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use hexstack_domain::ports::TwoFactorRepository;
use hexstack_domain::{RecoveryCodeHash, SealedSecret, StoreResult, TwoFactor, UserId};

use crate::MemoryStore;

/// One account's row: its state and its recovery codes' digests.
#[derive(Clone)]
pub(crate) struct StoredTwoFactor {
    state: TwoFactor,
    codes: Vec<RecoveryCodeHash>,
}

#[async_trait]
impl TwoFactorRepository for MemoryStore {
    async fn find(&self, user: UserId) -> StoreResult<Option<TwoFactor>> {
        Ok(self.lock().two_factor.get(&user).map(|s| s.state.clone()))
    }

    async fn start(&self, state: &TwoFactor) -> StoreResult<bool> {
        let tables = &mut self.lock();
        let owned = tables.owned_by(state.user_id)?;
        if owned
            .two_factor
            .get(&state.user_id)
            .is_some_and(|s| s.state.is_enabled())
        {
            return Ok(false);
        }
        let stored = StoredTwoFactor {
            state: TwoFactor {
                enabled_at: None,
                last_used_step: None,
                ..state.clone()
            },
            codes: Vec::new(),
        };
        owned.two_factor.insert(state.user_id, stored);
        Ok(true)
    }

    async fn enable(
        &self,
        user: UserId,
        secret: &SealedSecret,
        step: u64,
        codes: &[RecoveryCodeHash],
        at: DateTime<Utc>,
    ) -> StoreResult<bool> {
        let tables = &mut self.lock();
        let Some(stored) = tables.two_factor.get_mut(&user) else {
            return Ok(false);
        };
        if stored.state.is_enabled() || stored.state.secret != *secret {
            return Ok(false);
        }
        stored.state.enabled_at = Some(at);
        stored.state.last_used_step = Some(step);
        stored.codes = codes.to_vec();
        Ok(true)
    }

    async fn use_step(&self, user: UserId, step: u64) -> StoreResult<bool> {
        let tables = &mut self.lock();
        match tables.two_factor.get_mut(&user) {
            Some(stored) if stored.state.is_enabled() && stored.state.accepts_step(step) => {
                stored.state.last_used_step = Some(step);
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    async fn use_recovery_code(&self, user: UserId, code: &RecoveryCodeHash) -> StoreResult<bool> {
        let tables = &mut self.lock();
        let Some(stored) = tables
            .two_factor
            .get_mut(&user)
            .filter(|s| s.state.is_enabled())
        else {
            return Ok(false);
        };
        let before = stored.codes.len();
        stored.codes.retain(|c| c != code);
        Ok(stored.codes.len() < before)
    }

    async fn replace_recovery_codes(
        &self,
        user: UserId,
        codes: &[RecoveryCodeHash],
    ) -> StoreResult<bool> {
        let tables = &mut self.lock();
        match tables.two_factor.get_mut(&user) {
            Some(stored) if stored.state.is_enabled() => {
                stored.codes = codes.to_vec();
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    async fn count_recovery_codes(&self, user: UserId) -> StoreResult<u64> {
        let tables = self.lock();
        Ok(tables
            .two_factor
            .get(&user)
            .map_or(0, |s| s.codes.len() as u64))
    }

    async fn disable(&self, user: UserId) -> StoreResult<bool> {
        let tables = &mut self.lock();
        let enabled = tables
            .two_factor
            .get(&user)
            .is_some_and(|s| s.state.is_enabled());
        if enabled {
            tables.two_factor.remove(&user);
        }
        Ok(enabled)
    }
}
