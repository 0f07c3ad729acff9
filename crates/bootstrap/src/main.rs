//! `hexstack`: reads the configuration, wires the adapters and runs the chosen command.

use std::process::ExitCode;
use std::time::Instant;

use clap::Parser;
use hexstack_bootstrap::cli::{Cli, Command};
use hexstack_bootstrap::settings::Settings;
use hexstack_bootstrap::{commands, telemetry};

fn main() -> ExitCode {
    let started = Instant::now();
    // `.env` fills the environment without overriding it (environment > .env > config file).
    let _ = dotenvy::dotenv();
    let cli = Cli::parse();
    if matches!(cli.command, Some(Command::Openapi)) {
        // Needs no configuration: the document depends only on the code (and the title).
        let title = std::env::var("PROJECT_NAME").unwrap_or_else(|_| "hexstack".to_owned());
        let document = hexstack_adapters_http::openapi_document(
            &title,
            true,
            hexstack_adapters_http::DEFAULT_MAX_PAGE_SIZE,
        );
        println!(
            "{}",
            serde_json::to_string_pretty(&document).expect("a JSON document")
        );
        return ExitCode::SUCCESS;
    }
    let settings = match Settings::load(cli.config.as_deref(), &cli.data_dir) {
        Ok(settings) => settings,
        Err(error) => {
            eprintln!("hexstack: {error}");
            return ExitCode::from(2);
        }
    };
    let telemetry = telemetry::init(&settings);
    for warning in &settings.warnings {
        tracing::warn!("{warning}");
    }
    let result = actix_web::rt::System::new().block_on(async {
        match cli.command() {
            Command::Serve(args) => {
                commands::serve(&settings, &args, started, telemetry.error_tracking()).await
            }
            Command::Worker => commands::worker(&settings).await,
            Command::Migrate => commands::migrate(&settings).await,
            Command::Prestart => commands::prestart(&settings).await.map(|_| ()),
            Command::CreateSuperuser => commands::create_superuser(&settings).await,
            Command::Openapi => Ok(()),
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!(error = format!("{error:#}"), "hexstack failed");
            eprintln!("hexstack: {error:#}");
            ExitCode::FAILURE
        }
    }
}
