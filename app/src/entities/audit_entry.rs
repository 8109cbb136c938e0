use sea_orm::entity::prelude::*;

/// One site admin action: who, when, what, why. Written once.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_entries")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub actor_id: Option<i32>,
    /// Their name at the time.
    pub actor_name: String,
    /// An `AuditAction` code.
    pub action: String,
    pub organisation_id: Option<i32>,
    /// What it was done to, as people read it (the organisation's name then).
    pub subject: String,
    #[sea_orm(column_type = "Text")]
    pub reason: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
