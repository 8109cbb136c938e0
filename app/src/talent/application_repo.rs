//! Applications to programs in the database. Every write that counts seats
//! runs in a write transaction that first locks the program's row, so two
//! organisers taking the last seat at once queue one behind the other (on
//! PostgreSQL the row lock; on SQLite the write lock `BEGIN IMMEDIATE` takes).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, TryIntoModel,
};

use crate::entities::{program_application, talent_program, user};
use crate::error::AppError;
use crate::i18n::Bilingual;
use crate::notifications::repo::{notify, Notice};
use crate::notifications::types::NotificationKind;
use crate::state::MailSettings;
use crate::talent::applications::{self, ApplicationStatus};

pub fn status_of(row: &program_application::Model, now: DateTime<Utc>) -> ApplicationStatus {
    applications::effective(ApplicationStatus::from_code(&row.status).unwrap_or(ApplicationStatus::Withdrawn), row.offer_expires_at, now)
}

/// The program's row, locked for the rest of the transaction.
pub async fn lock_program<C: ConnectionTrait>(txn: &C, id: i32) -> Result<talent_program::Model, AppError> {
    talent_program::Entity::find_by_id(id).lock_exclusive().one(txn).await?.ok_or(AppError::NotFound)
}

pub async fn by_id<C: ConnectionTrait>(db: &C, id: i32) -> Result<program_application::Model, AppError> {
    program_application::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)
}

/// A program's applications, in the order they came.
pub async fn of_program<C: ConnectionTrait>(db: &C, program_id: i32) -> Result<Vec<program_application::Model>, AppError> {
    Ok(program_application::Entity::find()
        .filter(program_application::Column::ProgramId.eq(program_id))
        .order_by_asc(program_application::Column::CreatedAt)
        .order_by_asc(program_application::Column::Id)
        .all(db)
        .await?)
}

/// One person's application to one program, if any.
pub async fn of_applicant<C: ConnectionTrait>(
    db: &C,
    program_id: i32,
    applicant_id: i32,
) -> Result<Option<program_application::Model>, AppError> {
    Ok(program_application::Entity::find()
        .filter(program_application::Column::ProgramId.eq(program_id))
        .filter(program_application::Column::ApplicantId.eq(applicant_id))
        .one(db)
        .await?)
}

/// Everything one person applied to, newest first.
pub async fn mine<C: ConnectionTrait>(db: &C, applicant_id: i32) -> Result<Vec<program_application::Model>, AppError> {
    Ok(program_application::Entity::find()
        .filter(program_application::Column::ApplicantId.eq(applicant_id))
        .order_by_desc(program_application::Column::UpdatedAt)
        .order_by_desc(program_application::Column::Id)
        .all(db)
        .await?)
}

/// Seats held per program (accepted, or offered and not lapsed at `now`).
pub async fn held_seats<C: ConnectionTrait>(db: &C, program_ids: &[i32], now: DateTime<Utc>) -> Result<HashMap<i32, u32>, AppError> {
    if program_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows = program_application::Entity::find()
        .filter(program_application::Column::ProgramId.is_in(program_ids.iter().copied()))
        .filter(program_application::Column::Status.is_in([ApplicationStatus::Accepted.code(), ApplicationStatus::Offered.code()]))
        .all(db)
        .await?;
    let mut held = HashMap::new();
    for row in rows.iter().filter(|r| status_of(r, now).holds_seat()) {
        *held.entry(row.program_id).or_insert(0) += 1;
    }
    Ok(held)
}

fn held_in(rows: &[program_application::Model], now: DateTime<Utc>) -> u32 {
    rows.iter().filter(|r| status_of(r, now).holds_seat()).count() as u32
}

/// Seats left on a locked program, counted from its applications.
pub fn left_in(program: &talent_program::Model, rows: &[program_application::Model], now: DateTime<Utc>) -> Option<u32> {
    applications::seats_left(program.seats.map(|n| n.max(0) as u32), held_in(rows, now))
}

/// Records an application (a withdrawn or lapsed one is made afresh, at the back of any queue).
pub async fn apply<C: ConnectionTrait>(
    txn: &C,
    program: &talent_program::Model,
    applicant_id: i32,
    motivation: &str,
    now: DateTime<Utc>,
) -> Result<program_application::Model, AppError> {
    let mut active: program_application::ActiveModel = match of_applicant(txn, program.id, applicant_id).await? {
        Some(old) => old.into(),
        None => program_application::ActiveModel { program_id: Set(program.id), applicant_id: Set(applicant_id), ..Default::default() },
    };
    active.motivation = Set(motivation.to_string());
    active.status = Set(ApplicationStatus::Applied.code().to_string());
    active.reason = Set(String::new());
    active.queued_at = Set(None);
    active.offer_expires_at = Set(None);
    active.decided_by = Set(None);
    active.created_at = Set(now);
    active.updated_at = Set(now);
    let saved = active.save(txn).await?;
    Ok(saved.try_into_model()?)
}

/// Moves an application from `from` to `to`; false if it no longer stood at `from`.
pub async fn move_status<C: ConnectionTrait>(
    txn: &C,
    row: &program_application::Model,
    from: ApplicationStatus,
    to: ApplicationStatus,
    reason: &str,
    decided_by: Option<i32>,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let mut update = program_application::Entity::update_many()
        .col_expr(program_application::Column::Status, Expr::value(to.code()))
        .col_expr(program_application::Column::Reason, Expr::value(reason.trim()))
        .col_expr(program_application::Column::UpdatedAt, Expr::value(now));
    if decided_by.is_some() {
        update = update.col_expr(program_application::Column::DecidedBy, Expr::value(decided_by));
    }
    if to == ApplicationStatus::Waitlisted {
        update = update.col_expr(program_application::Column::QueuedAt, Expr::value(Some(now)));
    }
    if to != ApplicationStatus::Offered {
        update = update.col_expr(program_application::Column::OfferExpiresAt, Expr::value(Option::<DateTime<Utc>>::None));
    }
    let done = update
        .filter(program_application::Column::Id.eq(row.id))
        .filter(program_application::Column::Status.eq(from.code()))
        .exec(txn)
        .await?;
    Ok(done.rows_affected == 1)
}

fn title_of(program: &talent_program::Model) -> Bilingual {
    let t = Bilingual::new(&program.title_zh, &program.title_en);
    Bilingual::each(|lang| t.get(lang).to_string())
}

/// Tells an applicant what became of their application.
pub async fn tell_applicant<C: ConnectionTrait>(
    txn: &C,
    mail: &MailSettings,
    program: &talent_program::Model,
    applicant_id: i32,
    status: ApplicationStatus,
) -> Result<(), AppError> {
    let t = title_of(program);
    let title = match status {
        ApplicationStatus::Accepted => Bilingual::new(format!("你已被录取：{}", t.zh), format!("You are accepted: {}", t.en)),
        ApplicationStatus::Waitlisted => Bilingual::new(format!("你已列入候补：{}", t.zh), format!("You are on the waitlist: {}", t.en)),
        ApplicationStatus::Declined => {
            Bilingual::new(format!("你的申请未被录取：{}", t.zh), format!("Your application was declined: {}", t.en))
        }
        ApplicationStatus::Offered => Bilingual::new(
            format!("候补有空位了，请在期限内确认：{}", t.zh),
            format!("A seat freed up for you — confirm it by the deadline: {}", t.en),
        ),
        _ => return Ok(()),
    };
    let notice = Notice { kind: NotificationKind::ApplicationDecided, title, link: "/me/applications".into() };
    notify(txn, mail, &[applicant_id], &notice).await
}

/// Tells the program's organisers that someone applied or withdrew.
pub async fn tell_organisers<C: ConnectionTrait>(
    txn: &C,
    mail: &MailSettings,
    program: &talent_program::Model,
    applicant_id: i32,
    withdrew: bool,
) -> Result<(), AppError> {
    let name = user::Entity::find_by_id(applicant_id).one(txn).await?.map(|u| u.display_name).unwrap_or_default();
    let t = title_of(program);
    let title = if withdrew {
        Bilingual::new(format!("{name} 撤回了申请：{}", t.zh), format!("{name} withdrew from {}", t.en))
    } else {
        Bilingual::new(format!("{name} 申请了：{}", t.zh), format!("{name} applied to {}", t.en))
    };
    let runners = crate::read::active_runners(txn, &[program.organiser_id]).await?;
    let notice = Notice { kind: NotificationKind::ProgramApplication, title, link: format!("/programs/{}/applications", program.slug) };
    notify(txn, mail, &runners, &notice).await
}

/// On a locked program: writes down offers that lapsed, then offers the
/// seats free to the longest waiting (until their deadline) and tells them.
pub async fn fill_freed_seats<C: ConnectionTrait>(
    txn: &C,
    mail: &MailSettings,
    program: &talent_program::Model,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    program_application::Entity::update_many()
        .col_expr(program_application::Column::Status, Expr::value(ApplicationStatus::Lapsed.code()))
        .col_expr(program_application::Column::UpdatedAt, Expr::value(now))
        .filter(program_application::Column::ProgramId.eq(program.id))
        .filter(program_application::Column::Status.eq(ApplicationStatus::Offered.code()))
        .filter(program_application::Column::OfferExpiresAt.lte(now))
        .exec(txn)
        .await?;
    let Some(deadline) = applications::offer_deadline(now, program.starts_on) else {
        return Ok(());
    };
    let rows = of_program(txn, program.id).await?;
    let mut waiting: Vec<&program_application::Model> =
        rows.iter().filter(|r| status_of(r, now) == ApplicationStatus::Waitlisted).collect();
    waiting.sort_by_key(|r| (r.queued_at.unwrap_or(r.created_at), r.id));
    let queue: Vec<i32> = waiting.iter().map(|r| r.id).collect();
    let offered = applications::offers(program.seats.map(|n| n.max(0) as u32), held_in(&rows, now), &queue);
    for id in offered {
        program_application::Entity::update_many()
            .col_expr(program_application::Column::Status, Expr::value(ApplicationStatus::Offered.code()))
            .col_expr(program_application::Column::OfferExpiresAt, Expr::value(Some(deadline)))
            .col_expr(program_application::Column::UpdatedAt, Expr::value(now))
            .filter(program_application::Column::Id.eq(id))
            .exec(txn)
            .await?;
        if let Some(row) = rows.iter().find(|r| r.id == id) {
            tell_applicant(txn, mail, program, row.applicant_id, ApplicationStatus::Offered).await?;
        }
    }
    Ok(())
}

/// Lets lapsed offers go to the next in line on every program that has one
/// (the sweeper runs this every minute). Returns how many programs moved.
pub async fn sweep_lapsed(db: &sea_orm::DatabaseConnection, mail: &MailSettings, now: DateTime<Utc>) -> Result<usize, AppError> {
    let programs: Vec<i32> = program_application::Entity::find()
        .select_only()
        .column(program_application::Column::ProgramId)
        .filter(program_application::Column::Status.eq(ApplicationStatus::Offered.code()))
        .filter(program_application::Column::OfferExpiresAt.lte(now))
        .distinct()
        .into_tuple()
        .all(db)
        .await?;
    // One transaction per program: a failure on one leaves the others moved.
    for &id in &programs {
        let txn = crate::db::begin_write(db).await?;
        let program = lock_program(&txn, id).await?;
        fill_freed_seats(&txn, mail, &program, now).await?;
        txn.commit().await?;
    }
    Ok(programs.len())
}

/// The applicants' names and graduate profiles, by user id.
pub async fn applicants<C: ConnectionTrait>(
    db: &C,
    ids: &[i32],
) -> Result<(HashMap<i32, String>, HashMap<i32, crate::talent::types::GraduateProfileData>), AppError> {
    let names = user::Entity::find()
        .filter(user::Column::Id.is_in(ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect();
    let profiles = crate::entities::graduate_profile::Entity::find()
        .filter(crate::entities::graduate_profile::Column::UserId.is_in(ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.user_id, crate::talent::repo::graduate_data_of(&p)))
        .collect();
    Ok((names, profiles))
}

/// Each waitlisted application's place in its program's queue (1 = next in), by application id.
pub fn waitlist_positions(rows: &[program_application::Model], now: DateTime<Utc>) -> HashMap<i32, usize> {
    let mut waiting: Vec<&program_application::Model> =
        rows.iter().filter(|r| status_of(r, now) == ApplicationStatus::Waitlisted).collect();
    waiting.sort_by_key(|r| (r.program_id, r.queued_at.unwrap_or(r.created_at), r.id));
    let mut positions = HashMap::new();
    let mut current = None;
    let mut place = 0;
    for row in waiting {
        if current != Some(row.program_id) {
            current = Some(row.program_id);
            place = 0;
        }
        place += 1;
        positions.insert(row.id, place);
    }
    positions
}

/// The waitlisted applications of these programs (to place one person's in the queue).
pub async fn waitlisted_of<C: ConnectionTrait>(db: &C, program_ids: &[i32]) -> Result<Vec<program_application::Model>, AppError> {
    Ok(program_application::Entity::find()
        .filter(program_application::Column::ProgramId.is_in(program_ids.iter().copied()))
        .filter(program_application::Column::Status.eq(ApplicationStatus::Waitlisted.code()))
        .all(db)
        .await?)
}

/// An application as its applicant sees it; `positions` from [`waitlist_positions`].
pub fn my_view(
    row: &program_application::Model,
    positions: &HashMap<i32, usize>,
    now: DateTime<Utc>,
) -> crate::talent::types::MyApplication {
    let status = status_of(row, now);
    crate::talent::types::MyApplication {
        id: row.id,
        status,
        motivation: row.motivation.clone(),
        reason: row.reason.clone(),
        offer_expires_at: (status == ApplicationStatus::Offered).then_some(row.offer_expires_at).flatten().map(crate::clock::Moment),
        position: positions.get(&row.id).copied(),
    }
}
