use sea_orm::entity::prelude::*;

/// A sender a manufacturer no longer hears from.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "inquiry_blocks")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub supplier_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub sender_id: i32,
    pub blocked_by: Option<i32>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
