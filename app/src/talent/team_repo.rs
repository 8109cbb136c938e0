//! Competition teams in the database: teams, their members and the
//! captains' invitations. Every change runs in the caller's write
//! transaction with the competition's row locked
//! (`application_repo::lock_program`), so sizes and names hold under races;
//! the unique indexes (a name once per competition, one team per person)
//! hold whatever slips past. Server only.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::entities::{competition_team, talent_program, team_invitation, team_member, user};
use crate::error::AppError;
use crate::forms::{FormErrors, Problem};
use crate::i18n::Bilingual;
use crate::notifications::repo::{notify, Notice};
use crate::notifications::types::NotificationKind;
use crate::state::MailSettings;
use crate::talent::teams::{self, InvitationStatus};
use crate::talent::types::{MyTeam, TeamInvite, TeamSummary};

fn is_unique_violation(err: &sea_orm::DbErr) -> bool {
    matches!(err.sql_err(), Some(sea_orm::SqlErr::UniqueConstraintViolation(_)))
}

pub async fn by_id<C: ConnectionTrait>(db: &C, id: i32) -> Result<competition_team::Model, AppError> {
    competition_team::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)
}

pub async fn invitation<C: ConnectionTrait>(db: &C, id: i32) -> Result<team_invitation::Model, AppError> {
    team_invitation::Entity::find_by_id(id).one(db).await?.ok_or(AppError::NotFound)
}

/// The team `user_id` is in at competition `program_id`.
pub async fn team_of<C: ConnectionTrait>(db: &C, program_id: i32, user_id: i32) -> Result<Option<competition_team::Model>, AppError> {
    let member = team_member::Entity::find()
        .filter(team_member::Column::ProgramId.eq(program_id))
        .filter(team_member::Column::UserId.eq(user_id))
        .one(db)
        .await?;
    match member {
        Some(member) => Ok(competition_team::Entity::find_by_id(member.team_id).one(db).await?),
        None => Ok(None),
    }
}

/// A team's members, in the order they joined.
pub async fn member_ids<C: ConnectionTrait>(db: &C, team_id: i32) -> Result<Vec<i32>, AppError> {
    Ok(team_member::Entity::find()
        .filter(team_member::Column::TeamId.eq(team_id))
        .order_by_asc(team_member::Column::JoinedAt)
        .order_by_asc(team_member::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.user_id)
        .collect())
}

async fn pending_of<C: ConnectionTrait>(db: &C, team_ids: &[i32]) -> Result<Vec<team_invitation::Model>, AppError> {
    Ok(team_invitation::Entity::find()
        .filter(team_invitation::Column::TeamId.is_in(team_ids.iter().copied()))
        .filter(team_invitation::Column::Status.eq(InvitationStatus::Pending.code()))
        .order_by_asc(team_invitation::Column::Id)
        .all(db)
        .await?)
}

async fn names<C: ConnectionTrait>(db: &C, ids: impl IntoIterator<Item = i32>) -> Result<HashMap<i32, String>, AppError> {
    Ok(user::Entity::find().filter(user::Column::Id.is_in(ids)).all(db).await?.into_iter().map(|u| (u.id, u.display_name)).collect())
}

/// How many teams entered competition `program_id`.
pub async fn count<C: ConnectionTrait>(db: &C, program_id: i32) -> Result<usize, AppError> {
    use sea_orm::PaginatorTrait;
    Ok(competition_team::Entity::find().filter(competition_team::Column::ProgramId.eq(program_id)).count(db).await? as usize)
}

/// `user_id`'s team at the competition, as its members see it.
pub async fn my_team<C: ConnectionTrait>(db: &C, program_id: i32, user_id: i32) -> Result<Option<MyTeam>, AppError> {
    let Some(team) = team_of(db, program_id, user_id).await? else {
        return Ok(None);
    };
    let members = member_ids(db, team.id).await?;
    let pending = pending_of(db, &[team.id]).await?;
    let names = names(db, members.iter().copied().chain(pending.iter().map(|i| i.invitee_id)).chain([team.captain_id])).await?;
    let name = |id: &i32| names.get(id).cloned().unwrap_or_default();
    Ok(Some(MyTeam {
        id: team.id,
        captain: team.captain_id == user_id,
        captain_name: name(&team.captain_id),
        members: members.iter().map(name).collect(),
        pending: pending.iter().map(|i| (i.id, name(&i.invitee_id))).collect(),
        submission: team.submission_url.clone(),
        name: team.name,
    }))
}

/// Invitations to `user_id` awaiting an answer, for teams of the competition.
pub async fn invitations_to<C: ConnectionTrait>(db: &C, program_id: i32, user_id: i32) -> Result<Vec<TeamInvite>, AppError> {
    let teams: HashMap<i32, competition_team::Model> = competition_team::Entity::find()
        .filter(competition_team::Column::ProgramId.eq(program_id))
        .all(db)
        .await?
        .into_iter()
        .map(|t| (t.id, t))
        .collect();
    let invitations: Vec<team_invitation::Model> =
        pending_of(db, &teams.keys().copied().collect::<Vec<_>>()).await?.into_iter().filter(|i| i.invitee_id == user_id).collect();
    let captains = names(db, invitations.iter().filter_map(|i| teams.get(&i.team_id).map(|t| t.captain_id))).await?;
    Ok(invitations
        .iter()
        .filter_map(|i| {
            let team = teams.get(&i.team_id)?;
            Some(TeamInvite { id: i.id, team: team.name.clone(), captain: captains.get(&team.captain_id).cloned().unwrap_or_default() })
        })
        .collect())
}

/// Every team of the competition with its people and link, by name.
pub async fn summaries<C: ConnectionTrait>(db: &C, program_id: i32) -> Result<Vec<TeamSummary>, AppError> {
    let teams = competition_team::Entity::find()
        .filter(competition_team::Column::ProgramId.eq(program_id))
        .order_by_asc(competition_team::Column::NameKey)
        .all(db)
        .await?;
    let members = team_member::Entity::find()
        .filter(team_member::Column::ProgramId.eq(program_id))
        .order_by_asc(team_member::Column::JoinedAt)
        .order_by_asc(team_member::Column::Id)
        .all(db)
        .await?;
    let names = names(db, members.iter().map(|m| m.user_id).chain(teams.iter().map(|t| t.captain_id))).await?;
    let name = |id: &i32| names.get(id).cloned().unwrap_or_default();
    Ok(teams
        .iter()
        .map(|team| TeamSummary {
            name: team.name.clone(),
            captain: name(&team.captain_id),
            members: members.iter().filter(|m| m.team_id == team.id).map(|m| name(&m.user_id)).collect(),
            submission: team.submission_url.clone(),
            submitted_at: team.submitted_at.map(crate::clock::Moment),
        })
        .collect())
}

/// A new team with `captain_id` as its captain and first member.
///
/// # Errors
/// `TeamNameTaken` (at `team_name`) when another team of the competition has the name.
pub async fn form<C: ConnectionTrait>(
    txn: &C,
    program_id: i32,
    captain_id: i32,
    name: &str,
    now: DateTime<Utc>,
) -> Result<competition_team::Model, AppError> {
    let key = teams::name_key(name);
    let taken = competition_team::Entity::find()
        .filter(competition_team::Column::ProgramId.eq(program_id))
        .filter(competition_team::Column::NameKey.eq(key.as_str()))
        .one(txn)
        .await?;
    let refused = || {
        let mut errors = FormErrors::new();
        errors.keep("team_name", name);
        FormErrors::refusing_kept(errors, "team_name", Problem::TeamNameTaken)
    };
    if taken.is_some() {
        return Err(refused());
    }
    let team = competition_team::ActiveModel {
        program_id: Set(program_id),
        name: Set(name.to_string()),
        name_key: Set(key),
        captain_id: Set(captain_id),
        submission_url: Set(None),
        submitted_at: Set(None),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await
    .map_err(|e| if is_unique_violation(&e) { refused() } else { e.into() })?;
    add_member(txn, &team, captain_id, now).await?;
    Ok(team)
}

/// Puts `user_id` in `team`.
pub async fn add_member<C: ConnectionTrait>(
    txn: &C,
    team: &competition_team::Model,
    user_id: i32,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    team_member::ActiveModel {
        team_id: Set(team.id),
        program_id: Set(team.program_id),
        user_id: Set(user_id),
        joined_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await
    .map_err(|e| if is_unique_violation(&e) { FormErrors::refusing("team_name", Problem::InCompetitionTeam) } else { e.into() })?;
    Ok(())
}

/// Members and open invitations of `team_id`.
pub async fn size<C: ConnectionTrait>(txn: &C, team_id: i32) -> Result<(usize, usize), AppError> {
    Ok((member_ids(txn, team_id).await?.len(), pending_of(txn, &[team_id]).await?.len()))
}

/// Invites `invitee_id` (again, after a decline or a withdrawn invitation).
/// `false` when they are invited already or accepted.
pub async fn invite<C: ConnectionTrait>(txn: &C, team_id: i32, invitee_id: i32, by: i32, now: DateTime<Utc>) -> Result<bool, AppError> {
    let existing = team_invitation::Entity::find()
        .filter(team_invitation::Column::TeamId.eq(team_id))
        .filter(team_invitation::Column::InviteeId.eq(invitee_id))
        .one(txn)
        .await?;
    match existing {
        Some(row) if row.status == InvitationStatus::Pending.code() || row.status == InvitationStatus::Accepted.code() => Ok(false),
        Some(row) => {
            let mut row: team_invitation::ActiveModel = row.into();
            row.status = Set(InvitationStatus::Pending.code().to_string());
            row.invited_by = Set(Some(by));
            row.created_at = Set(now);
            row.answered_at = Set(None);
            row.update(txn).await?;
            Ok(true)
        }
        None => {
            team_invitation::ActiveModel {
                team_id: Set(team_id),
                invitee_id: Set(invitee_id),
                invited_by: Set(Some(by)),
                status: Set(InvitationStatus::Pending.code().to_string()),
                created_at: Set(now),
                answered_at: Set(None),
                ..Default::default()
            }
            .insert(txn)
            .await?;
            Ok(true)
        }
    }
}

/// Moves a pending invitation to `status`; `false` when it was no longer pending.
pub async fn close_invitation<C: ConnectionTrait>(
    txn: &C,
    id: i32,
    status: InvitationStatus,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    use sea_orm::sea_query::Expr;
    let moved = team_invitation::Entity::update_many()
        .col_expr(team_invitation::Column::Status, Expr::value(status.code()))
        .col_expr(team_invitation::Column::AnsweredAt, Expr::value(Some(now)))
        .filter(team_invitation::Column::Id.eq(id))
        .filter(team_invitation::Column::Status.eq(InvitationStatus::Pending.code()))
        .exec(txn)
        .await?;
    Ok(moved.rows_affected == 1)
}

/// What became of a team when someone left it.
#[derive(Debug, PartialEq, Eq)]
pub enum AfterLeaving {
    /// Others remain; this is the captain now (unchanged unless the captain left).
    Remains { captain_id: i32 },
    /// The last member left: the team and its open invitations are gone.
    Disbanded,
}

/// Takes `user_id` out of `team`. A captain who leaves hands the team to
/// the member who joined first after them; the last one out disbands it.
pub async fn leave<C: ConnectionTrait>(txn: &C, team: &competition_team::Model, user_id: i32) -> Result<AfterLeaving, AppError> {
    team_member::Entity::delete_many()
        .filter(team_member::Column::TeamId.eq(team.id))
        .filter(team_member::Column::UserId.eq(user_id))
        .exec(txn)
        .await?;
    let remaining = member_ids(txn, team.id).await?;
    let Some(&next) = remaining.first() else {
        competition_team::Entity::delete_by_id(team.id).exec(txn).await?;
        return Ok(AfterLeaving::Disbanded);
    };
    if team.captain_id != user_id {
        return Ok(AfterLeaving::Remains { captain_id: team.captain_id });
    }
    let mut row: competition_team::ActiveModel = team.clone().into();
    row.captain_id = Set(next);
    row.update(txn).await?;
    Ok(AfterLeaving::Remains { captain_id: next })
}

/// Sets (or clears) the team's submission link.
pub async fn set_submission<C: ConnectionTrait>(
    txn: &C,
    team: &competition_team::Model,
    link: Option<String>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let mut row: competition_team::ActiveModel = team.clone().into();
    row.submitted_at = Set(link.as_ref().map(|_| now));
    row.submission_url = Set(link);
    row.update(txn).await?;
    Ok(())
}

/// Tells `recipients` something about team `team` of `program` (in the app, and by email as they chose).
pub async fn tell<C: ConnectionTrait>(
    txn: &C,
    mail: &MailSettings,
    program: &talent_program::Model,
    recipients: &[i32],
    title: Bilingual,
) -> Result<(), AppError> {
    let t = Bilingual::new(&program.title_zh, &program.title_en);
    let title = Bilingual::new(format!("{}（{}）", title.zh, t.zh), format!("{} ({})", title.en, t.en));
    let notice = Notice { kind: NotificationKind::CompetitionTeam, title, link: format!("/programs/{}#teams", program.slug) };
    notify(txn, mail, recipients, &notice).await
}
