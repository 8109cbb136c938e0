use sea_orm::entity::prelude::*;

/// A policy notice; see `policies::types` for the codes and the eligibility JSON.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "policy_notices")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub slug: String,
    /// The association that published it (`None`: a site admin, for Beltlink).
    pub publisher_id: Option<i32>,
    #[sea_orm(column_type = "Text")]
    pub title_zh: String,
    #[sea_orm(column_type = "Text")]
    pub title_en: String,
    #[sea_orm(column_type = "Text")]
    pub issuer_zh: String,
    #[sea_orm(column_type = "Text")]
    pub issuer_en: String,
    #[sea_orm(column_type = "Text")]
    pub summary_zh: String,
    #[sea_orm(column_type = "Text")]
    pub summary_en: String,
    pub benefit: String,
    #[sea_orm(column_type = "Text")]
    pub amount_zh: String,
    #[sea_orm(column_type = "Text")]
    pub amount_en: String,
    /// The last day to apply, in China.
    pub deadline: Option<Date>,
    #[sea_orm(column_type = "Text")]
    pub source_url: String,
    pub province: Option<String>,
    /// `policies::types::Eligibility` as JSON.
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
