//! `server`: runs Beltlink, or one of its admin commands.

use anyhow::{Context, Result};
use app::search::service::SearchService;
use app::state::AppState;
use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use leptos::prelude::get_configuration;
use server::config::{Config, MeiliConfig};
use server::web::{router, ServerState};

#[derive(Parser)]
#[command(name = "server", about = "Beltlink: the web server and its admin commands. Configured by environment (see README).")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web app (the default): migrate, seed an empty database, start search and the outbox worker.
    Serve,
    /// Apply pending database migrations and exit.
    Migrate,
    /// Load or refresh the demo data (idempotent); changes reach search through the outbox.
    Seed,
    /// Rebuild the search index from the database into a fresh index and swap it in.
    Reindex,
    /// Make an existing account a site admin (who may verify organisations).
    MakeAdmin {
        /// The account's email address.
        email: String,
    },
}

#[tokio::main]
async fn main() {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn,sea_orm_migration=warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    if let Err(err) = run(cli.command.unwrap_or(Command::Serve)).await {
        eprintln!("error: {err:#}");
        std::process::exit(1);
    }
}

async fn run(command: Command) -> Result<()> {
    let config = Config::from_env()?;
    match command {
        Command::Serve => serve(config).await,
        Command::Migrate => {
            server::open_database(&config).await?;
            println!("migrations applied");
            Ok(())
        }
        Command::Seed => {
            let db = server::open_database(&config).await?;
            seed(&db).await
        }
        Command::Reindex => reindex(config).await,
        Command::MakeAdmin { email } => {
            let db = server::open_database(&config).await?;
            let email = email.trim().to_lowercase();
            if app::accounts::repo::set_role(&db, &email, app::accounts::types::Role::SiteAdmin).await? {
                println!("{email} is now a site admin");
                Ok(())
            } else {
                anyhow::bail!("no account has the email {email}; sign up first")
            }
        }
    }
}

async fn serve(config: Config) -> Result<()> {
    let mut leptos_options = get_configuration(None).context("reading the Leptos site configuration")?.leptos_options;
    leptos_options.site_addr = config.addr;
    let db = server::open_database(&config).await?;
    if app::seed::is_empty(&db).await? {
        seed(&db).await?;
    }
    let interrupted = app::associations::import::mark_interrupted(&db).await?;
    if interrupted > 0 {
        tracing::warn!(interrupted, "member imports were cut short by the last shutdown; importing their files again completes them");
    }
    let search = server::start_search(&config).await?;
    let worker = server::spawn_outbox_worker(db.clone(), search.service.clone());
    let session_cleanup = server::spawn_session_cleanup(db.clone());
    let state = ServerState { leptos_options, app: AppState::new(db, search.service.clone(), config.media_dir()), secure_cookies: config.secure_cookies() };
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .with_context(|| format!("cannot listen on BELTLINK_ADDR {}", config.addr))?;
    tracing::info!("Beltlink listening on http://{}", config.addr);
    // The peer address feeds the sign-in throttle.
    let app = router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    let served = axum::serve(listener, app).with_graceful_shutdown(server::shutdown_signal()).await;
    worker.abort();
    session_cleanup.abort();
    if let Some(managed) = search.managed {
        managed.stop().await;
    }
    served.context("serving HTTP")
}

fn progress_bar(total: u64, what: &str) -> ProgressBar {
    let bar = ProgressBar::new(total);
    bar.set_style(
        ProgressStyle::with_template("{prefix:>10} [{bar:30}] {pos}/{len} {msg}")
            .expect("valid template")
            .progress_chars("=> "),
    );
    bar.set_prefix(what.to_string());
    bar
}

/// Logs a line per tenth when stderr is not a terminal (CI logs), since the bar is hidden there.
fn report_plain(bar: &ProgressBar, done: u64, total: u64, what: &str) {
    if bar.is_hidden() && total > 0 && (done == total || done * 10 / total != (done - 1) * 10 / total) {
        eprintln!("{what}: {done}/{total}");
    }
}

async fn seed(db: &sea_orm::DatabaseConnection) -> Result<()> {
    let file = app::seed::demo()?;
    let total = app::seed::step_count(&file);
    let bar = progress_bar(total, "seeding");
    let report = app::seed::seed(db, &file, |done, label| {
        bar.set_position(done);
        bar.set_message(label.to_string());
        report_plain(&bar, done, total, "seeding");
    })
    .await?;
    bar.finish_and_clear();
    println!(
        "demo data: {} created, {} updated, {} unchanged",
        report.created, report.updated, report.unchanged
    );
    Ok(())
}

async fn reindex(config: Config) -> Result<()> {
    let db = server::open_database(&config).await?;
    // Use the Meilisearch a running server manages, if any: two processes cannot share its files.
    let attached = match &config.meili {
        MeiliConfig::Managed { .. } => app::search::managed::running(&config.meili_dir()),
        MeiliConfig::External { .. } => None,
    };
    let (service, managed) = match attached {
        Some((url, key)) => (SearchService::new(&url, &key, &config.index_uid)?, None),
        None => {
            let search = server::start_search(&config).await?;
            (search.service, search.managed)
        }
    };
    let bar = progress_bar(0, "reindexing");
    let started = std::time::Instant::now();
    let result = app::search::reindex::reindex(&db, &service, |done, total| {
        bar.set_length(total);
        bar.set_position(done);
        if done > 0 {
            report_plain(&bar, done, total, "reindexing");
        }
    })
    .await;
    bar.finish_and_clear();
    if let Some(managed) = managed {
        managed.stop().await;
    }
    let written = result?;
    println!("reindexed {written} documents in {:.1}s and swapped them in", started.elapsed().as_secs_f64());
    Ok(())
}
