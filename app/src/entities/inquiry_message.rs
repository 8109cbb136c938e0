use sea_orm::entity::prelude::*;

/// One message of an inquiry, or a change of its status.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "inquiry_messages")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub inquiry_id: i32,
    pub author_id: Option<i32>,
    /// A `Side` code.
    pub side: String,
    #[sea_orm(column_type = "Text")]
    pub body: String,
    /// The `InquiryStatus` code it moved the thread to, if it did.
    pub status_to: Option<String>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
