use sea_orm::entity::prelude::*;

/// A manufacturer on a shortlist; see `scouting::types::EntryStatus` for the codes.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "shortlist_entries")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub shortlist_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub supplier_id: i32,
    pub status: String,
    #[sea_orm(column_type = "Text")]
    pub note: String,
    pub added_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
