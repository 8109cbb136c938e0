use sea_orm::entity::prelude::*;

/// A belt a brief targets (`target`) or whose firms may see it (`audience`).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "brief_belts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub brief_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub belt_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub purpose: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
