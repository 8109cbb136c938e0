use sea_orm::entity::prelude::*;

/// One side's record of how a meeting went; see `events::day::Outcome`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "meeting_outcomes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub meeting_id: i32,
    /// The side that recorded it.
    pub registration_id: i32,
    /// An `Outcome` code.
    pub outcome: String,
    /// Read by that side and the organisers only.
    #[sea_orm(column_type = "Text")]
    pub note: String,
    pub recorded_by: Option<i32>,
    pub recorded_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
