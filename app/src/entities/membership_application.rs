use sea_orm::entity::prelude::*;

/// A firm's application to join an association, and what was decided.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "membership_applications")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub association_id: i32,
    pub organisation_id: i32,
    pub applied_by: Option<i32>,
    #[sea_orm(column_type = "Text")]
    pub message: String,
    /// `associations::types::ApplicationStatus` code.
    pub status: String,
    #[sea_orm(column_type = "Text")]
    pub reason: String,
    pub decided_by: Option<i32>,
    pub created_at: DateTimeUtc,
    pub decided_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
