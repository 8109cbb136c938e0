//! Graduates' profiles: what programs ask about (graduation year, major,
//! languages with levels, home province) and what the "for you" ranking
//! weighs (preferred cities, belts and kinds of program), with a school,
//! skills and a short statement. One per account; lists are JSON.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum GraduateProfiles {
    Table,
    Id,
    UserId,
    School,
    Major,
    GraduationYear,
    Province,
    Languages,
    Skills,
    PreferredCities,
    PreferredBelts,
    PreferredKinds,
    Statement,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(GraduateProfiles::Table)
                    .if_not_exists()
                    .col(pk_auto(GraduateProfiles::Id))
                    .col(integer_uniq(GraduateProfiles::UserId))
                    .col(text(GraduateProfiles::School))
                    .col(string_len_null(GraduateProfiles::Major, 24))
                    .col(integer_null(GraduateProfiles::GraduationYear))
                    .col(string_len_null(GraduateProfiles::Province, 32))
                    .col(text(GraduateProfiles::Languages))
                    .col(text(GraduateProfiles::Skills))
                    .col(text(GraduateProfiles::PreferredCities))
                    .col(text(GraduateProfiles::PreferredBelts))
                    .col(text(GraduateProfiles::PreferredKinds))
                    .col(text(GraduateProfiles::Statement))
                    .col(timestamp_with_time_zone(GraduateProfiles::CreatedAt))
                    .col(timestamp_with_time_zone(GraduateProfiles::UpdatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(GraduateProfiles::Table, GraduateProfiles::UserId)
                            .to(Users::Table, Users::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(GraduateProfiles::Table).to_owned()).await
    }
}
