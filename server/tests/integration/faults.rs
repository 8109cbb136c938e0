//! Bursts of writes while things fail: Meilisearch killed and started again,
//! the app stopped mid-burst and started again. Afterwards every write that
//! committed is searchable, exactly once, in its latest state.

use crate::common;

use std::time::{Duration, Instant};

use app::entities::organisation;
use app::search::service::SearchService;
use app::search::{drift, outbox};
use app::seed::synthetic::{self, SyntheticSupplier};
use common::*;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

const BURST: usize = 500;

async fn burst(db: &DatabaseConnection) -> Vec<SyntheticSupplier> {
    let belts = synthetic::belt_stock(db).await.unwrap();
    synthetic::generate(2026, BURST, &belts)
}

async fn wait_until_delivered(db: &DatabaseConnection) {
    let deadline = Instant::now() + Duration::from_secs(120);
    while outbox::pending(db).await.unwrap() > 0 {
        assert!(Instant::now() < deadline, "the outbox did not drain: {} left", outbox::pending(db).await.unwrap());
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// (slug, English name) of the burst's suppliers that reached the database.
async fn written(db: &DatabaseConnection, suppliers: &[SyntheticSupplier]) -> Vec<(String, String)> {
    let names: Vec<String> = suppliers.iter().map(|s| s.organisation.name.en.clone()).collect();
    let mut firms = Vec::new();
    for chunk in names.chunks(100) {
        let found = organisation::Entity::find().filter(organisation::Column::NameEn.is_in(chunk.iter().cloned())).all(db).await.unwrap();
        firms.extend(found.into_iter().map(|o| (o.slug, o.name_en.unwrap_or_default())));
    }
    firms
}

/// The index holds exactly what the database says (nothing missing, stale or
/// extra), and every written supplier is found by its name, once.
async fn assert_searchable_once(db: &DatabaseConnection, search: &SearchService, firms: &[(String, String)]) {
    let report = drift::check(db, search, |_, _| {}).await.unwrap();
    assert!(report.is_clean() && report.in_flight == 0, "{report:?}");
    for (slug, name) in firms {
        let hrefs = search_hrefs(search, &format!("\"{name}\"")).await;
        let page = format!("/suppliers/{slug}");
        assert_eq!(hrefs.iter().filter(|h| **h == page).count(), 1, "{name}: {hrefs:?}");
    }
}

#[tokio::test]
async fn meilisearch_killed_during_a_burst_of_writes_misses_none_and_doubles_none() {
    let db = sqlite().await;
    let mut meili = TestMeili::start().await;
    let search = meili.service();
    seeded(&db.db, &search).await;
    let worker = tokio::spawn(outbox::run_worker(db.db.clone(), search.clone()));
    let suppliers = burst(&db.db).await;

    for (n, supplier) in suppliers.iter().enumerate() {
        if n == 150 {
            meili.kill().await;
        }
        if n == 350 {
            meili.restart().await;
        }
        synthetic::write(&db.db, supplier).await.unwrap();
        search.outbox_wake.notify_one();
    }
    wait_until_delivered(&db.db).await;
    worker.abort();

    let firms = written(&db.db, &suppliers).await;
    assert_eq!(firms.len(), BURST);
    assert_searchable_once(&db.db, &search, &firms).await;
}

#[tokio::test]
async fn the_app_stopped_mid_burst_and_started_again_misses_none_and_doubles_none() {
    let db = sqlite().await;
    let meili = TestMeili::start().await;
    let search = meili.service();
    seeded(&db.db, &search).await;
    let suppliers = burst(&db.db).await;

    // The first run: a writer and the worker, both stopped dead partway.
    let first = app::db::connect(&db.url).await.unwrap();
    let worker = tokio::spawn(outbox::run_worker(first.clone(), search.clone()));
    let writer = {
        let (first, suppliers, search) = (first.clone(), suppliers.clone(), search.clone());
        tokio::spawn(async move {
            for supplier in &suppliers {
                synthetic::write(&first, supplier).await.unwrap();
                search.outbox_wake.notify_one();
            }
        })
    };
    let deadline = Instant::now() + Duration::from_secs(120);
    while written(&db.db, &suppliers).await.len() < BURST / 2 {
        assert!(Instant::now() < deadline && !writer.is_finished(), "the writer stalled");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    writer.abort();
    worker.abort();
    let _ = (writer.await, worker.await);
    first.close().await.unwrap();
    let before_restart = written(&db.db, &suppliers).await;
    assert!(before_restart.len() < BURST, "stopped before the burst ended");

    // The second run: new connection, new worker; the writes that never happened are made now.
    let second = app::db::connect(&db.url).await.unwrap();
    let worker = tokio::spawn(outbox::run_worker(second.clone(), search.clone()));
    for supplier in &suppliers {
        if !before_restart.iter().any(|(_, name)| *name == supplier.organisation.name.en) {
            synthetic::write(&second, supplier).await.unwrap();
            search.outbox_wake.notify_one();
        }
    }
    wait_until_delivered(&second).await;
    worker.abort();

    let firms = written(&second, &suppliers).await;
    assert_eq!(firms.len(), BURST);
    assert_searchable_once(&second, &search, &firms).await;
}
