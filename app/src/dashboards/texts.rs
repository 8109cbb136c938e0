//! The words of a belt dashboard, in both languages.

use crate::dashboards::rules::{CapacityBand, Checked, ReplyBucket};
use crate::i18n::{Bilingual, Lang};
use crate::suppliers::types::QuantityUnit;

pub struct DashboardTexts {
    pub title: &'static str,
    pub lead: &'static str,
    pub suppliers: &'static str,
    pub verified_profiles: &'static str,
    pub verified_organisations: &'static str,
    pub as_of: &'static str,
    pub count: &'static str,
    pub share: &'static str,
    pub nothing_yet: &'static str,
    pub open_briefs: &'static str,
    pub no_open_briefs: &'static str,
    pub all_briefs: &'static str,
    pub back_to_belt: &'static str,
    pub link: &'static str,
    pub contents: &'static str,
}

static ZH: DashboardTexts = DashboardTexts {
    title: "产业带看板",
    lead: "本产业带已发布供货档案的企业，按品类、认证、产能、出口市场、核验情况和询盘回复速度统计；每张图旁边都有同样数字的表格。",
    suppliers: "已发布档案的供应商",
    verified_profiles: "档案有核验项",
    verified_organisations: "机构已核验",
    as_of: "数据时间",
    count: "企业数",
    share: "占比",
    nothing_yet: "暂无数据。",
    open_briefs: "面向本产业带的寻源需求",
    no_open_briefs: "目前没有面向本产业带的公开寻源需求。",
    all_briefs: "全部寻源需求",
    back_to_belt: "返回产业带",
    link: "产业带看板",
    contents: "目录",
};

static EN: DashboardTexts = DashboardTexts {
    title: "Belt dashboard",
    lead: "The belt's firms with a published supply profile, counted by category, certification, capacity, export market, verification and how fast they answer inquiries; each chart has a table with the same numbers beside it.",
    suppliers: "suppliers with a published profile",
    verified_profiles: "with verified profile fields",
    verified_organisations: "with a verified organisation",
    as_of: "Figures as of",
    count: "Suppliers",
    share: "Share",
    nothing_yet: "Nothing to count yet.",
    open_briefs: "Open briefs for this belt",
    no_open_briefs: "No public brief targets this belt right now.",
    all_briefs: "All briefs",
    back_to_belt: "Back to the belt",
    link: "Belt dashboard",
    contents: "Contents",
};

pub fn texts(lang: Lang) -> &'static DashboardTexts {
    lang.pick(&ZH, &EN)
}

/// A breakdown's title and what its numbers count.
pub fn heading(key: &str) -> (Bilingual, Bilingual) {
    let pair = |zh: &str, en: &str| Bilingual::new(zh, en);
    match key {
        "categories" => (pair("品类", "Categories"), pair("一家企业可属于多个品类。", "A firm counts once in each of its categories.")),
        "certifications" => {
            (pair("认证", "Certifications"), pair("按档案所列认证统计（含自述）。", "As the profiles list them, self-declared included."))
        }
        "capacity" => (
            pair("月产能", "Monthly capacity"),
            pair("按单位分别分档，不同单位之间不换算。", "Banded within each unit; different units are not converted."),
        ),
        "markets" => {
            (pair("出口市场", "Export markets"), pair("一家企业可出口多个市场。", "A firm counts once in each market it exports to."))
        }
        "verification" => {
            (pair("核验情况", "Verification"), pair("机构核验与档案字段核验。", "Organisation verification and verified profile fields."))
        }
        "replies" => (
            pair("询盘首次回复", "First reply to inquiries"),
            pair("近 90 天收到询盘的首次回复时间中位数。", "Median time to a first reply over the inquiries of the last 90 days."),
        ),
        other => (pair(other, other), pair("", "")),
    }
}

pub fn none_listed() -> Bilingual {
    Bilingual::new("未列认证", "None listed")
}

pub fn not_stated() -> Bilingual {
    Bilingual::new("未填写", "Not stated")
}

pub fn other_kinds(n: usize) -> Bilingual {
    Bilingual::new(format!("其他 {n} 项"), format!("{n} others"))
}

pub fn market(code: &str) -> Bilingual {
    Bilingual::each(|lang| crate::suppliers::markets::market_name(code, lang).to_string())
}

pub fn band_label(unit: QuantityUnit, band: CapacityBand) -> Bilingual {
    Bilingual::each(|lang| {
        let unit = unit.label(lang);
        let range = match band {
            CapacityBand::Under10k => lang.pick("1 万以下".to_string(), "Under 10,000".to_string()),
            CapacityBand::From10k => lang.pick("1 万–10 万".to_string(), "10,000–99,999".to_string()),
            CapacityBand::From100k => lang.pick("10 万–100 万".to_string(), "100,000–999,999".to_string()),
            CapacityBand::From1m => lang.pick("100 万及以上".to_string(), "1,000,000 or more".to_string()),
        };
        lang.pick(format!("每月 {range} {unit}"), format!("{range} {unit} a month"))
    })
}

pub fn checked_label(c: Checked) -> Bilingual {
    match c {
        Checked::OrganisationAndFields => Bilingual::new("机构与档案字段均已核验", "Organisation and profile fields verified"),
        Checked::FieldsOnly => Bilingual::new("仅档案字段已核验", "Profile fields verified only"),
        Checked::OrganisationOnly => Bilingual::new("仅机构已核验", "Organisation verified only"),
        Checked::SelfDeclared => Bilingual::new("全部为自述", "Self-declared only"),
    }
}

pub fn reply_label(b: ReplyBucket) -> Bilingual {
    match b {
        ReplyBucket::WithinADay => Bilingual::new("一天内", "Within a day"),
        ReplyBucket::WithinThreeDays => Bilingual::new("一至三天", "Within three days"),
        ReplyBucket::Longer => Bilingual::new("三天以上", "Longer than three days"),
        ReplyBucket::MostlyUnanswered => Bilingual::new("多数询盘未回复", "Most inquiries unanswered"),
        ReplyBucket::NoInquiries => Bilingual::new("近 90 天无询盘", "No inquiries in 90 days"),
    }
}
