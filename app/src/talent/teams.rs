//! Competition teams: what a team name, a submission link and a team's size
//! may be, and when teams change. Pure; `team_repo` keeps them and
//! `team_api` serves them.
//!
//! A team is formed by a person who applied to the competition (its
//! captain), who invites others who applied by their account's email
//! address. Teams form and change until the competition's first day; the
//! team's one submission link can be set by any member until its last day.

use chrono::NaiveDate;

use crate::coded_enum;
use crate::forms::Problem;
use crate::talent::applications::ApplicationStatus;

/// Most people in a team, the captain and invitations awaiting an answer included.
pub const TEAM_MAX: usize = 5;
pub const NAME_MIN: usize = 2;
pub const NAME_MAX: usize = 40;
pub const LINK_MAX: usize = 500;

coded_enum! {
    /// Where an invitation stands.
    pub enum InvitationStatus {
        Pending = ("pending", "待回复", "Awaiting an answer"),
        Accepted = ("accepted", "已接受", "Accepted"),
        Declined = ("declined", "已谢绝", "Declined"),
        Revoked = ("revoked", "已撤回", "Withdrawn"),
    }
}

/// A name as compared for uniqueness: without case and with runs of spaces as one.
pub fn name_key(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// A team name as typed: trimmed, spaces collapsed, 2–40 characters.
///
/// # Errors
/// What is wrong with it.
pub fn check_name(name: &str) -> Result<String, Problem> {
    let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
    match name.chars().count() {
        0 => Err(Problem::Required),
        n if n < NAME_MIN => Err(Problem::TooShort { min: NAME_MIN }),
        n if n > NAME_MAX => Err(Problem::TooLong { max: NAME_MAX }),
        _ => Ok(name),
    }
}

/// A submission link: an `http(s)` address of at most 500 characters; empty takes it away.
///
/// # Errors
/// What is wrong with it.
pub fn check_link(link: &str) -> Result<Option<String>, Problem> {
    let link = link.trim();
    if link.is_empty() {
        return Ok(None);
    }
    if link.chars().count() > LINK_MAX {
        return Err(Problem::TooLong { max: LINK_MAX });
    }
    if !crate::forms::is_web_link(link) {
        return Err(Problem::NotALink);
    }
    Ok(Some(link.to_string()))
}

/// Teams form, invite, answer and leave until the competition's first day.
pub fn forming(starts_on: NaiveDate, today: NaiveDate) -> bool {
    today < starts_on
}

/// The submission link changes until the competition's last day (inclusive).
pub fn submitting(ends_on: NaiveDate, today: NaiveDate) -> bool {
    today <= ends_on
}

/// Whether one more person can be invited: members and open invitations under the limit.
pub fn has_room(members: usize, pending: usize) -> bool {
    members + pending < TEAM_MAX
}

/// Whether someone whose application stands at `status` may be in a team:
/// applied and not declined, withdrawn or lapsed.
pub fn may_team_up(status: Option<ApplicationStatus>) -> bool {
    matches!(
        status,
        Some(ApplicationStatus::Applied | ApplicationStatus::Accepted | ApplicationStatus::Waitlisted | ApplicationStatus::Offered)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn names_are_checked_and_compared_without_case_or_extra_spaces() {
        assert_eq!(check_name("  Lash   Rockets "), Ok("Lash Rockets".to_string()));
        assert_eq!(check_name("   "), Err(Problem::Required));
        assert_eq!(check_name("A"), Err(Problem::TooShort { min: NAME_MIN }));
        assert_eq!(check_name("钓具"), Ok("钓具".to_string()), "two characters in Chinese is a name");
        assert_eq!(check_name(&"长".repeat(NAME_MAX)).map(|n| n.chars().count()), Ok(NAME_MAX));
        assert_eq!(check_name(&"长".repeat(NAME_MAX + 1)), Err(Problem::TooLong { max: NAME_MAX }));
        assert_eq!(name_key("Lash  ROCKETS"), name_key(" lash rockets "));
        assert_ne!(name_key("Lash Rockets"), name_key("LashRockets"));
    }

    #[test]
    fn links_are_web_addresses() {
        assert_eq!(check_link(" https://github.com/team/app "), Ok(Some("https://github.com/team/app".to_string())));
        assert_eq!(check_link(""), Ok(None));
        for bad in ["javascript:alert(1)", "github.com/team", "https://", "https://a b.com", "data:text/html,<script>"] {
            assert_eq!(check_link(bad), Err(Problem::NotALink), "{bad}");
        }
        assert_eq!(check_link(&format!("https://example.com/{}", "a".repeat(LINK_MAX))), Err(Problem::TooLong { max: LINK_MAX }));
    }

    #[test]
    fn teams_change_before_the_first_day_and_links_until_the_last() {
        let day = |d| NaiveDate::from_ymd_opt(2027, 6, d).unwrap();
        assert!(forming(day(10), day(9)));
        assert!(!forming(day(10), day(10)));
        assert!(submitting(day(12), day(12)));
        assert!(!submitting(day(12), day(13)));
        assert!(may_team_up(Some(ApplicationStatus::Waitlisted)));
        for gone in [ApplicationStatus::Declined, ApplicationStatus::Withdrawn, ApplicationStatus::Lapsed] {
            assert!(!may_team_up(Some(gone)), "{gone:?}");
        }
        assert!(!may_team_up(None));
    }

    proptest! {
        #[test]
        fn invitations_never_take_a_team_past_its_limit(members in 1usize..=TEAM_MAX, pending in 0usize..=TEAM_MAX) {
            // Each invitation is allowed only with room; the total never passes the limit.
            let (mut m, mut p) = (members.min(TEAM_MAX), 0usize);
            for _ in 0..pending + TEAM_MAX {
                if has_room(m, p) { p += 1; }
                prop_assert!(m + p <= TEAM_MAX.max(members));
                if p > 0 && p % 2 == 0 { p -= 1; m += 1; }
            }
        }

        #[test]
        fn a_key_is_the_same_for_any_spacing_and_case(name in "[a-zA-Z ]{0,30}") {
            let spaced = name.replace(' ', "   ").to_uppercase();
            prop_assert_eq!(name_key(&name), name_key(&spaced));
            prop_assert_eq!(name_key(&name_key(&name)), name_key(&name));
        }
    }
}
