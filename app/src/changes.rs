//! What changed, for search to catch up with: every write to a searchable
//! entity records a row in `search_outbox` in its own transaction, and the
//! outbox worker (`search::outbox`) delivers it. Domains write here; nothing
//! here knows the domains. Server only.

use chrono::Utc;
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait};
use serde::{Deserialize, Serialize};

use crate::entities::search_outbox;

/// The kinds of entity that reach search; stored in the outbox as `code()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum EntityKind {
    Belt,
    Organisation,
    SupplyProfile,
    Offering,
    Brief,
    /// A published, finished or cancelled event.
    Event,
    /// A policy notice, open or closed.
    PolicyNotice,
    /// A talent program, taking applications or not.
    TalentProgram,
}

impl EntityKind {
    pub const ALL: [EntityKind; 8] = [
        EntityKind::Belt,
        EntityKind::Organisation,
        EntityKind::SupplyProfile,
        EntityKind::Offering,
        EntityKind::Brief,
        EntityKind::Event,
        EntityKind::PolicyNotice,
        EntityKind::TalentProgram,
    ];

    pub fn code(self) -> &'static str {
        match self {
            EntityKind::Belt => "belt",
            EntityKind::Organisation => "organisation",
            EntityKind::SupplyProfile => "supply_profile",
            EntityKind::Offering => "offering",
            EntityKind::Brief => "brief",
            EntityKind::Event => "event",
            EntityKind::PolicyNotice => "policy_notice",
            EntityKind::TalentProgram => "talent_program",
        }
    }

    pub fn from_code(code: &str) -> Option<EntityKind> {
        EntityKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The Meilisearch primary key of this entity's document.
    pub fn document_id(self, id: i32) -> String {
        format!("{}-{id}", self.code())
    }
}

/// Records that an entity changed. Call inside the transaction that changes it.
///
/// # Errors
/// On a database failure, which should roll the whole transaction back.
pub async fn enqueue<C: ConnectionTrait>(conn: &C, kind: EntityKind, id: i32) -> Result<(), sea_orm::DbErr> {
    let now = Utc::now();
    search_outbox::Entity::insert(search_outbox::ActiveModel {
        entity_kind: Set(kind.code().to_string()),
        entity_id: Set(id),
        enqueued_at: Set(now),
        attempts: Set(0),
        available_at: Set(now),
        last_error: Set(None),
        ..Default::default()
    })
    .exec(conn)
    .await?;
    Ok(())
}
