use sea_orm::entity::prelude::*;

/// A platform's scouting brief; see `scouting::types` for the codes.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "briefs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub slug: String,
    pub organisation_id: i32,
    pub created_by: Option<i32>,
    /// A `BriefStatus` code.
    pub status: String,
    /// A `CloseReason` code, once closed.
    pub close_reason: Option<String>,
    pub title_zh: String,
    pub title_en: String,
    #[sea_orm(column_type = "Text")]
    pub details_zh: String,
    #[sea_orm(column_type = "Text")]
    pub details_en: String,
    /// Category slugs, comma-joined.
    pub categories: String,
    /// ISO country codes, comma-joined.
    pub markets: String,
    pub certifications: String,
    pub capacity_value: Option<i64>,
    pub capacity_unit: Option<String>,
    pub capacity_period: Option<String>,
    pub max_lead_time_days: Option<i32>,
    pub samples_needed: bool,
    pub business_models: String,
    pub price_band: Option<String>,
    /// Shown only to the firms of chosen belts and associations.
    pub restricted: bool,
    pub deadline: DateTimeUtc,
    pub is_demo: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub opened_at: Option<DateTimeUtc>,
    pub closed_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
