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

/// Data from before powers were granted: what was legitimately given keeps
/// working, what anyone could choose waits for a site admin, and earlier
/// verifications become the start of the record.
#[tokio::test]
async fn granted_roles_migrate_existing_data() {
    use sea_orm::ConnectionTrait;
    for test_db in common::every_backend().await {
        let db = &test_db.db;
        app::seed::seed(db, &app::seed::demo().unwrap(), |_, _| {}).await.unwrap();
        let stamp = chrono::Utc::now();
        let created = organisation::Entity::find().one(db).await.unwrap().unwrap().created_at;
        // Back to before `granted_roles` (and the migrations after it).
        let since_granted_roles =
            Migrator::migrations().iter().rev().position(|m| m.name() == "m20261125_000009_granted_roles").expect("that migration") + 1;
        Migrator::down(db, Some(since_granted_roles as u32)).await.unwrap();
        let at = |value: chrono::DateTime<chrono::Utc>| sea_orm::Value::ChronoDateTimeUtc(Some(value));
        let run = |sql: &str, values: Vec<sea_orm::Value>| {
            let statement = sea_orm::Statement::from_sql_and_values(db.get_database_backend(), sql, values);
            async move { db.execute_raw(statement).await.unwrap() }
        };
        let pg = db.get_database_backend() == sea_orm::DbBackend::Postgres;
        let p = |n: usize| if pg { format!("${n}") } else { "?".to_string() };
        for (email, role) in [("self-made@example.com", "association_admin"), ("admin@example.com", "site_admin")] {
            run(
                &format!(
                    "INSERT INTO users (email, display_name, password_hash, role, created_at, updated_at) VALUES ({}, {}, 'x', {}, {}, {})",
                    p(1),
                    p(2),
                    p(3),
                    p(4),
                    p(5)
                ),
                vec![email.into(), email.into(), role.into(), at(stamp), at(stamp)],
            )
            .await;
        }
        for (slug, verified) in [("self-made-association", true), ("admin-made-association", false)] {
            run(
                &format!(
                    "INSERT INTO organisations (slug, kind, name_en, description_zh, description_en, is_demo, verified_at, verified_by, verification_evidence, created_at, updated_at) \
                     VALUES ({}, 'association', {}, '', '', {}, {}, {}, {}, {}, {})",
                    p(1), p(2), p(3), p(4), p(5), p(6), p(7), p(8)
                ),
                vec![
                    slug.into(),
                    slug.into(),
                    false.into(),
                    if verified { at(created) } else { sea_orm::Value::ChronoDateTimeUtc(None) },
                    (if verified { Some("Old Verifier") } else { None }).into(),
                    (if verified { Some("licence 123") } else { None }).into(),
                    at(created),
                    at(created),
                ],
            )
            .await;
        }
        for (email, slug) in [("self-made@example.com", "self-made-association"), ("admin@example.com", "admin-made-association")] {
            run(
                &format!(
                    "INSERT INTO memberships (user_id, organisation_id, role, created_at) \
                     SELECT u.id, o.id, 'owner', {} FROM users u, organisations o WHERE u.email = {} AND o.slug = {}",
                    p(1),
                    p(2),
                    p(3)
                ),
                vec![at(stamp), email.into(), slug.into()],
            )
            .await;
            run(
                &format!("INSERT INTO belt_organisations (belt_id, organisation_id, role) SELECT b.id, o.id, 'association' FROM belts b, organisations o WHERE b.slug = 'pingdu-false-eyelashes' AND o.slug = {}", p(1)),
                vec![slug.into()],
            )
            .await;
        }
        Migrator::up(db, None).await.unwrap();

        let find = |slug: &'static str| async move { app::read::organisation_by_slug(db, slug).await.unwrap() };
        let self_made = find("self-made-association").await;
        assert!(self_made.approved_at.is_none(), "a self-chosen association waits for approval ({})", test_db.url);
        let owner = app::accounts::repo::find_by_email(db, "self-made@example.com").await.unwrap().unwrap();
        assert_eq!(self_made.created_by, Some(owner.id));
        assert!(find("admin-made-association").await.approved_at.is_some(), "a site admin's association keeps its powers");
        let amazon = find("amazon").await;
        assert!(amazon.approved_at.is_some(), "other kinds need no approval");
        let links = app::entities::belt_organisation::Entity::find()
            .filter(app::entities::belt_organisation::Column::OrganisationId.eq(amazon.id))
            .all(db)
            .await
            .unwrap();
        assert!(!links.is_empty() && links.iter().all(|l| l.approved_at.is_some()), "{}", test_db.url);
        let record = app::orgs::verifications::history(db, self_made.id).await.unwrap();
        assert_eq!(record.len(), 1, "{}", test_db.url);
        assert_eq!(
            (record[0].verifier.as_str(), record[0].evidence.as_str(), record[0].verifier_recorded),
            ("Old Verifier", "licence 123", false)
        );
        // The owner keeps their place; the powers come with approval.
        assert_eq!(
            app::orgs::repo::membership_of(db, owner.id, self_made.id).await.unwrap(),
            Some(app::accounts::types::MemberRole::Owner)
        );
    }
}
