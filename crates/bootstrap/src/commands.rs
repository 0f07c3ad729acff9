//! The commands: serve, worker, migrate, prestart, create-superuser.

use std::net::TcpListener;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;
use hexstack_adapters_http::{ApiState, HttpSettings};
use hexstack_application::Application;
use tokio::sync::watch;

use crate::cli::ServeArgs;
use crate::settings::Settings;
use crate::store::{self, Store};
use crate::wake::Wake;
use crate::wiring;
use crate::worker;

/// How long `serve` waits for the database by default (`prestart` waits 300 s).
const SERVE_WAIT: Duration = Duration::from_secs(30);
const PRESTART_WAIT: Duration = Duration::from_mins(5);

fn wait(settings: &Settings, default: Duration) -> Duration {
    settings
        .database
        .pool
        .wait_seconds
        .map_or(default, Duration::from_secs)
}

/// Waits for the database (up to 300 s by default), migrates, ensures the first superuser.
pub async fn prestart(settings: &Settings) -> anyhow::Result<Store> {
    let (store, _) = prepare(settings, wait(settings, PRESTART_WAIT), &Wake::default()).await?;
    Ok(store)
}

/// Opens and migrates the store, ensures the first superuser: everything before serving.
async fn prepare(
    settings: &Settings,
    wait: Duration,
    wake: &Wake,
) -> anyhow::Result<(Store, Application)> {
    let store = store::open(settings, wait).await?;
    store.migrate().await.context("migrating the database")?;
    let app = wiring::application(settings, &store, wake)?;
    wiring::ensure_first_superuser(settings, &app).await?;
    Ok((store, app))
}

/// Brings the schema up to date and stops.
pub async fn migrate(settings: &Settings) -> anyhow::Result<()> {
    let store = store::open(settings, wait(settings, PRESTART_WAIT)).await?;
    store.migrate().await.context("migrating the database")?;
    tracing::info!(store = store.kind(), "database schema is up to date");
    store.close().await;
    Ok(())
}

/// Creates the first superuser if it does not exist and stops.
pub async fn create_superuser(settings: &Settings) -> anyhow::Result<()> {
    let store = prestart(settings).await?;
    store.close().await;
    Ok(())
}

/// Serves until SIGTERM/SIGINT, then finishes in-flight requests and closes the pool.
pub async fn serve(
    settings: &Settings,
    args: &ServeArgs,
    started: Instant,
    error_tracking: bool,
) -> anyhow::Result<()> {
    let wake = Wake::default();
    let (store, app) = prepare(settings, wait(settings, SERVE_WAIT), &wake).await?;
    let pruning = tokio::spawn(prune(app.clone(), retention(settings)));
    let (stop_worker, stopped) = watch::channel(false);
    let worker = settings
        .queue
        .worker_in_process
        .then(|| tokio::spawn(worker::run(app.clone(), stopped, wake)));
    let listener = TcpListener::bind((args.host.as_str(), args.port))
        .with_context(|| format!("binding {}:{}", args.host, args.port))?;
    let address = listener.local_addr()?;
    let state = ApiState {
        app,
        health: store.health(),
        settings: Arc::new(HttpSettings {
            project_name: settings.project_name.clone(),
            development: settings.development,
            cors_origins: settings.server.cors_origins.clone(),
            ui_dir: settings.server.ui_dir.clone(),
            metrics_enabled: settings.telemetry.metrics_enabled,
            metrics_token: settings.telemetry.metrics_token.clone(),
            error_tracking,
            max_page_size: settings.abuse.max_page_size,
            trusted_proxies: settings.abuse.trusted_proxies.clone().unwrap_or_default(),
            https: settings.server.frontend_host.starts_with("https://"),
            ..HttpSettings::default()
        }),
        metrics: Arc::default(),
    };
    let server = hexstack_adapters_http::server(listener, state, settings.server.http_workers)?;
    let url = format!("http://{address}");
    tracing::info!(
        store = store.kind(),
        ready_ms = started.elapsed().as_millis(),
        development = settings.development,
        "hexstack is ready"
    );
    println!("  API docs:        {url}/docs (ReDoc: {url}/redoc)");
    println!("  first superuser: {}", settings.first_superuser.email);
    if settings.server.ui_dir.is_none() {
        println!("  (no built app found: run scripts/ui-build.sh, or set HEXSTACK_UI_DIR)");
    }
    println!("hexstack is ready on {url} (store: {})", store.kind());
    server.await.context("serving")?;
    pruning.abort();
    if let Some(worker) = worker {
        let _ = stop_worker.send(true);
        if tokio::time::timeout(WORKER_STOP, worker).await.is_err() {
            tracing::warn!(
                "the mail worker did not stop in time; its job is retried after its lease"
            );
        }
    }
    tracing::info!("shutting down: closing the database pool");
    store.close().await;
    Ok(())
}

/// Delivers queued mail until SIGTERM/SIGINT, finishing the delivery under way.
pub async fn worker(settings: &Settings) -> anyhow::Result<()> {
    let store = store::open(settings, wait(settings, SERVE_WAIT)).await?;
    let wake = Wake::default();
    let app = wiring::application(settings, &store, &wake)?;
    if !app.emails_enabled() {
        tracing::warn!("email is not configured: the worker has nothing to deliver");
    }
    let pruning = tokio::spawn(prune(app.clone(), retention(settings)));
    let (stop, stopped) = watch::channel(false);
    let running = tokio::spawn(worker::run(app, stopped, wake));
    shutdown_signal().await;
    let _ = stop.send(true);
    let _ = tokio::time::timeout(WORKER_STOP, running).await;
    pruning.abort();
    store.close().await;
    Ok(())
}

/// How long a stopping worker may finish its delivery.
const WORKER_STOP: Duration = Duration::from_secs(20);

/// SIGTERM or SIGINT.
async fn shutdown_signal() {
    #[cfg(unix)]
    {
        let mut terminate =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
                .expect("a SIGTERM handler");
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            _ = terminate.recv() => {}
        }
    }
    #[cfg(not(unix))]
    let _ = tokio::signal::ctrl_c().await;
}

/// How long delivered mail jobs and audit events are kept.
#[derive(Debug, Clone, Copy)]
struct Retention {
    jobs: chrono::TimeDelta,
    audit: chrono::TimeDelta,
}

fn retention(settings: &Settings) -> Retention {
    Retention {
        jobs: settings.queue.retention(),
        audit: settings.accounts.audit_retention(),
    }
}

/// Deletes ended sessions, closed rate-limit windows, and delivered mail jobs and audit events
/// older than their retention, at start-up and then every ten minutes. Every replica does it;
/// the deletes are idempotent, so they need no coordination.
async fn prune(app: Application, retention: Retention) {
    let mut every_ten_minutes = tokio::time::interval(Duration::from_mins(10));
    loop {
        every_ten_minutes.tick().await;
        match app.prune_sessions().await {
            Ok(pruned) => tracing::debug!(pruned, "ended sessions pruned"),
            Err(error) => tracing::warn!(%error, "pruning ended sessions failed"),
        }
        match app.prune_attempts().await {
            Ok(pruned) => tracing::debug!(pruned, "closed rate-limit windows pruned"),
            Err(error) => tracing::warn!(%error, "pruning rate-limit windows failed"),
        }
        match app.prune_mail_jobs(retention.jobs).await {
            Ok(pruned) => tracing::debug!(pruned, "delivered mail jobs pruned"),
            Err(error) => tracing::warn!(%error, "pruning mail jobs failed"),
        }
        match app.prune_audit_events(retention.audit).await {
            Ok(pruned) => tracing::debug!(pruned, "old audit events pruned"),
            Err(error) => tracing::warn!(%error, "pruning audit events failed"),
        }
    }
}
