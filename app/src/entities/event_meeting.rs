use sea_orm::entity::prelude::*;

/// An accepted meeting request placed in an event's schedule.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "event_meetings")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub event_id: i32,
    #[sea_orm(unique)]
    pub request_id: i32,
    /// From 0, in the order of the event's slots.
    pub slot: i32,
    /// From 0; shown from 1.
    pub table_no: i32,
    pub scheduled_at: DateTimeUtc,
    /// Cancelled by an organiser on the day: shown as such, never placed again.
    pub cancelled_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
