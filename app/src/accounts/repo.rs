//! Users, memberships, sessions and the sign-in throttle, on the server.

use chrono::{Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder,
};
use tower_sessions::Session;

use crate::accounts::throttle::{self, Failure};
use crate::accounts::types::{AccountOverview, CurrentUser, MemberRole, Membership, Role};
use crate::entities::{membership, organisation, sign_in_failure, user};
use crate::error::AppError;
use crate::orgs::repo::org_name;
use crate::orgs::types::OrgKind;

const SESSION_USER: &str = "user_id";
const SESSION_SIGNED_IN_AT: &str = "signed_in_at";

/// How long a session lives after sign-in, however active it is.
pub const ABSOLUTE_LIFETIME: Duration = Duration::days(7);
/// How long a session lives without a request.
pub const IDLE_LIFETIME: Duration = Duration::hours(8);

fn session_failed(err: tower_sessions::session::Error) -> AppError {
    tracing::error!(error = %err, "session store failed");
    AppError::Internal
}

/// The session of the request being handled.
pub async fn session() -> Result<Session, AppError> {
    leptos_axum::extract::<Session>().await.map_err(|err| {
        tracing::error!(error = %err, "no session layer on this request");
        AppError::Internal
    })
}

fn current(u: user::Model) -> Option<CurrentUser> {
    Some(CurrentUser { role: Role::from_code(&u.role)?, id: u.id, email: u.email, display_name: u.display_name })
}

/// The signed-in user, if any. A session past its absolute lifetime, or
/// whose user is gone, is ended here.
pub async fn signed_in<C: ConnectionTrait>(db: &C, session: &Session) -> Result<Option<CurrentUser>, AppError> {
    let Some(user_id) = session.get::<i32>(SESSION_USER).await.map_err(session_failed)? else {
        return Ok(None);
    };
    let signed_in_at = session.get::<i64>(SESSION_SIGNED_IN_AT).await.map_err(session_failed)?.unwrap_or(0);
    if Utc::now().timestamp() - signed_in_at > ABSOLUTE_LIFETIME.num_seconds() {
        session.flush().await.map_err(session_failed)?;
        return Ok(None);
    }
    match user::Entity::find_by_id(user_id).one(db).await?.and_then(current) {
        Some(user) => Ok(Some(user)),
        None => {
            session.flush().await.map_err(session_failed)?;
            Ok(None)
        }
    }
}

/// The signed-in user, or `SignInRequired`.
pub async fn require_user<C: ConnectionTrait>(db: &C) -> Result<CurrentUser, AppError> {
    signed_in(db, &session().await?).await?.ok_or(AppError::SignInRequired)
}

/// Starts a fresh session for `user_id`; the old id is discarded so a
/// session id planted before sign-in is worthless after it.
pub async fn start_session(session: &Session, user_id: i32) -> Result<(), AppError> {
    session.cycle_id().await.map_err(session_failed)?;
    session.insert(SESSION_USER, user_id).await.map_err(session_failed)?;
    session.insert(SESSION_SIGNED_IN_AT, Utc::now().timestamp()).await.map_err(session_failed)?;
    Ok(())
}

pub async fn end_session(session: &Session) -> Result<(), AppError> {
    session.flush().await.map_err(session_failed)
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
        .filter(
            sea_orm::Condition::any()
                .add(sign_in_failure::Column::Email.eq(email))
                .add(sign_in_failure::Column::Address.eq(address)),
        )
        .all(db)
        .await?;
    let failures: Vec<Failure> = rows
        .into_iter()
        .map(|r| Failure { same_account: r.email == email, same_address: r.address == address, at: r.failed_at })
        .collect();
    throttle::check(now, &failures).map_err(|wait| AppError::Throttled { minutes: throttle::minutes_to_wait(wait) })
}

pub async fn record_failure<C: ConnectionTrait>(db: &C, email: &str, address: &str) -> Result<(), AppError> {
    let now = Utc::now();
    sign_in_failure::Entity::insert(sign_in_failure::ActiveModel {
        email: Set(email.to_string()),
        address: Set(address.to_string()),
        failed_at: Set(now),
        ..Default::default()
    })
    .exec(db)
    .await?;
    // Failures older than every window count for nothing.
    sign_in_failure::Entity::delete_many()
        .filter(sign_in_failure::Column::FailedAt.lte(now - throttle::REMEMBER_FOR))
        .exec(db)
        .await?;
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
    let orgs = organisation::Entity::find()
        .filter(organisation::Column::Id.is_in(links.iter().map(|l| l.organisation_id)))
        .all(db)
        .await?;
    let memberships = links
        .iter()
        .filter_map(|link| {
            let o = orgs.iter().find(|o| o.id == link.organisation_id)?;
            Some(Membership {
                slug: o.slug.clone(),
                name: org_name(o),
                kind: OrgKind::from_code(&o.kind)?,
                role: MemberRole::from_code(&link.role)?,
            })
        })
        .collect();
    let may_create_organisation =
        OrgKind::ALL.into_iter().any(|kind| crate::orgs::rules::may_create(user.role, kind));
    Ok(AccountOverview { user, memberships, may_create_organisation })
}
