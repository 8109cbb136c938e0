//! Reading organisations from the database into the shared types.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::entities::{belt, belt_organisation, organisation};
use crate::error::AppError;
use crate::i18n::Bilingual;
use crate::orgs::types::{BeltRole, OrgBelt, OrgDetail, OrgKind, Verification};

pub fn org_name(o: &organisation::Model) -> Bilingual {
    Bilingual::new(o.name_zh.clone().unwrap_or_default(), o.name_en.clone().unwrap_or_default())
}

/// One organisation with the belts it works in.
///
/// # Errors
/// `NotFound` when no organisation has this slug.
pub async fn detail<C: ConnectionTrait>(db: &C, slug: &str) -> Result<OrgDetail, AppError> {
    let o = organisation::Entity::find()
        .filter(organisation::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let kind = OrgKind::from_code(&o.kind).ok_or_else(|| {
        tracing::error!(slug, kind = o.kind, "organisation has an unknown kind");
        AppError::Internal
    })?;
    let links = belt_organisation::Entity::find()
        .filter(belt_organisation::Column::OrganisationId.eq(o.id))
        .all(db)
        .await?;
    let belts_found = belt::Entity::find()
        .filter(belt::Column::Id.is_in(links.iter().map(|l| l.belt_id)))
        .all(db)
        .await?;
    let mut belts: Vec<OrgBelt> = belts_found
        .into_iter()
        .filter_map(|b| {
            let link = links.iter().find(|l| l.belt_id == b.id)?;
            Some(OrgBelt {
                role: BeltRole::from_code(&link.role)?,
                name: Bilingual::new(b.name_zh, b.name_en),
                slug: b.slug,
            })
        })
        .collect();
    belts.sort_by(|a, b| a.slug.cmp(&b.slug));
    let verification = match (&o.verified_at, &o.verified_by) {
        (Some(at), Some(by)) => Some(Verification { verified_at: at.format("%Y-%m-%d").to_string(), verified_by: by.clone() }),
        _ => None,
    };
    Ok(OrgDetail {
        name: org_name(&o),
        slug: o.slug,
        kind,
        description: Bilingual::new(o.description_zh, o.description_en),
        province: o.province,
        city: Bilingual::new(o.city_zh.unwrap_or_default(), o.city_en.unwrap_or_default()),
        source: o.source,
        is_demo: o.is_demo,
        verification,
        belts,
    })
}
