use sea_orm::entity::prelude::*;

/// An application to a talent program; `status` is a `talent::types::ApplicationStatus` code.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "program_applications")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub program_id: i32,
    pub applicant_id: i32,
    #[sea_orm(column_type = "Text")]
    pub motivation: String,
    pub status: String,
    /// Why it was declined (empty otherwise).
    #[sea_orm(column_type = "Text")]
    pub reason: String,
    /// When it joined the waitlist: the waitlist's order.
    pub queued_at: Option<DateTimeUtc>,
    /// The deadline to confirm a freed seat offered.
    pub offer_expires_at: Option<DateTimeUtc>,
    pub decided_by: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
