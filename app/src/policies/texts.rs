//! The words of the policy pages, and each rule in plain words.

use crate::i18n::{Bilingual, Lang};
use crate::policies::types::*;
use crate::readiness::texts::Names;
use crate::suppliers::markets::market_name;

/// Declares the texts once, each as `name: ("中文", "English")`.
macro_rules! policy_texts {
    ($($name:ident: ($zh:expr, $en:expr)),+ $(,)?) => {
        pub struct PolicyTexts {
            $(pub $name: &'static str),+
        }
        static ZH: PolicyTexts = PolicyTexts { $($name: $zh),+ };
        static EN: PolicyTexts = PolicyTexts { $($name: $en),+ };
    };
}

policy_texts! {
    list_title: ("政策通知", "Policy notices"),
    notice_kind: ("政策", "Policy notice"),
    list_lead: (
        "协会和平台管理员发布的扶持政策：补贴、备案便利、人才政策……每条都写明适用对象，系统据此把政策推送给符合条件的企业。",
        "Support policies published by associations and site admins — subsidies, filing shortcuts, talent schemes — each with who it is for, so Beltlink can bring it to the firms that qualify."
    ),
    new_notice: ("发布政策通知", "Publish a notice"),
    edit_notice: ("编辑政策通知", "Edit notice"),
    for_me: ("适合我的政策", "Policies for my firm"),
    for_me_lead: (
        "贵企业符合条件的政策及理由，以及只差一两项条件的政策和具体差在哪里。依据是机构资料和供货档案。",
        "The notices your firm qualifies for and why, and those it nearly qualifies for with exactly what is missing — judged on your organisation's details and supply profile."
    ),
    open_notices: ("正在申报", "Open"),
    closed_notices: ("已截止", "Closed"),
    no_open: ("暂无正在申报的政策。", "No open notices."),
    no_closed: ("暂无已截止的政策。", "No closed notices."),
    filter: ("筛选", "Filter"),
    any: ("不限", "Any"),
    region: ("地区", "Region"),
    anywhere: ("不限地区", "Anywhere"),
    benefit: ("扶持类型", "Benefit"),
    issuer: ("发文单位", "Issued by"),
    amount: ("金额或比例", "Amount or rate"),
    amount_unstated: ("原文未写明", "Not stated"),
    deadline: ("截止日期", "Deadline"),
    no_deadline: ("未写明截止日期", "No deadline stated"),
    published_by: ("发布方", "Published by"),
    published_by_site: ("Beltlink 站点管理员", "Beltlink site admins"),
    source: ("原文链接", "Source"),
    who_for: ("适用条件", "Who it is for"),
    everyone: ("原文未限定适用对象。", "The notice names no conditions."),
    demo: ("演示数据", "Demo data"),
    demo_note: (
        "这是根据公开报道整理的演示政策：只写报道中提到的内容，未提到的（金额、截止日期等）不作推测。申报请以发文单位的原文为准。",
        "A demo notice drawn from a published report: it states only what the report states (an amount or deadline it does not give is left out). Apply by the issuer's own notice."
    ),
    closed: ("已截止", "Closed"),
    days_left: ("还剩 {n} 天", "{n} days left"),
    last_day: ("今天截止", "Closes today"),
    your_firm: ("贵企业", "Your firm"),
    judge_as: ("以此机构查看", "See it as"),
    show: ("查看", "Show"),
    qualifies: ("符合条件", "Qualifies"),
    nearly: ("差一点", "Nearly qualifies"),
    not_for: ("不符合", "Does not qualify"),
    qualifies_lead: ("贵企业符合这条政策的全部条件。", "Your firm meets every condition of this notice."),
    nearly_lead: ("贵企业差以下条件：", "Your firm is missing:"),
    not_lead: ("这条政策的适用对象不包括贵企业：", "This notice is not for your firm:"),
    sign_in_to_check: ("登录后可查看贵企业是否符合条件。", "Sign in to see whether your firm qualifies."),
    met: ("满足", "Met"),
    not_met: ("不满足", "Not met"),
    not_said: ("资料未填写", "Not stated on your profile"),
    yours_label: ("贵企业：", "Yours: "),
    why_qualifies: ("符合的理由", "Why it qualifies"),
    what_missing: ("差在哪里", "What is missing"),
    none_qualify: ("目前没有贵企业符合全部条件的正在申报的政策。", "No open notice fits your firm on every condition yet."),
    none_nearly: ("也没有只差一两项条件的政策。", "Nor does any miss it by only one or two conditions."),
    no_firm: (
        "政策匹配面向生产企业和服务商，您还不在任何此类机构的团队中。",
        "Policy matching is for manufacturers and service providers, and you are not in such a team yet."
    ),
    create_firm: ("创建或加入机构", "Create or join an organisation"),
    no_profile: (
        "贵企业还没有供货档案：品类、出口市场、销售额等条件无从判断。填写档案后匹配会更准确。",
        "Your firm has no supply profile yet, so categories, export markets and sales cannot be judged. Fill it in for better matches."
    ),
    edit_profile: ("填写供货档案", "Fill in the supply profile"),
    edit_org: ("完善机构资料（省份、城市）", "Complete your organisation's details (province, city)"),
    get_verified: ("申请机构核验", "Have your organisation verified"),
    saved: ("政策通知已保存。", "Notice saved."),
    told: ("已通知 {n} 家符合条件的机构。", "{n} organisations that qualify were notified."),
    form_lead: (
        "写明政策内容和适用条件。不填的条件视为不限；保存后系统会通知符合全部条件的机构。",
        "Say what the policy offers and who it is for. A condition left empty asks nothing; on saving, every organisation that meets all conditions is notified."
    ),
    section_what: ("政策内容", "What it offers"),
    section_who: ("适用条件", "Who it is for"),
    publisher: ("发布方", "Publish for"),
    title_zh: ("标题（中文）", "Title (Chinese)"),
    title_en: ("标题（英文）", "Title (English)"),
    issuer_zh: ("发文单位（中文）", "Issued by (Chinese)"),
    issuer_en: ("发文单位（英文）", "Issued by (English)"),
    summary_zh: ("内容摘要（中文）", "Summary (Chinese)"),
    summary_en: ("内容摘要（英文）", "Summary (English)"),
    amount_zh: ("金额或比例（中文）", "Amount or rate (Chinese)"),
    amount_en: ("金额或比例（英文）", "Amount or rate (English)"),
    deadline_hint: ("不填表示未写明截止日期。", "Leave empty if the notice gives no deadline."),
    source_url: ("原文链接", "Link to the source"),
    province: ("省份", "Province"),
    city_zh: ("城市（中文）", "City (Chinese)"),
    city_en: ("城市（英文）", "City (English)"),
    city_hint: ("不填城市表示全省。", "Leave the city empty for the whole province."),
    org_kinds: ("机构类型（任一）", "Kinds of organisation (any of)"),
    categories: ("品类（任一）", "Categories (any one of)"),
    belts: ("产业带（任一）", "Belts (any one of)"),
    min_annual_sales: ("年销售额不低于", "Annual sales at least"),
    overseas_warehouse: ("须有海外仓", "Must have an overseas warehouse"),
    exports: ("须已开展出口", "Must already export"),
    export_markets: ("出口市场（任一）", "Exports to (any one of)"),
    export_markets_hint: ("两位国家代码，用逗号分隔，如 US, DE；不填表示不限市场。", "Two-letter country codes separated by commas, such as US, DE; empty for any market."),
    min_export_years: ("出口年限不少于", "Years of exporting, at least"),
    verified: ("须经 Beltlink 核验", "Must be verified on Beltlink"),
    save: ("保存", "Save"),
    cancel: ("取消", "Cancel"),
    choose: ("请选择", "Choose"),
    site_publisher: ("Beltlink（站点管理员）", "Beltlink (site admins)"),
    deadlines_title: ("即将截止的政策", "Policy deadlines coming up"),
    deadlines_none: ("30 天内没有贵机构符合条件的政策截止。", "No notice your organisations qualify for closes within 30 days."),
    all_for_me: ("全部匹配的政策", "All matching notices"),
}

pub fn texts(lang: Lang) -> &'static PolicyTexts {
    lang.pick(&ZH, &EN)
}

fn names_of(slugs: &[String], names: &Names, lang: Lang) -> String {
    slugs.iter().map(|s| names.get(s).map_or(s.as_str(), |n| n.get(lang)).to_string()).collect::<Vec<_>>().join(lang.pick("、", ", "))
}

fn markets(codes: &[String], lang: Lang) -> String {
    codes.iter().map(|m| market_name(m, lang)).collect::<Vec<_>>().join(lang.pick("、", ", "))
}

/// A region in words: "Fuzhou, Fujian" / "福建福州" (empty: anywhere).
pub fn region_text(province: Option<&str>, city: &Bilingual, lang: Lang) -> String {
    let Some(p) = province.and_then(crate::geo::province) else { return String::new() };
    let city = city.get(lang);
    match lang {
        Lang::Zh if city.is_empty() => p.name_zh.to_string(),
        Lang::Zh => format!("{}{}", p.name_zh, city),
        Lang::En if city.is_empty() => p.name_en.to_string(),
        Lang::En => format!("{city}, {}", p.name_en),
    }
}

/// A rule in plain words.
pub fn rule_text(rule: &Rule, categories: &Names, belts: &Names, lang: Lang) -> String {
    match rule {
        Rule::InRegion { province, city } => {
            let place = region_text(Some(province), city, lang);
            lang.pick(format!("注册地在{place}"), format!("Registered in {place}"))
        }
        Rule::KindIs(kinds) => {
            let names = kinds.iter().map(|k| k.label(lang)).collect::<Vec<_>>().join(lang.pick("或", " or "));
            lang.pick(format!("机构类型为{names}"), format!("Is a {}", names.to_lowercase()))
        }
        Rule::MakesOneOf(slugs) => lang.pick(
            format!("生产以下品类之一：{}", names_of(slugs, categories, lang)),
            format!("Makes one of: {}", names_of(slugs, categories, lang)),
        ),
        Rule::InOneOfBelts(slugs) => lang.pick(
            format!("位于以下产业带之一：{}", names_of(slugs, belts, lang)),
            format!("Is in one of these belts: {}", names_of(slugs, belts, lang)),
        ),
        Rule::AnnualSales(band) => lang
            .pick(format!("年销售额不低于“{}”档", band.label(lang)), format!("Annual sales in the band “{}” or above", band.label(lang))),
        Rule::OverseasWarehouse => lang.pick("有海外仓", "Has an overseas warehouse").to_string(),
        Rule::ExportsTo(codes) if codes.is_empty() => lang.pick("已开展出口业务", "Already exports").to_string(),
        Rule::ExportsTo(codes) => {
            lang.pick(format!("出口到以下市场之一：{}", markets(codes, lang)), format!("Exports to one of: {}", markets(codes, lang)))
        }
        Rule::ExportYears(years) => lang.pick(
            format!("出口年限不少于 {years} 年"),
            if *years == 1 { "At least 1 year of exporting".to_string() } else { format!("At least {years} years of exporting") },
        ),
        Rule::Verified => lang.pick("机构经 Beltlink 核验", "Verified on Beltlink").to_string(),
    }
}

/// What an organisation's facts say that bears on a rule ("" when nothing).
pub fn yours_text(rule: &Rule, f: &OrgFacts, categories: &Names, belts: &Names, lang: Lang) -> String {
    let p = f.profile.as_ref();
    match rule {
        Rule::InRegion { .. } => region_text(f.province.as_deref(), &f.city, lang),
        Rule::KindIs(_) => f.kind.label(lang).to_string(),
        Rule::MakesOneOf(_) => p.map(|p| names_of(&p.category_slugs, categories, lang)).unwrap_or_default(),
        Rule::InOneOfBelts(_) => names_of(&f.belt_slugs, belts, lang),
        Rule::AnnualSales(_) => p.and_then(|p| p.annual_sales).map(|b| b.label(lang).to_string()).unwrap_or_default(),
        Rule::OverseasWarehouse => match p {
            Some(p) => match &p.overseas_warehouse {
                Some(place) => place.clone(),
                None => lang.pick("无海外仓", "No overseas warehouse").to_string(),
            },
            None => String::new(),
        },
        Rule::ExportsTo(_) => p.map(|p| markets(&p.export_markets, lang)).unwrap_or_default(),
        Rule::ExportYears(_) => p
            .and_then(|p| p.exporting_since)
            .map(|y| lang.pick(format!("{y} 年起出口"), format!("Exporting since {y}")))
            .unwrap_or_default(),
        Rule::Verified => {
            if f.verified {
                lang.pick("已核验", "Verified")
            } else {
                lang.pick("未核验", "Not verified")
            }
        }
        .to_string(),
    }
}

pub fn judged_label(j: Judged, lang: Lang) -> &'static str {
    let s = texts(lang);
    match j {
        Judged::Met => s.met,
        Judged::NotMet => s.not_met,
        Judged::NotSaid => s.not_said,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::orgs::types::OrgKind;

    #[test]
    fn rules_read_in_both_languages() {
        let none = Names::new();
        let fuzhou = Rule::InRegion { province: "fujian".into(), city: Bilingual::new("福州", "Fuzhou") };
        assert_eq!(rule_text(&fuzhou, &none, &none, Lang::Zh), "注册地在福建福州");
        assert_eq!(rule_text(&fuzhou, &none, &none, Lang::En), "Registered in Fuzhou, Fujian");
        let kinds = Rule::KindIs(vec![OrgKind::Manufacturer, OrgKind::ServiceProvider]);
        assert!(rule_text(&kinds, &none, &none, Lang::En).starts_with("Is a "));
        assert_eq!(rule_text(&Rule::ExportsTo(vec!["US".into()]), &none, &none, Lang::En), "Exports to one of: United States");
        assert_eq!(region_text(None, &Bilingual::default(), Lang::En), "");
        assert_eq!(region_text(Some("hunan"), &Bilingual::default(), Lang::Zh), "湖南");
    }
}
