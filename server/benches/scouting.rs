//! `cargo xtask bench scouting`: ranking suppliers for scouting briefs at
//! scale, in process, on a fresh SQLite file and a managed Meilisearch.
//!
//! 1. Loads N synthetic supply profiles (deterministic seed) through the real
//!    write path and lets the outbox index them.
//!    Then writes 20,000 inquiries over the last 90 days, most answered,
//!    so that the reply records ranking reads are not empty.
//! 2. Ranks the top 50 (with reasons and gaps) for 50 varied briefs: from
//!    Meilisearch under the brief's hard filters, as the brief page does, and
//!    through the database fallback.
//! 3. Opens 5,000 briefs and times the reverse view: the open briefs one
//!    manufacturer fits, best first.
//!
//! Figures are printed, never asserted.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use app::scouting::score::Needs;
use app::scouting::units::{Period, RequiredCapacity};
use app::seed::synthetic;
use app::suppliers::types::{BusinessModel, Certification, Quantity, QuantityUnit};
use rand::rngs::StdRng;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};

mod support;
use support::{bar, percentiles, tick};

struct Options {
    meili: PathBuf,
    count: usize,
    briefs: usize,
    open_briefs: usize,
    rounds: usize,
    seed: u64,
    inquiries: usize,
}

fn options() -> Result<Options> {
    let mut options =
        Options { meili: PathBuf::new(), count: 100_000, briefs: 50, open_briefs: 5_000, rounds: 10, seed: 20_261_202, inquiries: 20_000 };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().with_context(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--meili" => options.meili = PathBuf::from(value()?),
            "--count" => options.count = value()?.parse().context("--count")?,
            "--briefs" => options.briefs = value()?.parse().context("--briefs")?,
            "--open-briefs" => options.open_briefs = value()?.parse().context("--open-briefs")?,
            "--rounds" => options.rounds = value()?.parse().context("--rounds")?,
            "--seed" => options.seed = value()?.parse().context("--seed")?,
            "--inquiries" => options.inquiries = value()?.parse().context("--inquiries")?,
            "--bench" => {} // added by `cargo bench`
            other => bail!("unknown argument {other}"),
        }
    }
    if options.meili.as_os_str().is_empty() {
        bail!(
            "usage: scouting --meili BINARY [--count N] [--briefs B] [--open-briefs O] [--rounds R] (run by `cargo xtask bench scouting`)"
        );
    }
    Ok(options)
}

fn row(label: &str, samples: Vec<Duration>) {
    let n = samples.len();
    let (p50, p99, max) = percentiles(samples);
    println!("{label:<48} p50 {p50:>8.1} ms   p99 {p99:>8.1} ms   max {max:>8.1} ms   ({n} rankings)");
}

/// Briefs as scouts write them: one or two of a belt's categories, in that
/// belt, a few belts or anywhere; markets, certifications, a capacity (now
/// and then in a unit that does not convert, or per week), a lead time, a model.
fn briefs(seed: u64, count: usize, belts: &[synthetic::BeltStock], belt_slugs: &[(i32, String)]) -> Vec<Needs> {
    const MARKETS: [&str; 8] = ["US", "DE", "JP", "GB", "FR", "AU", "CA", "AE"];
    let mut rng = StdRng::seed_from_u64(seed);
    (0..count)
        .map(|i| {
            let belt = belts.choose(&mut rng).expect("belts");
            let slug = belt_slugs.iter().find(|(id, _)| *id == belt.id).map(|(_, s)| s.clone()).unwrap_or_default();
            let mut categories: Vec<String> = belt.categories.iter().map(|(c, _)| c.clone()).collect();
            categories.truncate(rng.random_range(1..=2));
            let belts = match i % 4 {
                0 => Vec::new(),
                1 => {
                    let mut some: Vec<String> = belt_slugs.choose_multiple(&mut rng, 3).map(|(_, s)| s.clone()).collect();
                    some.push(slug);
                    some.sort();
                    some.dedup();
                    some
                }
                _ => vec![slug],
            };
            let unit = [QuantityUnit::Piece, QuantityUnit::Pair, QuantityUnit::Dozen, QuantityUnit::Set][i % 4];
            let (market_count, certification_count, model_count) =
                (rng.random_range(0..=2), rng.random_range(0..=2), rng.random_range(0..=1));
            Needs {
                categories,
                markets: MARKETS.choose_multiple(&mut rng, market_count).map(|m| m.to_string()).collect(),
                certifications: Certification::ALL.choose_multiple(&mut rng, certification_count).copied().collect(),
                capacity: (i % 5 != 0).then(|| RequiredCapacity {
                    amount: Quantity { value: 10f64.powf(rng.random_range(3.0..5.5)).round() as i64, unit },
                    period: if i % 3 == 0 { Period::Week } else { Period::Month },
                }),
                max_lead_time_days: Some(rng.random_range(10..45)),
                business_models: BusinessModel::ALL.choose_multiple(&mut rng, model_count).copied().collect(),
                belts,
                samples_needed: i % 2 == 0,
            }
        })
        .collect()
}

#[tokio::main]
async fn main() -> Result<()> {
    let options = options()?;
    let dir = tempfile::tempdir()?;
    let db = app::db::connect(&format!("sqlite://{}?mode=rwc", dir.path().join("beltlink.sqlite").display())).await?;
    app::db::migrate(&db).await?;
    app::seed::seed(&db, &app::seed::demo()?, |_, _| {}).await?;
    let meili = app::search::managed::ManagedMeilisearch::start(&options.meili, &dir.path().join("meilisearch"), None).await?;
    let search = app::search::service::SearchService::new(&format!("http://127.0.0.1:{}", meili.port), &meili.master_key, "beltlink")?;
    search.prepare_index(search.index_uid()).await?;

    // 1. The profiles.
    let belts = synthetic::belt_stock(&db).await?;
    let suppliers = synthetic::generate(options.seed, options.count, &belts);
    println!("\n== Loading {} synthetic supply profiles (seed {}) ==", options.count, options.seed);
    let started = Instant::now();
    let writing = bar(options.count as u64, "writing");
    let mut slugs = Vec::with_capacity(options.count);
    for (n, supplier) in suppliers.iter().enumerate() {
        slugs.push(synthetic::write(&db, supplier).await?);
        tick(&writing, n as u64 + 1, options.count as u64);
    }
    writing.finish_and_clear();
    let pending = app::search::outbox::pending(&db).await?;
    let indexing = bar(pending, "indexing");
    loop {
        let left = app::search::outbox::pending(&db).await?;
        tick(&indexing, pending - left, pending);
        if left == 0 {
            break;
        }
        if app::search::outbox::process_batch(&db, &search).await.is_err() {
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }
    indexing.finish_and_clear();
    println!("{:<48} {:>8.1} s", "written and indexed in", started.elapsed().as_secs_f64());
    inquiries(&db, &slugs, &options).await?;

    // 2. Ranking.
    let belt_slugs: Vec<(i32, String)> = {
        use sea_orm::EntityTrait;
        app::entities::belt::Entity::find().all(&db).await?.into_iter().map(|b| (b.id, b.slug)).collect()
    };
    let briefs = briefs(options.seed, options.briefs, &belts, &belt_slugs);
    let mut candidates = Vec::new();
    let mut from_search = Vec::new();
    for needs in &briefs {
        for _ in 0..options.rounds {
            let at = Instant::now();
            let matches = app::scouting::matching::matches(&db, &search, needs).await?;
            from_search.push(at.elapsed());
            assert!(!matches.from_database, "search answered");
            candidates.push(matches.candidates);
        }
    }
    candidates.sort_unstable();
    println!("\n== Top 50 suppliers with reasons for {} briefs over {} profiles ==", briefs.len(), options.count);
    println!(
        "{:<48} median {}, largest {} (at most {} read per query)",
        "candidates passing the hard filters",
        candidates[candidates.len() / 2],
        candidates.last().copied().unwrap_or(0),
        app::scouting::matching::POOL
    );
    row("from Meilisearch, scored (what the page does)", from_search);
    let mut from_db = Vec::new();
    for needs in &briefs {
        for _ in 0..options.rounds.div_ceil(5) {
            let at = Instant::now();
            let (pool, _) = app::scouting::matching::from_database(&db, needs).await?;
            let best = app::scouting::matching::best(needs, pool, app::scouting::matching::SHOWN);
            let shown: Vec<_> = best.into_iter().map(|(fit, shown)| app::scouting::matching::view(fit, shown)).collect();
            std::hint::black_box(shown);
            from_db.push(at.elapsed());
        }
    }
    row("through the database fallback (exact)", from_db);

    // 3. The reverse view over many open briefs.
    println!("\n== The briefs one manufacturer fits, over {} open briefs ==", options.open_briefs);
    let platform = {
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        app::entities::organisation::Entity::find()
            .filter(app::entities::organisation::Column::Slug.eq("amazon"))
            .one(&db)
            .await?
            .context("amazon")?
    };
    let today = app::scouting::rules::china_today(chrono::Utc::now());
    let opening = bar(options.open_briefs as u64, "opening");
    let txn = app::db::begin_write(&db).await?;
    for (n, needs) in self::briefs(options.seed + 1, options.open_briefs, &belts, &belt_slugs).into_iter().enumerate() {
        let data = app::scouting::types::BriefData {
            title: app::i18n::Bilingual::new(format!("寻源需求 {n}"), format!("Brief {n}")),
            details: app::i18n::Bilingual::default(),
            needs,
            price_band: None,
            deadline: today + chrono::Duration::days(30 + (n % 300) as i64),
            audience: None,
        };
        let slug = app::scouting::repo::save_in(&txn, &platform, None, None, &data, false).await?;
        let brief = app::scouting::repo::by_slug(&txn, &slug).await?;
        app::scouting::repo::set_status(&txn, &brief, app::scouting::types::BriefStatus::Open, None, chrono::Utc::now()).await?;
        tick(&opening, n as u64 + 1, options.open_briefs as u64);
    }
    txn.commit().await?;
    opening.finish_and_clear();
    let lookup = app::scouting::repo::Lookup::load(&db).await?;
    let mut rng = StdRng::seed_from_u64(options.seed);
    let mut reverse = Vec::new();
    let mut fitting = Vec::new();
    for (n, slug) in slugs.choose_multiple(&mut rng, 50).enumerate() {
        let actor = member_of(&db, slug, n).await?;
        for _ in 0..options.rounds.div_ceil(2) {
            let at = Instant::now();
            let fits = app::scouting::repo::firm_fits(&db, &actor, chrono::Utc::now(), &lookup).await?;
            reverse.push(at.elapsed());
            fitting.push(fits.first().map_or(0, |f| f.total));
        }
    }
    fitting.sort_unstable();
    println!("{:<48} median {}, largest {}", "open briefs a firm fits", fitting[fitting.len() / 2], fitting.last().copied().unwrap_or(0));
    row("briefs for a manufacturer, best 20 with reasons", reverse);
    meili.stop().await;
    Ok(())
}

/// Inquiries to random firms over the last 90 days, most answered within a
/// few days, through the app's own inquiry functions, so that ranking reads
/// reply records as it would on a live site.
async fn inquiries(db: &sea_orm::DatabaseConnection, slugs: &[String], options: &Options) -> Result<()> {
    use app::inquiries::repo::{self, NewInquiry};
    let count = options.inquiries;
    if count == 0 || slugs.is_empty() {
        return Ok(());
    }
    let buyer = person(db, "bench-buyer@example.com", app::accounts::types::Role::PlatformScout).await?;
    let mail = app::state::MailSettings::local("http://localhost:3000");
    let mut rng = StdRng::seed_from_u64(options.seed + 2);
    let now = chrono::Utc::now();
    let started = Instant::now();
    let writing = bar(count as u64, "inquiries");
    let mut answered = 0;
    for chunk in (0..count).collect::<Vec<_>>().chunks(1_000) {
        let txn = app::db::begin_write(db).await?;
        for &n in chunk {
            let supplier = app::read::organisation_by_slug(&txn, slugs.choose(&mut rng).context("a firm")?).await?;
            let sent = now - chrono::Duration::minutes(rng.random_range(0..89 * 24 * 60));
            let new = NewInquiry {
                sender: &buyer,
                write_as: None,
                supplier: &supplier,
                brief: None,
                subject: format!("Inquiry {n}"),
                body: "Samples and a quote, please.".into(),
            };
            let id = repo::start(&txn, &mail, new, sent).await?;
            let replied = sent + chrono::Duration::minutes(rng.random_range(10..5 * 24 * 60));
            if rng.random_bool(0.7) && replied < now {
                let thread = repo::thread(&txn, id).await?;
                repo::reply(&txn, &mail, &thread, &buyer, app::inquiries::types::Side::Supplier, "Yes: samples ship this week.", replied)
                    .await?;
                answered += 1;
            }
            tick(&writing, n as u64 + 1, count as u64);
        }
        txn.commit().await?;
    }
    writing.finish_and_clear();
    println!(
        "{:<48} {count} ({answered} answered) in {:.1} s",
        "inquiries written (reply records read in ranking)",
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// A person with a confirmed address and `role`.
async fn person(
    db: &sea_orm::DatabaseConnection,
    email: &str,
    role: app::accounts::types::Role,
) -> Result<app::accounts::types::CurrentUser> {
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    let person = app::entities::user::ActiveModel {
        email: Set(email.to_string()),
        display_name: Set(email.to_string()),
        password_hash: Set(String::new()),
        role: Set(role.code().to_string()),
        created_at: Set(chrono::Utc::now()),
        updated_at: Set(chrono::Utc::now()),
        last_sign_in_at: Set(None),
        session_epoch: Set(0),
        email_confirmed_at: Set(Some(chrono::Utc::now())),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(app::accounts::types::CurrentUser {
        id: person.id,
        email: person.email,
        display_name: person.display_name,
        role,
        email_confirmed: true,
    })
}

/// A person who owns the firm at `slug` (made here: synthetic firms have nobody).
async fn member_of(db: &sea_orm::DatabaseConnection, slug: &str, n: usize) -> Result<app::accounts::types::CurrentUser> {
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    let org = app::read::organisation_by_slug(db, slug).await?;
    let owner = person(db, &format!("bench-owner-{n}@example.com"), app::accounts::types::Role::Manufacturer).await?;
    app::entities::membership::ActiveModel {
        user_id: Set(owner.id),
        organisation_id: Set(org.id),
        role: Set(app::accounts::types::MemberRole::Owner.code().to_string()),
        status: Set(app::accounts::types::MembershipStatus::Active.code().to_string()),
        created_at: Set(chrono::Utc::now()),
    }
    .insert(db)
    .await?;
    Ok(owner)
}
