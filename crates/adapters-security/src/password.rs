//! [`Argon2Hasher`]: Argon2id in PHC format; verifies any Argon2 variant and legacy bcrypt, and
//! reports when a stored hash should be replaced.

use argon2::password_hash::phc::{Output, ParamsString, PasswordHash as PhcHash, Salt};
use argon2::{Algorithm, Argon2, Block, Params, PasswordVerifier as _, Version};
use std::sync::atomic::AtomicUsize;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use async_trait::async_trait;
use hexstack_domain::PasswordHash;
use hexstack_domain::ports::{HashError, PasswordHasher, PasswordVerification};
use subtle::ConstantTimeEq as _;
use tokio::sync::Semaphore;

const BCRYPT_PREFIXES: [&str; 4] = ["$2a$", "$2b$", "$2x$", "$2y$"];

/// Argon2id cost parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HashingParams {
    /// Memory in KiB.
    pub memory_kib: u32,
    /// Number of passes.
    pub iterations: u32,
    /// Lanes.
    pub parallelism: u32,
}

impl HashingParams {
    /// One of OWASP's five equivalent minimum configurations for Argon2id (9 MiB, 4 passes,
    /// 1 lane; the others trade memory for passes: 46 MiB/1, 19 MiB/2, 12 MiB/3, 7 MiB/5). It
    /// costs about as much CPU time as the 19 MiB/2 option (about 10 ms on one core of this
    /// kind of machine) with half its memory, so a server running one hash per core stays small.
    pub const fn owasp_minimum() -> Self {
        Self {
            memory_kib: 9_216,
            iterations: 4,
            parallelism: 1,
        }
    }

    /// The original template's parameters (64 MiB, 3 passes, 4 lanes): about 7x the cost.
    pub const fn fastapi_template() -> Self {
        Self {
            memory_kib: 65_536,
            iterations: 3,
            parallelism: 4,
        }
    }

    /// Cheap parameters for tests. Never use them in production.
    pub const fn testing() -> Self {
        Self {
            memory_kib: 64,
            iterations: 1,
            parallelism: 1,
        }
    }

    /// Reads parameters in the PHC form `m=<KiB>,t=<passes>,p=<lanes>` (any order, each once),
    /// as `PASSWORD_HASH_PARAMS` is written and as they appear in a stored hash.
    ///
    /// # Errors
    /// A message naming what is missing, repeated, unknown or out of Argon2's ranges.
    pub fn parse_phc(text: &str) -> Result<Self, String> {
        let (mut memory, mut passes, mut lanes) = (None, None, None);
        for part in text.split(',') {
            let (name, value) = part
                .trim()
                .split_once('=')
                .ok_or_else(|| format!("expected name=value, got {part:?}"))?;
            let slot = match name.trim() {
                "m" => &mut memory,
                "t" => &mut passes,
                "p" => &mut lanes,
                other => return Err(format!("unknown parameter {other:?} (m, t and p only)")),
            };
            if slot.is_some() {
                return Err(format!("{name} is given twice"));
            }
            let value: u32 = value
                .trim()
                .parse()
                .map_err(|_| format!("{name} should be a whole number, got {value:?}"))?;
            *slot = Some(value);
        }
        let params = Self {
            memory_kib: memory.ok_or("m (memory in KiB) is missing")?,
            iterations: passes.ok_or("t (passes) is missing")?,
            parallelism: lanes.ok_or("p (lanes) is missing")?,
        };
        params.to_argon2().map_err(|e| e.to_string())?;
        Ok(params)
    }

    fn to_argon2(self) -> Result<Params, HashError> {
        Params::new(self.memory_kib, self.iterations, self.parallelism, None)
            .map_err(|e| HashError::Failed(format!("invalid argon2 parameters: {e}")))
    }
}

impl Default for HashingParams {
    fn default() -> Self {
        Self::owasp_minimum()
    }
}

/// Hashes with Argon2id; verifies Argon2 (any variant and parameters) and bcrypt.
///
/// All work runs on tokio's blocking pool, never on the async executor, and at most
/// `concurrency` hashes run at once (by default as many as fill the cores): a burst of logins queues
/// instead of oversubscribing the CPU and multiplying the memory each hash needs. At most
/// `queue_limit` wait (by default [`QUEUE_PER_PERMIT`] per permit); beyond that a hash is
/// refused at once ([`HashError::Busy`]) rather than left to wait ever longer.
#[derive(Debug, Clone)]
pub struct Argon2Hasher {
    params: HashingParams,
    permits: Arc<Semaphore>,
    waiting: Arc<AtomicUsize>,
    queue_limit: usize,
    /// Working memory for hashes with the current parameters, one buffer per concurrent hash,
    /// reused: the allocator never sees the 19 MiB blocks come and go.
    memory: Arc<Mutex<Vec<Vec<Block>>>>,
    /// A hash of a random secret with the current parameters, verified when a login names an
    /// unknown email so the answer costs as much as for a known one.
    dummy: Arc<OnceLock<String>>,
}

impl Argon2Hasher {
    /// A hasher producing hashes with `params`, running as many at once as keep every core
    /// busy: the lanes of one hash are computed in parallel (argon2's `parallel` feature), so
    /// with `p` lanes one hash occupies `min(p, cores)` cores. With `p >= cores` one hash at a
    /// time then takes all of them: the same throughput as one hash per core, each login
    /// answered sooner, and one working area in memory instead of one per core.
    pub fn new(params: HashingParams) -> Self {
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        Self::with_concurrency(params, default_concurrency(params, cores))
    }

    /// A hasher running at most `concurrency` (at least 1) hashes at once.
    pub fn with_concurrency(params: HashingParams, concurrency: usize) -> Self {
        let concurrency = concurrency.max(1);
        Self {
            params,
            permits: Arc::new(Semaphore::new(concurrency)),
            waiting: Arc::new(AtomicUsize::new(0)),
            queue_limit: concurrency.saturating_mul(QUEUE_PER_PERMIT),
            memory: Arc::new(Mutex::new(Vec::new())),
            dummy: Arc::new(OnceLock::new()),
        }
    }

    fn dummy_hash(&self) -> &str {
        self.dummy.get_or_init(|| {
            let secret = uuid::Uuid::new_v4().simple().to_string();
            self.clone()
                .hash_now(&secret)
                .map_or_else(|_| String::new(), |hash| hash.as_str().to_owned())
        })
    }

    /// The same hasher letting at most `limit` hashes wait for a permit.
    #[must_use]
    pub fn with_queue_limit(mut self, limit: usize) -> Self {
        self.queue_limit = limit;
        self
    }

    /// Runs `work` on the blocking pool once a permit is free, inside the caller's span; refused
    /// when the queue is full.
    async fn limited<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> Result<T, HashError> + Send + 'static,
    ) -> Result<T, HashError> {
        let permit = if let Ok(permit) = self.permits.try_acquire() {
            permit
        } else {
            let waiting = WaitingSlot::take(&self.waiting, self.queue_limit)?;
            let permit = self.permits.acquire().await;
            drop(waiting);
            permit.expect("the semaphore is never closed")
        };
        let result = off_executor(work).await;
        drop(permit);
        result
    }

    fn argon2id(&self) -> Result<(Argon2<'static>, Params), HashError> {
        let params = self.params.to_argon2()?;
        Ok((
            Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone()),
            params,
        ))
    }

    /// Runs `work` with a reused block buffer sized for the current parameters.
    fn with_memory<T>(&self, block_count: usize, work: impl FnOnce(&mut [Block]) -> T) -> T {
        let reused = self
            .memory
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop();
        let mut blocks = reused
            .filter(|b| b.len() == block_count)
            .unwrap_or_else(|| vec![Block::default(); block_count]);
        let result = work(&mut blocks);
        self.memory
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(blocks);
        result
    }

    /// The raw Argon2id output of `password` with `salt` and the current parameters.
    fn raw_hash(&self, password: &str, salt: &[u8], out: &mut [u8]) -> Result<(), HashError> {
        let (argon2, params) = self.argon2id()?;
        self.with_memory(params.block_count(), |blocks| {
            argon2.hash_password_into_with_memory(password.as_bytes(), salt, out, blocks)
        })
        .map_err(|e| HashError::Failed(e.to_string()))
    }

    fn hash_now(&self, password: &str) -> Result<PasswordHash, HashError> {
        let (_, params) = self.argon2id()?;
        // 16 bytes from the system's CSPRNG (a v4 UUID's random bytes).
        let salt = Salt::new(uuid::Uuid::new_v4().as_bytes())
            .map_err(|e| HashError::Failed(e.to_string()))?;
        let mut out = [0u8; 32];
        self.raw_hash(password, &salt, &mut out)?;
        let hash = PhcHash {
            algorithm: argon2::ARGON2ID_IDENT,
            version: Some(Version::V0x13.into()),
            params: ParamsString::try_from(&params)
                .map_err(|e| HashError::Failed(e.to_string()))?,
            salt: Some(salt),
            hash: Some(Output::new(&out).map_err(|e| HashError::Failed(e.to_string()))?),
        };
        Ok(PasswordHash::new(hash.to_string()))
    }

    /// Verifies a hash with the current parameters on reused memory (constant-time compare).
    fn verify_current(&self, password: &str, hash: &PhcHash) -> bool {
        let (Some(salt), Some(expected)) = (&hash.salt, &hash.hash) else {
            return false;
        };
        let mut out = vec![0u8; expected.len()];
        if self.raw_hash(password, salt, &mut out).is_err() {
            return false;
        }
        out.ct_eq(expected.as_bytes()).into()
    }

    fn verify_now(&self, password: &str, hash: &str) -> Result<PasswordVerification, HashError> {
        if BCRYPT_PREFIXES
            .iter()
            .any(|prefix| hash.starts_with(prefix))
        {
            // bcrypt refuses passwords over 72 bytes; such a password cannot be the right one.
            let matched = bcrypt::verify(password, hash).unwrap_or(false);
            return Ok(if matched {
                PasswordVerification::MatchNeedsRehash
            } else {
                PasswordVerification::Mismatch
            });
        }
        let parsed = PhcHash::new(hash)
            .map_err(|e| HashError::Failed(format!("unknown hash format: {e}")))?;
        if !parsed.algorithm.as_str().starts_with("argon2") {
            return Err(HashError::Failed(format!(
                "unsupported algorithm {}",
                parsed.algorithm
            )));
        }
        if self.is_current(&parsed) {
            return Ok(if self.verify_current(password, &parsed) {
                PasswordVerification::Match
            } else {
                PasswordVerification::Mismatch
            });
        }
        // Other parameters or variants (hashes made by the FastAPI template): rare, and
        // replaced at the next successful login.
        Ok(
            if Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
            {
                PasswordVerification::MatchNeedsRehash
            } else {
                PasswordVerification::Mismatch
            },
        )
    }

    fn is_current(&self, hash: &PhcHash) -> bool {
        let Ok(params) = Params::try_from(hash) else {
            return false;
        };
        hash.algorithm.as_str() == "argon2id"
            && hash.version == Some(0x13)
            && params.m_cost() == self.params.memory_kib
            && params.t_cost() == self.params.iterations
            && params.p_cost() == self.params.parallelism
    }
}

/// Hashes at once that keep `cores` cores busy when each computes its lanes in parallel.
fn default_concurrency(params: HashingParams, cores: usize) -> usize {
    let lanes = usize::try_from(params.parallelism).unwrap_or(usize::MAX);
    (cores / lanes.clamp(1, cores.max(1))).max(1)
}

/// Runs CPU-heavy work on the blocking pool, inside the caller's tracing span.
async fn off_executor<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    let span = tracing::Span::current();
    match tokio::task::spawn_blocking(move || span.in_scope(work)).await {
        Ok(value) => value,
        Err(join_error) => std::panic::resume_unwind(join_error.into_panic()),
    }
}

#[async_trait]
impl PasswordHasher for Argon2Hasher {
    async fn hash(&self, password: &str) -> Result<PasswordHash, HashError> {
        let (hasher, password) = (self.clone(), password.to_owned());
        self.limited(move || hasher.hash_now(&password)).await
    }

    async fn verify(
        &self,
        password: &str,
        hash: &PasswordHash,
    ) -> Result<PasswordVerification, HashError> {
        let (hasher, password, hash) =
            (self.clone(), password.to_owned(), hash.as_str().to_owned());
        self.limited(move || hasher.verify_now(&password, &hash))
            .await
    }

    async fn verify_dummy(&self, password: &str) -> Result<(), HashError> {
        let (hasher, password) = (self.clone(), password.to_owned());
        let verified = self
            .limited(move || hasher.verify_now(&password, hasher.dummy_hash()))
            .await;
        match verified {
            Err(HashError::Busy) => Err(HashError::Busy),
            _ => Ok(()),
        }
    }
}

mod queue;
#[cfg(test)]
mod tests;

pub use queue::QUEUE_PER_PERMIT;
use queue::WaitingSlot;
