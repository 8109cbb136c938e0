use sea_orm::entity::prelude::*;

/// A graduate's profile; see `talent::types::GraduateProfileData` for the codes and JSON lists.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "graduate_profiles")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub user_id: i32,
    #[sea_orm(column_type = "Text")]
    pub school: String,
    pub major: Option<String>,
    pub graduation_year: Option<i32>,
    /// Where they come from or return to (a `geo` code).
    pub province: Option<String>,
    /// `talent::types::Spoken` list as JSON.
    #[sea_orm(column_type = "Text")]
    pub languages: String,
    #[sea_orm(column_type = "Text")]
    pub skills: String,
    /// City names as a JSON list.
    #[sea_orm(column_type = "Text")]
    pub preferred_cities: String,
    /// Belt slugs as a JSON list.
    #[sea_orm(column_type = "Text")]
    pub preferred_belts: String,
    /// Program kind codes as a JSON list.
    #[sea_orm(column_type = "Text")]
    pub preferred_kinds: String,
    #[sea_orm(column_type = "Text")]
    pub statement: String,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
