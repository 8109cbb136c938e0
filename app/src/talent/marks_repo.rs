//! Job fairs' marks in the database: which employers a graduate wants to meet.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::entities::employer_mark;
use crate::error::AppError;
use crate::talent::types::Marker;

/// The employers (organisation ids) `user_id` marked at a program.
pub async fn marked_by<C: ConnectionTrait>(db: &C, program_id: i32, user_id: i32) -> Result<Vec<i32>, AppError> {
    Ok(employer_mark::Entity::find()
        .filter(employer_mark::Column::ProgramId.eq(program_id))
        .filter(employer_mark::Column::UserId.eq(user_id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.organisation_id)
        .collect())
}

/// Marks (`want`) or unmarks an employer; doing either twice changes nothing.
pub async fn set<C: ConnectionTrait>(
    db: &C,
    program_id: i32,
    organisation_id: i32,
    user_id: i32,
    want: bool,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let existing = employer_mark::Entity::find()
        .filter(employer_mark::Column::ProgramId.eq(program_id))
        .filter(employer_mark::Column::OrganisationId.eq(organisation_id))
        .filter(employer_mark::Column::UserId.eq(user_id))
        .one(db)
        .await?;
    match (existing, want) {
        (None, true) => {
            let row = employer_mark::ActiveModel {
                program_id: Set(program_id),
                organisation_id: Set(organisation_id),
                user_id: Set(user_id),
                created_at: Set(now),
                ..Default::default()
            };
            // Two clicks at once may both find none: the unique index keeps one, and the second is no error.
            let inserted = employer_mark::Entity::insert(row)
                .on_conflict(
                    sea_orm::sea_query::OnConflict::columns([
                        employer_mark::Column::ProgramId,
                        employer_mark::Column::OrganisationId,
                        employer_mark::Column::UserId,
                    ])
                    .do_nothing()
                    .to_owned(),
                )
                .exec_without_returning(db)
                .await;
            inserted?;
        }
        (Some(mark), false) => {
            employer_mark::Entity::delete_by_id(mark.id).exec(db).await?;
        }
        _ => {}
    }
    Ok(())
}

/// Who marked each of these employers at a program, earliest first, by organisation id.
pub async fn markers_of<C: ConnectionTrait>(
    db: &C,
    program_id: i32,
    organisation_ids: &[i32],
) -> Result<HashMap<i32, Vec<Marker>>, AppError> {
    if organisation_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let marks = employer_mark::Entity::find()
        .filter(employer_mark::Column::ProgramId.eq(program_id))
        .filter(employer_mark::Column::OrganisationId.is_in(organisation_ids.iter().copied()))
        .order_by_asc(employer_mark::Column::CreatedAt)
        .order_by_asc(employer_mark::Column::Id)
        .all(db)
        .await?;
    let people: Vec<i32> = marks.iter().map(|m| m.user_id).collect();
    let (names, profiles) = crate::talent::application_repo::applicants(db, &people).await?;
    let mut by_employer: HashMap<i32, Vec<Marker>> = HashMap::new();
    for mark in marks {
        let profile = profiles.get(&mark.user_id);
        by_employer.entry(mark.organisation_id).or_default().push(Marker {
            name: names.get(&mark.user_id).cloned().unwrap_or_default(),
            school: profile.map(|p| p.school.clone()).unwrap_or_default(),
            major: profile.and_then(|p| p.major),
            graduation_year: profile.and_then(|p| p.graduation_year),
        });
    }
    Ok(by_employer)
}
