use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "search_dead_letter")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub entity_kind: String,
    pub entity_id: i32,
    #[sea_orm(column_type = "Text")]
    pub reason: String,
    pub failed_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
