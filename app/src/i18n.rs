//! Chinese and English for every piece of UI text.
//!
//! The language is chosen on the server (cookie, then `Accept-Language`, then
//! Chinese) and handed to the client through the `<html lang>` attribute, so
//! server and client render the same words.

use serde::{Deserialize, Serialize};

pub const LANG_COOKIE: &str = "beltlink_lang";

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// The value of the `<html lang>` attribute.
    pub fn html_lang(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        let primary = code.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }

    /// Picks between a Chinese and an English rendering.
    pub fn pick<T>(self, zh: T, en: T) -> T {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }
}

/// The language of the first supported entry with the highest quality in an
/// `Accept-Language` header; `None` when it names neither Chinese nor English.
pub fn lang_from_accept_language(header: &str) -> Option<Lang> {
    let mut best: Option<(f32, usize, Lang)> = None;
    for (position, entry) in header.split(',').enumerate() {
        let mut parts = entry.split(';');
        let Some(lang) = parts.next().and_then(Lang::from_code) else {
            continue;
        };
        let quality = parts.filter_map(|p| p.trim().strip_prefix("q=")).find_map(|q| q.trim().parse::<f32>().ok()).unwrap_or(1.0);
        if quality.is_nan() || quality <= 0.0 {
            continue;
        }
        let better = match best {
            None => true,
            Some((q, _, _)) => quality > q,
        };
        if better {
            best = Some((quality, position, lang));
        }
    }
    best.map(|(_, _, lang)| lang)
}

/// The language a URL names with `hl=zh` or `hl=en` in its query (the
/// addresses of a page's language versions), if any.
pub fn lang_in_query(query: &str) -> Option<Lang> {
    query.split('&').find_map(|pair| pair.strip_prefix("hl=")).and_then(Lang::from_code)
}

/// `query` without its `hl=` pair, for building the language versions' addresses.
pub fn query_without_lang(query: &str) -> String {
    query.split('&').filter(|pair| !pair.is_empty() && !pair.starts_with("hl=")).collect::<Vec<_>>().join("&")
}

/// The language a request asks for: the remembered choice, then the
/// browser's preference, then Chinese.
pub fn negotiate(cookie_header: Option<&str>, accept_language: Option<&str>) -> Lang {
    cookie_header
        .and_then(|cookies| {
            cookies.split(';').find_map(|pair| {
                let (name, value) = pair.split_once('=')?;
                (name.trim() == LANG_COOKIE).then(|| Lang::from_code(value))?
            })
        })
        .or_else(|| accept_language.and_then(lang_from_accept_language))
        .unwrap_or_default()
}

/// `text` in brackets after what comes before it: "（3）" in Chinese, " (3)" in English.
pub fn bracketed(text: impl std::fmt::Display, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("（{text}）"),
        Lang::En => format!(" ({text})"),
    }
}

/// A cited source in `lang`: sources are stored as their original Chinese
/// title with an English gloss in brackets, "跨境电商发展何以后发先至 (Qingdao
/// survey)". Chinese pages show the title alone; English pages show both,
/// since the title is what a reader would look for.
pub fn source_in(source: &str, lang: Lang) -> &str {
    match (lang, source.strip_suffix(')').and_then(|s| s.rsplit_once(" ("))) {
        (Lang::Zh, Some((title, gloss))) if gloss.is_ascii() && !title.is_ascii() => title,
        _ => source,
    }
}

/// A sentence that holds a count, `{n}`, in its singular and plural forms
/// (Chinese words do not change with the count: one form serves both).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Counted {
    one: &'static str,
    many: &'static str,
}

impl Counted {
    pub const fn new(one: &'static str, many: &'static str) -> Counted {
        Counted { one, many }
    }

    pub const fn same(text: &'static str) -> Counted {
        Counted { one: text, many: text }
    }

    /// The sentence for `n`.
    pub fn with(self, n: u64) -> String {
        let form = if n == 1 { self.one } else { self.many };
        form.replace("{n}", &n.to_string())
    }
}

/// Every fixed string of the interface, once per language.
pub struct Texts {
    pub site_name: &'static str,
    pub site_tagline: &'static str,
    pub nav_home: &'static str,
    pub nav_belts: &'static str,
    pub nav_briefs: &'static str,
    pub nav_associations: &'static str,
    pub nav_events: &'static str,
    pub nav_policies: &'static str,
    pub nav_programs: &'static str,
    pub switch_to_other_language: &'static str,
    pub search_label: &'static str,
    pub search_placeholder: &'static str,
    pub search_button: &'static str,
    pub footer_note: &'static str,
    pub home_title: &'static str,
    pub home_lead: &'static str,
    pub home_for_manufacturers: &'static str,
    pub home_for_manufacturers_body: &'static str,
    pub home_for_platforms: &'static str,
    pub home_for_platforms_body: &'static str,
    pub home_for_associations: &'static str,
    pub home_for_associations_body: &'static str,
    pub home_for_graduates: &'static str,
    pub home_for_graduates_body: &'static str,
    pub home_browse_belts: &'static str,
    pub home_search_examples: &'static str,
    pub belts_title: &'static str,
    pub belts_lead: &'static str,
    pub filter_province: &'static str,
    pub filter_category: &'static str,
    pub filter_any: &'static str,
    pub filter_apply: &'static str,
    pub filter_clear: &'static str,
    pub belts_empty: &'static str,
    pub belt_figures: &'static str,
    pub belt_categories: &'static str,
    pub belt_organisations: &'static str,
    pub belt_organisations_empty: &'static str,
    pub belt_location: &'static str,
    pub belt_map_caption: &'static str,
    pub belt_all_belts: &'static str,
    pub source: &'static str,
    pub org_belts: &'static str,
    pub org_demo_notice: &'static str,
    pub org_demo_notice_verified: &'static str,
    pub org_verified: &'static str,
    pub org_unverified: &'static str,
    pub search_title: &'static str,
    pub loading: &'static str,
    /// Above a refused form: "1 problem" / "{n} problems" to fix.
    pub form_problems_one: &'static str,
    pub form_problems_many: &'static str,
    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub bad_request_title: &'static str,
    pub error_title: &'static str,
    pub back_home: &'static str,
    pub kind_belt: &'static str,
    pub kind_manufacturer: &'static str,
    pub kind_platform: &'static str,
    pub kind_service_provider: &'static str,
    pub kind_association: &'static str,
    pub kind_school: &'static str,
    pub role_member: &'static str,
    pub role_platform: &'static str,
    pub role_service: &'static str,
    pub role_association: &'static str,
}

pub static ZH: Texts = Texts {
    site_name: "产业带出海对接平台",
    site_tagline: "连接产业带工厂、跨境平台、服务商、人才项目与协会",
    nav_home: "首页",
    nav_belts: "产业带",
    nav_briefs: "寻源需求",
    nav_associations: "协会",
    nav_events: "对接会",
    nav_policies: "政策",
    nav_programs: "人才项目",
    switch_to_other_language: "English",
    search_label: "搜索产业带、企业与服务",
    search_placeholder: "例如：假睫毛、钓具、女装",
    search_button: "搜索",
    footer_note: "演示数据取自公开报道，标注为未核验。",
    home_title: "让产业带直连全球市场",
    home_lead: "平度假睫毛、汨罗钓具、即墨女装、君山银针……中国出口来自一个个产业带。Beltlink 把这些产业带与前来选品的跨境平台、把货物送出国门的服务商、培养运营人才的项目，以及组织对接会的协会连在一起。",
    home_for_manufacturers: "工厂与厂二代",
    home_for_manufacturers_body: "发布供货档案：产品、产能、起订量、认证与出口市场，让平台找到你。",
    home_for_platforms: "平台招商",
    home_for_platforms_body: "按品类和目标市场寻找产业带与供应商，筛选、询盘、举办对接会。",
    home_for_associations: "协会与专委会",
    home_for_associations_body: "管理会员与专委会，组织对接会的报名、1对1洽谈排期与签到。",
    home_for_graduates: "毕业生与创二代",
    home_for_graduates_body: "寻找训练营、订单班、大赛与双选会，报名并跟进进度。",
    home_browse_belts: "浏览产业带目录",
    home_search_examples: "试试搜索：",
    belts_title: "产业带目录",
    belts_lead: "按省份和品类筛选中国的出口产业带。",
    filter_province: "省份",
    filter_category: "品类",
    filter_any: "全部",
    filter_apply: "筛选",
    filter_clear: "清除筛选",
    belts_empty: "没有符合条件的产业带。",
    belt_figures: "关键数据",
    belt_categories: "产品品类",
    belt_organisations: "相关机构",
    belt_organisations_empty: "暂无收录的机构。",
    belt_location: "地理位置",
    belt_map_caption: "中国地图上的位置",
    belt_all_belts: "全部产业带",
    source: "来源",
    org_belts: "所在或服务的产业带",
    org_demo_notice: "演示条目：内容仅取自公开报道，尚未核验。",
    org_demo_notice_verified: "演示条目：内容取自公开报道，已由核验人确认，见下方核验记录。",
    org_verified: "已核验",
    org_unverified: "未核验",
    search_title: "搜索",
    loading: "加载中…",
    form_problems_one: "有 1 处需要修改：",
    form_problems_many: "有 {n} 处需要修改：",
    not_found_title: "页面不存在",
    not_found_body: "找不到你要的页面，它可能已被移除或地址有误。",
    bad_request_title: "请求有误",
    error_title: "出错了",
    back_home: "返回首页",
    kind_belt: "产业带",
    kind_manufacturer: "工厂",
    kind_platform: "跨境平台",
    kind_service_provider: "服务商",
    kind_association: "协会",
    kind_school: "院校与培训机构",
    role_member: "本地企业",
    role_platform: "入驻或对接平台",
    role_service: "服务商",
    role_association: "协会",
};

pub static EN: Texts = Texts {
    site_name: "Beltlink",
    site_tagline: "Linking China's industrial belts with platforms, providers, talent programs and associations",
    nav_home: "Home",
    nav_belts: "Belts",
    nav_briefs: "Briefs",
    nav_associations: "Associations",
    nav_events: "Events",
    nav_policies: "Policies",
    nav_programs: "Programs",
    switch_to_other_language: "中文",
    search_label: "Search belts, companies and services",
    search_placeholder: "e.g. eyelashes, fishing tackle, women's wear",
    search_button: "Search",
    footer_note: "Demo data is drawn from public reporting and marked unverified.",
    home_title: "Industrial belts, straight to the world",
    home_lead: "Pingdu false eyelashes, Miluo fishing tackle, Jimo women's wear, Junshan tea: China's exports are made in industrial belts. Beltlink links those belts with the cross-border platforms that scout them, the providers that carry goods abroad, the programs that train operators and the associations that run matchmaking events.",
    home_for_manufacturers: "Manufacturers",
    home_for_manufacturers_body: "Post a supply profile: products, capacity, MOQ, certifications and export markets, and be found by platforms.",
    home_for_platforms: "Platform scouts",
    home_for_platforms_body: "Find belts and suppliers by category and market, shortlist, send inquiries and hold matchmaking meetings.",
    home_for_associations: "Associations",
    home_for_associations_body: "Keep members and committees; run matchmaking events with registration, 1:1 schedules and check-in.",
    home_for_graduates: "Graduates and returning operators",
    home_for_graduates_body: "Find training camps, order classes, competitions and job fairs; apply and follow your application.",
    home_browse_belts: "Browse the belt directory",
    home_search_examples: "Try searching:",
    belts_title: "Industrial belt directory",
    belts_lead: "China's export belts, filtered by province and product category.",
    filter_province: "Province",
    filter_category: "Category",
    filter_any: "All",
    filter_apply: "Filter",
    filter_clear: "Clear filters",
    belts_empty: "No belt matches these filters.",
    belt_figures: "Headline figures",
    belt_categories: "Product categories",
    belt_organisations: "Organisations",
    belt_organisations_empty: "No organisations listed yet.",
    belt_location: "Location",
    belt_map_caption: "Location on a map of China",
    belt_all_belts: "All belts",
    source: "Source",
    org_belts: "Belts it works in",
    org_demo_notice: "Demo entry: drawn only from public reporting and not verified.",
    org_demo_notice_verified: "Demo entry: drawn from public reporting, since confirmed by a verifier (see the verification record below).",
    org_verified: "Verified",
    org_unverified: "Unverified",
    search_title: "Search",
    loading: "Loading…",
    form_problems_one: "There is 1 problem to fix:",
    form_problems_many: "There are {n} problems to fix:",
    not_found_title: "Page not found",
    not_found_body: "We could not find that page. It may have moved, or the address may be wrong.",
    bad_request_title: "Bad request",
    error_title: "Something went wrong",
    back_home: "Back to home",
    kind_belt: "Industrial belt",
    kind_manufacturer: "Manufacturer",
    kind_platform: "Platform",
    kind_service_provider: "Service provider",
    kind_association: "Association",
    kind_school: "School or training body",
    role_member: "Based here",
    role_platform: "Platform present",
    role_service: "Serves this belt",
    role_association: "Association",
};

#[cfg(test)]
mod tests {
    #[test]
    fn chinese_pages_cite_a_source_without_its_english_gloss() {
        let cited = "跨境电商发展何以后发先至——来自青岛的调查 (Qingdao survey)";
        assert_eq!(source_in(cited, Lang::Zh), "跨境电商发展何以后发先至——来自青岛的调查");
        assert_eq!(source_in(cited, Lang::En), cited);
        assert_eq!(source_in("A report (2025)", Lang::Zh), "A report (2025)", "an English title keeps its brackets");
        assert_eq!(source_in("青岛 (调查)", Lang::Zh), "青岛 (调查)");
    }

    #[test]
    fn counted_sentences_take_the_form_of_their_count() {
        let reports = Counted::new("{n} open report", "{n} open reports");
        assert_eq!(reports.with(1), "1 open report");
        assert_eq!(reports.with(0), "0 open reports");
        assert_eq!(reports.with(2), "2 open reports");
        assert_eq!(Counted::same("{n} 件").with(1), "1 件");
    }

    use super::*;

    #[test]
    fn cookie_wins_over_accept_language() {
        let lang = negotiate(Some("a=1; beltlink_lang=en"), Some("zh-CN,zh;q=0.9"));
        assert_eq!(lang, Lang::En);
    }

    #[test]
    fn accept_language_quality_decides() {
        assert_eq!(lang_from_accept_language("fr-FR, en;q=0.8, zh;q=0.9"), Some(Lang::Zh));
        assert_eq!(lang_from_accept_language("en-GB,en;q=0.9"), Some(Lang::En));
        assert_eq!(lang_from_accept_language("fr, de;q=0.5"), None);
        assert_eq!(lang_from_accept_language("zh;q=0, en;q=0.1"), Some(Lang::En));
    }

    #[test]
    fn defaults_to_chinese() {
        assert_eq!(negotiate(None, None), Lang::Zh);
        assert_eq!(negotiate(Some("beltlink_lang=xx"), Some("fr")), Lang::Zh);
    }

    proptest::proptest! {
        #[test]
        fn negotiation_never_panics(cookie in ".{0,60}", accept in ".{0,60}") {
            let _ = negotiate(Some(&cookie), Some(&accept));
        }
    }
}

/// A piece of content that may be written in Chinese, English or both.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bilingual {
    pub zh: String,
    pub en: String,
}

impl Bilingual {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Self {
        Bilingual { zh: zh.into(), en: en.into() }
    }

    /// Both languages of a text made per language.
    pub fn each(text: impl Fn(Lang) -> String) -> Self {
        Bilingual { zh: text(Lang::Zh), en: text(Lang::En) }
    }

    /// The text in `lang`, or in the other language when that one is empty.
    pub fn get(&self, lang: Lang) -> &str {
        let (first, second) = lang.pick((&self.zh, &self.en), (&self.en, &self.zh));
        if first.trim().is_empty() {
            second
        } else {
            first
        }
    }
}

#[cfg(test)]
mod query_tests {
    use super::*;

    #[test]
    fn a_query_may_name_the_language() {
        assert_eq!(lang_in_query("q=lashes&hl=en"), Some(Lang::En));
        assert_eq!(lang_in_query("hl=zh"), Some(Lang::Zh));
        assert_eq!(lang_in_query("hl=fr"), None);
        assert_eq!(lang_in_query("shl=en"), None);
        assert_eq!(query_without_lang("q=lashes&hl=en&page=2"), "q=lashes&page=2");
        assert_eq!(query_without_lang("hl=en"), "");
    }
}

#[cfg(test)]
mod bilingual_tests {
    use super::*;

    #[test]
    fn falls_back_to_the_other_language() {
        let only_zh = Bilingual::new("平度", "");
        assert_eq!(only_zh.get(Lang::En), "平度");
        let both = Bilingual::new("平度", "Pingdu");
        assert_eq!(both.get(Lang::En), "Pingdu");
        assert_eq!(both.get(Lang::Zh), "平度");
    }
}
