//! `cargo xtask bench dashboard`: a belt dashboard at scale, against a
//! running release server (which `xtask` starts with its own data directory
//! and points this at with `--data-dir` and `--addr`).
//!
//! 1. Loads N synthetic supply profiles (deterministic seed) through the
//!    real write path into the server's database and waits for its outbox.
//! 2. Finds the belt with the most published suppliers and times reading
//!    its dashboard cold (every query and chart, no cache) in process.
//! 3. Writes that belt's slug to `dashboard-belt.txt` in the data directory;
//!    `xtask` then loads its page over 20 connections with wrk.
//!
//! Figures are printed, never asserted.

use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use app::seed::synthetic;

mod support;
use support::{bar, percentiles, tick};

#[tokio::main]
async fn main() -> Result<()> {
    use sea_orm::{ConnectionTrait, EntityTrait, Statement};
    let options = support::options("dashboard", 20_261_202)?;
    let db = app::db::connect(&format!("sqlite://{}", options.data_dir.join("beltlink.sqlite").display())).await?;

    // 1. The profiles.
    let belts = synthetic::belt_stock(&db).await?;
    let suppliers = synthetic::generate(options.seed, options.count, &belts);
    println!("\n== Loading {} synthetic supply profiles (seed {}) ==", options.count, options.seed);
    let started = Instant::now();
    let writing = bar(options.count as u64, "writing");
    for (n, supplier) in suppliers.iter().enumerate() {
        synthetic::write(&db, supplier).await?;
        tick(&writing, n as u64 + 1, options.count as u64);
    }
    writing.finish_and_clear();
    // The server's outbox worker indexes them; the dashboard is kept until changes stop.
    let pending = app::search::outbox::pending(&db).await?;
    let indexing = bar(pending, "indexing");
    loop {
        let left = app::search::outbox::pending(&db).await?;
        tick(&indexing, pending.saturating_sub(left), pending);
        if left == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    indexing.finish_and_clear();
    println!("{:<48} {:>8.1} s", "written and indexed in", started.elapsed().as_secs_f64());

    // 2. The biggest belt, read cold.
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT b.slug, COUNT(*) AS n FROM belts b JOIN belt_organisations bo ON bo.belt_id = b.id \
             JOIN supply_profiles p ON p.organisation_id = bo.organisation_id AND p.status = 'published' \
             GROUP BY b.slug ORDER BY n DESC, b.slug LIMIT 1",
        ))
        .await?
        .context("no belt has suppliers")?;
    let slug: String = row.try_get("", "slug")?;
    let members: i64 = row.try_get("", "n")?;
    let belt = app::entities::belt::Entity::find().all(&db).await?.into_iter().find(|b| b.slug == slug).context("the belt")?;
    let mut cold = Vec::with_capacity(options.rounds);
    let mut dashboard = None;
    for round in 0..options.rounds {
        let lang = if round % 2 == 0 { app::i18n::Lang::En } else { app::i18n::Lang::Zh };
        let at = Instant::now();
        dashboard = Some(app::dashboards::repo::dashboard(&db, &belt, lang, chrono::Utc::now()).await?);
        cold.push(at.elapsed());
    }
    let dashboard = dashboard.context("at least one round")?;
    let svg_bytes: usize = dashboard.breakdowns.iter().map(|b| b.svg.len()).sum();
    println!("\n== The biggest belt's dashboard, read cold in process ({} rounds) ==", options.rounds);
    println!("{:<48} {slug} ({members} published suppliers)", "belt");
    let (p50, p99, max) = percentiles(cold);
    println!("{:<48} p50 {p50:>8.1} ms   p99 {p99:>8.1} ms   max {max:>8.1} ms", "every query, count and chart");
    println!("{:<48} {} charts, {:.1} KB of SVG", "drawn", dashboard.breakdowns.len(), svg_bytes as f64 / 1024.0);
    println!("(the server keeps a dashboard per belt and language until the outbox sees a change, at most 60 s)");

    // 3. For wrk.
    std::fs::write(options.data_dir.join("dashboard-belt.txt"), &slug)?;
    println!("next: wrk on http://{}/belts/{slug}/dashboard", options.addr);
    Ok(())
}
