use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "organisations")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub slug: String,
    pub kind: String,
    pub name_zh: Option<String>,
    pub name_en: Option<String>,
    #[sea_orm(column_type = "Text")]
    pub description_zh: String,
    #[sea_orm(column_type = "Text")]
    pub description_en: String,
    pub province: Option<String>,
    pub city_zh: Option<String>,
    pub city_en: Option<String>,
    pub source: Option<String>,
    pub is_demo: bool,
    pub verified_at: Option<DateTimeUtc>,
    pub verified_by: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub verification_evidence: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// For associations and schools: when a site admin approved it (`None`: a request).
    pub approved_at: Option<DateTimeUtc>,
    pub approved_by: Option<i32>,
    /// Who created it, by hand or by an import.
    pub created_by: Option<i32>,
    /// A site admin hid it: shown nowhere public, found by no search.
    pub hidden_at: Option<DateTimeUtc>,
    pub hidden_by: Option<i32>,
    #[sea_orm(column_type = "Text", nullable)]
    pub hidden_reason: Option<String>,
    /// Why it waits for a site admin's look (`None`: nothing to look at).
    pub review_reason: Option<String>,
    /// The organisation this duplicate was merged into.
    pub merged_into: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
