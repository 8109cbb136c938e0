use sea_orm::entity::prelude::*;

/// A city an association keeps a secretariat in.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "secretariats")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub association_id: i32,
    #[sea_orm(column_type = "Text")]
    pub city_zh: String,
    #[sea_orm(column_type = "Text")]
    pub city_en: String,
    pub position: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
