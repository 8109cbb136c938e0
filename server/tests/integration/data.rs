//! Migrations and seeding, on SQLite and on PostgreSQL.

use crate::common;

use app::entities::{belt, belt_figure, organisation};
use migrations::{Migrator, MigratorTrait};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter};

#[tokio::test]
async fn migrations_go_down_and_up_again() {
    for test_db in common::every_backend().await {
        let db = &test_db.db;
        Migrator::down(db, None).await.unwrap();
        assert!(belt::Entity::find().count(db).await.is_err(), "tables are gone ({})", test_db.url);
        Migrator::up(db, None).await.unwrap();
        assert_eq!(belt::Entity::find().count(db).await.unwrap(), 0);
    }
}

#[tokio::test]
async fn seeding_is_idempotent_and_repairs_drift() {
    for test_db in common::every_backend().await {
        let db = &test_db.db;
        let file = app::seed::demo().unwrap();
        let mut steps = 0;
        let first = app::seed::seed(db, &file, |done, _| steps = done).await.unwrap();
        assert_eq!(steps, app::seed::step_count(&file), "progress covers every step");
        assert_eq!(first.updated + first.unchanged, 0);
        let belts = belt::Entity::find().count(db).await.unwrap();
        let figures = belt_figure::Entity::find().count(db).await.unwrap();
        let queued = app::search::outbox::pending(db).await.unwrap();
        assert!(belts >= 15);

        let second = app::seed::seed(db, &file, |_, _| {}).await.unwrap();
        assert_eq!((second.created, second.updated), (0, 0), "{}", test_db.url);
        assert_eq!(belt::Entity::find().count(db).await.unwrap(), belts);
        assert_eq!(belt_figure::Entity::find().count(db).await.unwrap(), figures);
        assert_eq!(app::search::outbox::pending(db).await.unwrap(), queued, "no needless search updates");

        let amazon = organisation::Entity::find().filter(organisation::Column::Slug.eq("amazon")).one(db).await.unwrap().unwrap();
        assert!(amazon.is_demo && amazon.verified_at.is_none(), "demo entries are marked and unverified");
        let mut drifted = amazon.into_active_model();
        drifted.description_en = Set("edited by hand".into());
        drifted.update(db).await.unwrap();
        let third = app::seed::seed(db, &file, |_, _| {}).await.unwrap();
        assert_eq!(third.updated, 1);
        assert_eq!(app::search::outbox::pending(db).await.unwrap(), queued + 1);
    }
}

#[tokio::test]
async fn directory_queries_work_on_every_backend() {
    for test_db in common::every_backend().await {
        let db = &test_db.db;
        app::seed::seed(db, &app::seed::demo().unwrap(), |_, _| {}).await.unwrap();
        let filter = app::belts::types::BeltFilter { province: Some("hunan".into()), category: Some("fishing-tackle".into()) };
        let snapshot = app::belts::repo::directory_snapshot(db).await.unwrap();
        let dir = app::belts::repo::directory(&snapshot, filter).unwrap();
        let slugs: Vec<&str> = dir.belts.iter().map(|b| b.slug.as_str()).collect();
        assert_eq!(slugs, ["linxiang-fishing-floats", "miluo-fishing-tackle"], "{}", test_db.url);
        let detail = app::belts::repo::detail(db, "pingdu-false-eyelashes").await.unwrap();
        assert_eq!(detail.figures.len(), 4);
        assert!(detail.organisations.iter().any(|o| o.slug == "amazon"));
    }
}
