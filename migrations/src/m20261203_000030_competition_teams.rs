//! Competitions take teams: a name (unique in the competition, compared
//! without case or extra spaces), a captain, members by invitation (one team
//! per person per competition) and one submission link.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CompetitionTeams {
    Table,
    Id,
    ProgramId,
    Name,
    NameKey,
    CaptainId,
    SubmissionUrl,
    SubmittedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum TeamMembers {
    Table,
    Id,
    TeamId,
    ProgramId,
    UserId,
    JoinedAt,
}

#[derive(DeriveIden)]
enum TeamInvitations {
    Table,
    Id,
    TeamId,
    InviteeId,
    InvitedBy,
    Status,
    CreatedAt,
    AnsweredAt,
}

#[derive(DeriveIden)]
enum TalentPrograms {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

fn cascade(from: (impl IntoIden, impl IntoIden), to: (impl IntoIden, impl IntoIden)) -> ForeignKeyCreateStatement {
    ForeignKey::create().from(from.0, from.1).to(to.0, to.1).on_delete(ForeignKeyAction::Cascade).to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CompetitionTeams::Table)
                    .if_not_exists()
                    .col(pk_auto(CompetitionTeams::Id))
                    .col(integer(CompetitionTeams::ProgramId))
                    .col(text(CompetitionTeams::Name))
                    .col(string_len(CompetitionTeams::NameKey, 200))
                    .col(integer(CompetitionTeams::CaptainId))
                    .col(text_null(CompetitionTeams::SubmissionUrl))
                    .col(timestamp_with_time_zone_null(CompetitionTeams::SubmittedAt))
                    .col(timestamp_with_time_zone(CompetitionTeams::CreatedAt))
                    .foreign_key(&mut cascade(
                        (CompetitionTeams::Table, CompetitionTeams::ProgramId),
                        (TalentPrograms::Table, TalentPrograms::Id),
                    ))
                    .foreign_key(&mut cascade((CompetitionTeams::Table, CompetitionTeams::CaptainId), (Users::Table, Users::Id)))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("competition_teams_name_once")
                    .table(CompetitionTeams::Table)
                    .col(CompetitionTeams::ProgramId)
                    .col(CompetitionTeams::NameKey)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(TeamMembers::Table)
                    .if_not_exists()
                    .col(pk_auto(TeamMembers::Id))
                    .col(integer(TeamMembers::TeamId))
                    .col(integer(TeamMembers::ProgramId))
                    .col(integer(TeamMembers::UserId))
                    .col(timestamp_with_time_zone(TeamMembers::JoinedAt))
                    .foreign_key(&mut cascade((TeamMembers::Table, TeamMembers::TeamId), (CompetitionTeams::Table, CompetitionTeams::Id)))
                    .foreign_key(&mut cascade((TeamMembers::Table, TeamMembers::ProgramId), (TalentPrograms::Table, TalentPrograms::Id)))
                    .foreign_key(&mut cascade((TeamMembers::Table, TeamMembers::UserId), (Users::Table, Users::Id)))
                    .to_owned(),
            )
            .await?;
        // One team per person per competition, whatever races to join.
        manager
            .create_index(
                Index::create()
                    .name("team_members_one_team")
                    .table(TeamMembers::Table)
                    .col(TeamMembers::ProgramId)
                    .col(TeamMembers::UserId)
                    .unique()
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(TeamInvitations::Table)
                    .if_not_exists()
                    .col(pk_auto(TeamInvitations::Id))
                    .col(integer(TeamInvitations::TeamId))
                    .col(integer(TeamInvitations::InviteeId))
                    .col(integer_null(TeamInvitations::InvitedBy))
                    .col(string_len(TeamInvitations::Status, 16))
                    .col(timestamp_with_time_zone(TeamInvitations::CreatedAt))
                    .col(timestamp_with_time_zone_null(TeamInvitations::AnsweredAt))
                    .foreign_key(&mut cascade(
                        (TeamInvitations::Table, TeamInvitations::TeamId),
                        (CompetitionTeams::Table, CompetitionTeams::Id),
                    ))
                    .foreign_key(&mut cascade((TeamInvitations::Table, TeamInvitations::InviteeId), (Users::Table, Users::Id)))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("team_invitations_once")
                    .table(TeamInvitations::Table)
                    .col(TeamInvitations::TeamId)
                    .col(TeamInvitations::InviteeId)
                    .unique()
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table(TeamInvitations::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(TeamMembers::Table).to_owned()).await?;
        manager.drop_table(Table::drop().table(CompetitionTeams::Table).to_owned()).await
    }
}
