//! What every form shares: problems tied to a field, each with one clear
//! message in both languages, and the input to show again.
//!
//! A rejected form comes back as [`AppError::Invalid`](crate::error::AppError)
//! carrying a [`FormErrors`]. With JavaScript the page reads it from the
//! action; without, leptos redirects back with the error in the URL and the
//! page reads it from there, so the user's other input is kept either way.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;

/// What is wrong with one field's value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    Required,
    TooShort {
        min: usize,
    },
    TooLong {
        max: usize,
    },
    NotAnEmail,
    EmailTaken,
    NotAChoice,
    PasswordsDiffer,
    WrongCredentials,
    /// Neither the Chinese nor the English version was given.
    NeedOneLanguage,
    ChooseAtLeastOne,
    NotAWholeNumber,
    /// A number with a fraction where only whole ones make sense.
    NoFractions,
    /// Zero or a negative number where a count or an amount is asked for.
    NotPositive,
    AtLeast {
        min: i64,
    },
    AtMost {
        max: i64,
    },
    /// An amount was given without its unit.
    UnitNeeded,
    UnknownCountryCodes(Vec<String>),
    TooMany {
        max: usize,
    },
    /// "Yes" to an overseas warehouse, but not where.
    WhereNeeded,
    /// Markets for an overseas warehouse, but no warehouse.
    WarehouseNotTicked,
    /// Valid, but the database would not take it (an import row); trying again may work.
    NotSaved,
    /// The same request was made already.
    AlreadyAsked,
    /// A password guessers try first.
    CommonPassword,
    /// A one-time link that expired, was used already, or never existed.
    LinkNotValid,
    /// The change would leave an organisation with nobody to run it.
    LastOwner,
    /// The person invited is in the team already.
    AlreadyInTeam,
    /// The sender's own address is not confirmed yet.
    ConfirmYourEmailFirst,
    /// More invitations than a team may send in a day.
    TooManyInvitations {
        max: usize,
    },
    /// Not a calendar date.
    NotADate,
    /// A date before today where a future one is asked for.
    DateInThePast,
    /// A date further ahead than allowed.
    TooFarAhead {
        days: i64,
    },
    /// Shown only to some, but to whom was not said.
    ChooseWhoSees,
    /// Closed already: nothing about it changes any more.
    AlreadyClosed,
    /// More new inquiries in a day than one person may start.
    DailyInquiryLimit {
        max: u64,
    },
    /// More new inquiries to one manufacturer in a few days than one person may start.
    SupplierInquiryLimit {
        max: u64,
        days: i64,
    },
    /// The manufacturer blocked this sender.
    SenderBlocked,
    /// Writing to firms needs a confirmed address.
    ConfirmEmailToWrite,
    /// One writes to other firms, not one's own.
    OwnFirm,
    /// More messages in a day than one person may write.
    DailyMessageLimit {
        max: u64,
    },
    /// The same entry twice in one list.
    Repeated,
    /// A firm that is a member already applies to join again.
    AlreadyAMember,
    /// Not a time of day (`09:30`).
    NotATime,
    /// The end comes at or before the start.
    EndsBeforeStart,
    /// A break that is not `HH:MM-HH:MM` inside the day's hours.
    BadBreaks,
    /// Not one meeting slot fits between the start, the end and the breaks.
    NoSlotsFit,
    /// More meeting slots in the day than a schedule takes.
    TooManySlots {
        max: usize,
    },
    /// A map position needs a latitude and a longitude in China, or neither.
    NotAPosition,
    /// Registration must close by the event's day.
    ClosesAfterTheDay,
    /// A program's applications must close by its first day.
    ApplicationsCloseAfterStart,
    /// Registration must open before it closes.
    OpensAfterCloses,
    /// The firm does not meet these entry criteria: each in words, and
    /// `true` where its profile does not say (rather than says otherwise).
    CriteriaNotMet(Vec<(crate::i18n::Bilingual, bool)>),
    /// Registration is not open (not yet, or no longer).
    RegistrationClosed,
    /// The firm is registered (or waiting) already.
    AlreadyRegistered,
    /// Events take manufacturers as suppliers and platforms as buyers.
    CannotAttend,
    /// An event is marked finished on or after its day.
    NotHeldYet,
    /// Meeting requests are closed (the event's day has come, or it is not published).
    RequestsClosed,
    /// An outcome is recorded once the meeting's slot has begun (not for a cancelled meeting).
    MeetingNotBegun,
    /// A schedule is made for a published event only (not a draft, nor one cancelled or finished).
    ScheduleClosed,
    /// More open meeting requests than one participant may have.
    TooManyRequests {
        max: usize,
    },
    /// Not a web address (`https://…`).
    NotALink,
    /// Decided already: an organiser decides an application once.
    AlreadyDecided,
    /// Every seat is taken.
    NoSeatLeft,
    /// The deadline to confirm a seat offered has passed.
    OfferLapsed,
    /// Applying takes a graduate profile (what organisers review).
    NeedsGraduateProfile,
    /// The applicant does not meet these requirements: each in words with what their profile says.
    NotEligible(Vec<crate::i18n::Bilingual>),
    /// The program takes no more applications.
    ApplicationsClosed,
    /// The person has applied already (and has not withdrawn).
    AlreadyApplied,
    /// Another team in the competition has this name.
    TeamNameTaken,
    /// The person is in a team of this competition already.
    InCompetitionTeam,
    /// A team has its members and open invitations at the limit.
    TeamFull {
        max: usize,
    },
    /// Teams are formed and joined before the competition starts.
    TeamsClosed,
    /// A team's link is set until the competition ends.
    SubmissionsClosed,
    /// Forming or joining a team takes an application to the competition (not declined or withdrawn).
    NeedsApplicationForTeam,
    /// No account has this email address.
    NoAccountWithEmail,
    /// The person is invited to the team already.
    AlreadyInvited,
}

impl Problem {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (Problem::Required, Lang::Zh) => "此项必填。".into(),
            (Problem::Required, Lang::En) => "This is required.".into(),
            (Problem::TooShort { min }, Lang::Zh) => format!("至少需要 {min} 个字符。"),
            (Problem::TooShort { min }, Lang::En) => format!("Use at least {min} characters."),
            (Problem::TooLong { max }, Lang::Zh) => format!("不能超过 {max} 个字符。"),
            (Problem::TooLong { max }, Lang::En) => format!("Use at most {max} characters."),
            (Problem::NotAnEmail, Lang::Zh) => "请输入有效的邮箱地址，例如 name@example.com。".into(),
            (Problem::NotAnEmail, Lang::En) => "Enter an email address such as name@example.com.".into(),
            (Problem::EmailTaken, Lang::Zh) => "该邮箱已注册，请直接登录。".into(),
            (Problem::EmailTaken, Lang::En) => "An account with this email exists already. Sign in instead.".into(),
            (Problem::NotAChoice, Lang::Zh) => "请从列表中选择。".into(),
            (Problem::NotAChoice, Lang::En) => "Choose one of the options.".into(),
            (Problem::PasswordsDiffer, Lang::Zh) => "两次输入的密码不一致。".into(),
            (Problem::PasswordsDiffer, Lang::En) => "The two passwords differ.".into(),
            (Problem::WrongCredentials, Lang::Zh) => "邮箱或密码不正确。".into(),
            (Problem::WrongCredentials, Lang::En) => "The email or the password is wrong.".into(),
            (Problem::NeedOneLanguage, Lang::Zh) => "请至少填写中文或英文其中一项。".into(),
            (Problem::NeedOneLanguage, Lang::En) => "Give it in Chinese, in English, or both.".into(),
            (Problem::ChooseAtLeastOne, Lang::Zh) => "请至少选择一项。".into(),
            (Problem::ChooseAtLeastOne, Lang::En) => "Choose at least one.".into(),
            (Problem::NotAWholeNumber, Lang::Zh) => "请输入整数，例如 1000 或 1,000。".into(),
            (Problem::NotAWholeNumber, Lang::En) => "Enter a whole number such as 1000 or 1,000.".into(),
            (Problem::NoFractions, Lang::Zh) => "请输入整数，不带小数。".into(),
            (Problem::NoFractions, Lang::En) => "Enter a whole number, without a fraction.".into(),
            (Problem::NotPositive, Lang::Zh) => "必须大于 0。".into(),
            (Problem::NotPositive, Lang::En) => "Must be more than 0.".into(),
            (Problem::AtLeast { min }, Lang::Zh) => format!("不能少于 {}。", grouped(*min)),
            (Problem::AtLeast { min }, Lang::En) => format!("Must be at least {}.", grouped(*min)),
            (Problem::AtMost { max }, Lang::Zh) => format!("不能超过 {}。", grouped(*max)),
            (Problem::AtMost { max }, Lang::En) => format!("Must be at most {}.", grouped(*max)),
            (Problem::UnitNeeded, Lang::Zh) => "请选择单位。".into(),
            (Problem::UnitNeeded, Lang::En) => "Choose a unit for this amount.".into(),
            (Problem::UnknownCountryCodes(codes), Lang::Zh) => {
                format!("这些不是国家代码：{}。请使用两位字母代码，例如 US、JP、DE。", codes.join("、"))
            }
            (Problem::UnknownCountryCodes(codes), Lang::En) => {
                format!("Not country codes: {}. Use two-letter codes such as US, JP, DE.", codes.join(", "))
            }
            (Problem::TooMany { max }, Lang::Zh) => format!("最多 {max} 项。"),
            (Problem::TooMany { max }, Lang::En) => format!("List at most {max}."),
            (Problem::WhereNeeded, Lang::Zh) => "请填写海外仓所在地。".into(),
            (Problem::WhereNeeded, Lang::En) => "Say where the overseas warehouse is.".into(),
            (Problem::WarehouseNotTicked, Lang::Zh) => "请先勾选“有海外仓”，或清空此项。".into(),
            (Problem::WarehouseNotTicked, Lang::En) => "Tick “Has an overseas warehouse” first, or clear this.".into(),
            (Problem::NotSaved, Lang::Zh) => "这一行未能保存，请稍后重新导入。".into(),
            (Problem::NotSaved, Lang::En) => "This row could not be saved; import it again later.".into(),
            (Problem::Repeated, Lang::Zh) => "与上面的一项重复。".into(),
            (Problem::Repeated, Lang::En) => "This repeats an entry above.".into(),
            (Problem::AlreadyAMember, Lang::Zh) => "该企业已是本协会会员。".into(),
            (Problem::AlreadyAMember, Lang::En) => "This firm is a member already.".into(),
            (Problem::NotATime, Lang::Zh) => "请按 24 小时制填写时间，例如 09:30。".into(),
            (Problem::NotATime, Lang::En) => "Write a time on the 24-hour clock, such as 09:30.".into(),
            (Problem::EndsBeforeStart, Lang::Zh) => "结束时间须晚于开始时间。".into(),
            (Problem::EndsBeforeStart, Lang::En) => "The end must come after the start.".into(),
            (Problem::BadBreaks, Lang::Zh) => "每行写一段休息时间，如 12:00-13:30，且须在活动时间之内。".into(),
            (Problem::BadBreaks, Lang::En) => "Write one break a line, such as 12:00-13:30, within the day's hours.".into(),
            (Problem::NoSlotsFit, Lang::Zh) => "在开始、结束时间和休息之间排不下一个洽谈时段。".into(),
            (Problem::NoSlotsFit, Lang::En) => "Not one meeting slot fits between the start, the end and the breaks.".into(),
            (Problem::TooManySlots { max }, Lang::Zh) => format!("一天最多 {max} 个洽谈时段，请加长时段或缩短活动时间。"),
            (Problem::TooManySlots { max }, Lang::En) => {
                format!("A day takes at most {max} meeting slots: make them longer or the day shorter.")
            }
            (Problem::NotAPosition, Lang::Zh) => "请同时填写中国境内的纬度和经度（如 36.29、120.01），或都不填。".into(),
            (Problem::NotAPosition, Lang::En) => {
                "Give both a latitude and a longitude in China (such as 36.29 and 120.01), or neither.".into()
            }
            (Problem::ClosesAfterTheDay, Lang::Zh) => "报名须在活动当天或之前截止。".into(),
            (Problem::ClosesAfterTheDay, Lang::En) => "Registration must close on or before the event's day.".into(),
            (Problem::ApplicationsCloseAfterStart, Lang::Zh) => "报名截止日期不能晚于项目开始日期。".into(),
            (Problem::ApplicationsCloseAfterStart, Lang::En) => "Applications must close on or before the first day.".into(),
            (Problem::OpensAfterCloses, Lang::Zh) => "报名开始日期不能晚于截止日期。".into(),
            (Problem::OpensAfterCloses, Lang::En) => "Registration cannot open after it closes.".into(),
            (Problem::CriteriaNotMet(failed), lang) => {
                let each: Vec<String> = failed
                    .iter()
                    .map(|(criterion, unsaid)| {
                        let text = criterion.get(lang);
                        match (unsaid, lang) {
                            (true, Lang::Zh) => format!("{text}（企业档案未填写）"),
                            (true, Lang::En) => format!("{text} (the firm's profile does not say)"),
                            (false, _) => text.to_string(),
                        }
                    })
                    .collect();
                lang.pick(
                    format!("未达到以下报名条件：{}。", each.join("；")),
                    format!("This firm does not meet these entry criteria: {}.", each.join("; ")),
                )
            }
            (Problem::AlreadyDecided, Lang::Zh) => "这份申请已处理过，不能再这样改。".into(),
            (Problem::AlreadyDecided, Lang::En) => "This application has been decided already; it cannot change this way.".into(),
            (Problem::NoSeatLeft, Lang::Zh) => "名额已满：可列入候补，或等有人撤回。".into(),
            (Problem::NoSeatLeft, Lang::En) => "Every seat is taken: waitlist them, or wait for someone to withdraw.".into(),
            (Problem::OfferLapsed, Lang::Zh) => "确认期限已过，名额已让给候补中的下一位。".into(),
            (Problem::OfferLapsed, Lang::En) => "The deadline to confirm has passed; the seat went to the next on the waitlist.".into(),
            (Problem::NeedsGraduateProfile, Lang::Zh) => "请先填写求职者档案（学校、专业、毕业年份），主办方据此审核。".into(),
            (Problem::NeedsGraduateProfile, Lang::En) => {
                "Fill in your graduate profile first (school, major, graduation year): organisers review it.".into()
            }
            (Problem::NotEligible(missing), lang) => {
                let each: Vec<&str> = missing.iter().map(|m| m.get(lang)).collect();
                lang.pick(format!("不符合报名条件：{}。", each.join("；")), format!("You do not meet: {}.", each.join("; ")))
            }
            (Problem::ApplicationsClosed, Lang::Zh) => "报名已截止。".into(),
            (Problem::ApplicationsClosed, Lang::En) => "Applications have closed.".into(),
            (Problem::AlreadyApplied, Lang::Zh) => "你已申请过该项目。".into(),
            (Problem::AlreadyApplied, Lang::En) => "You have applied to this program already.".into(),
            (Problem::TeamNameTaken, Lang::Zh) => "本次大赛已有队伍使用这个名字，请换一个。".into(),
            (Problem::TeamNameTaken, Lang::En) => "Another team in this competition has this name. Choose another.".into(),
            (Problem::InCompetitionTeam, Lang::Zh) => "已经在本次大赛的一支队伍里了。".into(),
            (Problem::InCompetitionTeam, Lang::En) => "Already in a team of this competition.".into(),
            (Problem::TeamFull { max }, Lang::Zh) => format!("每支队伍最多 {max} 人（含待回复的邀请）。"),
            (Problem::TeamFull { max }, Lang::En) => format!("A team has at most {max} people, invitations awaiting an answer included."),
            (Problem::TeamsClosed, Lang::Zh) => "大赛已开始，队伍不能再组建或变动。".into(),
            (Problem::TeamsClosed, Lang::En) => "The competition has started: teams can no longer be formed or changed.".into(),
            (Problem::SubmissionsClosed, Lang::Zh) => "大赛已结束，作品链接不能再更改。".into(),
            (Problem::SubmissionsClosed, Lang::En) => "The competition is over: the submission can no longer be changed.".into(),
            (Problem::NeedsApplicationForTeam, Lang::Zh) => "先报名本次大赛（未被拒绝或撤回），才能组队或加入队伍。".into(),
            (Problem::NeedsApplicationForTeam, Lang::En) => {
                "Apply to the competition first (an application not declined or withdrawn) to form or join a team.".into()
            }
            (Problem::NoAccountWithEmail, Lang::Zh) => "没有使用这个邮箱的账号。请对方先注册，再邀请。".into(),
            (Problem::NoAccountWithEmail, Lang::En) => {
                "No account has this email address. Ask them to sign up first, then invite them.".into()
            }
            (Problem::AlreadyInvited, Lang::Zh) => "已经邀请过此人，或此人已在队伍里。".into(),
            (Problem::AlreadyInvited, Lang::En) => "This person is invited already, or is in the team.".into(),
            (Problem::RegistrationClosed, Lang::Zh) => "现在不在报名时间内。".into(),
            (Problem::RegistrationClosed, Lang::En) => "Registration is not open now.".into(),
            (Problem::AlreadyRegistered, Lang::Zh) => "该企业已报名（或在候补中）。".into(),
            (Problem::AlreadyRegistered, Lang::En) => "This firm is registered (or on the waitlist) already.".into(),
            (Problem::RequestsClosed, Lang::Zh) => "洽谈邀约已截止。".into(),
            (Problem::RequestsClosed, Lang::En) => "Meeting requests are closed.".into(),
            (Problem::MeetingNotBegun, Lang::Zh) => "洽谈开始后才能记录结果（已取消的洽谈不能记录）。".into(),
            (Problem::MeetingNotBegun, Lang::En) => "Record how a meeting went once it has begun (not for a cancelled meeting).".into(),
            (Problem::ScheduleClosed, Lang::Zh) => "只有已发布、尚未结束或取消的对接会可以排程。".into(),
            (Problem::ScheduleClosed, Lang::En) => "Only a published event, not cancelled or finished, takes a schedule.".into(),
            (Problem::TooManyRequests { max }, Lang::Zh) => format!("每家企业最多同时有 {max} 个未结束的洽谈邀约；请先撤回不再需要的。"),
            (Problem::TooManyRequests { max }, Lang::En) => {
                format!("A firm may have at most {max} open meeting requests; withdraw one you no longer need first.")
            }
            (Problem::NotALink, Lang::Zh) => "请填写以 http:// 或 https:// 开头的网址。".into(),
            (Problem::NotALink, Lang::En) => "Give a web address starting with http:// or https://.".into(),
            (Problem::NotHeldYet, Lang::Zh) => "活动当天或之后才能标记为已结束。".into(),
            (Problem::NotHeldYet, Lang::En) => "An event can be marked finished on its day or after.".into(),
            (Problem::CannotAttend, Lang::Zh) => "对接会的供应商须为生产企业，采购方须为平台；该机构两者都不是。".into(),
            (Problem::CannotAttend, Lang::En) => {
                "Events take manufacturers as suppliers and platforms as buyers; this organisation is neither.".into()
            }
            (Problem::AlreadyAsked, Lang::Zh) => "已经提出过这项申请，请等待审核。".into(),
            (Problem::AlreadyAsked, Lang::En) => "This was asked for already; it waits for a decision.".into(),
            (Problem::CommonPassword, Lang::Zh) => "这个密码太常见，很容易被猜到。请换一个，例如几个不相关的词组合。".into(),
            (Problem::CommonPassword, Lang::En) => "This password is too common to be safe. Try a few unrelated words together.".into(),
            (Problem::LinkNotValid, Lang::Zh) => "这个链接已过期或已经用过。请重新申请一个新链接。".into(),
            (Problem::LinkNotValid, Lang::En) => "This link has expired or was used already. Ask for a new one.".into(),
            (Problem::LastOwner, Lang::Zh) => "机构至少要有一位负责人。请先让另一位成员成为负责人。".into(),
            (Problem::LastOwner, Lang::En) => "An organisation needs at least one owner. Make someone else an owner first.".into(),
            (Problem::AlreadyInTeam, Lang::Zh) => "这个邮箱的用户已经在团队里了。".into(),
            (Problem::AlreadyInTeam, Lang::En) => "The person with this address is in the team already.".into(),
            (Problem::ConfirmYourEmailFirst, Lang::Zh) => {
                "请先确认你自己的邮箱：打开我们发给你的确认链接（可以在“我的账户”页面重新发送），然后再邀请他人。".into()
            }
            (Problem::ConfirmYourEmailFirst, Lang::En) => {
                "Confirm your own email address first: open the link we sent you (your account page sends it again), then invite others."
                    .into()
            }
            (Problem::TooManyInvitations { max }, Lang::Zh) => format!("每个机构一天最多发出 {max} 份邀请，请明天再试。"),
            (Problem::TooManyInvitations { max }, Lang::En) => {
                format!("A team may send at most {max} invitations a day. Try again tomorrow.")
            }
            (Problem::NotADate, Lang::Zh) => "请按“年-月-日”填写日期，例如 2027-01-31。".into(),
            (Problem::NotADate, Lang::En) => "Enter a date as year-month-day, such as 2027-01-31.".into(),
            (Problem::DateInThePast, Lang::Zh) => "请选择今天或以后的日期。".into(),
            (Problem::DateInThePast, Lang::En) => "Choose today or a later day.".into(),
            (Problem::TooFarAhead { days }, Lang::Zh) => format!("请选择 {days} 天以内的日期。"),
            (Problem::TooFarAhead { days }, Lang::En) => format!("Choose a day within {days} days from today."),
            (Problem::ChooseWhoSees, Lang::Zh) => "请至少选择一个产业带或协会，只有它们的企业能看到这条需求。".into(),
            (Problem::ChooseWhoSees, Lang::En) => "Choose at least one belt or association whose firms may see it.".into(),
            (Problem::AlreadyClosed, Lang::Zh) => "已经结束，不能再修改。".into(),
            (Problem::AlreadyClosed, Lang::En) => "It is closed; nothing about it can change any more.".into(),
            (Problem::DailyInquiryLimit { max }, Lang::Zh) => format!("每人 24 小时内最多发起 {max} 条新询盘，请明天再试。"),
            (Problem::DailyInquiryLimit { max }, Lang::En) => {
                format!("You have started {max} inquiries in the last 24 hours, the most allowed. Try again tomorrow.")
            }
            (Problem::SupplierInquiryLimit { max, days }, Lang::Zh) => {
                format!("{days} 天内向同一家企业最多发起 {max} 条新询盘。请在已有的询盘里继续沟通。")
            }
            (Problem::SupplierInquiryLimit { max, days }, Lang::En) => {
                format!("You may start at most {max} inquiries to one firm in {days} days. Carry on in the ones you started.")
            }
            (Problem::SenderBlocked, Lang::Zh) => "这家企业不再接收你的询盘。".into(),
            (Problem::SenderBlocked, Lang::En) => "This firm no longer takes inquiries from you.".into(),
            (Problem::ConfirmEmailToWrite, Lang::Zh) => {
                "请先确认你的邮箱：打开我们发给你的确认链接（可以在“我的账户”页面重新发送），然后再联系企业。".into()
            }
            (Problem::ConfirmEmailToWrite, Lang::En) => {
                "Confirm your email address first: open the link we sent you (your account page sends it again), then write to firms."
                    .into()
            }
            (Problem::OwnFirm, Lang::Zh) => "这是你自己所在的企业。".into(),
            (Problem::OwnFirm, Lang::En) => "This is your own firm.".into(),
            (Problem::DailyMessageLimit { max }, Lang::Zh) => format!("每人 24 小时内最多发送 {max} 条消息，请明天再试。"),
            (Problem::DailyMessageLimit { max }, Lang::En) => {
                format!("You have written {max} messages in the last 24 hours, the most allowed. Try again tomorrow.")
            }
        }
    }
}

/// `10000000` as `10,000,000` (both languages group digits this way in numbers people type).
pub fn grouped(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}

/// The most characters of one field a refusal sends back.
pub const KEPT_MAX: usize = 5_000;

/// The problems of one submitted form, and the values to show again.
/// Secret fields (passwords) are never kept.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormErrors {
    /// Field name → its one problem (the first found).
    pub problems: BTreeMap<String, Problem>,
    /// Field name → the value the user sent.
    pub kept: BTreeMap<String, String>,
}

impl FormErrors {
    pub fn new() -> Self {
        FormErrors::default()
    }

    /// A refusal of one field for one problem.
    pub fn refusing(field: &str, problem: Problem) -> crate::error::AppError {
        let mut errors = FormErrors::new();
        errors.add(field, problem);
        crate::error::AppError::Invalid(errors)
    }

    /// `errors` (with the values kept in it) and `problem` for `field`, as a refusal.
    pub fn refusing_kept(mut errors: FormErrors, field: &str, problem: Problem) -> crate::error::AppError {
        errors.add(field, problem);
        crate::error::AppError::Invalid(errors)
    }

    /// Records `problem` for `field` unless it already has one.
    pub fn add(&mut self, field: &str, problem: Problem) {
        self.problems.entry(field.to_string()).or_insert(problem);
    }

    /// Keeps what the user sent for `field`, to show it again. Past
    /// [`KEPT_MAX`] characters (far beyond any field's own limit) it is cut,
    /// so a refusal never grows with the input.
    pub fn keep(&mut self, field: &str, value: &str) {
        let kept = match value.char_indices().nth(KEPT_MAX) {
            Some((cut, _)) => &value[..cut],
            None => value,
        };
        self.kept.insert(field.to_string(), kept.to_string());
    }

    pub fn is_empty(&self) -> bool {
        self.problems.is_empty()
    }

    pub fn problem(&self, field: &str) -> Option<&Problem> {
        self.problems.get(field)
    }

    pub fn value(&self, field: &str) -> Option<&str> {
        self.kept.get(field).map(String::as_str)
    }

    /// Adds the problems `other` found (a field keeps its first) and the
    /// values it kept that this one has not.
    pub fn merge(&mut self, other: FormErrors) {
        for (field, problem) in other.problems {
            self.problems.entry(field).or_insert(problem);
        }
        for (field, value) in other.kept {
            self.kept.entry(field).or_insert(value);
        }
    }
}

/// Text that must be there and fit: trimmed, at most `max` characters.
pub fn required_text(errors: &mut FormErrors, field: &str, value: &str, max: usize) -> String {
    let value = value.trim();
    if value.is_empty() {
        errors.add(field, Problem::Required);
    } else if value.chars().count() > max {
        errors.add(field, Problem::TooLong { max });
    }
    value.to_string()
}

/// Whether `text` is an absolute web address this site may link to.
pub fn is_web_link(text: &str) -> bool {
    let rest = text.strip_prefix("https://").or_else(|| text.strip_prefix("http://"));
    rest.is_some_and(|r| {
        let host = r.split(['/', '?', '#']).next().unwrap_or("");
        host.contains('.')
            && !host.starts_with('.')
            && !r.chars().any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>')
    })
}

/// Optional text: trimmed, at most `max` characters.
pub fn optional_text(errors: &mut FormErrors, field: &str, value: &str, max: usize) -> String {
    let value = value.trim();
    if value.chars().count() > max {
        errors.add(field, Problem::TooLong { max });
    }
    value.to_string()
}

/// A text given in Chinese, English or both (`{field}_zh`, `{field}_en`);
/// the problem, if any, goes on the Chinese field.
pub fn bilingual(errors: &mut FormErrors, field: &str, zh: &str, en: &str, max: usize, required: bool) -> crate::i18n::Bilingual {
    let zh_field = format!("{field}_zh");
    let en_field = format!("{field}_en");
    let zh = optional_text(errors, &zh_field, zh, max);
    let en = optional_text(errors, &en_field, en, max);
    if required && zh.is_empty() && en.is_empty() {
        errors.add(&zh_field, Problem::NeedOneLanguage);
    }
    crate::i18n::Bilingual::new(zh, en)
}

/// A date as `YYYY-MM-DD` (what a date input sends), full-width digits and
/// slashes accepted; required.
pub fn date(errors: &mut FormErrors, field: &str, input: &str) -> Option<chrono::NaiveDate> {
    let normal: String = input
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '/' | '／' | '.' | '－' => '-',
            _ => c,
        })
        .collect();
    if normal.is_empty() {
        errors.add(field, Problem::Required);
        return None;
    }
    let date = chrono::NaiveDate::parse_from_str(&normal, "%Y-%m-%d").ok();
    if date.is_none() {
        errors.add(field, Problem::NotADate);
    }
    date
}

/// A [`date`] from `today` to `max_days` ahead.
pub fn date_ahead(errors: &mut FormErrors, field: &str, input: &str, today: chrono::NaiveDate, max_days: i64) -> Option<chrono::NaiveDate> {
    let date = date(errors, field, input)?;
    if date < today {
        errors.add(field, Problem::DateInThePast);
        None
    } else if date > today + chrono::Duration::days(max_days) {
        errors.add(field, Problem::TooFarAhead { days: max_days });
        None
    } else {
        Some(date)
    }
}

/// A plausible email address, lower-cased: one `@`, something before it, a
/// dotted domain after it, no spaces. Whether it exists is not ours to know.
pub fn email(errors: &mut FormErrors, field: &str, value: &str) -> String {
    const MAX: usize = 254;
    let value = value.trim().to_lowercase();
    if value.is_empty() {
        errors.add(field, Problem::Required);
        return value;
    }
    if value.chars().count() > MAX {
        errors.add(field, Problem::TooLong { max: MAX });
        return value;
    }
    let plausible = match value.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !domain.contains('@')
                && domain.split('.').count() >= 2
                && domain.split('.').all(|label| !label.is_empty())
                && !value.chars().any(|c| c.is_whitespace() || c.is_control())
        }
        None => false,
    };
    if !plausible {
        errors.add(field, Problem::NotAnEmail);
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_checked_and_lower_cased() {
        let mut errors = FormErrors::new();
        assert_eq!(email(&mut errors, "email", "  Li.Wei@Example.COM "), "li.wei@example.com");
        assert!(errors.is_empty());
        for bad in ["", "li", "li@", "@example.com", "li@example", "li@@example.com", "li wei@example.com", "li@example..com"] {
            let mut errors = FormErrors::new();
            email(&mut errors, "email", bad);
            assert!(errors.problem("email").is_some(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn the_first_problem_of_a_field_is_the_one_shown() {
        let mut errors = FormErrors::new();
        errors.add("name", Problem::Required);
        errors.add("name", Problem::TooLong { max: 3 });
        assert_eq!(errors.problem("name"), Some(&Problem::Required));
    }

    #[test]
    fn text_length_counts_characters_not_bytes() {
        let mut errors = FormErrors::new();
        required_text(&mut errors, "name", "平度假睫毛", 5);
        assert!(errors.is_empty());
        required_text(&mut errors, "name", "平度假睫毛厂", 5);
        assert_eq!(errors.problem("name"), Some(&Problem::TooLong { max: 5 }));
    }

    #[test]
    fn limits_read_with_grouped_digits() {
        assert_eq!(grouped(10_000_000), "10,000,000");
        assert_eq!(grouped(365), "365");
        assert_eq!(grouped(-1_000), "-1,000");
        assert_eq!(Problem::AtMost { max: 10_000_000 }.message(Lang::En), "Must be at most 10,000,000.");
    }

    #[test]
    fn every_problem_has_a_message_in_both_languages() {
        let all = [
            Problem::Required,
            Problem::TooShort { min: 10 },
            Problem::TooLong { max: 80 },
            Problem::NotAnEmail,
            Problem::EmailTaken,
            Problem::NotAChoice,
            Problem::PasswordsDiffer,
            Problem::WrongCredentials,
            Problem::NeedOneLanguage,
            Problem::ChooseAtLeastOne,
            Problem::NotAWholeNumber,
            Problem::NoFractions,
            Problem::NotPositive,
            Problem::AtLeast { min: 10 },
            Problem::AtMost { max: 10_000_000 },
            Problem::UnitNeeded,
            Problem::UnknownCountryCodes(vec!["EU".into()]),
            Problem::TooMany { max: 60 },
            Problem::WhereNeeded,
            Problem::WarehouseNotTicked,
            Problem::NotSaved,
            Problem::AlreadyAsked,
            Problem::CommonPassword,
            Problem::LinkNotValid,
            Problem::LastOwner,
            Problem::AlreadyInTeam,
            Problem::ConfirmYourEmailFirst,
            Problem::TooManyInvitations { max: 20 },
            Problem::NotADate,
            Problem::DateInThePast,
            Problem::TooFarAhead { days: 365 },
            Problem::ChooseWhoSees,
            Problem::AlreadyClosed,
            Problem::DailyInquiryLimit { max: 20 },
            Problem::SupplierInquiryLimit { max: 3, days: 7 },
            Problem::SenderBlocked,
            Problem::ConfirmEmailToWrite,
            Problem::OwnFirm,
            Problem::DailyMessageLimit { max: 200 },
            Problem::Repeated,
            Problem::AlreadyAMember,
            Problem::NotATime,
            Problem::EndsBeforeStart,
            Problem::BadBreaks,
            Problem::NoSlotsFit,
            Problem::TooManySlots { max: 64 },
            Problem::NotAPosition,
            Problem::ClosesAfterTheDay,
            Problem::ApplicationsCloseAfterStart,
            Problem::OpensAfterCloses,
            Problem::CriteriaNotMet(vec![(crate::i18n::Bilingual::new("持有 BSCI 认证", "Holds BSCI"), true)]),
            Problem::RegistrationClosed,
            Problem::AlreadyRegistered,
            Problem::CannotAttend,
            Problem::NotHeldYet,
            Problem::RequestsClosed,
            Problem::ScheduleClosed,
            Problem::MeetingNotBegun,
            Problem::TooManyRequests { max: 15 },
            Problem::NotALink,
            Problem::TeamNameTaken,
            Problem::InCompetitionTeam,
            Problem::TeamFull { max: 5 },
            Problem::TeamsClosed,
            Problem::SubmissionsClosed,
            Problem::NeedsApplicationForTeam,
            Problem::NoAccountWithEmail,
            Problem::AlreadyInvited,
        ];
        for problem in all {
            let zh = problem.message(Lang::Zh);
            let en = problem.message(Lang::En);
            assert!(!zh.is_empty() && !en.is_empty() && zh != en);
        }
    }

    /// Leptos writes `<textarea>` children unescaped, so every textarea must
    /// be [`TextAreaField`], which escapes them.
    #[test]
    fn no_textarea_outside_the_field_that_escapes_it() {
        let src = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut stack = vec![src];
        let mut offenders = Vec::new();
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("forms.rs") {
                    let code = std::fs::read_to_string(&path).unwrap();
                    // Comments may name the element; code may not use it.
                    if code.lines().any(|line| !line.trim_start().starts_with("//") && line.contains("<textarea")) {
                        offenders.push(path.display().to_string());
                    }
                }
            }
        }
        assert!(offenders.is_empty(), "use forms::TextAreaField instead of a raw <textarea> in {offenders:?}");
    }

    proptest::proptest! {
        #[test]
        fn email_never_panics_and_accepted_addresses_have_one_at(s in ".{0,300}") {
            let mut errors = FormErrors::new();
            let normalised = email(&mut errors, "email", &s);
            if errors.is_empty() {
                proptest::prop_assert_eq!(normalised.matches('@').count(), 1);
            }
        }
    }
}

/// What a form shows: the refused input while there is a refusal, else the saved values.
pub fn refused_or_saved(
    refused: leptos::prelude::Signal<FormErrors>,
    saved: BTreeMap<String, String>,
) -> leptos::prelude::Signal<FormErrors> {
    use leptos::prelude::*;
    let saved = FormErrors { kept: saved, ..FormErrors::default() };
    Signal::derive(move || {
        let refused = refused.get();
        if refused.kept.is_empty() {
            saved.clone()
        } else {
            refused
        }
    })
}

/// Slugs chosen from `known`, each once, in the order chosen; an unknown one
/// or too many are problems on `field`.
pub fn known_slugs(errors: &mut FormErrors, field: &str, chosen: &[String], known: &[String], max: usize) -> Vec<String> {
    if chosen.len() > max {
        errors.add(field, Problem::TooMany { max });
        return Vec::new();
    }
    let mut slugs: Vec<String> = Vec::new();
    for slug in chosen.iter().map(|s| s.trim()).filter(|s| !s.is_empty()) {
        if !known.iter().any(|k| k == slug) {
            errors.add(field, Problem::NotAChoice);
        } else if !slugs.iter().any(|s| s == slug) {
            slugs.push(slug.to_string());
        }
    }
    slugs
}

/// The form problems an action ended with: from the action after a fetch,
/// or from the URL after a plain form post came back without JavaScript.
pub fn form_errors<S>(action: leptos::prelude::ServerAction<S>) -> leptos::prelude::Signal<FormErrors>
where
    S: leptos::server_fn::ServerFn<Error = crate::error::AppError> + Send + Sync + Clone + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    use leptos::prelude::*;
    // A refusal arriving without a page load moves focus (and the page) to the first field it marks.
    Effect::new(move |_| {
        if matches!(action.value().get(), Some(Err(crate::error::AppError::Invalid(_)))) {
            request_animation_frame(focus_first_invalid);
        }
    });
    Signal::derive(move || match action.value().get() {
        Some(Err(crate::error::AppError::Invalid(errors))) => errors,
        _ => FormErrors::new(),
    })
}

/// Focuses the first field on the page marked invalid (in the browser; effects do not run on the server).
fn focus_first_invalid() {
    use leptos::wasm_bindgen::JsCast;
    let found = leptos::prelude::document().query_selector("[aria-invalid=\"true\"]").ok().flatten();
    if let Some(field) = found.and_then(|element| element.dyn_into::<leptos::web_sys::HtmlElement>().ok()) {
        let _ = field.focus();
    }
}

/// A problem with the whole submission (not one field), if any.
pub fn form_failure<S>(action: leptos::prelude::ServerAction<S>) -> leptos::prelude::Signal<Option<crate::error::AppError>>
where
    S: leptos::server_fn::ServerFn<Error = crate::error::AppError> + Send + Sync + Clone + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    use leptos::prelude::*;
    Signal::derive(move || match action.value().get() {
        Some(Err(crate::error::AppError::Invalid(_))) | Some(Ok(_)) | None => None,
        Some(Err(other)) => Some(other),
    })
}

/// A problem with the whole submission, shown above the form.
#[leptos::component]
pub fn FormFailure(failure: leptos::prelude::Signal<Option<crate::error::AppError>>) -> impl leptos::prelude::IntoView {
    use leptos::prelude::*;
    let lang = crate::use_lang();
    move || failure.get().map(|error| view! { <p class="form-failure" role="alert">{error.message(lang)}</p> })
}

/// Above a refused form: how many problems there are, each a link to its
/// field with the field's name and what is wrong, in the order of `fields`
/// (field name, label). Rendered on the server too, so a refusal without
/// JavaScript shows it the same way.
#[leptos::component]
pub fn ErrorSummary(
    errors: leptos::prelude::Signal<FormErrors>,
    fields: Vec<(&'static str, &'static str)>,
) -> impl leptos::prelude::IntoView {
    use leptos::prelude::*;
    let lang = crate::use_lang();
    let t = lang.texts();
    move || {
        let found = errors.get();
        if found.is_empty() {
            return None;
        }
        let mut listed: Vec<(String, &'static str, String)> =
            fields.iter().filter_map(|(name, label)| found.problem(name).map(|p| (name.to_string(), *label, p.message(lang)))).collect();
        // A problem with no field of its own in the list still shows, under its own name.
        for (name, problem) in &found.problems {
            if !fields.iter().any(|(f, _)| f == name) {
                listed.push((name.clone(), "", problem.message(lang)));
            }
        }
        let heading = if listed.len() == 1 {
            t.form_problems_one.to_string()
        } else {
            t.form_problems_many.replace("{n}", &listed.len().to_string())
        };
        Some(view! {
            <div class="error-summary" role="alert">
                <p class="error-summary-title">{heading}</p>
                <ul>
                    {listed.into_iter().map(|(name, label, message)| {
                        let text = if label.is_empty() { message } else { format!("{label}{}{message}", lang.pick("：", ": ")) };
                        view! { <li><a href=format!("#field-{name}")>{text}</a></li> }
                    }).collect_view()}
                </ul>
            </div>
        })
    }
}

/// A labelled input with its problem, if any, beneath it. The value the user
/// sent comes back from `errors` (never for passwords).
#[leptos::component]
pub fn Field(
    name: &'static str,
    label: &'static str,
    errors: leptos::prelude::Signal<FormErrors>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] maxlength: Option<usize>,
    #[prop(optional)] required: bool,
    /// `numeric` for whole numbers: phones show digits (a `type=number` would refuse "1,000").
    #[prop(optional)]
    inputmode: Option<&'static str>,
) -> impl leptos::prelude::IntoView {
    use leptos::prelude::*;
    let lang = crate::use_lang();
    let id = format!("field-{name}");
    let error_id = format!("{id}-error");
    let kept = if input_type == "password" { None } else { errors.get_untracked().value(name).map(str::to_owned) };
    let problem = move || errors.get().problem(name).map(|p| p.message(lang));
    let kept_problem = errors.get_untracked().problem(name).is_some();
    let described_by = error_id.clone();
    view! {
        <div class="field" class:invalid=move || problem().is_some()>
            <label for=id.clone()>{label}</label>
            {hint.map(|h| view! { <p class="hint">{h}</p> })}
            <input
                id=id
                name=name
                type=input_type
                value=kept
                autocomplete=autocomplete
                maxlength=maxlength.map(|m| m.to_string())
                required=required
                inputmode=inputmode
                // Without JavaScript, the browser focuses (and scrolls to) the first of these.
                autofocus=kept_problem
                aria-invalid=move || if problem().is_some() { "true" } else { "false" }
                aria-describedby=described_by
            />
            <p class="field-error" id=error_id role="alert">{problem}</p>
        </div>
    }
}

/// A labelled multi-line text with its problem beneath it. The app's only
/// `<textarea>`: its content is raw text that Leptos does not escape.
#[leptos::component]
pub fn TextAreaField(
    name: &'static str,
    label: &'static str,
    errors: leptos::prelude::Signal<FormErrors>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(default = 4)] rows: u32,
    maxlength: usize,
    /// Tells apart the same field in several forms on one page (ids must be unique).
    #[prop(optional)]
    key: Option<String>,
) -> impl leptos::prelude::IntoView {
    use leptos::prelude::*;
    let lang = crate::use_lang();
    let id = match &key {
        Some(key) => format!("field-{name}-{key}"),
        None => format!("field-{name}"),
    };
    let error_id = format!("{id}-error");
    let kept = errors.get_untracked().value(name).unwrap_or("").to_string();
    let problem = move || errors.get().problem(name).map(|p| p.message(lang));
    let described_by = error_id.clone();
    view! {
        <div class="field" class:invalid=move || problem().is_some()>
            <label for=id.clone()>{label}</label>
            {hint.map(|h| view! { <p class="hint">{h}</p> })}
            <textarea
                id=id
                name=name
                rows=rows.to_string()
                maxlength=maxlength.to_string()
                aria-invalid=move || if problem().is_some() { "true" } else { "false" }
                aria-describedby=described_by
            >{crate::markup::raw_text(kept)}</textarea>
            <p class="field-error" id=error_id role="alert">{problem}</p>
        </div>
    }
}

/// A labelled drop-down of `(code, label)` options, with an empty first
/// option when `none_label` is given.
#[leptos::component]
pub fn SelectField(
    name: &'static str,
    label: &'static str,
    errors: leptos::prelude::Signal<FormErrors>,
    options: Vec<(&'static str, &'static str)>,
    #[prop(optional)] none_label: Option<&'static str>,
) -> impl leptos::prelude::IntoView {
    let choices = options.into_iter().map(|(code, text)| (code.to_string(), text.to_string())).collect();
    select_view(name, label, choices, errors, none_label)
}

/// A labelled drop-down of owned `(value, label)` choices (names of things
/// in the database), with an empty first choice when `none` is given.
#[leptos::component]
pub fn ChoiceSelect(
    name: &'static str,
    label: &'static str,
    choices: Vec<(String, String)>,
    errors: leptos::prelude::Signal<FormErrors>,
    #[prop(optional)] none: Option<&'static str>,
) -> impl leptos::prelude::IntoView {
    select_view(name, label, choices, errors, none)
}

fn select_view(
    name: &'static str,
    label: &'static str,
    choices: Vec<(String, String)>,
    errors: leptos::prelude::Signal<FormErrors>,
    none: Option<&'static str>,
) -> impl leptos::prelude::IntoView {
    use leptos::prelude::*;
    let lang = crate::use_lang();
    let id = format!("field-{name}");
    let error_id = format!("{id}-error");
    let chosen = errors.get_untracked().value(name).unwrap_or("").to_string();
    let problem = move || errors.get().problem(name).map(|p| p.message(lang));
    let described_by = error_id.clone();
    view! {
        <div class="field" class:invalid=move || problem().is_some()>
            <label for=id.clone()>{label}</label>
            <select id=id name=name aria-describedby=described_by aria-invalid=move || if problem().is_some() { "true" } else { "false" }>
                {none.map(|none| view! { <option value="">{none}</option> })}
                {choices.into_iter().map(|(value, text)| {
                    let selected = value == chosen;
                    view! { <option value=value selected=selected>{text}</option> }
                }).collect_view()}
            </select>
            <p class="field-error" id=error_id role="alert">{problem}</p>
        </div>
    }
}

/// A group of checkboxes posted as `{name}[]`; the kept value is the chosen
/// codes joined by commas.
#[leptos::component]
pub fn ChoiceGroup(
    name: &'static str,
    legend: &'static str,
    errors: leptos::prelude::Signal<FormErrors>,
    options: Vec<(String, String)>,
    #[prop(optional)] hint: Option<&'static str>,
) -> impl leptos::prelude::IntoView {
    use leptos::prelude::*;
    let lang = crate::use_lang();
    let error_id = format!("field-{name}-error");
    let kept = errors.get_untracked().value(name).unwrap_or("").to_string();
    let chosen: Vec<&str> = kept.split(',').filter(|s| !s.is_empty()).collect();
    let problem = move || errors.get().problem(name).map(|p| p.message(lang));
    let input_name = format!("{name}[]");
    let described_by = error_id.clone();
    view! {
        <fieldset id=format!("field-{name}") class="field choices" class:invalid=move || problem().is_some() aria-describedby=described_by>
            <legend>{legend}</legend>
            {hint.map(|h| view! { <p class="hint">{h}</p> })}
            {options
                .into_iter()
                .map(|(code, text)| {
                    let id = format!("{name}-{code}");
                    let label_for = id.clone();
                    let checked = chosen.contains(&code.as_str());
                    view! {
                        <label class="choice" for=label_for>
                            <input type="checkbox" id=id name=input_name.clone() value=code checked=checked/>
                            {text}
                        </label>
                    }
                })
                .collect_view()}
            <p class="field-error" id=error_id role="alert">{problem}</p>
        </fieldset>
    }
}

/// A filter drop-down of `(value, name)` choices with `any` (no filter) first, for GET forms.
#[leptos::component]
pub fn FilterSelect(
    name: &'static str,
    label: &'static str,
    any: &'static str,
    choices: Vec<(String, String)>,
    chosen: String,
) -> impl leptos::prelude::IntoView {
    use leptos::prelude::*;
    let id = format!("filter-{name}");
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id name=name>
                <option value="">{any}</option>
                {choices.into_iter().map(|(value, text)| {
                    let selected = value == chosen;
                    view! { <option value=value selected=selected>{text}</option> }
                }).collect_view()}
            </select>
        </div>
    }
}

/// A labelled checkbox posting `yes`, ticked when the kept value says so.
#[leptos::component]
pub fn Tick(name: &'static str, label: &'static str, errors: leptos::prelude::Signal<FormErrors>) -> impl leptos::prelude::IntoView {
    use leptos::prelude::*;
    let id = format!("field-{name}");
    let label_for = id.clone();
    let checked = errors.get_untracked().value(name).is_some_and(|v| !v.is_empty());
    view! {
        <label class="choice" for=label_for>
            <input type="checkbox" id=id name=name value="yes" checked=checked/>
            {label}
        </label>
    }
}

/// `(code, label)` choices of a closed list, for a select or checkboxes.
pub fn options<T: Copy + 'static>(
    all: &'static [T],
    code: fn(T) -> &'static str,
    label: fn(T, Lang) -> &'static str,
    lang: Lang,
) -> Vec<(&'static str, &'static str)> {
    all.iter().map(|v| (code(*v), label(*v, lang))).collect()
}

/// Choices as owned strings, as [`ChoiceGroup`] takes them.
pub fn owned(options: Vec<(&'static str, &'static str)>) -> Vec<(String, String)> {
    options.into_iter().map(|(c, l)| (c.to_string(), l.to_string())).collect()
}
