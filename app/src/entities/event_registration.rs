use sea_orm::entity::prelude::*;

/// One firm on one side of one event.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "event_registrations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub event_id: i32,
    pub organisation_id: i32,
    /// A `Side` code.
    pub side: String,
    /// A `RegistrationStatus` code.
    pub status: String,
    pub registered_by: Option<i32>,
    /// Slot numbers (from 0) the firm cannot attend, comma-joined.
    #[sea_orm(column_type = "Text")]
    pub unavailable_slots: String,
    /// The secret of the firm's calendar subscription address.
    pub calendar_token: Option<String>,
    /// When an organiser checked the firm in on the day.
    pub checked_in_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
