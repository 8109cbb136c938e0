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
    /// Compare the database with the search index and list the differences
    /// (exits 1 if there are any); with --repair, send them through the outbox again.
    SearchCheck {
        /// Fix the differences found, wait until they reach search, and check again.
        #[arg(long)]
        repair: bool,
    },
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
                .unwrap_or_else(|_| "info,sqlx=warn,sea_orm_migration=warn,meilisearch_sdk=error".into()),
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
        Command::SearchCheck { repair } => search_check(config, repair).await,
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
    let brief_sweeper = server::spawn_brief_sweeper(db.clone());
    let mut app_state = AppState::new(db, search.service.clone(), config.media_dir());
    app_state.trusted_proxies = config.trusted_proxies.clone().into();
    app_state.mail = config.mail_settings();
    let mail_worker =
        tokio::spawn(app::mail::outbox::run_worker(app_state.db.clone(), app_state.mail.transport.clone(), app_state.mail.wake.clone()));
    let reminders = server::spawn_event_reminders(app_state.db.clone(), app_state.mail.clone());
    let offer_sweeper = server::spawn_offer_sweeper(app_state.db.clone(), app_state.mail.clone());
    let state = ServerState { leptos_options, app: app_state, secure_cookies: config.secure_cookies() };
    let listener =
        tokio::net::TcpListener::bind(config.addr).await.with_context(|| format!("cannot listen on BELTLINK_ADDR {}", config.addr))?;
    tracing::info!("Beltlink listening on http://{}", config.addr);
    let served = server::serve::serve(listener, router(state), server::serve::Limits::default(), server::shutdown_signal()).await;
    worker.abort();
    mail_worker.abort();
    session_cleanup.abort();
    brief_sweeper.abort();
    reminders.abort();
    offer_sweeper.abort();
    if let Some(managed) = search.managed {
        managed.stop().await;
    }
    served.context("serving HTTP")
}

/// A progress bar on a terminal; on anything else (CI logs), where the bar
/// is hidden, a plain line at each tenth.
struct Progress {
    bar: ProgressBar,
    what: &'static str,
    tenths_shown: std::cell::Cell<Option<u64>>,
}

impl Progress {
    fn new(total: u64, what: &'static str) -> Self {
        let bar = ProgressBar::new(total);
        bar.set_style(
            ProgressStyle::with_template("{prefix:>10} [{bar:30}] {pos}/{len} {msg}").expect("valid template").progress_chars("=> "),
        );
        bar.set_prefix(what);
        Progress { bar, what, tenths_shown: std::cell::Cell::new(None) }
    }

    fn update(&self, done: u64, total: u64) {
        self.bar.set_length(total);
        self.bar.set_position(done);
        if self.bar.is_hidden() && total > 0 {
            let tenths = done * 10 / total;
            if self.tenths_shown.get().is_none_or(|shown| tenths > shown) {
                self.tenths_shown.set(Some(tenths));
                eprintln!("{}: {done}/{total}", self.what);
            }
        }
    }

    fn println(&self, line: String) {
        self.bar.println(line);
    }

    fn finish(self) {
        self.bar.finish_and_clear();
    }
}

async fn seed(db: &sea_orm::DatabaseConnection) -> Result<()> {
    let file = app::seed::demo()?;
    let total = app::seed::step_count(&file);
    let progress = Progress::new(total, "seeding");
    let report = app::seed::seed(db, &file, |done, label| {
        progress.bar.set_message(label.to_string());
        progress.update(done, total);
    })
    .await?;
    progress.finish();
    println!("demo data: {} created, {} updated, {} unchanged", report.created, report.updated, report.unchanged);
    Ok(())
}

/// Search for an admin command: the Meilisearch a running server manages, if
/// any (two processes cannot share its files), else the configured one.
async fn admin_search(config: &Config) -> Result<server::Search> {
    let attached = match &config.meili {
        MeiliConfig::Managed { .. } => app::search::managed::running(&config.meili_dir()),
        MeiliConfig::External { .. } => None,
    };
    Ok(match attached {
        Some((url, key)) => server::Search { service: SearchService::new(&url, &key, &config.index_uid)?, managed: None },
        None => server::start_search(config).await?,
    })
}

async fn reindex(config: Config) -> Result<()> {
    let db = server::open_database(&config).await?;
    let server::Search { service, managed } = admin_search(&config).await?;
    let progress = Progress::new(0, "reindexing");
    let started = std::time::Instant::now();
    let result = app::search::reindex::reindex(&db, &service, |done, total| progress.update(done, total)).await;
    progress.finish();
    if let Some(managed) = managed {
        managed.stop().await;
    }
    let written = result?;
    println!("reindexed {written} documents in {:.1}s and swapped them in", started.elapsed().as_secs_f64());
    Ok(())
}

async fn search_check(config: Config, repair: bool) -> Result<()> {
    let db = server::open_database(&config).await?;
    let search = admin_search(&config).await?;
    let result = check_and_repair(&db, &search.service, repair).await;
    if let Some(managed) = search.managed {
        managed.stop().await;
    }
    let clean = result?;
    if !clean {
        std::process::exit(1);
    }
    Ok(())
}

/// Prints the drift report; with `repair`, fixes it and checks again. Returns
/// whether database and index agree in the end.
async fn check_and_repair(db: &sea_orm::DatabaseConnection, search: &SearchService, repair: bool) -> Result<bool> {
    use app::search::drift;
    let report = checked(db, search).await?;
    print_drift(&report);
    if report.is_clean() || !repair {
        return Ok(report.is_clean());
    }
    let enqueued = drift::repair(db, search, &report).await?;
    let progress = Progress::new(enqueued as u64, "repairing");
    let mut delivered = 0u64;
    while app::search::outbox::pending(db).await? > 0 {
        // A running server's worker may deliver these too; either way is fine.
        match app::search::outbox::process_batch(db, search).await {
            Ok(0) => tokio::time::sleep(std::time::Duration::from_millis(200)).await,
            Ok(n) => {
                delivered += n as u64;
                progress.update(delivered.min(enqueued as u64), enqueued as u64);
            }
            Err(err) => {
                progress.println(format!("delivery failed ({err}); retrying"));
                tokio::time::sleep(app::search::outbox::backoff(2)).await;
            }
        }
    }
    progress.finish();
    let after = checked(db, search).await?;
    println!("after repair:");
    print_drift(&after);
    Ok(after.is_clean())
}

async fn checked(db: &sea_orm::DatabaseConnection, search: &SearchService) -> Result<app::search::drift::DriftReport> {
    let progress = Progress::new(0, "checking");
    let report = app::search::drift::check(db, search, |done, total| progress.update(done, total)).await;
    progress.finish();
    Ok(report?)
}

fn print_drift(report: &app::search::drift::DriftReport) {
    println!(
        "database: {} searchable documents; index: {} documents; {} with changes on their way or refused (not compared)",
        report.in_database, report.in_index, report.in_flight
    );
    if report.is_clean() {
        println!(
            "no drift: the index matches the database{}",
            if report.in_flight > 0 { " (apart from the changes on their way)" } else { "" }
        );
        return;
    }
    for (what, ids) in [
        ("missing from the index", &report.missing),
        ("out of date in the index", &report.stale),
        ("in the index but not searchable in the database", &report.extra),
    ] {
        if ids.is_empty() {
            continue;
        }
        const SHOWN: usize = 20;
        let more = ids.len().saturating_sub(SHOWN);
        let listed = ids.iter().take(SHOWN).cloned().collect::<Vec<_>>().join(", ");
        println!("{} {what}: {listed}{}", ids.len(), if more > 0 { format!(" … and {more} more") } else { String::new() });
    }
}
