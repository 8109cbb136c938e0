use sea_orm::entity::prelude::*;

/// An association whose member firms may see a restricted brief.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "brief_associations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub brief_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub association_id: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
