use sea_orm::entity::prelude::*;

/// One verification, never changed once written; the newest for an
/// organisation and subject is the one in force.
#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "verifications")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub organisation_id: i32,
    /// `organisation` (the firm itself) or `profile` (fields of its supply profile).
    pub subject: String,
    /// For a profile: the field codes checked, comma-separated.
    #[sea_orm(column_type = "Text")]
    pub fields: String,
    #[sea_orm(column_type = "Text")]
    pub evidence: String,
    /// `None` only for verifications recorded before verifiers were kept.
    pub verifier_user_id: Option<i32>,
    /// The organisation the verifier acted for (`None`: a site admin).
    pub verifier_organisation_id: Option<i32>,
    /// The verifier's name when they verified.
    pub verifier_name: String,
    pub created_at: DateTimeUtc,
    /// This row withdraws the verification before it; `evidence` holds the reason.
    pub revoked: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
