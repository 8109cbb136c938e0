use sea_orm::entity::prelude::*;

/// A matchmaking event an association runs; see `events::types` for the codes.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub slug: String,
    pub association_id: i32,
    /// The co-hosting platform.
    pub platform_id: Option<i32>,
    /// The belt the event is about.
    pub belt_id: Option<i32>,
    #[sea_orm(column_type = "Text")]
    pub title_zh: String,
    #[sea_orm(column_type = "Text")]
    pub title_en: String,
    #[sea_orm(column_type = "Text")]
    pub description_zh: String,
    #[sea_orm(column_type = "Text")]
    pub description_en: String,
    #[sea_orm(column_type = "Text")]
    pub venue_zh: String,
    #[sea_orm(column_type = "Text")]
    pub venue_en: String,
    #[sea_orm(column_type = "Text")]
    pub city_zh: String,
    #[sea_orm(column_type = "Text")]
    pub city_en: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    /// The day, in China.
    pub day: Date,
    /// `HH:MM`, China time.
    pub starts_at: String,
    pub ends_at: String,
    pub slot_minutes: i32,
    /// `HH:MM-HH:MM`, comma-joined.
    #[sea_orm(column_type = "Text")]
    pub breaks: String,
    pub tables: i32,
    pub registration_opens: Date,
    pub registration_closes: Date,
    pub supplier_seats: Option<i32>,
    pub buyer_seats: Option<i32>,
    /// `events::types::SideCriteria` as JSON.
    #[sea_orm(column_type = "Text")]
    pub supplier_criteria: String,
    #[sea_orm(column_type = "Text")]
    pub buyer_criteria: String,
    /// An `EventStatus` code.
    pub status: String,
    pub is_demo: bool,
    pub created_by: Option<i32>,
    /// `events::types::ScheduleRun` as JSON: the organisers' last scheduling run.
    #[sea_orm(column_type = "Text", nullable)]
    pub schedule_run: Option<String>,
    /// When the day-before and hour-before reminders went out.
    pub reminded_day_before_at: Option<DateTimeUtc>,
    pub reminded_hour_before_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
