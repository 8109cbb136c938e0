use sea_orm::entity::prelude::*;

/// A talent program; see `talent::types` for the codes and the JSON columns.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "talent_programs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub slug: String,
    /// The association, school or platform that runs it.
    pub organiser_id: i32,
    pub kind: String,
    #[sea_orm(column_type = "Text")]
    pub title_zh: String,
    #[sea_orm(column_type = "Text")]
    pub title_en: String,
    #[sea_orm(column_type = "Text")]
    pub summary_zh: String,
    #[sea_orm(column_type = "Text")]
    pub summary_en: String,
    pub province: String,
    #[sea_orm(column_type = "Text")]
    pub city_zh: String,
    #[sea_orm(column_type = "Text")]
    pub city_en: String,
    #[sea_orm(column_type = "Text")]
    pub venue_zh: String,
    #[sea_orm(column_type = "Text")]
    pub venue_en: String,
    pub starts_on: Date,
    pub ends_on: Date,
    /// The last day to apply, in China.
    pub applications_close: Date,
    /// `None`: no limit.
    pub seats: Option<i32>,
    #[sea_orm(column_type = "Text")]
    pub cost_zh: String,
    #[sea_orm(column_type = "Text")]
    pub cost_en: String,
    pub subsidised: bool,
    #[sea_orm(column_type = "Text")]
    pub curriculum_zh: String,
    #[sea_orm(column_type = "Text")]
    pub curriculum_en: String,
    /// Language codes as a JSON list.
    #[sea_orm(column_type = "Text")]
    pub instruction_languages: String,
    /// Belt slugs as a JSON list.
    #[sea_orm(column_type = "Text")]
    pub belt_slugs: String,
    /// `talent::types::ProgramEligibility` as JSON.
    #[sea_orm(column_type = "Text")]
    pub eligibility: String,
    pub is_demo: bool,
    pub created_by: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
