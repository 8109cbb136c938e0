//! The words of the readiness pages, in both languages, and each
//! requirement, standing and next step in plain words.

use std::collections::HashMap;

use crate::i18n::{Bilingual, Lang};
use crate::readiness::types::*;
use crate::suppliers::markets::market_name;
use crate::suppliers::types::{ProfileData, ProfileField};

pub struct ReadinessTexts {
    pub title: &'static str,
    pub lead: &'static str,
    pub firm: &'static str,
    pub show: &'static str,
    pub no_firm: &'static str,
    pub create_firm: &'static str,
    pub no_profile: &'static str,
    pub edit_profile: &'static str,
    pub met_of: &'static str,
    pub verified_count: &'static str,
    pub all_met: &'static str,
    pub requirement: &'static str,
    pub standing: &'static str,
    pub profile_says: &'static str,
    pub next: &'static str,
    pub providers: &'static str,
    pub not_tied: &'static str,
    pub serves_your_belt: &'static str,
    pub no_providers: &'static str,
    pub demo: &'static str,
    pub platform_notes: &'static str,
    pub no_criteria_yet: &'static str,
    pub none_published: &'static str,
    pub criteria_title: &'static str,
    pub criteria_lead: &'static str,
    pub criteria_none: &'static str,
    pub criteria_edit: &'static str,
    pub criteria_edit_lead: &'static str,
    pub criteria_saved: &'static str,
    pub updated: &'static str,
    pub save: &'static str,
    pub see_criteria: &'static str,
    pub see_readiness: &'static str,
    pub section_what: &'static str,
    pub section_factory: &'static str,
    pub section_papers: &'static str,
    pub section_reach: &'static str,
    pub section_notes: &'static str,
    pub own_factory: &'static str,
    pub min_floor_area: &'static str,
    pub certifications: &'static str,
    pub warehouse_markets: &'static str,
    pub warehouse_markets_hint: &'static str,
    pub min_export_years: &'static str,
    pub business_licence: &'static str,
    pub test_reports: &'static str,
    pub min_annual_sales: &'static str,
    pub categories: &'static str,
    pub categories_hint: &'static str,
    pub belts: &'static str,
    pub belts_hint: &'static str,
    pub notes_zh: &'static str,
    pub notes_en: &'static str,
    pub any: &'static str,
}

static ZH: ReadinessTexts = ReadinessTexts {
    title: "平台入驻准备度",
    lead: "对照各平台在 Beltlink 上公布的供应商要求，看看你的企业已经满足哪些、哪些经过核验、还差什么，以及下一步怎么做。",
    firm: "企业",
    show: "查看",
    no_firm: "准备度针对生产企业：你还没有加入任何生产企业。",
    create_firm: "创建或加入企业",
    no_profile: "这家企业还没有供货档案，无法对照平台要求。先填写档案。",
    edit_profile: "编辑供货档案",
    met_of: "已满足",
    verified_count: "其中已核验",
    all_met: "全部满足",
    requirement: "要求",
    standing: "情况",
    profile_says: "档案所填",
    next: "下一步",
    providers: "可提供帮助的服务商",
    not_tied: "不限产业带",
    serves_your_belt: "服务你所在的产业带",
    no_providers: "Beltlink 上暂时没有服务你所在产业带、提供此类服务的服务商。",
    demo: "演示数据：仅按公开报道所述整理，并非平台官方要求。",
    platform_notes: "平台说明",
    no_criteria_yet: "以下平台尚未在 Beltlink 公布供应商要求：",
    none_published: "还没有平台在 Beltlink 公布供应商要求。",
    criteria_title: "供应商要求",
    criteria_lead: "平台对供应商的要求。生产企业可在“平台入驻准备度”页面对照自己的档案。",
    criteria_none: "这家平台尚未公布供应商要求。",
    criteria_edit: "编辑供应商要求",
    criteria_edit_lead: "留空的项目表示不作要求。保存后立即对所有生产企业生效。",
    criteria_saved: "供应商要求已保存。",
    updated: "更新于",
    save: "保存要求",
    see_criteria: "供应商要求",
    see_readiness: "平台入驻准备度",
    section_what: "品类与产业带",
    section_factory: "工厂",
    section_papers: "资质与认证",
    section_reach: "出口与规模",
    section_notes: "补充说明",
    own_factory: "须有自有工厂",
    min_floor_area: "最小厂房面积（平方米）",
    certifications: "须持有的认证",
    warehouse_markets: "须在这些市场有海外仓",
    warehouse_markets_hint: "两位字母国家代码，用逗号分隔，例如 US, DE。",
    min_export_years: "最少出口年数",
    business_licence: "营业执照须经 Beltlink 核验（机构已核验）",
    test_reports: "须有第三方检测报告",
    min_annual_sales: "最低年销售额",
    categories: "品类（满足其一）",
    categories_hint: "不选表示不限品类。",
    belts: "产业带（位于其一）",
    belts_hint: "不选表示不限产业带。",
    notes_zh: "补充说明（中文）",
    notes_en: "补充说明（英文）",
    any: "不限",
};

static EN: ReadinessTexts = ReadinessTexts {
    title: "Platform readiness",
    lead: "Your firm against the supplier criteria each platform publishes on Beltlink: what you meet, what is verified, what is missing, and what to do next.",
    firm: "Firm",
    show: "Show",
    no_firm: "Readiness is for manufacturers, and you are not in a manufacturer's team yet.",
    create_firm: "Create or join a firm",
    no_profile: "This firm has no supply profile yet, so there is nothing to hold against the criteria. Fill in the profile first.",
    edit_profile: "Edit the supply profile",
    met_of: "Meets",
    verified_count: "verified",
    all_met: "Meets every criterion",
    requirement: "Criterion",
    standing: "Where you stand",
    profile_says: "Your profile says",
    next: "Next step",
    providers: "Providers who could help",
    not_tied: "not tied to a belt",
    serves_your_belt: "serves your belt",
    no_providers: "No provider on Beltlink offers this for your belt yet.",
    demo: "Demo data: drawn only from what published reports say, not the platform's official criteria.",
    platform_notes: "From the platform",
    no_criteria_yet: "These platforms have not published supplier criteria on Beltlink yet:",
    none_published: "No platform has published supplier criteria on Beltlink yet.",
    criteria_title: "Supplier criteria",
    criteria_lead: "What this platform asks of suppliers. Manufacturers hold their profile against it on their platform readiness page.",
    criteria_none: "This platform has not published supplier criteria yet.",
    criteria_edit: "Edit supplier criteria",
    criteria_edit_lead: "Leave a part empty to ask nothing of it. Saved criteria apply to every manufacturer at once.",
    criteria_saved: "Supplier criteria saved.",
    updated: "Updated",
    save: "Save criteria",
    see_criteria: "Supplier criteria",
    see_readiness: "Platform readiness",
    section_what: "Categories and belts",
    section_factory: "Factory",
    section_papers: "Papers and certifications",
    section_reach: "Exports and size",
    section_notes: "Notes",
    own_factory: "Must have its own factory",
    min_floor_area: "Minimum factory floor area (m²)",
    certifications: "Certifications required",
    warehouse_markets: "Overseas warehouse required in",
    warehouse_markets_hint: "Two-letter country codes separated by commas, such as US, DE.",
    min_export_years: "Minimum years of exporting",
    business_licence: "Business licence verified on Beltlink (organisation verified)",
    test_reports: "Must hold third-party test reports",
    min_annual_sales: "Minimum annual sales",
    categories: "Categories (any one of)",
    categories_hint: "Choose none to accept any category.",
    belts: "Belts (in any one of)",
    belts_hint: "Choose none to accept any belt.",
    notes_zh: "Notes (Chinese)",
    notes_en: "Notes (English)",
    any: "Any",
};

pub fn texts(lang: Lang) -> &'static ReadinessTexts {
    lang.pick(&ZH, &EN)
}

/// Names by slug, for categories or belts.
pub type Names = HashMap<String, Bilingual>;

fn names_of(slugs: &[String], names: &Names, lang: Lang) -> String {
    slugs.iter().map(|s| names.get(s).map_or(s.as_str(), |n| n.get(lang)).to_string()).collect::<Vec<_>>().join(lang.pick("、", ", "))
}

/// A requirement in plain words.
pub fn requirement_text(r: &Requirement, categories: &Names, belts: &Names, lang: Lang) -> String {
    let count = |n: i64| crate::forms::grouped(n);
    match r {
        Requirement::MakesOneOf(slugs) => lang.pick(
            format!("生产以下品类之一：{}", names_of(slugs, categories, lang)),
            format!("Makes one of: {}", names_of(slugs, categories, lang)),
        ),
        Requirement::InOneOfBelts(slugs) => lang.pick(
            format!("位于以下产业带之一：{}", names_of(slugs, belts, lang)),
            format!("Is in one of these belts: {}", names_of(slugs, belts, lang)),
        ),
        Requirement::OwnFactory => lang.pick("有自有工厂（生产型企业）", "Has its own factory (makes what it sells)").to_string(),
        Requirement::FloorArea(min) => lang.pick(
            format!("厂房面积不少于 {} 平方米", count((*min).into())),
            format!("Factory floor area of at least {} m²", count((*min).into())),
        ),
        Requirement::Certification(cert) => {
            lang.pick(format!("持有 {} 认证", cert.label(lang)), format!("Holds {} certification", cert.label(lang)))
        }
        Requirement::WarehouseIn(market) => lang.pick(
            format!("在{}有海外仓", market_name(market, lang)),
            format!("Has an overseas warehouse delivering to {}", market_name(market, lang)),
        ),
        Requirement::ExportYears(years) => lang.pick(
            format!("出口经验不少于 {years} 年"),
            if *years == 1 { "At least 1 year of exporting".to_string() } else { format!("At least {years} years of exporting") },
        ),
        Requirement::BusinessLicence => {
            lang.pick("营业执照经 Beltlink 核验（机构已核验）", "Business licence verified on Beltlink (organisation verified)").to_string()
        }
        Requirement::TestReports => lang.pick("持有第三方检测报告", "Holds third-party test reports").to_string(),
        Requirement::AnnualSales(band) => lang
            .pick(format!("年销售额不低于“{}”档", band.label(lang)), format!("Annual sales in the band “{}” or above", band.label(lang))),
        Requirement::MonthlyCapacity(min) => {
            lang.pick(format!("月产能不低于 {}", min.exact(lang)), format!("Makes at least {} a month", min.exact(lang)))
        }
    }
}

/// What the profile says that bears on a requirement ("" when nothing).
pub fn profile_says(r: &Requirement, facts: &FirmFacts, categories: &Names, belts: &Names, lang: Lang) -> String {
    let p: &ProfileData = &facts.profile;
    let sep = lang.pick("、", ", ");
    match r {
        Requirement::MakesOneOf(_) => names_of(&p.category_slugs, categories, lang),
        Requirement::InOneOfBelts(_) => names_of(&facts.belt_slugs, belts, lang),
        Requirement::OwnFactory => match p.own_factory {
            Some(true) => lang.pick("自有工厂", "Own factory").to_string(),
            Some(false) => lang.pick("从其他工厂采购", "Sources from other factories").to_string(),
            None => String::new(),
        },
        Requirement::FloorArea(_) => p.floor_area_m2.map(|a| format!("{} m²", crate::forms::grouped(a.into()))).unwrap_or_default(),
        Requirement::Certification(_) => {
            let mut all: Vec<String> = p.certifications.iter().map(|c| c.label(lang).to_string()).collect();
            if !p.certifications_other.is_empty() {
                all.push(p.certifications_other.clone());
            }
            all.join(sep)
        }
        Requirement::WarehouseIn(_) => match &p.overseas_warehouse {
            None => lang.pick("无海外仓", "No overseas warehouse").to_string(),
            Some(place) if p.warehouse_markets.is_empty() => place.clone(),
            Some(place) => {
                let markets = p.warehouse_markets.iter().map(|m| market_name(m, lang)).collect::<Vec<_>>().join(sep);
                format!("{place}{}{markets}", lang.pick("，配送至", ", delivering to "))
            }
        },
        Requirement::ExportYears(_) => {
            p.exporting_since.map(|y| lang.pick(format!("{y} 年起出口"), format!("Exporting since {y}"))).unwrap_or_default()
        }
        Requirement::BusinessLicence => if facts.organisation_verified {
            lang.pick("机构已核验", "Organisation verified")
        } else {
            lang.pick("机构未核验", "Organisation not verified")
        }
        .to_string(),
        Requirement::TestReports => p.test_reports.clone(),
        Requirement::AnnualSales(_) => p.annual_sales.map(|b| b.label(lang).to_string()).unwrap_or_default(),
        Requirement::MonthlyCapacity(_) => p.capacity.map(|c| c.exact(lang)).unwrap_or_default(),
    }
}

pub fn standing_label(s: Standing, lang: Lang) -> &'static str {
    match s {
        Standing::Verified => lang.pick("满足 · 已核验", "Met · verified"),
        Standing::SelfDeclared => lang.pick("满足 · 自述", "Met · self-declared"),
        Standing::NotSaid => lang.pick("档案未填写", "Your profile does not say"),
        Standing::NotMet => lang.pick("未满足", "Not met"),
    }
}

/// A next step in words; `field` steps name the profile field.
pub fn step_text(step: &NextStep, lang: Lang) -> String {
    match step {
        NextStep::FillIn(field) => {
            lang.pick(format!("在供货档案中填写“{}”。", field.label(lang)), format!("Add “{}” to your supply profile.", field.label(lang)))
        }
        NextStep::Update(field) => lang.pick(
            format!("如果情况有变，请更新供货档案中的“{}”。", field.label(lang)),
            format!("If this has changed, update “{}” on your supply profile.", field.label(lang)),
        ),
        NextStep::Verify(field) => lang.pick(
            format!("请所在产业带的协会或核验员核验“{}”，核验后更有说服力。", field.label(lang)),
            format!("Ask your belt's association or a verifier to verify “{}”: a verified fact counts for more.", field.label(lang)),
        ),
        NextStep::VerifyOrganisation => lang
            .pick(
                "请所在产业带的协会或站点管理员核验你的机构（营业执照）。",
                "Ask your belt's association or a site admin to verify your organisation (its business licence).",
            )
            .to_string(),
        NextStep::FindProvider(service) => lang.pick(
            format!("找一家提供“{}”的服务商（见下方）。", service.label(lang)),
            format!("Find a provider of “{}” (below).", service.label(lang)),
        ),
        NextStep::OutOfReach => lang
            .pick(
                "这项要求需要企业自身达到，Beltlink 上没有能代办的服务。",
                "This one is up to the firm itself: no service on Beltlink can supply it.",
            )
            .to_string(),
    }
}

/// The profile editor's field a step asks to fill in, for a link.
pub fn fills(step: &NextStep) -> Option<ProfileField> {
    match step {
        NextStep::FillIn(field) | NextStep::Update(field) => Some(*field),
        _ => None,
    }
}
