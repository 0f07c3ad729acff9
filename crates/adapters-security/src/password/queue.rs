//! The bounded queue in front of the hashing permits.

use std::sync::atomic::{AtomicUsize, Ordering};

use hexstack_domain::ports::HashError;

/// Most hashes waiting per permit by default: with one permit per core and about 10 ms per
/// hash, a full queue is about a third of a second of work.
pub const QUEUE_PER_PERMIT: usize = 32;

/// A place in the hashing queue, given back when dropped (also when the waiting request is
/// cancelled).
pub(super) struct WaitingSlot<'a>(&'a AtomicUsize);

impl<'a> WaitingSlot<'a> {
    pub(super) fn take(waiting: &'a AtomicUsize, limit: usize) -> Result<Self, HashError> {
        let before = waiting.fetch_add(1, Ordering::AcqRel);
        let slot = Self(waiting);
        if before >= limit {
            return Err(HashError::Busy);
        }
        Ok(slot)
    }
}

impl Drop for WaitingSlot<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}
