//! Running a member import: each valid row becomes (or updates) a member
//! firm and its supply profile in its own transaction, while the job row
//! records how far it got. Server only.

use std::collections::HashMap;

use chrono::Utc;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

use crate::associations::member_csv::{self, MemberRow, RowError, COLUMNS};
use crate::associations::repo;
use crate::associations::types::JobStatus;
use crate::changes as outbox;
use crate::changes::EntityKind;
use crate::entities::{association_member, belt_organisation, import_job, organisation};
use crate::error::AppError;
use crate::forms::Problem;
use crate::orgs::types::OrgKind;
use crate::state::AppState;
use crate::suppliers::types::ProfileStatus;

/// How often (in rows) the job's progress is written.
const PROGRESS_EVERY: usize = 25;

/// The slugs and ids of the belts the association serves.
/// The names a member file may use for belts (those the association serves)
/// and categories.
pub async fn names_for_file<C: ConnectionTrait>(db: &C, association_id: i32) -> Result<member_csv::FileNames, AppError> {
    let belts = association_belts(db, association_id).await?;
    let belts = crate::entities::belt::Entity::find()
        .filter(crate::entities::belt::Column::Id.is_in(belts.into_values()))
        .order_by_asc(crate::entities::belt::Column::Slug)
        .all(db)
        .await?
        .into_iter()
        .map(|b| (b.slug, b.name_zh, b.name_en))
        .collect();
    let categories = crate::read::all_categories(db).await?.into_iter().map(|c| (c.slug, c.name.zh, c.name.en)).collect();
    Ok(member_csv::FileNames { belts, categories })
}

pub async fn association_belts<C: ConnectionTrait>(db: &C, association_id: i32) -> Result<HashMap<String, i32>, AppError> {
    let ids: Vec<i32> = belt_organisation::Entity::find()
        .filter(belt_organisation::Column::OrganisationId.eq(association_id))
        .filter(belt_organisation::Column::ApprovedAt.is_not_null())
        .all(db)
        .await?
        .into_iter()
        .map(|l| l.belt_id)
        .collect();
    Ok(crate::entities::belt::Entity::find()
        .filter(crate::entities::belt::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|b| (b.slug, b.id))
        .collect())
}

/// Records an import of `rows` and starts it in the background. Returns the
/// job's id, or why it may not start: one import at a time per association,
/// and at most [`member_csv::ROWS_PER_HOUR`] rows an hour (decided in the
/// transaction that records the job, so two uploads at once cannot both start).
pub async fn start(
    state: &AppState,
    association: &organisation::Model,
    user_id: i32,
    rows: Vec<Result<MemberRow, Vec<RowError>>>,
) -> Result<Result<i32, member_csv::FileProblem>, AppError> {
    let total = rows.len();
    let mut problems: Vec<RowError> = Vec::new();
    let mut valid = Vec::new();
    for row in rows {
        match row {
            Ok(member) => valid.push(member),
            Err(errors) => problems.extend(errors),
        }
    }
    let invalid = total - valid.len();
    let txn = crate::db::begin_write(&state.db).await?;
    if txn.get_database_backend() == sea_orm::DbBackend::Postgres {
        use sea_orm::QuerySelect;
        organisation::Entity::find_by_id(association.id).lock_exclusive().one(&txn).await?;
    }
    let recent = import_job::Entity::find()
        .filter(import_job::Column::AssociationId.eq(association.id))
        .filter(
            sea_orm::Condition::any()
                .add(import_job::Column::Status.eq(JobStatus::Running.code()))
                .add(import_job::Column::CreatedAt.gt(Utc::now() - chrono::Duration::hours(1))),
        )
        .all(&txn)
        .await?;
    if recent.iter().any(|j| j.status == JobStatus::Running.code()) {
        return Ok(Err(member_csv::FileProblem::AlreadyRunning));
    }
    let rows_this_hour: usize = recent.iter().map(|j| j.total_rows.max(0) as usize).sum();
    if rows_this_hour + total > member_csv::ROWS_PER_HOUR {
        return Ok(Err(member_csv::FileProblem::HourlyLimit));
    }
    let job = import_job::ActiveModel {
        association_id: Set(association.id),
        user_id: Set(user_id),
        status: Set(JobStatus::Running.code().to_string()),
        total_rows: Set(total as i32),
        done_rows: Set(invalid as i32),
        created: Set(0),
        updated: Set(0),
        failed: Set(invalid as i32),
        problems: Set(serde_json::to_string(&problems).unwrap_or_else(|_| "[]".into())),
        created_at: Set(Utc::now()),
        finished_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    let state = state.clone();
    let association_id = association.id;
    tokio::spawn(async move {
        if let Err(e) = run(&state, job.id, association_id, user_id, valid, problems, invalid).await {
            tracing::error!(job = job.id, error = %e, "member import stopped");
        }
    });
    Ok(Ok(job.id))
}

async fn run(
    state: &AppState,
    job_id: i32,
    association_id: i32,
    user_id: i32,
    rows: Vec<MemberRow>,
    mut problems: Vec<RowError>,
    invalid: usize,
) -> Result<(), AppError> {
    let belts = association_belts(&state.db, association_id).await?;
    let (mut created, mut updated, mut failed, mut done) = (0, 0, invalid, invalid);
    let count = rows.len();
    for (n, row) in rows.into_iter().enumerate() {
        match apply_row(&state.db, association_id, user_id, &row, &belts).await {
            Ok(Applied::Created) => created += 1,
            Ok(Applied::Updated) => updated += 1,
            Err(error) => {
                failed += 1;
                problems.push(error);
            }
        }
        done += 1;
        if (n + 1) % PROGRESS_EVERY == 0 || n + 1 == count {
            let status = if n + 1 == count { JobStatus::Finished } else { JobStatus::Running };
            write_progress(&state.db, job_id, status, done, created, updated, failed, &problems).await?;
            state.search.outbox_wake.notify_one();
        }
    }
    if count == 0 {
        write_progress(&state.db, job_id, JobStatus::Finished, done, created, updated, failed, &problems).await?;
    }
    tracing::info!(job = job_id, created, updated, failed, "member import finished");
    Ok(())
}

async fn write_progress(
    db: &DatabaseConnection,
    job_id: i32,
    status: JobStatus,
    done: usize,
    created: usize,
    updated: usize,
    failed: usize,
    problems: &[RowError],
) -> Result<(), AppError> {
    let mut update = import_job::Entity::update_many()
        .col_expr(import_job::Column::Status, Expr::value(status.code()))
        .col_expr(import_job::Column::DoneRows, Expr::value(done as i32))
        .col_expr(import_job::Column::Created, Expr::value(created as i32))
        .col_expr(import_job::Column::Updated, Expr::value(updated as i32))
        .col_expr(import_job::Column::Failed, Expr::value(failed as i32))
        .col_expr(import_job::Column::Problems, Expr::value(serde_json::to_string(problems).unwrap_or_else(|_| "[]".into())));
    if status != JobStatus::Running {
        update = update.col_expr(import_job::Column::FinishedAt, Expr::value(Utc::now()));
    }
    update.filter(import_job::Column::Id.eq(job_id)).exec(db).await?;
    Ok(())
}

/// Jobs the server was running when it stopped: they will not finish.
pub async fn mark_interrupted(db: &DatabaseConnection) -> Result<u64, sea_orm::DbErr> {
    Ok(import_job::Entity::update_many()
        .col_expr(import_job::Column::Status, Expr::value(JobStatus::Interrupted.code()))
        .col_expr(import_job::Column::FinishedAt, Expr::value(Utc::now()))
        .filter(import_job::Column::Status.eq(JobStatus::Running.code()))
        .exec(db)
        .await?
        .rows_affected)
}

enum Applied {
    Created,
    Updated,
}

/// The member a row means: by its slug, else by its exact name, among this
/// association's members only (a re-import updates rather than duplicates).
async fn find_member<C: ConnectionTrait>(db: &C, association_id: i32, row: &MemberRow) -> Result<Option<organisation::Model>, RowError> {
    let members = repo::members(db, association_id).await.map_err(|_| not_saved(row.line))?;
    if let Some(slug) = &row.slug {
        return match members.into_iter().find(|m| &m.slug == slug) {
            Some(m) => Ok(Some(m)),
            None => Err(RowError {
                line: row.line,
                column: "slug".into(),
                problem: Problem::NotAChoice,
                value: row.slug.clone().unwrap_or_default(),
            }),
        };
    }
    let same = |stored: &Option<String>, given: &str| !given.is_empty() && stored.as_deref() == Some(given);
    Ok(members.into_iter().find(|m| same(&m.name_zh, &row.name.zh) || same(&m.name_en, &row.name.en)))
}

fn not_saved(line: usize) -> RowError {
    RowError { line, column: String::new(), problem: Problem::NotSaved, value: String::new() }
}

async fn apply_row(
    db: &DatabaseConnection,
    association_id: i32,
    user_id: i32,
    row: &MemberRow,
    belts: &HashMap<String, i32>,
) -> Result<Applied, RowError> {
    let belt_id = *belts.get(&row.belt).ok_or_else(|| RowError {
        line: row.line,
        column: "belt".into(),
        problem: Problem::NotAChoice,
        value: row.belt.clone(),
    })?;
    match save_row(db, association_id, user_id, row, belt_id).await {
        Ok(outcome) => outcome,
        Err(e) => {
            tracing::error!(line = row.line, error = %e, "an import row could not be saved");
            Err(not_saved(row.line))
        }
    }
}

/// One row in one transaction: the outer error is the database's, the inner the row's.
async fn save_row(
    db: &DatabaseConnection,
    association_id: i32,
    user_id: i32,
    row: &MemberRow,
    belt_id: i32,
) -> Result<Result<Applied, RowError>, AppError> {
    let txn = crate::db::begin_write(db).await?;
    let existing = match find_member(&txn, association_id, row).await {
        Ok(existing) => existing,
        Err(row_error) => return Ok(Err(row_error)),
    };
    let (org_id, applied) = match existing {
        Some(org) => {
            let id = org.id;
            let mut active: organisation::ActiveModel = org.into();
            active.name_zh = Set(Some(row.name.zh.clone()).filter(|n| !n.is_empty()));
            active.name_en = Set(Some(row.name.en.clone()).filter(|n| !n.is_empty()));
            active.province = Set(row.province.clone());
            active.city_zh = Set(Some(row.city.zh.clone()).filter(|n| !n.is_empty()));
            active.city_en = Set(Some(row.city.en.clone()).filter(|n| !n.is_empty()));
            active.updated_at = Set(Utc::now());
            active.update(&txn).await?;
            let linked = belt_organisation::Entity::find()
                .filter(belt_organisation::Column::OrganisationId.eq(id))
                .filter(belt_organisation::Column::BeltId.eq(belt_id))
                .one(&txn)
                .await?;
            if linked.is_none() {
                crate::orgs::repo::link_belts(&txn, id, OrgKind::Manufacturer, &[belt_id], None, None).await?;
            }
            outbox::enqueue(&txn, EntityKind::Organisation, id).await?;
            (id, Applied::Updated)
        }
        None => {
            // The importer made it: they may never verify it.
            let new = crate::orgs::repo::NewOrganisation {
                province: row.province.clone(),
                city: row.city.clone(),
                ..crate::orgs::repo::NewOrganisation::by(user_id, OrgKind::Manufacturer, row.name.clone(), vec![belt_id], true)
            };
            let (id, _) = crate::orgs::repo::insert_organisation(&txn, &new).await?;
            association_member::ActiveModel { association_id: Set(association_id), organisation_id: Set(id), created_at: Set(Utc::now()) }
                .insert(&txn)
                .await?;
            (id, Applied::Created)
        }
    };
    let existing = crate::read::supply_profile_of(&txn, org_id).await?;
    let was_published = existing.as_ref().is_some_and(|p| p.status == ProfileStatus::Published.code());
    let mut profile = row.profile.clone();
    if let Some(saved) = &existing {
        crate::suppliers::rules::keep_what_the_file_lacks(&mut profile, &crate::read::profile_data(saved, Vec::new()));
    }
    crate::suppliers::repo::save_in(&txn, org_id, Some(user_id), &profile).await?;
    if row.publish != was_published {
        let status = if row.publish { ProfileStatus::Published } else { ProfileStatus::Unpublished };
        crate::suppliers::repo::set_status_in(&txn, org_id, status).await?;
    }
    txn.commit().await?;
    Ok(Ok(applied))
}

/// A CSV file of `rows` under the column header, with a byte-order mark so
/// spreadsheet programs read it as UTF-8.
fn csv_file(rows: Vec<Vec<String>>) -> Result<Vec<u8>, AppError> {
    let mut writer = csv::Writer::from_writer(b"\xef\xbb\xbf".to_vec());
    let failed = |e: csv::Error| {
        tracing::error!(error = %e, "could not write a CSV file");
        AppError::Internal
    };
    writer.write_record(COLUMNS).map_err(failed)?;
    for row in rows {
        writer.write_record(row.iter().map(|cell| member_csv::neutralised(cell))).map_err(failed)?;
    }
    writer.into_inner().map_err(|e| failed(e.into_error().into()))
}

/// The template: the header row and an example row (skipped on import, as
/// its first cell starts with `#`) written with the labels people read.
pub fn template(names: &member_csv::FileNames) -> Result<Vec<u8>, AppError> {
    csv_file(vec![member_csv::example_row(names)])
}

/// Every value a coded column takes: column, code, Chinese, English.
pub fn allowed_values_file(names: &member_csv::FileNames) -> Result<Vec<u8>, AppError> {
    let mut writer = csv::Writer::from_writer(b"\xef\xbb\xbf".to_vec());
    let failed = |e: csv::Error| {
        tracing::error!(error = %e, "could not write a CSV file");
        AppError::Internal
    };
    writer.write_record(["column", "code", "中文", "English"]).map_err(failed)?;
    for row in member_csv::allowed_values(names) {
        writer.write_record(row.iter().map(|cell| member_csv::neutralised(cell))).map_err(failed)?;
    }
    writer.into_inner().map_err(|e| failed(e.into_error().into()))
}

/// Every member of the association in the import format; a re-import of
/// this file changes nothing.
pub async fn export<C: ConnectionTrait>(db: &C, association_id: i32) -> Result<Vec<u8>, AppError> {
    let members = repo::members(db, association_id).await?;
    let belt_ids = association_belts(db, association_id).await?;
    let ids: Vec<i32> = members.iter().map(|m| m.id).collect();
    let links = belt_organisation::Entity::find().filter(belt_organisation::Column::OrganisationId.is_in(ids)).all(db).await?;
    let mut rows = Vec::with_capacity(members.len());
    for m in members {
        // The member's belt among those the association serves.
        let belt = belt_ids
            .iter()
            .find(|(_, id)| links.iter().any(|l| l.organisation_id == m.id && l.belt_id == **id))
            .map(|(slug, _)| slug.clone())
            .unwrap_or_default();
        let profile = crate::read::supply_profile_of(db, m.id).await?;
        let (data, publish) = match &profile {
            Some(p) => {
                (crate::read::profile_data(p, crate::read::category_slugs(db, p.id).await?), p.status == ProfileStatus::Published.code())
            }
            None => (Default::default(), false),
        };
        let member = MemberRow {
            line: 0,
            slug: Some(m.slug.clone()),
            name: crate::read::org_name(&m),
            province: m.province.clone(),
            city: crate::i18n::Bilingual::new(m.city_zh.clone().unwrap_or_default(), m.city_en.clone().unwrap_or_default()),
            belt,
            profile: data,
            publish,
        };
        rows.push(member_csv::cells(&m.slug, &member));
    }
    csv_file(rows)
}
