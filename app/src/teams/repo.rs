//! Reading and changing teams. Every change happens in one transaction with
//! the notices it posts, and a team always keeps an owner.

use chrono::{Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

use crate::accounts::types::{CurrentUser, MemberRole, MembershipStatus};
use crate::entities::{invitation, membership, organisation, user};
use crate::error::AppError;
use crate::forms::{FormErrors, Problem};
use crate::i18n::{Bilingual, Lang};
use crate::notifications::repo::{notify, Notice};
use crate::notifications::types::NotificationKind;
use crate::read::org_name;
use crate::state::MailSettings;
use crate::teams::letters::INVITATION_DAYS;
use crate::teams::policy::{self, TeamRefusal};
use crate::teams::types::{InvitationState, InvitationView, PendingInvitation, TeamView, Teammate};

/// Invitations one organisation may send in a day, so a team cannot be used to mail strangers in bulk.
pub const INVITATIONS_PER_DAY: usize = 20;

fn refused(field: &str, problem: Problem) -> AppError {
    FormErrors::refusing(field, problem)
}

fn refusal(field: &str, why: TeamRefusal) -> AppError {
    match why {
        TeamRefusal::LastOwner => refused(field, Problem::LastOwner),
        TeamRefusal::NotInTeam => AppError::NotFound,
    }
}

async fn active_memberships<C: ConnectionTrait>(db: &C, org_id: i32) -> Result<Vec<membership::Model>, AppError> {
    Ok(membership::Entity::find()
        .filter(membership::Column::OrganisationId.eq(org_id))
        .filter(membership::Column::Status.eq(MembershipStatus::Active.code()))
        .order_by_asc(membership::Column::CreatedAt)
        .all(db)
        .await?)
}

fn owners(memberships: &[membership::Model]) -> usize {
    memberships.iter().filter(|m| m.role == MemberRole::Owner.code()).count()
}

fn role_of(memberships: &[membership::Model], user_id: i32) -> Option<MemberRole> {
    memberships.iter().find(|m| m.user_id == user_id).and_then(|m| MemberRole::from_code(&m.role))
}

/// The team of `org` as `viewer` sees it; invitations only when they may manage it.
pub async fn team<C: ConnectionTrait>(
    db: &C,
    viewer: &CurrentUser,
    org: &organisation::Model,
    may_manage: bool,
) -> Result<TeamView, AppError> {
    let memberships = active_memberships(db, org.id).await?;
    let people = user::Entity::find().filter(user::Column::Id.is_in(memberships.iter().map(|m| m.user_id))).all(db).await?;
    let members = memberships
        .iter()
        .filter_map(|m| {
            let person = people.iter().find(|p| p.id == m.user_id)?;
            Some(Teammate {
                user_id: person.id,
                display_name: person.display_name.clone(),
                email: person.email.clone(),
                role: MemberRole::from_code(&m.role)?,
                since: m.created_at.into(),
                is_viewer: person.id == viewer.id,
            })
        })
        .collect();
    let invitations = if may_manage { pending_invitations(db, org.id).await? } else { Vec::new() };
    Ok(TeamView {
        slug: org.slug.clone(),
        name: org_name(org),
        members,
        invitations,
        may_manage,
        may_send_invitations: crate::teams::policy::may_send_invitations(viewer),
        own_role: role_of(&memberships, viewer.id),
    })
}

async fn pending_invitations<C: ConnectionTrait>(db: &C, org_id: i32) -> Result<Vec<PendingInvitation>, AppError> {
    let open = invitation::Entity::find()
        .filter(invitation::Column::OrganisationId.eq(org_id))
        .filter(invitation::Column::AcceptedAt.is_null())
        .filter(invitation::Column::RevokedAt.is_null())
        .filter(invitation::Column::ExpiresAt.gt(Utc::now()))
        .order_by_desc(invitation::Column::CreatedAt)
        .all(db)
        .await?;
    let inviters = user::Entity::find().filter(user::Column::Id.is_in(open.iter().filter_map(|i| i.invited_by))).all(db).await?;
    Ok(open
        .into_iter()
        .filter_map(|i| {
            Some(PendingInvitation {
                id: i.id,
                role: MemberRole::from_code(&i.role)?,
                invited_by: i
                    .invited_by
                    .and_then(|id| inviters.iter().find(|u| u.id == id))
                    .map(|u| u.display_name.clone())
                    .unwrap_or_default(),
                expires_at: i.expires_at.into(),
                email: i.email,
            })
        })
        .collect())
}

/// Invites `email` to `org` as `role`: records the invitation (replacing an
/// open one to the same address) and queues its email. Returns nothing the
/// caller could mail itself: the token only goes into the letter.
///
/// # Errors
/// `Invalid` when the person is in the team already or the day's invitations are used up.
pub async fn invite(
    db: &sea_orm::DatabaseConnection,
    mail: &MailSettings,
    inviter: &CurrentUser,
    org: &organisation::Model,
    email: &str,
    role: MemberRole,
) -> Result<(), AppError> {
    let txn = crate::db::begin_write(db).await?;
    let now = Utc::now();
    let sent_today = invitation::Entity::find()
        .filter(invitation::Column::OrganisationId.eq(org.id))
        .filter(invitation::Column::CreatedAt.gt(now - Duration::days(1)))
        .count(&txn)
        .await?;
    if sent_today >= INVITATIONS_PER_DAY as u64 {
        return Err(refused("email", Problem::TooManyInvitations { max: INVITATIONS_PER_DAY }));
    }
    if let Some(person) = crate::accounts::repo::find_by_email(&txn, email).await? {
        if role_of(&active_memberships(&txn, org.id).await?, person.id).is_some() {
            return Err(refused("email", Problem::AlreadyInTeam));
        }
    }
    invitation::Entity::update_many()
        .col_expr(invitation::Column::RevokedAt, Expr::value(now))
        .filter(invitation::Column::OrganisationId.eq(org.id))
        .filter(invitation::Column::Email.eq(email))
        .filter(invitation::Column::AcceptedAt.is_null())
        .filter(invitation::Column::RevokedAt.is_null())
        .exec(&txn)
        .await?;
    let token = crate::accounts::tokens::fresh_token();
    invitation::ActiveModel {
        organisation_id: Set(org.id),
        email: Set(email.to_string()),
        role: Set(role.code().to_string()),
        token_hash: Set(crate::accounts::tokens::digest(&token)),
        invited_by: Set(Some(inviter.id)),
        created_at: Set(now),
        expires_at: Set(now + Duration::days(INVITATION_DAYS)),
        accepted_at: Set(None),
        accepted_by: Set(None),
        revoked_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let letter = crate::teams::letters::invitation(mail, email, &inviter.display_name, &org_name(org), role, &token);
    crate::mail::outbox::queue(&txn, letter).await?;
    txn.commit().await?;
    mail.wake.notify_one();
    Ok(())
}

/// Revokes an open invitation of `org`.
///
/// # Errors
/// `NotFound` when `org` has no such open invitation.
pub async fn revoke_invitation<C: ConnectionTrait>(db: &C, org: &organisation::Model, id: i64) -> Result<(), AppError> {
    let done = invitation::Entity::update_many()
        .col_expr(invitation::Column::RevokedAt, Expr::value(Utc::now()))
        .filter(invitation::Column::Id.eq(id))
        .filter(invitation::Column::OrganisationId.eq(org.id))
        .filter(invitation::Column::AcceptedAt.is_null())
        .filter(invitation::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    if done.rows_affected == 0 {
        return Err(AppError::NotFound);
    }
    Ok(())
}

fn state_of(i: &invitation::Model) -> InvitationState {
    if i.accepted_at.is_some() {
        InvitationState::Accepted
    } else if i.revoked_at.is_some() {
        InvitationState::Revoked
    } else if i.expires_at <= Utc::now() {
        InvitationState::Expired
    } else {
        InvitationState::Open
    }
}

async fn by_token<C: ConnectionTrait>(db: &C, token: &str) -> Result<Option<invitation::Model>, AppError> {
    Ok(invitation::Entity::find().filter(invitation::Column::TokenHash.eq(crate::accounts::tokens::digest(token))).one(db).await?)
}

/// What the invitation behind `token` is, for its page.
///
/// # Errors
/// `NotFound` for a token that was never issued.
pub async fn invitation_view<C: ConnectionTrait>(db: &C, token: &str, viewer: Option<&CurrentUser>) -> Result<InvitationView, AppError> {
    let found = by_token(db, token).await?.ok_or(AppError::NotFound)?;
    let org = organisation::Entity::find_by_id(found.organisation_id).one(db).await?.ok_or(AppError::NotFound)?;
    let inviter = match found.invited_by {
        Some(id) => crate::accounts::repo::user_by_id(db, id).await?.map(|u| u.display_name).unwrap_or_default(),
        None => String::new(),
    };
    Ok(InvitationView {
        state: state_of(&found),
        slug: org.slug.clone(),
        organisation: org_name(&org),
        role: MemberRole::from_code(&found.role).ok_or(AppError::Internal)?,
        invited_by: inviter,
        email: found.email,
        signed_in_as: viewer.map(|v| v.email.clone()),
    })
}

/// Accepts the invitation behind `token` for `person`, whose address must be
/// the one it was sent to: they join (or a waiting request of theirs becomes
/// a place) with its role, their address counts as confirmed, and the team's
/// owners are told. Returns the organisation's slug.
///
/// # Errors
/// `Invalid(LinkNotValid)` for a used, revoked, expired or unknown link;
/// `Forbidden` when `person` signed in with another address.
pub async fn accept(db: &sea_orm::DatabaseConnection, mail: &MailSettings, person: &CurrentUser, token: &str) -> Result<String, AppError> {
    let txn = crate::db::begin_write(db).await?;
    let found = by_token(&txn, token)
        .await?
        .filter(|i| state_of(i) == InvitationState::Open)
        .ok_or_else(|| refused("token", Problem::LinkNotValid))?;
    if !found.email.eq_ignore_ascii_case(&person.email) {
        return Err(AppError::Forbidden);
    }
    let now = Utc::now();
    // Used once: of two acceptances at once, only one updates the row.
    let claimed = invitation::Entity::update_many()
        .col_expr(invitation::Column::AcceptedAt, Expr::value(now))
        .col_expr(invitation::Column::AcceptedBy, Expr::value(person.id))
        .filter(invitation::Column::Id.eq(found.id))
        .filter(invitation::Column::AcceptedAt.is_null())
        .exec(&txn)
        .await?;
    if claimed.rows_affected == 0 {
        return Err(refused("token", Problem::LinkNotValid));
    }
    let org = organisation::Entity::find_by_id(found.organisation_id).one(&txn).await?.ok_or(AppError::NotFound)?;
    let role = MemberRole::from_code(&found.role).ok_or(AppError::Internal)?;
    let existing = membership::Entity::find()
        .filter(membership::Column::OrganisationId.eq(org.id))
        .filter(membership::Column::UserId.eq(person.id))
        .one(&txn)
        .await?;
    match existing {
        // In the team already (invited twice, or joined meanwhile): their place stands.
        Some(m) if m.status == MembershipStatus::Active.code() => {}
        Some(m) => {
            let mut place: membership::ActiveModel = m.into();
            place.status = Set(MembershipStatus::Active.code().to_string());
            place.role = Set(role.code().to_string());
            place.update(&txn).await?;
        }
        None => {
            membership::ActiveModel {
                user_id: Set(person.id),
                organisation_id: Set(org.id),
                role: Set(role.code().to_string()),
                created_at: Set(now),
                status: Set(MembershipStatus::Active.code().to_string()),
            }
            .insert(&txn)
            .await?;
        }
    }
    // The link reached this address, which proves it.
    crate::accounts::repo::confirm_email(&txn, person.id).await?;
    let name = org_name(&org);
    let who = &person.display_name;
    let title = Bilingual::new(
        format!("{who} 接受邀请，以“{}”身份加入了“{}”", role.label(Lang::Zh), name.get(Lang::Zh)),
        format!("{who} accepted the invitation and joined {} as {}", name.get(Lang::En), role.label(Lang::En)),
    );
    let owners: Vec<i32> = crate::read::active_owners(&txn, org.id).await?.into_iter().filter(|id| *id != person.id).collect();
    notify(&txn, mail, &owners, &Notice { kind: NotificationKind::TeamChanged, title, link: format!("/orgs/{}/team", org.slug) }).await?;
    txn.commit().await?;
    Ok(org.slug)
}

/// Gives `user_id` the place `role` in `org` (`None`: removes them), unless
/// that would leave it without an owner; tells them unless they did it themselves.
///
/// # Errors
/// `NotFound` when they are not in the team; `Invalid(LastOwner)`.
pub async fn set_place(
    db: &sea_orm::DatabaseConnection,
    mail: &MailSettings,
    actor: &CurrentUser,
    org: &organisation::Model,
    user_id: i32,
    role: Option<MemberRole>,
) -> Result<(), AppError> {
    let txn = crate::db::begin_write(db).await?;
    let memberships = active_memberships(&txn, org.id).await?;
    let field = if user_id == actor.id && role.is_none() { "leave" } else { "member" };
    policy::change(role_of(&memberships, user_id), role, owners(&memberships)).map_err(|why| refusal(field, why))?;
    let place = membership::Entity::find()
        .filter(membership::Column::OrganisationId.eq(org.id))
        .filter(membership::Column::UserId.eq(user_id))
        .filter(membership::Column::Status.eq(MembershipStatus::Active.code()));
    let name = org_name(org);
    let title = match role {
        Some(role) => {
            let mut changed: membership::ActiveModel = place.one(&txn).await?.ok_or(AppError::NotFound)?.into();
            changed.role = Set(role.code().to_string());
            changed.update(&txn).await?;
            Bilingual::new(
                format!("你在“{}”的角色改为“{}”", name.get(Lang::Zh), role.label(Lang::Zh)),
                format!("Your role in {} is now {}", name.get(Lang::En), role.label(Lang::En)),
            )
        }
        None => {
            membership::Entity::delete_many()
                .filter(membership::Column::OrganisationId.eq(org.id))
                .filter(membership::Column::UserId.eq(user_id))
                .exec(&txn)
                .await?;
            Bilingual::new(
                format!("你已不在“{}”的团队中", name.get(Lang::Zh)),
                format!("You are no longer in the team of {}", name.get(Lang::En)),
            )
        }
    };
    if user_id != actor.id {
        notify(&txn, mail, &[user_id], &Notice { kind: NotificationKind::TeamChanged, title, link: format!("/orgs/{}", org.slug) }).await?;
    }
    txn.commit().await?;
    Ok(())
}
