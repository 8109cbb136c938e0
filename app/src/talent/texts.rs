//! The words of the program pages, and each requirement in plain words.

use chrono::NaiveDate;

use crate::i18n::{Bilingual, Lang};
use crate::talent::types::*;

/// Declares the texts once, each as `name: ("中文", "English")`.
macro_rules! talent_texts {
    ($($name:ident: ($zh:expr, $en:expr)),+ $(,)?) => {
        pub struct TalentTexts {
            $(pub $name: &'static str),+
        }
        static ZH: TalentTexts = TalentTexts { $($name: $zh),+ };
        static EN: TalentTexts = TalentTexts { $($name: $en),+ };
    };
}

talent_texts! {
    list_title: ("人才项目", "Talent programs"),
    program_kind: ("人才项目", "Talent program"),
    list_lead: (
        "协会、院校和平台为跨境电商培养运营人才：训练营、订单班、技能大赛和招聘会（双选会）。每个项目写明时间地点、名额、费用和补贴，以及报名条件。",
        "Associations, colleges and platforms training cross-border operators: training camps, order classes, competitions and job fairs — each with its dates and place, seats, cost and subsidy, and who may apply."
    ),
    new_program: ("发布人才项目", "Publish a program"),
    edit_program: ("编辑人才项目", "Edit program"),
    open_programs: ("正在报名", "Taking applications"),
    belt_programs: ("人才项目（正在报名）", "Talent programs taking applications"),
    closed_programs: ("报名已截止", "Applications closed"),
    no_open: ("暂无正在报名的项目。", "No program is taking applications."),
    no_closed: ("暂无报名已截止的项目。", "No program has closed its applications."),
    filter: ("筛选", "Filter"),
    any: ("不限", "Any"),
    kind: ("项目类型", "Kind"),
    city: ("城市", "City"),
    belt: ("产业带", "Belt"),
    starts_within: ("开始时间", "Starts"),
    within_30: ("30 天内", "Within 30 days"),
    within_90: ("90 天内", "Within 90 days"),
    within_365: ("一年内", "Within a year"),
    subsidised_only: ("只看有补贴的", "Subsidised only"),
    subsidised: ("有补贴", "Subsidised"),
    demo: ("演示数据", "Demo data"),
    demo_note: (
        "这是根据公开报道整理的演示项目：只写报道中提到的内容，日期为演示而设，未提到的（名额、费用等）不作推测。",
        "A demo program drawn from a published report: it states only what the report states; its dates are set for the demo, and what the report does not give (seats, cost) is left out."
    ),
    organiser: ("主办方", "Organised by"),
    dates: ("时间", "Dates"),
    applications_close: ("报名截止", "Applications close"),
    closed: ("报名已截止", "Applications closed"),
    seats: ("名额", "Seats"),
    seats_unlimited: ("不限", "No limit"),
    place: ("地点", "Place"),
    venue: ("场地", "Venue"),
    cost: ("费用", "Cost"),
    cost_free: ("免费", "Free"),
    taught_in: ("授课语言", "Taught in"),
    who_may_apply: ("报名条件", "Who may apply"),
    anyone: ("不限报名条件。", "Open to anyone."),
    curriculum: ("课程或日程", "Curriculum or agenda"),
    about: ("项目介绍", "About"),
    companies: ("参与企业", "Companies taking part"),
    belts: ("服务的产业带", "Belts it serves"),
    edit: ("编辑", "Edit"),
    saved: ("已保存。", "Saved."),
    form_lead: (
        "写清楚时间地点、名额、费用和报名条件。报名条件留空表示不限。参与企业填写它们在 Beltlink 上的地址（/orgs/ 后面的部分），用逗号分隔。",
        "Say when and where, how many seats, what it costs and who may apply (leave a condition empty to ask nothing). For companies taking part, give their Beltlink addresses (the part after /orgs/), separated by commas."
    ),
    section_what: ("项目", "The program"),
    section_when: ("时间、地点和名额", "When, where and how many"),
    section_who: ("报名条件", "Who may apply"),
    field_organiser: ("主办方", "Organiser"),
    field_kind: ("项目类型", "Kind"),
    title_zh: ("名称（中文）", "Title (Chinese)"),
    title_en: ("名称（英文）", "Title (English)"),
    summary_zh: ("介绍（中文）", "About (Chinese)"),
    summary_en: ("介绍（英文）", "About (English)"),
    province: ("省份", "Province"),
    city_zh: ("城市（中文）", "City (Chinese)"),
    city_en: ("城市（英文）", "City (English)"),
    venue_zh: ("场地（中文）", "Venue (Chinese)"),
    venue_en: ("场地（英文）", "Venue (English)"),
    starts_on: ("开始日期", "First day"),
    ends_on: ("结束日期", "Last day"),
    field_applications_close: ("报名截止日期", "Last day to apply"),
    field_seats: ("名额", "Seats"),
    seats_hint: ("留空表示不限。", "Leave empty for no limit."),
    cost_zh: ("费用（中文）", "Cost (Chinese)"),
    cost_en: ("费用（英文）", "Cost (English)"),
    cost_hint: ("留空表示免费。", "Leave empty if it is free."),
    field_subsidised: ("有政府或平台补贴", "Subsidised by a government or platform"),
    curriculum_zh: ("课程或日程（中文）", "Curriculum or agenda (Chinese)"),
    curriculum_en: ("课程或日程（英文）", "Curriculum or agenda (English)"),
    instruction_languages: ("授课语言", "Taught in"),
    field_belts: ("服务的产业带", "Belts it serves"),
    field_companies: ("参与企业（Beltlink 地址）", "Companies taking part (Beltlink addresses)"),
    companies_hint: ("例如：pingdu-lashes, miluo-tackle", "For example: pingdu-lashes, miluo-tackle"),
    graduation_from: ("毕业年份不早于", "Graduating in or after"),
    graduation_to: ("毕业年份不晚于", "Graduating in or before"),
    majors: ("专业（任一）", "Studied (any of)"),
    language: ("外语要求", "Language asked"),
    language_level: ("至少达到", "At least at"),
    from_province: ("生源地或返乡省份", "From or returning to province"),
    choose: ("请选择", "Choose"),
    profile_title: ("我的求职档案", "My graduate profile"),
    profile_lead: (
        "填写学校、专业、毕业年份和外语水平，人才项目据此判断你是否符合报名条件；再写下想去的城市、产业带和项目类型，“为你推荐”会据此排序。档案只有你自己和你报名项目的主办方能看到。",
        "Your school, major, graduation year and languages tell programs whether you may apply; the cities, belts and kinds of program you want order your \"for you\" list. Only you see this profile, and the organisers of the programs you apply to."
    ),
    profile_saved: ("档案已保存。", "Profile saved."),
    section_studies: ("学业", "Studies"),
    section_languages: ("外语", "Languages"),
    section_wishes: ("意向", "What you are looking for"),
    school: ("学校", "School"),
    major: ("专业", "Major"),
    graduation_year: ("毕业年份", "Graduation year"),
    home_province: ("生源地或返乡省份", "Home province (or the one you return to)"),
    language_n: ("语言", "Language"),
    level_n: ("水平", "Level"),
    skills: ("技能", "Skills"),
    skills_hint: ("例如：亚马逊listing、广告投放、TikTok 直播", "For example: Amazon listings, ads, TikTok live selling"),
    preferred_cities: ("想去的城市", "Cities you would go to"),
    preferred_cities_hint: ("用逗号分隔，例如：岳阳, 青岛", "Separated by commas, e.g. Yueyang, Qingdao"),
    preferred_belts: ("关注的产业带", "Belts you want to work in"),
    preferred_kinds: ("想参加的项目类型", "Kinds of program you look for"),
    statement: ("自我介绍", "About you"),
    for_you: ("为你推荐", "Programs for you"),
    for_you_lead: (
        "正在报名的人才项目，按你是否符合条件和你的意向排序，并写明推荐理由；不符合的写明还差什么。",
        "Programs taking applications, ranked by whether you may apply and by what you want, each with why it is shown — and, where you may not apply yet, what is missing."
    ),
    no_profile: ("先填写求职档案，才能为你推荐。", "Fill in your graduate profile to see programs ranked for you."),
    fill_profile: ("填写求职档案", "Fill in my profile"),
    edit_profile: ("修改求职档案", "Edit my profile"),
    nothing_open: ("暂无正在报名的人才项目。", "No program is taking applications right now."),
    eligible: ("符合报名条件", "Eligible"),
    not_eligible: ("暂不符合报名条件", "Not eligible yet"),
    why_shown: ("推荐理由", "Why it is shown"),
    missing: ("还差", "What is missing"),
    yours: ("你的档案：", "Yours: "),
    not_on_profile: ("档案未填写", "Not on your profile"),
    not_among_yours: ("你的档案中没有这门语言", "Not among your languages"),
    none: ("不要求", "None asked"),
    save: ("保存", "Save"),
    cancel: ("取消", "Cancel"),
    seats_left: ("剩余名额", "Seats left"),
    with_seats_left: ("仅看有剩余名额的", "Seats left only"),
    full: ("名额已满", "Full"),
    apply_title: ("报名", "Apply"),
    apply_lead: (
        "写下你为什么想参加、能带来什么。主办方会看到这段话和你的求职档案。",
        "Say why you want to take part and what you bring. The organiser sees this and your graduate profile."
    ),
    motivation: ("报名理由", "Motivation"),
    motivation_hint: ("至少 20 个字", "At least 20 characters"),
    apply: ("提交报名", "Apply"),
    apply_sign_in: ("登录后报名", "Sign in to apply"),
    apply_needs_profile: ("报名前请先填写求职档案：主办方据此审核。", "Fill in your graduate profile before applying: organisers review it."),
    apply_not_eligible: ("你的档案暂不符合以下报名条件：", "Your profile does not meet these requirements yet:"),
    apply_closed: ("报名已截止。", "Applications have closed."),
    apply_full: ("名额已满：现在报名会由主办方决定是否列入候补。", "Every seat is taken: the organiser may put new applicants on the waitlist."),
    applied: ("报名已提交。主办方处理后会通知你（站内和邮件）。", "Application sent. You will be told (here and by email) when the organiser decides."),
    your_application: ("我的报名", "Your application"),
    position: ("候补第 {n} 位", "Number {n} on the waitlist"),
    offer_until: ("请在此时间前确认：", "Confirm by "),
    offer_lead: (
        "有人撤回，空出的名额先给你。请在期限前确认，逾期名额会给候补的下一位。",
        "Someone withdrew and the seat is yours first. Confirm it before the deadline, or it goes to the next on the waitlist."
    ),
    confirm_seat: ("确认参加", "Confirm my seat"),
    withdraw: ("撤回报名", "Withdraw"),
    reason: ("原因", "Reason"),
    my_applications: ("我的报名", "My applications"),
    my_applications_lead: ("你报名的所有人才项目，以及每一份报名的状态。", "Every program you applied to, and where each application stands."),
    no_applications: ("你还没有报名任何项目。", "You have not applied to any program yet."),
    browse_programs: ("浏览人才项目", "Browse programs"),
    applied_at: ("报名时间", "Applied"),
    withdrawn_note: ("报名已撤回。", "Application withdrawn."),
    confirmed_note: ("已确认：你已被录取。", "Confirmed: you are accepted."),
    review_title: ("报名审核", "Applications"),
    review_link: ("审核报名", "Review applications"),
    review_lead: (
        "录取、列入候补，或不录取并写明原因（申请人会看到）。名额满后不能再录取；有人撤回时，空出的名额自动先给候补第一位，对方需在 48 小时内（且不晚于开始日）确认。",
        "Accept, waitlist, or decline with a reason (the applicant sees it). Once every seat is taken no one more can be accepted; when someone withdraws, the seat goes to the first on the waitlist, who has 48 hours (and no later than the first day) to confirm."
    ),
    all_statuses: ("全部", "All"),
    no_applications_yet: ("还没有报名。", "No applications yet."),
    none_at_status: ("没有此状态的报名。", "No application stands at this status."),
    decided_note: ("已处理，申请人已收到通知。", "Decided; the applicant has been told."),
    no_profile_on_file: ("未填写求职档案", "No graduate profile"),
    decision: ("处理", "Decision"),
    decide: ("提交", "Save decision"),
    decline_reason_hint: ("不录取时必填，申请人会看到", "Needed to decline; the applicant sees it"),
    languages: ("外语", "Languages"),
    not_stated: ("未说明", "Not stated"),
    marks_lead: (
        "在招聘会上想见哪些企业？标记后，企业的人能看到你的姓名、学校、专业和毕业年份。",
        "Mark the employers you want to meet at the fair: their people see your name, school, major and graduation year."
    ),
    want_to_meet: ("想见面", "Want to meet"),
    marked_undo: ("已标记想见面 · 取消", "Marked · take back"),
    who_marked: ("想见{firm}的求职者", "Graduates who want to meet {firm}"),
    nobody_marked: ("还没有求职者标记。", "No graduate has marked it yet."),
    at_a_glance: ("报名概况", "Applications at a glance"),
    by_status: ("按状态", "By status"),
    by_school: ("按学校", "By school"),
    by_major: ("按专业", "By major"),
    by_year: ("按毕业年份", "By graduation year"),
    applications_count: ("报名数", "Applications"),
    download_csv: ("下载报名表（CSV）", "Download the applications (CSV)"),
    csv_applicant: ("申请人", "Applicant"),
    csv_status: ("状态", "Status"),
    csv_position: ("候补位次", "Waitlist place"),
    csv_applied_at: ("报名时间（UTC）", "Applied (UTC)"),
    cv_title: ("简历（PDF）", "CV (PDF)"),
    cv_hint: (
        "可选。一个 PDF 文件，不超过 5 MB、10 页。只有你和你报名项目的主办方能下载。含脚本、自动操作或附件的 PDF 不能上传；保存时会去掉文件里的作者等信息。",
        "Optional. One PDF of at most 5 MB and 10 pages. Only you and the organisers of the programs you apply to can download it. PDFs carrying scripts, automatic actions or attached files are refused; the author and similar details inside the file are removed when it is kept."
    ),
    cv_first_profile: ("保存档案后即可上传简历。", "Save your profile, then you can add a CV."),
    cv_file: ("选择 PDF 文件", "Choose a PDF file"),
    cv_upload: ("上传简历", "Upload CV"),
    cv_replace: ("上传新简历（替换当前的）", "Upload a new CV (replaces this one)"),
    cv_added: ("简历已上传。", "CV uploaded."),
    cv_deleted: ("简历已删除。", "CV deleted."),
    cv_delete: ("删除简历", "Delete CV"),
    cv_current: ("当前简历", "Your CV"),
    cv_download: ("下载", "Download"),
    cv_uploaded: ("上传于", "uploaded"),
    cv_of_applicant: ("简历（PDF）", "CV (PDF)"),
    teams_title: ("参赛队伍", "Teams"),
    teams_lead: (
        "以队伍参赛，每队最多 5 人：报名后由队长组建队伍，用对方注册账号的邮箱邀请其他已报名的人；每队提交一个作品链接。队伍在大赛开始前可以组建和变动，作品链接在大赛结束前都可以修改。",
        "Compete as a team of up to 5: once you have applied, a captain forms the team and invites others who applied, by the email address of their account; each team submits one link to its work. Teams form and change until the competition starts; the link can change until it ends."
    ),
    teams_count: ("已有 {n} 支队伍报名。", "{n} teams have entered."),
    teams_count_one: ("已有 1 支队伍报名。", "1 team has entered."),
    teams_none: ("还没有队伍报名。", "No team has entered yet."),
    teams_sign_in: ("登录后组队", "Sign in to form or join a team"),
    teams_apply_first: ("先报名本次大赛，才能组队或接受邀请。", "Apply to the competition first; then you can form a team or accept an invitation."),
    teams_closed: ("大赛已开始，队伍不能再组建或变动。", "The competition has started: teams no longer form or change."),
    team_name: ("队名", "Team name"),
    team_name_hint: ("2–40 个字符，本次大赛内不能重名。", "2–40 characters, not used by another team in this competition."),
    form_team: ("组建队伍", "Form the team"),
    your_team: ("你的队伍：", "Your team: "),
    captain: ("队长", "Captain"),
    you_captain: ("（你是队长）", " (you are its captain)"),
    team_members: ("成员", "Members"),
    invited_waiting: ("已邀请，待回复", "Invited, awaiting an answer"),
    revoke_invitation: ("撤回邀请", "Withdraw invitation"),
    invite_email: ("邀请成员（对方账号的邮箱）", "Invite a member (their account's email address)"),
    invite: ("发送邀请", "Invite"),
    team_full: ("队伍已满（5 人，含待回复的邀请）。", "The team is full (5 people, invitations awaiting an answer included)."),
    submission: ("作品链接", "Submission link"),
    submission_hint: ("一个 https:// 开头的链接，例如代码仓库、演示视频或在线文档；留空即删除。", "One link starting with https://, such as a repository, a demo video or an online document; leave empty to remove it."),
    save_submission: ("保存链接", "Save the link"),
    no_submission: ("还没有提交作品链接。", "No submission link yet."),
    leave_team: ("退出队伍", "Leave the team"),
    leave_team_hint: ("队长退出后，最早加入的成员成为队长；最后一人退出时队伍解散。", "If the captain leaves, the member who joined first becomes captain; when the last member leaves, the team is disbanded."),
    invitations_to_you: ("邀请你加入的队伍", "Teams inviting you"),
    invitation_from: ("“{team}”，队长 {captain}", "\"{team}\", captained by {captain}"),
    accept: ("接受", "Accept"),
    decline_invitation: ("谢绝", "Decline"),
    teams_table_team: ("队伍", "Team"),
    teams_table_members: ("成员", "Members"),
    teams_table_link: ("作品", "Submission"),
}

pub fn texts(lang: Lang) -> &'static TalentTexts {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

/// Why a program is shown, in words.
pub fn reason_text(reason: &Reason, lang: Lang) -> &'static str {
    match reason {
        Reason::Eligible => lang.pick("你符合全部报名条件", "You meet every condition"),
        Reason::InPreferredCity => lang.pick("在你想去的城市", "In a city you would go to"),
        Reason::InPreferredBelt => lang.pick("服务你关注的产业带", "Serves a belt you want to work in"),
        Reason::KindWanted => lang.pick("是你想参加的项目类型", "A kind of program you look for"),
        Reason::Subsidised => lang.pick("有补贴", "Subsidised"),
        Reason::ClosingSoon => lang.pick("一周内截止报名", "Applications close within a week"),
    }
}

/// What a graduate's profile says on a requirement (empty: it does not say).
pub fn yours_text(requirement: &Requirement, profile: &GraduateProfileData, lang: Lang) -> String {
    let t = texts(lang);
    match requirement {
        Requirement::GraduationYears { .. } => profile.graduation_year.map(|y| y.to_string()).unwrap_or_default(),
        Requirement::MajorOneOf(_) => profile.major.map(|m| m.label(lang).to_string()).unwrap_or_default(),
        Requirement::Speaks(asked) => match profile.languages.iter().find(|s| s.language == asked.language) {
            Some(s) => format!("{}{}{}", s.language.label(lang), lang.pick("：", ": "), s.level.label(lang)),
            None if profile.languages.is_empty() => String::new(),
            None => t.not_among_yours.to_string(),
        },
        Requirement::FromProvince(_) => profile
            .province
            .as_deref()
            .and_then(crate::geo::province)
            .map(|p| lang.pick(p.name_zh, p.name_en).to_string())
            .unwrap_or_default(),
    }
}

/// A requirement in plain words.
pub fn requirement_text(requirement: &Requirement, lang: Lang) -> String {
    match requirement {
        Requirement::GraduationYears { from, to } => match (from, to, lang) {
            (Some(f), Some(t), _) if f == t => lang.pick(format!("{f} 年毕业"), format!("Graduating in {f}")),
            (Some(f), Some(t), _) => lang.pick(format!("{f}–{t} 年毕业"), format!("Graduating {f}–{t}")),
            (Some(f), None, _) => lang.pick(format!("{f} 年或以后毕业"), format!("Graduating in {f} or later")),
            (None, Some(t), _) => lang.pick(format!("{t} 年或以前毕业"), format!("Graduated by {t}")),
            (None, None, _) => String::new(),
        },
        Requirement::MajorOneOf(majors) => {
            let names: Vec<&str> = majors.iter().map(|m| m.label(lang)).collect();
            lang.pick(format!("专业：{}", names.join("、")), format!("Studied {}", names.join(", ")))
        }
        Requirement::Speaks(spoken) => lang.pick(
            format!("{}达到{}或以上", spoken.language.label(lang), spoken.level.label(lang)),
            format!("{} at {} level or better", spoken.language.label(lang), spoken.level.label(lang).to_lowercase()),
        ),
        Requirement::FromProvince(code) => {
            let name = crate::geo::province(code).map(|p| lang.pick(p.name_zh, p.name_en)).unwrap_or(code.as_str());
            lang.pick(format!("来自或返回{name}"), format!("From or returning to {name}"))
        }
    }
}

/// The requirements of a program in words, both languages.
pub fn requirement_words(requirements: &[Requirement]) -> Vec<Bilingual> {
    requirements.iter().map(|r| Bilingual::each(|lang| requirement_text(r, lang))).collect()
}

/// `2027-03-01 – 2027-03-20`, or one day.
pub fn dates_text(starts_on: &str, ends_on: &str) -> String {
    if starts_on == ends_on {
        starts_on.to_string()
    } else {
        format!("{starts_on} – {ends_on}")
    }
}

/// A program's facts line in search: kind, first day, subsidy, applications.
pub fn program_facts(
    kind: Option<ProgramKind>,
    starts_on: NaiveDate,
    close: NaiveDate,
    subsidised: bool,
    today: NaiveDate,
    lang: Lang,
) -> String {
    let t = texts(lang);
    let mut parts: Vec<String> = kind.map(|k| k.label(lang).to_string()).into_iter().collect();
    parts.push(format!("{}{}{}", t.dates, lang.pick("：", ": "), starts_on.format("%Y-%m-%d")));
    if subsidised {
        parts.push(t.subsidised.to_string());
    }
    parts.push(if close < today {
        t.closed.to_string()
    } else {
        format!("{}{}{}", t.applications_close, lang.pick("：", ": "), close.format("%Y-%m-%d"))
    });
    parts.join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::suppliers::types::Language;

    #[test]
    fn requirements_read_as_sentences_in_both_languages() {
        let years = Requirement::GraduationYears { from: Some(2024), to: Some(2027) };
        assert_eq!(requirement_text(&years, Lang::En), "Graduating 2024–2027");
        assert_eq!(requirement_text(&years, Lang::Zh), "2024–2027 年毕业");
        let speaks = Requirement::Speaks(Spoken { language: Language::English, level: LanguageLevel::Working });
        assert_eq!(requirement_text(&speaks, Lang::En), "English at working level or better");
        assert_eq!(requirement_text(&speaks, Lang::Zh), "英语达到工作水平或以上");
        let from = Requirement::FromProvince("hunan".into());
        assert_eq!(requirement_text(&from, Lang::En), "From or returning to Hunan");
        let majors = Requirement::MajorOneOf(vec![Major::ECommerce, Major::Logistics]);
        assert_eq!(requirement_text(&majors, Lang::En), "Studied E-commerce, Logistics");
    }

    #[test]
    fn the_facts_line_says_when_applications_closed() {
        let day = |d: u32| NaiveDate::from_ymd_opt(2027, 3, d).unwrap();
        let open = program_facts(Some(ProgramKind::TrainingCamp), day(20), day(10), true, day(1), Lang::En);
        assert_eq!(open, "Training camp · Dates: 2027-03-20 · Subsidised · Applications close: 2027-03-10");
        let closed = program_facts(Some(ProgramKind::JobFair), day(20), day(10), false, day(11), Lang::Zh);
        assert_eq!(closed, "招聘会 / 双选会 · 时间：2027-03-20 · 报名已截止");
    }
}
