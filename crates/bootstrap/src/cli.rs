//! The command line.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// hexstack: the Full Stack FastAPI Template's API and app, in Rust.
#[derive(Debug, Parser)]
#[command(name = "hexstack", version, about)]
pub struct Cli {
    /// A TOML config file (keys as the environment variable names).
    #[arg(long, global = true, env = "HEXSTACK_CONFIG")]
    pub config: Option<PathBuf>,
    /// The data folder: embedded database, generated secret, development outbox.
    #[arg(long, global = true, env = "HEXSTACK_DATA_DIR", default_value = "data")]
    pub data_dir: PathBuf,
    /// What to do (default: serve).
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Migrate, ensure the first superuser, and serve the API and the app.
    Serve(ServeArgs),
    /// Deliver queued mail until SIGTERM/SIGINT (for a deployment separate from `serve`).
    Worker,
    /// Bring the database schema up to date.
    Migrate,
    /// For containers: wait for the database, migrate, ensure the first superuser.
    Prestart,
    /// Create the first superuser (`FIRST_SUPERUSER`) if it does not exist.
    CreateSuperuser,
    /// Print the OpenAPI document (development mode, as committed in `ui/openapi.json`).
    Openapi,
}

/// Where to listen.
#[derive(Debug, Clone, clap::Args)]
pub struct ServeArgs {
    /// Address to bind.
    #[arg(long, env = "HOST", default_value = "127.0.0.1")]
    pub host: String,
    /// Port to bind (0 picks a free one).
    #[arg(long, env = "PORT", default_value_t = 8000)]
    pub port: u16,
}

impl Cli {
    /// The command, `serve` with its defaults when none was given.
    pub fn command(&self) -> Command {
        match &self.command {
            Some(Command::Serve(args)) => Command::Serve(args.clone()),
            Some(Command::Worker) => Command::Worker,
            Some(Command::Migrate) => Command::Migrate,
            Some(Command::Prestart) => Command::Prestart,
            Some(Command::CreateSuperuser) => Command::CreateSuperuser,
            Some(Command::Openapi) => Command::Openapi,
            None => {
                let host = std::env::var("HOST").unwrap_or_else(|_| "127.0.0.1".to_owned());
                let port = std::env::var("PORT")
                    .ok()
                    .and_then(|p| p.parse().ok())
                    .unwrap_or(8000);
                Command::Serve(ServeArgs { host, port })
            }
        }
    }
}
