//! Users, memberships, sessions and the sign-in throttle, on the server.

use chrono::{Duration, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use tower_sessions::Session;

use crate::accounts::throttle::{self, Failure};
use crate::accounts::types::{AccountOverview, CurrentUser, MemberRole, Membership, Role};
use crate::entities::{membership, organisation, sign_in_failure, user};
use crate::error::AppError;
use crate::orgs::types::OrgKind;
use crate::read::org_name;

const SESSION_USER: &str = "user_id";
const SESSION_SIGNED_IN_AT: &str = "signed_in_at";
const SESSION_EPOCH: &str = "epoch";
const SESSION_SEEN_AT: &str = "seen_at";

/// How long a session lives after sign-in, however active it is.
pub const ABSOLUTE_LIFETIME: Duration = Duration::days(7);
/// How long a session lives without a request.
pub const IDLE_LIFETIME: Duration = Duration::hours(8);
/// How often use moves the idle deadline on (each move is a write).
const SLIDE_EVERY: Duration = Duration::minutes(5);

fn session_failed(err: tower_sessions::session::Error) -> AppError {
    tracing::error!(error = %err, "session store failed");
    AppError::Internal
}

fn current(u: user::Model) -> Option<CurrentUser> {
    Some(CurrentUser {
        role: Role::from_code(&u.role)?,
        id: u.id,
        email: u.email,
        display_name: u.display_name,
        email_confirmed: u.email_confirmed_at.is_some(),
    })
}

/// The signed-in user, if any. A session past its absolute lifetime, whose
/// user is gone, or signed in before the user signed out everywhere (or
/// changed the password) is ended here. Use slides the idle deadline.
pub async fn signed_in<C: ConnectionTrait>(db: &C, session: &Session) -> Result<Option<CurrentUser>, AppError> {
    let Some(user_id) = session.get::<i32>(SESSION_USER).await.map_err(session_failed)? else {
        return Ok(None);
    };
    let now = Utc::now().timestamp();
    let signed_in_at = session.get::<i64>(SESSION_SIGNED_IN_AT).await.map_err(session_failed)?.unwrap_or(0);
    if now - signed_in_at > ABSOLUTE_LIFETIME.num_seconds() {
        session.flush().await.map_err(session_failed)?;
        return Ok(None);
    }
    let epoch = session.get::<i32>(SESSION_EPOCH).await.map_err(session_failed)?.unwrap_or(0);
    let Some(found) = user::Entity::find_by_id(user_id).one(db).await?.filter(|u| u.session_epoch == epoch) else {
        session.flush().await.map_err(session_failed)?;
        return Ok(None);
    };
    // Writing the session moves its idle deadline; once every few minutes is enough.
    let seen_at = session.get::<i64>(SESSION_SEEN_AT).await.map_err(session_failed)?.unwrap_or(signed_in_at);
    if now - seen_at > SLIDE_EVERY.num_seconds() {
        session.insert(SESSION_SEEN_AT, now).await.map_err(session_failed)?;
    }
    match current(found) {
        Some(user) => Ok(Some(user)),
        None => {
            session.flush().await.map_err(session_failed)?;
            Ok(None)
        }
    }
}

/// Starts a fresh session for `user`; the old id is discarded so a
/// session id planted before sign-in is worthless after it.
pub async fn start_session<C: ConnectionTrait>(db: &C, session: &Session, user_id: i32) -> Result<(), AppError> {
    let epoch = user::Entity::find_by_id(user_id).one(db).await?.map_or(0, |u| u.session_epoch);
    session.cycle_id().await.map_err(session_failed)?;
    session.insert(SESSION_USER, user_id).await.map_err(session_failed)?;
    session.insert(SESSION_EPOCH, epoch).await.map_err(session_failed)?;
    let now = Utc::now().timestamp();
    session.insert(SESSION_SIGNED_IN_AT, now).await.map_err(session_failed)?;
    session.insert(SESSION_SEEN_AT, now).await.map_err(session_failed)?;
    Ok(())
}

/// Ends every session of `user_id` (those on other devices too): they were
/// signed in under an older epoch.
pub async fn end_all_sessions<C: ConnectionTrait>(db: &C, user_id: i32) -> Result<(), AppError> {
    user::Entity::update_many()
        .col_expr(
            user::Column::SessionEpoch,
            sea_orm::sea_query::ExprTrait::add(sea_orm::sea_query::Expr::col(user::Column::SessionEpoch), 1),
        )
        .col_expr(user::Column::UpdatedAt, sea_orm::sea_query::Expr::value(Utc::now()))
        .filter(user::Column::Id.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Stores a new password hash for `user_id`.
pub async fn set_password<C: ConnectionTrait>(db: &C, user_id: i32, password_hash: String) -> Result<(), AppError> {
    user::Entity::update_many()
        .col_expr(user::Column::PasswordHash, sea_orm::sea_query::Expr::value(password_hash))
        .col_expr(user::Column::UpdatedAt, sea_orm::sea_query::Expr::value(Utc::now()))
        .filter(user::Column::Id.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn end_session(session: &Session) -> Result<(), AppError> {
    session.flush().await.map_err(session_failed)
}

pub async fn user_by_id<C: ConnectionTrait>(db: &C, user_id: i32) -> Result<Option<user::Model>, AppError> {
    Ok(user::Entity::find_by_id(user_id).one(db).await?)
}

/// Records that the owner of `user_id` proved their address (the first time counts).
pub async fn confirm_email<C: ConnectionTrait>(db: &C, user_id: i32) -> Result<(), AppError> {
    user::Entity::update_many()
        .col_expr(user::Column::EmailConfirmedAt, sea_orm::sea_query::Expr::value(Utc::now()))
        .filter(user::Column::Id.eq(user_id))
        .filter(user::Column::EmailConfirmedAt.is_null())
        .exec(db)
        .await?;
    Ok(())
}

pub async fn find_by_email<C: ConnectionTrait>(db: &C, email: &str) -> Result<Option<user::Model>, AppError> {
    Ok(user::Entity::find().filter(user::Column::Email.eq(email)).one(db).await?)
}

/// Inserts a user; `None` when the email is taken (also when another sign-up won a race).
pub async fn create_user<C: ConnectionTrait>(
    db: &C,
    email: &str,
    display_name: &str,
    password_hash: String,
    role: Role,
) -> Result<Option<i32>, AppError> {
    if find_by_email(db, email).await?.is_some() {
        return Ok(None);
    }
    let now = Utc::now();
    let inserted = user::ActiveModel {
        email: Set(email.to_string()),
        display_name: Set(display_name.to_string()),
        password_hash: Set(password_hash),
        role: Set(role.code().to_string()),
        created_at: Set(now),
        updated_at: Set(now),
        last_sign_in_at: Set(None),
        session_epoch: Set(0),
        email_confirmed_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await;
    match inserted {
        Ok(model) => Ok(Some(model.id)),
        Err(err) if matches!(err.sql_err(), Some(sea_orm::SqlErr::UniqueConstraintViolation(_))) => Ok(None),
        Err(err) => Err(err.into()),
    }
}

pub async fn record_sign_in<C: ConnectionTrait>(db: &C, user_id: i32) -> Result<(), AppError> {
    user::Entity::update_many()
        .col_expr(user::Column::LastSignInAt, sea_orm::sea_query::Expr::value(Utc::now()))
        .filter(user::Column::Id.eq(user_id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn set_role<C: ConnectionTrait>(db: &C, email: &str, role: Role) -> Result<bool, AppError> {
    let result = user::Entity::update_many()
        .col_expr(user::Column::Role, sea_orm::sea_query::Expr::value(role.code()))
        .col_expr(user::Column::UpdatedAt, sea_orm::sea_query::Expr::value(Utc::now()))
        .filter(user::Column::Email.eq(email))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Whether `email` may try to sign in from `address` now.
pub async fn throttle_check<C: ConnectionTrait>(db: &C, email: &str, address: &str) -> Result<(), AppError> {
    let now = Utc::now();
    let rows = sign_in_failure::Entity::find()
        .filter(sign_in_failure::Column::FailedAt.gt(now - throttle::REMEMBER_FOR))
        .filter(sea_orm::Condition::any().add(sign_in_failure::Column::Email.eq(email)).add(sign_in_failure::Column::Address.eq(address)))
        .all(db)
        .await?;
    let failures: Vec<Failure> =
        rows.into_iter().map(|r| Failure { same_account: r.email == email, same_address: r.address == address, at: r.failed_at }).collect();
    throttle::check(now, &failures).map_err(|wait| AppError::Throttled { minutes: throttle::minutes_to_wait(wait) })
}

/// Reserves one sign-in attempt for `email` from `address`, if the throttle
/// allows one now: the attempt is recorded as a failure before the password
/// is checked (a right password forgives it), all in one transaction that
/// concurrent attempts wait for, so forty at once still count as forty.
///
/// # Errors
/// `Throttled` with the wait when no attempt is allowed now.
pub async fn reserve_attempt(db: &sea_orm::DatabaseConnection, email: &str, address: &str) -> Result<(), AppError> {
    let txn = crate::db::begin_write(db).await?;
    if txn.get_database_backend() == sea_orm::DbBackend::Postgres {
        // SQLite's write lock is taken at BEGIN; PostgreSQL needs one of its own.
        const SIGN_IN_LOCK: i64 = 0x5349_474e; // "SIGN"
        txn.execute_raw(sea_orm::Statement::from_sql_and_values(
            sea_orm::DbBackend::Postgres,
            "SELECT pg_advisory_xact_lock($1)",
            [SIGN_IN_LOCK.into()],
        ))
        .await?;
    }
    throttle_check(&txn, email, address).await?;
    let now = Utc::now();
    sign_in_failure::Entity::insert(sign_in_failure::ActiveModel {
        email: Set(email.to_string()),
        address: Set(address.to_string()),
        failed_at: Set(now),
        ..Default::default()
    })
    .exec(&txn)
    .await?;
    // Failures older than every window count for nothing.
    sign_in_failure::Entity::delete_many().filter(sign_in_failure::Column::FailedAt.lte(now - throttle::REMEMBER_FOR)).exec(&txn).await?;
    txn.commit().await?;
    Ok(())
}

/// Reserves a request that sends email (a sign-up, a password reset) from
/// `address`, if its throttle allows one now: both share one budget, since
/// both could be used to send mail to strangers.
///
/// # Errors
/// `Throttled` with the wait when not.
pub async fn reserve_mailing(db: &sea_orm::DatabaseConnection, address: &str) -> Result<(), AppError> {
    use crate::entities::sign_up_attempt;
    let txn = crate::db::begin_write(db).await?;
    let now = Utc::now();
    let earlier: Vec<chrono::DateTime<Utc>> = sign_up_attempt::Entity::find()
        .filter(sign_up_attempt::Column::Address.eq(address))
        .filter(sign_up_attempt::Column::AttemptedAt.gt(now - throttle::SIGN_UPS_PER_ADDRESS.window))
        .all(&txn)
        .await?
        .into_iter()
        .map(|a| a.attempted_at)
        .collect();
    throttle::sign_up_check(now, &earlier).map_err(|wait| AppError::Throttled { minutes: throttle::minutes_to_wait(wait) })?;
    sign_up_attempt::Entity::insert(sign_up_attempt::ActiveModel {
        address: Set(address.to_string()),
        attempted_at: Set(now),
        ..Default::default()
    })
    .exec(&txn)
    .await?;
    sign_up_attempt::Entity::delete_many()
        .filter(sign_up_attempt::Column::AttemptedAt.lte(now - throttle::SIGN_UPS_PER_ADDRESS.window))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(())
}

/// After a password reset, every failure recorded against the account is forgiven.
pub async fn forgive_all_failures<C: ConnectionTrait>(db: &C, email: &str) -> Result<(), AppError> {
    sign_in_failure::Entity::delete_many().filter(sign_in_failure::Column::Email.eq(email)).exec(db).await?;
    Ok(())
}

/// After a good sign-in, this address's failures on this account are forgiven.
pub async fn forgive_failures<C: ConnectionTrait>(db: &C, email: &str, address: &str) -> Result<(), AppError> {
    sign_in_failure::Entity::delete_many()
        .filter(sign_in_failure::Column::Email.eq(email))
        .filter(sign_in_failure::Column::Address.eq(address))
        .exec(db)
        .await?;
    Ok(())
}

/// What `/account` shows: the user and their organisations.
pub async fn overview<C: ConnectionTrait>(db: &C, user: CurrentUser) -> Result<AccountOverview, AppError> {
    let links = membership::Entity::find()
        .filter(membership::Column::UserId.eq(user.id))
        .order_by_asc(membership::Column::CreatedAt)
        .all(db)
        .await?;
    let orgs = organisation::Entity::find().filter(organisation::Column::Id.is_in(links.iter().map(|l| l.organisation_id))).all(db).await?;
    let memberships = links
        .iter()
        .filter_map(|link| {
            let o = orgs.iter().find(|o| o.id == link.organisation_id)?;
            let kind = OrgKind::from_code(&o.kind)?;
            Some(Membership {
                slug: o.slug.clone(),
                name: org_name(o),
                kind,
                role: MemberRole::from_code(&link.role)?,
                pending: link.status == crate::accounts::types::MembershipStatus::Pending.code(),
                awaiting_approval: crate::orgs::policy::needs_approval(kind) && o.approved_at.is_none(),
            })
        })
        .collect();
    let may_create_organisation = OrgKind::ALL.into_iter().any(|kind| crate::orgs::policy::may_create(user.role, kind));
    let email_confirmed = user.email_confirmed;
    Ok(AccountOverview { user, memberships, may_create_organisation, email_confirmed })
}
