//! A belt's dashboard read from the database: its published suppliers'
//! facts in a few set-wise queries (no parameter per firm), counted by
//! `dashboards::rules` and drawn by `dashboards::charts`.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Query, SelectStatement};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

use crate::codes::split_codes;
use crate::dashboards::rules::{self, SupplierRow};
use crate::dashboards::types::{BeltDashboard, Breakdown};
use crate::entities::{belt, belt_organisation, category, organisation, supply_profile, supply_profile_category};
use crate::error::AppError;
use crate::i18n::{Bilingual, Lang};
use crate::suppliers::types::{Certification, ProfileStatus, Quantity, QuantityUnit};

/// The ids of the belt's member organisations that are not hidden.
fn members(belt_id: i32) -> SelectStatement {
    Query::select()
        .column(belt_organisation::Column::OrganisationId)
        .from(belt_organisation::Entity)
        .and_where(belt_organisation::Column::BeltId.eq(belt_id))
        .and_where(
            belt_organisation::Column::OrganisationId.not_in_subquery(
                Query::select()
                    .column(organisation::Column::Id)
                    .from(organisation::Entity)
                    .and_where(organisation::Column::HiddenAt.is_not_null())
                    .to_owned(),
            ),
        )
        .to_owned()
}

/// The ids of the published profiles of those members.
fn published_profiles(belt_id: i32) -> SelectStatement {
    Query::select()
        .column(supply_profile::Column::Id)
        .from(supply_profile::Entity)
        .and_where(supply_profile::Column::Status.eq(ProfileStatus::Published.code()))
        .and_where(supply_profile::Column::OrganisationId.in_subquery(members(belt_id)))
        .to_owned()
}

type ProfileFacts = (i32, i32, String, Option<i64>, Option<String>, String, String);

/// Every published supplier of belt `belt_id` as the dashboard counts it;
/// `all_categories` names their categories' ids.
pub async fn supplier_rows<C: ConnectionTrait>(
    db: &C,
    belt_id: i32,
    all_categories: &[category::Model],
    now: DateTime<Utc>,
) -> Result<Vec<SupplierRow>, AppError> {
    let profiles: Vec<ProfileFacts> = supply_profile::Entity::find()
        .select_only()
        .column(supply_profile::Column::Id)
        .column(supply_profile::Column::OrganisationId)
        .column(supply_profile::Column::Certifications)
        .column(supply_profile::Column::CapacityValue)
        .column(supply_profile::Column::CapacityUnit)
        .column(supply_profile::Column::ExportMarkets)
        .column(supply_profile::Column::VerifiedFields)
        .filter(supply_profile::Column::Status.eq(ProfileStatus::Published.code()))
        .filter(supply_profile::Column::OrganisationId.in_subquery(members(belt_id)))
        .into_tuple()
        .all(db)
        .await?;
    let slugs: HashMap<i32, &str> = all_categories.iter().map(|c| (c.id, c.slug.as_str())).collect();
    let mut categories: HashMap<i32, Vec<String>> = HashMap::new();
    let links: Vec<(i32, i32)> = supply_profile_category::Entity::find()
        .select_only()
        .column(supply_profile_category::Column::ProfileId)
        .column(supply_profile_category::Column::CategoryId)
        .filter(supply_profile_category::Column::ProfileId.in_subquery(published_profiles(belt_id)))
        .into_tuple()
        .all(db)
        .await?;
    for (profile, category) in links {
        if let Some(slug) = slugs.get(&category) {
            categories.entry(profile).or_default().push(slug.to_string());
        }
    }
    let verified: HashSet<i32> = organisation::Entity::find()
        .select_only()
        .column(organisation::Column::Id)
        .filter(organisation::Column::Id.in_subquery(members(belt_id)))
        .filter(organisation::Column::VerifiedAt.is_not_null())
        .into_tuple()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let mut replies = crate::reply_time::records_among(db, members(belt_id), now).await?;
    Ok(profiles
        .into_iter()
        .map(|(id, org_id, certifications, capacity_value, capacity_unit, markets, verified_fields)| SupplierRow {
            categories: categories.remove(&id).unwrap_or_default(),
            certifications: split_codes(&certifications, Certification::from_code),
            capacity: capacity_value
                .zip(capacity_unit.as_deref().and_then(QuantityUnit::from_code))
                .map(|(value, unit)| Quantity { value, unit }),
            markets: split_codes(&markets, |c| Some(c.to_string())),
            fields_verified: !verified_fields.is_empty(),
            organisation_verified: verified.contains(&org_id),
            reply: replies.remove(&org_id),
        })
        .collect())
}

/// The dashboard of `belt` in `lang` (the charts are drawn in one language).
pub async fn dashboard<C: ConnectionTrait>(db: &C, belt: &belt::Model, lang: Lang, now: DateTime<Utc>) -> Result<BeltDashboard, AppError> {
    // The category table once: ids for the profiles' links, names for the bars.
    let all_categories = category::Entity::find().all(db).await?;
    let rows = supplier_rows(db, belt.id, &all_categories, now).await?;
    let names: HashMap<String, Bilingual> = all_categories.into_iter().map(|c| (c.slug, Bilingual::new(c.name_zh, c.name_en))).collect();
    let breakdowns = rules::breakdowns(&rows, &names)
        .into_iter()
        .map(|(key, tallies)| {
            let (title, note) = crate::dashboards::texts::heading(key);
            let svg = crate::charts::bars(&tallies, lang).unwrap_or_else(|error| {
                tracing::error!(key, %error, "a dashboard chart could not be drawn; its table stands alone");
                String::new()
            });
            Breakdown { key: key.to_string(), title, note, tallies, svg }
        })
        .collect();
    let filter = crate::scouting::repo::ListFilter { belt: Some(belt.slug.clone()), ..Default::default() };
    let lookup = crate::scouting::repo::Lookup::load(db).await?;
    let open_briefs = crate::scouting::repo::open_cards(db, &filter, now, &lookup).await?;
    Ok(BeltDashboard {
        belt: crate::scouting::types::Named { slug: belt.slug.clone(), name: Bilingual::new(&belt.name_zh, &belt.name_en) },
        suppliers: rows.len() as u64,
        verified_profiles: rows.iter().filter(|r| r.fields_verified).count() as u64,
        verified_organisations: rows.iter().filter(|r| r.organisation_verified).count() as u64,
        breakdowns,
        open_briefs,
        computed_at: now.into(),
    })
}
