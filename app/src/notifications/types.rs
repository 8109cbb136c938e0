//! What notifications are about, and how the list reads.

use serde::{Deserialize, Serialize};

use crate::i18n::{Bilingual, Lang};

/// The kinds of notification; stored as `code()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NotificationKind {
    /// A site admin decided on an organisation or a belt you asked for.
    RequestDecided,
    /// Someone asks to help run an organisation you run.
    JoinRequested,
    /// Your request to help run an organisation was decided.
    JoinDecided,
    /// An organisation you belong to, or its profile, was verified.
    Verified,
    /// Your team changed: someone accepted an invitation, your role changed, you were removed.
    TeamChanged,
    /// A site admin hid, restored or merged your organisation, or withdrew a verification of it.
    Moderated,
    /// A platform opened a scouting brief your firm fits.
    BriefFits,
    /// Someone sent your firm an inquiry.
    InquiryReceived,
    /// The other side wrote in, or moved on, an inquiry of yours.
    InquiryUpdated,
    /// A firm applies to join an association you run.
    MembershipApplied,
    /// An association decided your firm's application to join.
    MembershipDecided,
    /// An event your firm registered for changed: cancelled, new details, a seat freed.
    EventUpdated,
    /// A firm asks yours for a meeting at an event, or answers your firm's request.
    MeetingRequest,
    /// Your firm's meetings at an event were scheduled, moved or cancelled; the event is tomorrow or in an hour.
    MeetingSchedule,
    /// A policy notice was published that your organisation qualifies for.
    PolicyFits,
    /// Someone applied to a program your organisation runs, or withdrew.
    ProgramApplication,
    /// Your application to a program was decided, or a seat freed up for you.
    ApplicationDecided,
    /// An invitation to a competition team, or a change in your team.
    CompetitionTeam,
}

impl NotificationKind {
    pub const ALL: [NotificationKind; 18] = [
        NotificationKind::RequestDecided,
        NotificationKind::JoinRequested,
        NotificationKind::JoinDecided,
        NotificationKind::Verified,
        NotificationKind::TeamChanged,
        NotificationKind::Moderated,
        NotificationKind::BriefFits,
        NotificationKind::InquiryReceived,
        NotificationKind::InquiryUpdated,
        NotificationKind::MembershipApplied,
        NotificationKind::MembershipDecided,
        NotificationKind::EventUpdated,
        NotificationKind::MeetingRequest,
        NotificationKind::MeetingSchedule,
        NotificationKind::PolicyFits,
        NotificationKind::ProgramApplication,
        NotificationKind::ApplicationDecided,
        NotificationKind::CompetitionTeam,
    ];

    pub fn code(self) -> &'static str {
        match self {
            NotificationKind::RequestDecided => "request_decided",
            NotificationKind::JoinRequested => "join_requested",
            NotificationKind::JoinDecided => "join_decided",
            NotificationKind::Verified => "verified",
            NotificationKind::TeamChanged => "team_changed",
            NotificationKind::Moderated => "moderated",
            NotificationKind::BriefFits => "brief_fits",
            NotificationKind::InquiryReceived => "inquiry_received",
            NotificationKind::InquiryUpdated => "inquiry_updated",
            NotificationKind::MembershipApplied => "membership_applied",
            NotificationKind::MembershipDecided => "membership_decided",
            NotificationKind::EventUpdated => "event_updated",
            NotificationKind::MeetingRequest => "meeting_request",
            NotificationKind::MeetingSchedule => "meeting_schedule",
            NotificationKind::PolicyFits => "policy_fits",
            NotificationKind::ProgramApplication => "program_application",
            NotificationKind::ApplicationDecided => "application_decided",
            NotificationKind::CompetitionTeam => "competition_team",
        }
    }

    pub fn from_code(code: &str) -> Option<NotificationKind> {
        NotificationKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// What the kind is, for the email settings.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (NotificationKind::RequestDecided, Lang::Zh) => "我提交的机构或产业带申请有了结果",
            (NotificationKind::RequestDecided, Lang::En) => "A decision on an organisation or belt I asked for",
            (NotificationKind::JoinRequested, Lang::Zh) => "有人申请加入我管理的机构",
            (NotificationKind::JoinRequested, Lang::En) => "Someone asks to help run an organisation I run",
            (NotificationKind::JoinDecided, Lang::Zh) => "我加入机构的申请有了结果",
            (NotificationKind::JoinDecided, Lang::En) => "A decision on my request to help run an organisation",
            (NotificationKind::Verified, Lang::Zh) => "我的机构或供货档案通过核验",
            (NotificationKind::Verified, Lang::En) => "My organisation or its supply profile was verified",
            (NotificationKind::TeamChanged, Lang::Zh) => "我所在的团队有变动（有人接受邀请、我的角色改变、我被移出）",
            (NotificationKind::TeamChanged, Lang::En) => "My team changed (an invitation accepted, my role changed, I was removed)",
            (NotificationKind::Moderated, Lang::Zh) => "站点管理员隐藏、恢复或合并了我的机构，或撤销了它的核验",
            (NotificationKind::Moderated, Lang::En) => {
                "A site admin hid, restored or merged my organisation, or withdrew a verification of it"
            }
            (NotificationKind::BriefFits, Lang::Zh) => "平台发布了适合我的企业的寻源需求",
            (NotificationKind::BriefFits, Lang::En) => "A platform opened a scouting brief my firm fits",
            (NotificationKind::InquiryReceived, Lang::Zh) => "有人向我的企业发来询盘",
            (NotificationKind::InquiryReceived, Lang::En) => "Someone sent my firm an inquiry",
            (NotificationKind::InquiryUpdated, Lang::Zh) => "我参与的询盘有新消息或新进展",
            (NotificationKind::InquiryUpdated, Lang::En) => "A new message or step in an inquiry I take part in",
            (NotificationKind::MembershipApplied, Lang::Zh) => "有企业申请加入我管理的协会",
            (NotificationKind::MembershipApplied, Lang::En) => "A firm applies to join an association I run",
            (NotificationKind::MembershipDecided, Lang::Zh) => "协会对我的企业的入会申请作出了决定",
            (NotificationKind::MembershipDecided, Lang::En) => "An association decided my firm's application to join",
            (NotificationKind::EventUpdated, Lang::Zh) => "我的企业报名的对接会有变动（取消、信息更新、候补转正）",
            (NotificationKind::EventUpdated, Lang::En) => "An event my firm registered for changed (cancelled, new details, a seat freed)",
            (NotificationKind::MeetingRequest, Lang::Zh) => "有企业在对接会上约我的企业洽谈，或回复了我们的邀约",
            (NotificationKind::MeetingRequest, Lang::En) => "A firm asks mine for a meeting at an event, or answers our request",
            (NotificationKind::MeetingSchedule, Lang::Zh) => {
                "我的企业在对接会上的洽谈排定、调整或取消，以及会前提醒（前一天和开始前一小时）"
            }
            (NotificationKind::MeetingSchedule, Lang::En) => {
                "My firm's meetings at an event were scheduled, moved or cancelled, and reminders (the day before and an hour before)"
            }
            (NotificationKind::PolicyFits, Lang::Zh) => "发布了我的机构符合条件的政策通知",
            (NotificationKind::PolicyFits, Lang::En) => "A policy notice was published that my organisation qualifies for",
            (NotificationKind::ProgramApplication, Lang::Zh) => "有人申请（或撤回申请）我的机构主办的人才项目",
            (NotificationKind::ProgramApplication, Lang::En) => "Someone applied to (or withdrew from) a program my organisation runs",
            (NotificationKind::ApplicationDecided, Lang::Zh) => "我的项目申请有了结果，或候补有了空位",
            (NotificationKind::ApplicationDecided, Lang::En) => "My application to a program was decided, or a seat freed up for me",
            (NotificationKind::CompetitionTeam, Lang::Zh) => "有人邀请我加入大赛队伍，或我的队伍有变动",
            (NotificationKind::CompetitionTeam, Lang::En) => "An invitation to a competition team, or a change in my team",
        }
    }
}

/// One entry of a user's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationItem {
    pub id: i64,
    pub title: Bilingual,
    pub created_at: crate::clock::Moment,
    pub unread: bool,
}

/// Whether one kind also goes by email.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmailChoice {
    pub kind: NotificationKind,
    pub by_email: bool,
}

/// The notifications page: the newest entries and the email choices.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationList {
    pub items: Vec<NotificationItem>,
    pub unread: u64,
    pub choices: Vec<EmailChoice>,
    /// Email goes only to a confirmed address.
    pub email_confirmed: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_labels_exist() {
        for kind in NotificationKind::ALL {
            assert_eq!(NotificationKind::from_code(kind.code()), Some(kind));
            assert!(!kind.label(Lang::Zh).is_empty() && kind.label(Lang::Zh) != kind.label(Lang::En));
        }
        assert_eq!(NotificationKind::from_code("nonsense"), None);
    }
}
