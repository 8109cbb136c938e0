use sea_orm::entity::prelude::*;

/// A thread between a buyer and a manufacturer; see `inquiries::types` for the codes.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "inquiries")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub sender_id: i32,
    /// The organisation the sender writes for, if any.
    pub sender_organisation_id: Option<i32>,
    /// The manufacturer written to.
    pub supplier_id: i32,
    pub brief_id: Option<i32>,
    pub subject: String,
    /// An `InquiryStatus` code.
    pub status: String,
    pub created_at: DateTimeUtc,
    pub first_reply_at: Option<DateTimeUtc>,
    pub last_message_at: DateTimeUtc,
    /// A `Side` code: who spoke or acted last.
    pub last_side: String,
    pub buyer_seen_at: Option<DateTimeUtc>,
    pub supplier_seen_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
