use sea_orm::entity::prelude::*;

/// One professional committee of an association (one per kind).
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "committees")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub association_id: i32,
    pub kind: String,
    /// The member firm that chairs it.
    pub chair_organisation_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
