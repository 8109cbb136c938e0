use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "supply_profiles")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub organisation_id: i32,
    pub status: String,
    #[sea_orm(column_type = "Text")]
    pub products_zh: String,
    #[sea_orm(column_type = "Text")]
    pub products_en: String,
    pub moq_value: Option<i64>,
    pub moq_unit: Option<String>,
    pub capacity_value: Option<i64>,
    pub capacity_unit: Option<String>,
    pub lead_time_days: Option<i32>,
    pub sample_policy: Option<String>,
    pub price_band: Option<String>,
    pub certifications: String,
    pub certifications_other: String,
    pub export_markets: String,
    pub business_models: String,
    pub platforms: String,
    pub languages: String,
    pub floor_area_m2: Option<i32>,
    pub overseas_warehouse: bool,
    pub overseas_warehouse_where: String,
    pub warehouse_markets: String,
    pub own_factory: Option<bool>,
    pub exporting_since: Option<i32>,
    pub annual_sales: Option<String>,
    pub test_reports: String,
    pub verified_fields: String,
    pub verified_by: Option<String>,
    pub verified_at: Option<DateTimeUtc>,
    pub is_demo: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub updated_by: Option<i32>,
    pub published_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
