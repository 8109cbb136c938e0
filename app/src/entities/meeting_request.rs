use sea_orm::entity::prelude::*;

/// One participant's request to meet another at an event; see
/// `events::meetings` for the statuses.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "meeting_requests")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub event_id: i32,
    pub from_registration_id: i32,
    pub to_registration_id: i32,
    #[sea_orm(column_type = "Text")]
    pub note: String,
    /// A `RequestStatus` code.
    pub status: String,
    /// Set by an organiser: accepted from the start, placed first.
    pub priority: bool,
    pub created_by: Option<i32>,
    pub answered_by: Option<i32>,
    pub created_at: DateTimeUtc,
    pub answered_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
