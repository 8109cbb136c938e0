use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "mail_messages")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub to_address: String,
    pub subject: String,
    /// Emptied once SMTP has taken the message: one-time links live no longer than they must.
    pub body_text: String,
    pub purpose: String,
    pub created_at: DateTimeUtc,
    pub delivered_at: Option<DateTimeUtc>,
    /// `smtp` or `local` (kept in the local mailbox at `/admin/mail`).
    pub delivered_via: Option<String>,
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    pub last_error: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
