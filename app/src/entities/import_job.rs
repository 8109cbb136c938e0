use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "import_jobs")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub association_id: i32,
    pub user_id: i32,
    pub status: String,
    pub total_rows: i32,
    pub done_rows: i32,
    pub created: i32,
    pub updated: i32,
    pub failed: i32,
    /// The rows' problems, as JSON.
    #[sea_orm(column_type = "Text")]
    pub problems: String,
    pub created_at: DateTimeUtc,
    pub finished_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
