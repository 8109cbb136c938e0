use serde::{Deserialize, Serialize};

use crate::accounts::types::MemberRole;
use crate::i18n::Bilingual;

/// One person in a team.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Teammate {
    pub user_id: i32,
    pub display_name: String,
    pub email: String,
    pub role: MemberRole,
    /// China time, `YYYY-MM-DD`.
    pub since: crate::clock::Moment,
    /// The person looking at the list.
    pub is_viewer: bool,
}

/// An invitation not yet accepted, revoked or expired.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PendingInvitation {
    pub id: i64,
    pub email: String,
    pub role: MemberRole,
    pub invited_by: String,
    /// China time.
    pub expires_at: crate::clock::Moment,
}

/// What `/orgs/{slug}/team` shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TeamView {
    pub slug: String,
    pub name: Bilingual,
    pub members: Vec<Teammate>,
    /// Only for those who run the team.
    pub invitations: Vec<PendingInvitation>,
    /// The viewer runs the team: invites, changes roles, removes.
    pub may_manage: bool,
    /// The viewer's address is confirmed, so their invitations may go out.
    pub may_send_invitations: bool,
    /// The viewer's own place, if they are in the team (a site admin may not be).
    pub own_role: Option<MemberRole>,
}

/// Where an invitation stands, as its link's page tells it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum InvitationState {
    Open,
    Accepted,
    Revoked,
    Expired,
}

/// What the page an invitation links to shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InvitationView {
    pub slug: String,
    pub organisation: Bilingual,
    pub role: MemberRole,
    pub invited_by: String,
    /// The address it was sent to.
    pub email: String,
    pub state: InvitationState,
    /// The signed-in viewer's address, if any.
    pub signed_in_as: Option<String>,
}
