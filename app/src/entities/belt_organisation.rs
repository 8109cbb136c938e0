use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "belt_organisations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub belt_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub organisation_id: i32,
    pub role: String,
    /// For an association's link: when a site admin approved it (`None`: a request).
    pub approved_at: Option<DateTimeUtc>,
    pub approved_by: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
