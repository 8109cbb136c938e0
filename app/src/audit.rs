//! The audit trail of site admin actions: what each is, and (on the server)
//! writing one in the same transaction as the action itself.

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

/// A site admin action; stored as its `code()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AuditAction {
    ApproveOrganisation,
    DeclineOrganisation,
    ApproveBelt,
    DeclineBelt,
    Hide,
    Restore,
    RevokeVerification,
    Merge,
    DismissReport,
    ClearReview,
}

impl AuditAction {
    pub const ALL: [AuditAction; 10] = [
        AuditAction::ApproveOrganisation,
        AuditAction::DeclineOrganisation,
        AuditAction::ApproveBelt,
        AuditAction::DeclineBelt,
        AuditAction::Hide,
        AuditAction::Restore,
        AuditAction::RevokeVerification,
        AuditAction::Merge,
        AuditAction::DismissReport,
        AuditAction::ClearReview,
    ];

    pub fn code(self) -> &'static str {
        match self {
            AuditAction::ApproveOrganisation => "approve_organisation",
            AuditAction::DeclineOrganisation => "decline_organisation",
            AuditAction::ApproveBelt => "approve_belt",
            AuditAction::DeclineBelt => "decline_belt",
            AuditAction::Hide => "hide",
            AuditAction::Restore => "restore",
            AuditAction::RevokeVerification => "revoke_verification",
            AuditAction::Merge => "merge",
            AuditAction::DismissReport => "dismiss_report",
            AuditAction::ClearReview => "clear_review",
        }
    }

    pub fn from_code(code: &str) -> Option<AuditAction> {
        AuditAction::ALL.into_iter().find(|a| a.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (AuditAction::ApproveOrganisation, Lang::Zh) => "批准机构",
            (AuditAction::ApproveOrganisation, Lang::En) => "Approved an organisation",
            (AuditAction::DeclineOrganisation, Lang::Zh) => "拒绝机构申请",
            (AuditAction::DeclineOrganisation, Lang::En) => "Declined an organisation",
            (AuditAction::ApproveBelt, Lang::Zh) => "批准服务产业带",
            (AuditAction::ApproveBelt, Lang::En) => "Approved a belt",
            (AuditAction::DeclineBelt, Lang::Zh) => "拒绝服务产业带",
            (AuditAction::DeclineBelt, Lang::En) => "Declined a belt",
            (AuditAction::Hide, Lang::Zh) => "隐藏机构",
            (AuditAction::Hide, Lang::En) => "Hid an organisation",
            (AuditAction::Restore, Lang::Zh) => "恢复机构",
            (AuditAction::Restore, Lang::En) => "Restored an organisation",
            (AuditAction::RevokeVerification, Lang::Zh) => "撤销核验",
            (AuditAction::RevokeVerification, Lang::En) => "Revoked a verification",
            (AuditAction::Merge, Lang::Zh) => "合并重复机构",
            (AuditAction::Merge, Lang::En) => "Merged a duplicate",
            (AuditAction::DismissReport, Lang::Zh) => "驳回举报",
            (AuditAction::DismissReport, Lang::En) => "Dismissed a report",
            (AuditAction::ClearReview, Lang::Zh) => "解除待查标记",
            (AuditAction::ClearReview, Lang::En) => "Cleared a review flag",
        }
    }
}

/// One entry of the trail, as the audit page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRow {
    pub at: crate::clock::Moment,
    pub actor: String,
    pub action: AuditAction,
    pub subject: String,
    /// The organisation's current address, if it still has one.
    pub slug: Option<String>,
    pub reason: String,
}

/// Writes `action` by `actor` on `organisation` (and `subject`, as people
/// read it) inside the caller's transaction, so the trail and the change
/// stand or fall together.
#[cfg(feature = "ssr")]
pub async fn record<C: sea_orm::ConnectionTrait>(
    txn: &C,
    actor: &crate::accounts::types::CurrentUser,
    action: AuditAction,
    organisation: Option<i32>,
    subject: &str,
    reason: &str,
) -> Result<(), crate::error::AppError> {
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    crate::entities::audit_entry::ActiveModel {
        actor_id: Set(Some(actor.id)),
        actor_name: Set(actor.display_name.chars().take(120).collect()),
        action: Set(action.code().to_string()),
        organisation_id: Set(organisation),
        subject: Set(subject.chars().take(300).collect()),
        reason: Set(reason.to_string()),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(())
}

/// The newest `limit` entries.
#[cfg(feature = "ssr")]
pub async fn recent<C: sea_orm::ConnectionTrait>(db: &C, limit: u64) -> Result<Vec<AuditRow>, crate::error::AppError> {
    use crate::entities::{audit_entry, organisation};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
    let rows = audit_entry::Entity::find().order_by_desc(audit_entry::Column::Id).limit(limit).all(db).await?;
    let orgs =
        organisation::Entity::find().filter(organisation::Column::Id.is_in(rows.iter().filter_map(|r| r.organisation_id))).all(db).await?;
    Ok(rows
        .into_iter()
        .filter_map(|r| {
            Some(AuditRow {
                at: r.created_at.into(),
                actor: r.actor_name,
                action: AuditAction::from_code(&r.action)?,
                subject: r.subject,
                slug: r.organisation_id.and_then(|id| orgs.iter().find(|o| o.id == id)).map(|o| o.slug.clone()),
                reason: r.reason,
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_every_action_reads_in_both_languages() {
        for action in AuditAction::ALL {
            assert_eq!(AuditAction::from_code(action.code()), Some(action));
            assert_ne!(action.label(Lang::Zh), action.label(Lang::En));
        }
    }
}
