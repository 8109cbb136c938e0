use sea_orm::entity::prelude::*;

/// One platform's supplier criteria (lists as comma-separated codes or slugs).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "platform_criteria")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub organisation_id: i32,
    pub own_factory: bool,
    pub min_floor_area_m2: Option<i32>,
    #[sea_orm(column_type = "Text")]
    pub certifications: String,
    #[sea_orm(column_type = "Text")]
    pub warehouse_markets: String,
    pub min_export_years: Option<i32>,
    pub business_licence: bool,
    pub test_reports: bool,
    pub min_annual_sales: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub category_slugs: String,
    #[sea_orm(column_type = "Text")]
    pub belt_slugs: String,
    #[sea_orm(column_type = "Text")]
    pub notes_zh: String,
    #[sea_orm(column_type = "Text")]
    pub notes_en: String,
    pub is_demo: bool,
    pub updated_at: DateTimeUtc,
    pub updated_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
