use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "belts")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub slug: String,
    pub name_zh: String,
    pub name_en: String,
    pub province: String,
    pub city_zh: String,
    pub city_en: String,
    pub county_zh: Option<String>,
    pub county_en: Option<String>,
    pub latitude: f64,
    pub longitude: f64,
    #[sea_orm(column_type = "Text")]
    pub summary_zh: String,
    #[sea_orm(column_type = "Text")]
    pub summary_en: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
