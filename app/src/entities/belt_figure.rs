use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "belt_figures")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub belt_id: i32,
    pub metric: String,
    pub value: i64,
    pub at_least: bool,
    pub year: Option<i32>,
    pub source: String,
    pub position: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
