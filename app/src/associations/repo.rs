//! Reading associations and their members. Server only.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::associations::types::{ImportJobView, JobStatus, MemberSummary, MembersPage};
use crate::belts::types::CategoryRef;
use crate::entities::{association_member, belt_organisation, import_job, organisation, supply_profile};
use crate::error::AppError;
use crate::orgs::types::OrgKind;
use crate::read::belt_refs_by_owner;
use crate::read::org_name;
use crate::suppliers::types::ProfileStatus;

/// The association behind `slug`.
///
/// # Errors
/// `NotFound` for an unknown slug or another kind.
pub async fn association<C: ConnectionTrait>(db: &C, slug: &str) -> Result<organisation::Model, AppError> {
    let org = crate::read::organisation_by_slug(db, slug).await?;
    if OrgKind::from_code(&org.kind) != Some(OrgKind::Association) {
        return Err(AppError::NotFound);
    }
    Ok(org)
}

/// The belts an organisation is linked to, by slug.
pub async fn belts_of<C: ConnectionTrait>(db: &C, org_ids: &[i32]) -> Result<HashMap<i32, Vec<CategoryRef>>, sea_orm::DbErr> {
    let links =
        belt_organisation::Entity::find().filter(belt_organisation::Column::OrganisationId.is_in(org_ids.iter().copied())).all(db).await?;
    belt_refs_by_owner(db, links.into_iter().map(|l| (l.organisation_id, l.belt_id))).await
}

/// The association's member firms, by name.
pub async fn members<C: ConnectionTrait>(db: &C, association_id: i32) -> Result<Vec<organisation::Model>, sea_orm::DbErr> {
    let ids: Vec<i32> = association_member::Entity::find()
        .filter(association_member::Column::AssociationId.eq(association_id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.organisation_id)
        .collect();
    organisation::Entity::find().filter(organisation::Column::Id.is_in(ids)).order_by_asc(organisation::Column::Slug).all(db).await
}

pub fn job_view(job: import_job::Model) -> ImportJobView {
    ImportJobView {
        id: job.id,
        status: JobStatus::from_code(&job.status).unwrap_or(JobStatus::Interrupted),
        total_rows: job.total_rows,
        done_rows: job.done_rows,
        created: job.created,
        updated: job.updated,
        failed: job.failed,
        problems: serde_json::from_str(&job.problems).unwrap_or_default(),
        started_at: job.created_at.into(),
    }
}

/// One import of this association.
pub async fn job<C: ConnectionTrait>(db: &C, association_id: i32, id: i32) -> Result<ImportJobView, AppError> {
    let job = import_job::Entity::find_by_id(id)
        .filter(import_job::Column::AssociationId.eq(association_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(job_view(job))
}

/// What `/orgs/{slug}/members` shows.
pub async fn members_page<C: ConnectionTrait>(db: &C, association: &organisation::Model) -> Result<MembersPage, AppError> {
    let members = members(db, association.id).await?;
    let ids: Vec<i32> = members.iter().map(|m| m.id).chain([association.id]).collect();
    let mut belts = belts_of(db, &ids).await?;
    let statuses: HashMap<i32, ProfileStatus> = supply_profile::Entity::find()
        .filter(supply_profile::Column::OrganisationId.is_in(ids.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|p| Some((p.organisation_id, ProfileStatus::from_code(&p.status)?)))
        .collect();
    let recent_imports = import_job::Entity::find()
        .filter(import_job::Column::AssociationId.eq(association.id))
        .order_by_desc(import_job::Column::Id)
        .limit(5)
        .all(db)
        .await?
        .into_iter()
        .map(job_view)
        .collect();
    Ok(MembersPage {
        slug: association.slug.clone(),
        name: org_name(association),
        belts: belts.remove(&association.id).unwrap_or_default(),
        members: members
            .into_iter()
            .map(|m| MemberSummary {
                profile_status: statuses.get(&m.id).copied(),
                belts: belts.remove(&m.id).unwrap_or_default(),
                name: org_name(&m),
                slug: m.slug,
            })
            .collect(),
        recent_imports,
    })
}
