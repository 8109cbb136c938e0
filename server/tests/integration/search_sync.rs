//! The outbox between the database and Meilisearch, and full rebuilds,
//! against a real Meilisearch that is stopped and started under them.

use crate::common;

use app::entities::{belt, search_outbox};
use app::search::document::EntityKind;
use app::search::outbox;
use common::*;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, TransactionTrait};

async fn rename_belt(db: &sea_orm::DatabaseConnection, slug: &str, name_en: &str) -> i32 {
    let txn = app::db::begin_write(db).await.unwrap();
    let model = belt::Entity::find().filter(belt::Column::Slug.eq(slug)).one(&txn).await.unwrap().unwrap();
    let id = model.id;
    let mut active = model.into_active_model();
    active.name_en = Set(name_en.to_string());
    active.update(&txn).await.unwrap();
    outbox::enqueue(&txn, EntityKind::Belt, id).await.unwrap();
    txn.commit().await.unwrap();
    id
}

/// Whether a search for every word of `query` finds `href` (not a search that had to leave words out).
async fn finds(search: &app::search::service::SearchService, query: &str, href: &str) -> bool {
    let asked = app::search::query::SearchQuery { q: query.to_string(), ..Default::default() };
    let found = search.search(&asked, None).await.expect("search answers");
    found.dropped_words.is_empty() && found.hits.into_iter().any(|h| app::search::results::hit(h, None).href == href)
}

#[tokio::test]
async fn an_update_made_while_meilisearch_is_down_arrives_when_it_is_back() {
    let db = sqlite().await;
    let mut meili = TestMeili::start().await;
    let search = meili.service();
    seeded(&db.db, &search).await;

    meili.kill().await;
    rename_belt(&db.db, "miluo-fishing-tackle", "Miluo Carbon Rod Capital").await;
    assert!(outbox::process_batch(&db.db, &search).await.is_err(), "delivery fails while Meilisearch is down");
    let kept = search_outbox::Entity::find().all(&db.db).await.unwrap();
    assert_eq!(kept.len(), 1, "the update is kept");
    assert_eq!(kept[0].attempts, 1);
    assert!(kept[0].last_error.is_some());

    meili.restart().await;
    tokio::time::sleep(outbox::backoff(1)).await;
    drain_outbox(&db.db, &search).await;
    assert!(finds(&search, "Carbon Rod Capital", "/belts/miluo-fishing-tackle").await);
}

#[tokio::test]
async fn pending_updates_survive_an_app_restart() {
    let db = sqlite().await;
    let meili = TestMeili::start().await;
    let search = meili.service();
    seeded(&db.db, &search).await;
    rename_belt(&db.db, "jimo-womens-wear", "Jimo Fashion Coast").await;
    db.db.clone().close().await.unwrap();

    // A new process: new connection, new search handle, same files.
    let reopened = app::db::connect(&db.url).await.unwrap();
    assert_eq!(outbox::pending(&reopened).await.unwrap(), 1);
    let search = meili.service();
    drain_outbox(&reopened, &search).await;
    assert!(finds(&search, "Fashion Coast", "/belts/jimo-womens-wear").await);
}

#[tokio::test]
async fn repeated_updates_are_delivered_once_with_the_latest_state() {
    let db = sqlite().await;
    let meili = TestMeili::start().await;
    let search = meili.service();
    seeded(&db.db, &search).await;
    for name in ["First Name", "Second Name", "Final Pingdu Name"] {
        rename_belt(&db.db, "pingdu-false-eyelashes", name).await;
    }
    assert_eq!(outbox::process_batch(&db.db, &search).await.unwrap(), 3);
    assert_eq!(outbox::pending(&db.db).await.unwrap(), 0);
    assert!(finds(&search, "Final Pingdu Name", "/belts/pingdu-false-eyelashes").await);
    assert!(!finds(&search, "Second Name", "/belts/pingdu-false-eyelashes").await);
}

#[tokio::test]
async fn a_deleted_entity_leaves_the_index() {
    let db = sqlite().await;
    let meili = TestMeili::start().await;
    let search = meili.service();
    seeded(&db.db, &search).await;
    assert!(finds(&search, "knives", "/belts/yangjiang-knives-scissors").await);
    let txn = db.db.begin().await.unwrap();
    let model = belt::Entity::find().filter(belt::Column::Slug.eq("yangjiang-knives-scissors")).one(&txn).await.unwrap().unwrap();
    belt::Entity::delete_by_id(model.id).exec(&txn).await.unwrap();
    outbox::enqueue(&txn, EntityKind::Belt, model.id).await.unwrap();
    txn.commit().await.unwrap();
    drain_outbox(&db.db, &search).await;
    assert!(!finds(&search, "knives", "/belts/yangjiang-knives-scissors").await);
}

#[tokio::test]
async fn reindex_swaps_in_a_complete_index_and_cleans_up() {
    let db = sqlite().await;
    let meili = TestMeili::start().await;
    let search = meili.service();
    seeded(&db.db, &search).await;
    // A leftover from an interrupted rebuild must not break the next one.
    search.prepare_index(&search.rebuild_uid()).await.unwrap();

    let mut reports = Vec::new();
    let written = app::search::reindex::reindex(&db.db, &search, |done, total| reports.push((done, total))).await.unwrap();
    let expected = app::search::document::count_all(&db.db).await.unwrap();
    assert_eq!(written, expected);
    assert_eq!(reports.last(), Some(&(expected, expected)), "progress reaches the total");
    assert!(!search.index_exists(&search.rebuild_uid()).await.unwrap(), "the rebuild index is gone");
    let stats = search.live_index().get_stats().await.unwrap();
    assert_eq!(stats.number_of_documents as u64, expected);
    assert!(finds(&search, "假睫毛", "/belts/pingdu-false-eyelashes").await);
}

#[tokio::test]
async fn an_index_written_by_an_older_build_is_rebuilt_at_start_up() {
    let db = sqlite().await;
    let meili = TestMeili::start().await;
    let search = meili.service();
    seeded(&db.db, &search).await;
    // What an older build wrote for Pingdu: no schema version, no Chinese sub-words.
    let pingdu =
        app::search::document::load(&db.db, EntityKind::Belt, belt_id(&db.db, "pingdu-false-eyelashes").await).await.unwrap().unwrap();
    let mut old = serde_json::to_value(&pingdu).unwrap();
    old.as_object_mut().unwrap().remove("schema_version");
    old.as_object_mut().unwrap().remove("subwords_zh");
    let task = search.live_index().add_or_replace(&[old], Some("id")).await.unwrap();
    search.wait(task).await.unwrap();
    assert_eq!(search.outdated_documents(search.index_uid()).await.unwrap(), 1);

    server::prepare_search(&db.db, &search).await;
    assert_eq!(search.outdated_documents(search.index_uid()).await.unwrap(), 0);
    let indexed: app::search::document::SearchDocument = search.live_index().get_document(&pingdu.id).await.unwrap();
    assert_eq!(indexed, pingdu, "rebuilt as this build writes it");
    assert!(indexed.subwords_zh.split(' ').any(|w| w == "睫毛"), "{}", indexed.subwords_zh);
    let expected = app::search::document::count_all(&db.db).await.unwrap();
    assert_eq!(search.live_index().get_stats().await.unwrap().number_of_documents as u64, expected, "nothing lost or doubled");
}

async fn belt_id(db: &sea_orm::DatabaseConnection, slug: &str) -> i32 {
    belt::Entity::find().filter(belt::Column::Slug.eq(slug)).one(db).await.unwrap().unwrap().id
}

#[tokio::test]
async fn updates_during_a_rebuild_reach_the_index_being_built() {
    let db = sqlite().await;
    let meili = TestMeili::start().await;
    let search = meili.service();
    seeded(&db.db, &search).await;
    let rebuild = search.rebuild_uid();
    search.prepare_index(&rebuild).await.unwrap();

    rename_belt(&db.db, "shanwei-jewellery", "Shanwei Pearl Coast").await;
    drain_outbox(&db.db, &search).await;
    let in_rebuild: app::search::document::SearchDocument =
        search
            .client()
            .index(&rebuild)
            .get_document(&EntityKind::Belt.document_id(
                belt::Entity::find().filter(belt::Column::Slug.eq("shanwei-jewellery")).one(&db.db).await.unwrap().unwrap().id,
            ))
            .await
            .unwrap();
    assert_eq!(in_rebuild.name_en, "Shanwei Pearl Coast");
    assert!(finds(&search, "Pearl Coast", "/belts/shanwei-jewellery").await);
}

#[tokio::test]
async fn the_cached_directory_shows_a_change_once_the_outbox_has_picked_it_up() {
    let db = sqlite().await;
    let meili = TestMeili::start().await;
    let search = meili.service();
    seeded(&db.db, &search).await;
    let site = router(&db, search.clone());
    assert!(get(&site, "/belts", "en").await.body.contains("Pingdu False Eyelashes Belt"));

    rename_belt(&db.db, "pingdu-false-eyelashes", "Pingdu Lash Belt").await;
    drain_outbox(&db.db, &search).await;
    let page = get(&site, "/belts", "en").await;
    assert!(page.body.contains("Pingdu Lash Belt") && !page.body.contains("Pingdu False Eyelashes Belt"));
}

async fn move_belt(db: &sea_orm::DatabaseConnection, slug: &str, latitude: f64) {
    let txn = app::db::begin_write(db).await.unwrap();
    let model = belt::Entity::find().filter(belt::Column::Slug.eq(slug)).one(&txn).await.unwrap().unwrap();
    let id = model.id;
    let mut active = model.into_active_model();
    active.latitude = Set(latitude);
    active.update(&txn).await.unwrap();
    outbox::enqueue(&txn, EntityKind::Belt, id).await.unwrap();
    txn.commit().await.unwrap();
}

#[tokio::test]
async fn a_document_meilisearch_refuses_is_set_apart_with_its_reason_and_the_rest_goes_through() {
    use app::accounts::types::Role;
    let site = common::site().await;
    let (db, search) = (&site.db.db, &site.search);

    // One batch: a belt whose latitude reaches Meilisearch as `null`, and an ordinary change.
    move_belt(db, "qingdao-tyres", f64::INFINITY).await;
    rename_belt(db, "miluo-fishing-tackle", "Miluo Carbon Rod Capital").await;
    assert_eq!(outbox::process_batch(db, search).await.unwrap(), 2, "the batch settles");
    assert!(finds(search, "Carbon Rod Capital", "/belts/miluo-fishing-tackle").await, "the good change arrived");
    let refused = outbox::dead_letters(db).await.unwrap();
    assert_eq!(refused.len(), 1);
    assert_eq!(refused[0].entity_kind, "belt");
    assert!(refused[0].reason.contains("_geo") || refused[0].reason.contains("latitude"), "{}", refused[0].reason);
    assert_eq!(outbox::pending(db).await.unwrap(), 0, "nothing is retried forever");

    // Site admins see it with the reason; nobody else does.
    let mut admin = user(&site, "admin@example.com", Role::SiteAdmin).await;
    admin.lang = "en";
    let page = admin.get("/admin/search").await;
    assert!(page.body.contains("Qingdao Tyres Belt"), "{}", page.body);
    let mut scout = user(&site, "scout@example.com", Role::PlatformScout).await;
    assert_eq!(scout.get("/admin/search").await.status, axum::http::StatusCode::FORBIDDEN);
    assert_eq!(scout.call("search_status", &[]).await.status, axum::http::StatusCode::FORBIDDEN);

    // Fixed, then sent again by the admin: it goes through and leaves the list.
    let txn = app::db::begin_write(db).await.unwrap();
    let tyres = belt::Entity::find().filter(belt::Column::Slug.eq("qingdao-tyres")).one(&txn).await.unwrap().unwrap();
    let mut active = tyres.into_active_model();
    active.latitude = Set(36.3);
    active.update(&txn).await.unwrap();
    txn.commit().await.unwrap();
    let retried = admin.call("retry_dead_letter", &[("id", &refused[0].id.to_string())]).await;
    assert!(retried.status.is_redirection() || retried.status.is_success(), "{}", retried.status);
    drain_outbox(db, search).await;
    assert!(outbox::dead_letters(db).await.unwrap().is_empty(), "a delivery clears the refusal");
    assert_eq!(scout.call("retry_dead_letter", &[("id", "1")]).await.status, axum::http::StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_drift_check_finds_what_the_index_lost_or_kept_and_repair_puts_it_right() {
    use app::search::drift;
    let db = sqlite().await;
    let meili = TestMeili::start().await;
    let search = meili.service();
    seeded(&db.db, &search).await;
    let clean = drift::check(&db.db, &search, |_, _| {}).await.unwrap();
    assert!(clean.is_clean(), "{clean:?}");
    assert!(clean.in_database > 0);
    assert_eq!(clean.in_database, clean.in_index);

    // Drift as a restored snapshot or a hand edit would leave it.
    let id_of = |slug: &'static str| {
        let db = db.db.clone();
        async move { belt::Entity::find().filter(belt::Column::Slug.eq(slug)).one(&db).await.unwrap().unwrap().id }
    };
    let lost = EntityKind::Belt.document_id(id_of("miluo-fishing-tackle").await);
    search.delete_documents(search.index_uid(), std::slice::from_ref(&lost)).await.unwrap();
    let edited = EntityKind::Belt.document_id(id_of("jimo-womens-wear").await);
    let mut old: app::search::document::SearchDocument = search.live_index().get_document(&edited).await.unwrap();
    old.name_en = "Jimo Garment Town".into();
    search.put_documents(search.index_uid(), &[old]).await.unwrap();
    let ghost = EntityKind::Belt.document_id(99_999);
    let mut gone: app::search::document::SearchDocument = search.live_index().get_document(&edited).await.unwrap();
    gone.id = ghost.clone();
    search.put_documents(search.index_uid(), &[gone]).await.unwrap();
    let junk = serde_json::json!([{ "id": "junk-1", "title": "not ours" }]);
    let task = search.live_index().add_or_replace(junk.as_array().unwrap(), Some("id")).await.unwrap();
    search.wait(task).await.unwrap();
    // A change on its way is not drift.
    rename_belt(&db.db, "pingdu-false-eyelashes", "Pingdu Lash Capital").await;

    let report = drift::check(&db.db, &search, |_, _| {}).await.unwrap();
    assert_eq!(report.missing, vec![lost.clone()]);
    assert_eq!(report.stale, vec![edited.clone()]);
    assert_eq!(report.extra, vec!["junk-1".to_string(), ghost.clone()], "strays first, then entities in order");
    assert_eq!(report.in_flight, 1);

    let mut seen = Vec::new();
    let _ = drift::check(&db.db, &search, |done, total| seen.push((done, total))).await.unwrap();
    assert!(seen.windows(2).all(|w| w[0].0 <= w[1].0), "progress only moves forward");
    assert_eq!(seen.last().map(|&(d, t)| d == t), Some(true), "and ends complete");

    assert_eq!(drift::repair(&db.db, &search, &report).await.unwrap(), 3, "junk belongs to no entity: deleted directly");
    drain_outbox(&db.db, &search).await;
    let repaired = drift::check(&db.db, &search, |_, _| {}).await.unwrap();
    assert!(repaired.is_clean(), "{repaired:?}");
    assert_eq!(repaired.in_flight, 0);
    assert!(finds(&search, "Pingdu Lash Capital", "/belts/pingdu-false-eyelashes").await);
    assert!(finds(&search, "Miluo", "/belts/miluo-fishing-tackle").await);
}

/// The worker keeps several batches with Meilisearch at once. An entity
/// changed again while an earlier batch holding it is still under way must
/// end in its latest state, and a refusal among them must not bring an older
/// state back when it is isolated.
#[tokio::test]
async fn with_batches_under_way_every_entity_ends_in_its_latest_state() {
    let site = common::site().await;
    let (db, search) = (&site.db.db, &site.search);
    let worker = tokio::spawn(outbox::run_worker(db.clone(), search.clone()));

    move_belt(db, "qingdao-tyres", f64::INFINITY).await;
    search.outbox_wake.notify_one();
    let pingdu = belt_id(db, "pingdu-false-eyelashes").await;
    let miluo = belt_id(db, "miluo-fishing-tackle").await;
    for round in 0..600 {
        rename_belt(db, "pingdu-false-eyelashes", &format!("Pingdu Round {round}")).await;
        rename_belt(db, "miluo-fishing-tackle", &format!("Miluo Round {round}")).await;
        search.outbox_wake.notify_one();
    }
    rename_belt(db, "pingdu-false-eyelashes", "Pingdu Final Name").await;
    search.outbox_wake.notify_one();

    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    while outbox::pending(db).await.unwrap() > 0 {
        assert!(std::time::Instant::now() < deadline, "the outbox did not drain");
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    worker.abort();

    let name_in_index = |id: i32| async move {
        let doc: serde_json::Value = search.live_index().get_document(&EntityKind::Belt.document_id(id)).await.unwrap();
        doc["name_en"].as_str().unwrap().to_string()
    };
    assert_eq!(name_in_index(pingdu).await, "Pingdu Final Name");
    assert_eq!(name_in_index(miluo).await, "Miluo Round 599");
    let refused = outbox::dead_letters(db).await.unwrap();
    assert_eq!(refused.len(), 1, "{refused:?}");
    assert_eq!((refused[0].entity_kind.as_str(), refused[0].entity_id), ("belt", belt_id(db, "qingdao-tyres").await));
}
