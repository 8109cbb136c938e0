use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "service_offering_belts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub offering_id: i32,
    #[sea_orm(primary_key, auto_increment = false)]
    pub belt_id: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
