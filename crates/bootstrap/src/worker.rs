//! The mail worker: delivers queued mail jobs one after another, in the `serve` process
//! (`WORKER_IN_PROCESS`, the default) or alone as `hexstack worker`.
//!
//! An idle worker looks for due jobs every [`IDLE_POLL`], and at once when this process queued
//! one ([`crate::wake`]): a new job is picked up well within a second on either store, from any
//! process. (LISTEN/NOTIFY would save those few indexed reads
//! a second on PostgreSQL at the price of one more held connection per worker and a code path
//! SQLite lacks; the poll is one query both stores answer from the `(state, run_at)` index.)

use std::time::Duration;

use hexstack_application::Application;
use tokio::sync::watch;

use crate::wake::Wake;

/// How often an idle worker looks for due jobs.
pub const IDLE_POLL: Duration = Duration::from_millis(200);

/// How long a worker waits after the store failed before it tries again.
const AFTER_STORE_ERROR: Duration = Duration::from_secs(1);

/// Delivers jobs until `stop` turns true; a delivery under way is finished first. `wake` cuts
/// an idle wait short.
pub async fn run(app: Application, mut stop: watch::Receiver<bool>, wake: Wake) {
    tracing::info!("mail worker started");
    while !*stop.borrow() {
        let pause = match app.deliver_next_mail().await {
            Ok(Some(_)) => continue,
            Ok(None) => IDLE_POLL,
            Err(error) => {
                tracing::warn!(%error, "mail worker: the store failed; retrying");
                AFTER_STORE_ERROR
            }
        };
        tokio::select! {
            () = tokio::time::sleep(pause) => {}
            () = wake.notified() => {}
            _ = stop.changed() => {}
        }
    }
    tracing::info!("mail worker stopped");
}
