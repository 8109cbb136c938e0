use sea_orm::entity::prelude::*;

/// A team entered in a competition (a talent program of kind competition); see `talent::teams`.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "competition_teams")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub program_id: i32,
    #[sea_orm(column_type = "Text")]
    pub name: String,
    /// The name compared without case or extra spaces (`talent::teams::name_key`): unique in the competition.
    pub name_key: String,
    pub captain_id: i32,
    #[sea_orm(column_type = "Text", nullable)]
    pub submission_url: Option<String>,
    pub submitted_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
