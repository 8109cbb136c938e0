//! What a supply profile is made of: the closed lists its fields choose from,
//! the checked profile itself, and what the pages show.

use serde::{Deserialize, Serialize};

use crate::belts::types::CategoryRef;
use crate::coded_enum;
use crate::i18n::{Bilingual, Lang};
use crate::orgs::types::OrgBelt;

coded_enum! {
    /// Where a profile is in its life; only `Published` is public and searchable.
    pub enum ProfileStatus {
        Draft = ("draft", "草稿", "Draft"),
        Published = ("published", "已发布", "Published"),
        Unpublished = ("unpublished", "已下线", "Unpublished"),
    }
}

coded_enum! {
    /// The unit of a minimum order or a monthly capacity.
    pub enum QuantityUnit {
        Piece = ("piece", "件", "pieces"),
        Pair = ("pair", "副", "pairs"),
        Set = ("set", "套", "sets"),
        Dozen = ("dozen", "打", "dozen"),
        Carton = ("carton", "箱", "cartons"),
        Kilogram = ("kg", "千克", "kg"),
        Tonne = ("tonne", "吨", "tonnes"),
        Metre = ("metre", "米", "metres"),
        SquareMetre = ("m2", "平方米", "m²"),
    }
}

coded_enum! {
    pub enum SamplePolicy {
        Free = ("free", "免费打样", "Free samples"),
        Paid = ("paid", "收费打样", "Paid samples"),
        Refundable = ("refundable", "收费，下单后退还", "Paid, refunded with an order"),
        NoSamples = ("none", "不提供样品", "No samples"),
    }
}

coded_enum! {
    pub enum PriceBand {
        Budget = ("budget", "经济", "Budget"),
        Mid = ("mid", "中端", "Mid-range"),
        Premium = ("premium", "高端", "Premium"),
    }
}

coded_enum! {
    /// Yearly sales in yuan, in the bands platforms ask about.
    pub enum SalesBand {
        Under5m = ("under_5m", "500 万元以下", "Under CNY 5 million"),
        From5mTo20m = ("5m_20m", "500 万–2,000 万元", "CNY 5–20 million"),
        From20mTo100m = ("20m_100m", "2,000 万–1 亿元", "CNY 20–100 million"),
        From100mTo500m = ("100m_500m", "1 亿–5 亿元", "CNY 100–500 million"),
        Over500m = ("over_500m", "5 亿元以上", "Over CNY 500 million"),
    }
}

coded_enum! {
    /// Certifications buyers and platforms ask for most; others go in free text.
    pub enum Certification {
        Ce = ("ce", "CE", "CE"),
        Fda = ("fda", "FDA", "FDA"),
        Bsci = ("bsci", "BSCI", "BSCI"),
        Iso9001 = ("iso9001", "ISO 9001", "ISO 9001"),
        Iso14001 = ("iso14001", "ISO 14001", "ISO 14001"),
        OekoTex = ("oeko-tex", "OEKO-TEX", "OEKO-TEX"),
        Gots = ("gots", "GOTS", "GOTS"),
        Fsc = ("fsc", "FSC", "FSC"),
        Rohs = ("rohs", "RoHS", "RoHS"),
        Reach = ("reach", "REACH", "REACH"),
        Fcc = ("fcc", "FCC", "FCC"),
        Ukca = ("ukca", "UKCA", "UKCA"),
        Sedex = ("sedex", "Sedex / SMETA", "Sedex / SMETA"),
        Gmp = ("gmp", "GMP", "GMP"),
    }
}

coded_enum! {
    pub enum BusinessModel {
        Oem = ("oem", "OEM 代工", "OEM"),
        Odm = ("odm", "ODM 设计代工", "ODM"),
        OwnBrand = ("own_brand", "自有品牌", "Own brand"),
    }
}

coded_enum! {
    /// Where the manufacturer sells already.
    pub enum SalesPlatform {
        Amazon = ("amazon", "亚马逊", "Amazon"),
        TiktokShop = ("tiktok_shop", "TikTok Shop", "TikTok Shop"),
        Shein = ("shein", "SHEIN", "SHEIN"),
        Temu = ("temu", "Temu", "Temu"),
        AlibabaCom = ("alibaba_com", "阿里巴巴国际站", "Alibaba.com"),
        AliExpress = ("aliexpress", "速卖通", "AliExpress"),
        Ebay = ("ebay", "eBay", "eBay"),
        Walmart = ("walmart", "沃尔玛", "Walmart"),
        Shopee = ("shopee", "Shopee", "Shopee"),
        Lazada = ("lazada", "Lazada", "Lazada"),
        OwnSite = ("own_site", "独立站", "Own web shop"),
    }
}

coded_enum! {
    /// Languages the firm can do business in.
    pub enum Language {
        Chinese = ("zh", "中文", "Chinese"),
        English = ("en", "英语", "English"),
        Japanese = ("ja", "日语", "Japanese"),
        Korean = ("ko", "韩语", "Korean"),
        Russian = ("ru", "俄语", "Russian"),
        Spanish = ("es", "西班牙语", "Spanish"),
        Portuguese = ("pt", "葡萄牙语", "Portuguese"),
        French = ("fr", "法语", "French"),
        German = ("de", "德语", "German"),
        Arabic = ("ar", "阿拉伯语", "Arabic"),
    }
}

coded_enum! {
    /// The parts of a profile a verifier can confirm one by one.
    pub enum ProfileField {
        Products = ("products", "产品", "Products"),
        Categories = ("categories", "品类", "Categories"),
        Moq = ("moq", "起订量", "Minimum order"),
        Capacity = ("capacity", "月产能", "Monthly capacity"),
        LeadTime = ("lead_time", "交期", "Lead time"),
        SamplePolicy = ("sample_policy", "样品政策", "Samples"),
        PriceBand = ("price_band", "价格档位", "Price band"),
        Certifications = ("certifications", "认证", "Certifications"),
        ExportMarkets = ("export_markets", "出口市场", "Export markets"),
        BusinessModels = ("business_models", "经营模式", "Business model"),
        Platforms = ("platforms", "已入驻平台", "Sells on"),
        Languages = ("languages", "工作语言", "Languages"),
        FloorArea = ("floor_area", "厂房面积", "Factory floor area"),
        OverseasWarehouse = ("overseas_warehouse", "海外仓", "Overseas warehouse"),
        OwnFactory = ("own_factory", "自有工厂", "Own factory"),
        ExportExperience = ("exporting_since", "出口起始年份", "Exporting since"),
        AnnualSales = ("annual_sales", "年销售额", "Annual sales"),
        TestReports = ("test_reports", "第三方检测报告", "Third-party test reports"),
    }
}

/// An amount with its unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quantity {
    pub value: i64,
    pub unit: QuantityUnit,
}

impl Quantity {
    pub fn display(&self, lang: Lang) -> String {
        format!("{} {}", crate::belts::types::format_count(self.value, lang), self.unit.label(lang))
    }

    /// Every digit, grouped by thousands ("50,000 件"): for comparisons,
    /// where "5万" against "5万" would hide the difference.
    pub fn exact(&self, lang: Lang) -> String {
        format!("{} {}", crate::forms::grouped(self.value), self.unit.label(lang))
    }
}

/// A supply profile's content, checked: every value known and in range.
/// Empty fields stay empty (`None`, empty lists): nothing is assumed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ProfileData {
    pub products: Bilingual,
    pub category_slugs: Vec<String>,
    pub moq: Option<Quantity>,
    pub capacity: Option<Quantity>,
    pub lead_time_days: Option<i32>,
    pub sample_policy: Option<SamplePolicy>,
    pub price_band: Option<PriceBand>,
    pub certifications: Vec<Certification>,
    pub certifications_other: String,
    pub export_markets: Vec<String>,
    pub business_models: Vec<BusinessModel>,
    pub platforms: Vec<SalesPlatform>,
    pub languages: Vec<Language>,
    pub floor_area_m2: Option<i32>,
    /// `Some(where)` when the firm has an overseas warehouse.
    pub overseas_warehouse: Option<String>,
    /// The markets (ISO codes) its overseas warehouses deliver to.
    pub warehouse_markets: Vec<String>,
    /// `Some(true)` for a factory of its own, `Some(false)` for a firm that sources.
    pub own_factory: Option<bool>,
    /// The year it first exported.
    pub exporting_since: Option<i32>,
    pub annual_sales: Option<SalesBand>,
    /// Which third-party test reports it holds, as it writes them ("SGS REACH 2026").
    pub test_reports: String,
}

/// A supplier's public page (`/suppliers/{slug}`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SupplierPage {
    pub slug: String,
    pub name: Bilingual,
    pub place: Bilingual,
    pub status: ProfileStatus,
    pub profile: ProfileData,
    pub categories: Vec<CategoryRef>,
    pub belts: Vec<OrgBelt>,
    pub photos: Vec<crate::suppliers::photos::Photo>,
    pub verified_fields: Vec<ProfileField>,
    /// Who checked the verified fields, and when (`YYYY-MM-DD`).
    pub verified_by: Option<String>,
    pub verified_at: Option<crate::clock::Moment>,
    pub organisation_verified: bool,
    pub is_demo: bool,
    pub updated_at: crate::clock::Moment,
    pub updated_by: Option<String>,
    /// Whether the viewer may edit it (its members and site admins).
    pub may_edit: bool,
    /// The organisation's verification record, newest first.
    pub verifications: Vec<crate::orgs::types::VerificationEntry>,
    /// How soon it answers inquiries, when it had any lately.
    pub reply_record: Option<crate::reply_time::ReplyRecord>,
}

/// A published supplier as listed on a belt page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SupplierCard {
    pub slug: String,
    pub name: Bilingual,
    pub products: Bilingual,
    /// MOQ, capacity, lead time, certifications and markets, as [`trade_facts`] writes them.
    pub facts: Bilingual,
    pub verified: bool,
    pub is_demo: bool,
}

/// What the profile editor (`/orgs/{slug}/profile`) starts from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProfileEditor {
    pub slug: String,
    pub name: Bilingual,
    /// `None` until the profile is first saved.
    pub status: Option<ProfileStatus>,
    pub profile: Option<ProfileData>,
    pub all_categories: Vec<CategoryRef>,
    pub photos: Vec<crate::suppliers::photos::Photo>,
    pub verified_fields: Vec<ProfileField>,
    pub updated_at: Option<crate::clock::Moment>,
    /// A verifier who is not an editor sees the profile and the verification form only.
    pub may_edit: bool,
    pub may_verify: bool,
}

/// The trade facts a scout compares suppliers by, as one line in `lang`:
/// MOQ, monthly capacity, lead time, certifications and export markets
/// (the first few of each list). Empty when the profile gives none.
pub fn trade_facts(p: &ProfileData, lang: Lang) -> String {
    const SHOWN: usize = 3;
    let sep = lang.pick("、", ", ");
    let few = |items: Vec<String>| {
        let more = items.len().saturating_sub(SHOWN);
        let mut text = items.into_iter().take(SHOWN).collect::<Vec<_>>().join(sep);
        if more > 0 {
            text.push_str(&lang.pick(format!(" 等 {} 个", more + SHOWN), format!(" +{more}")));
        }
        text
    };
    let mut parts = Vec::new();
    if let Some(moq) = p.moq {
        parts.push(lang.pick(format!("起订 {}", moq.display(lang)), format!("MOQ {}", moq.display(lang))));
    }
    if let Some(capacity) = p.capacity {
        parts.push(lang.pick(format!("月产能 {}", capacity.display(lang)), format!("{} a month", capacity.display(lang))));
    }
    if let Some(days) = p.lead_time_days {
        parts.push(
            lang.pick(format!("交期 {days} 天"), if days == 1 { "1-day lead time".to_string() } else { format!("{days}-day lead time") }),
        );
    }
    if !p.certifications.is_empty() {
        parts.push(few(p.certifications.iter().map(|c| c.label(lang).to_string()).collect()));
    }
    if !p.export_markets.is_empty() {
        let markets = few(p.export_markets.iter().map(|m| crate::suppliers::markets::market_name(m, lang).to_string()).collect());
        parts.push(lang.pick(format!("出口 {markets}"), format!("exports to {markets}")));
    }
    // A line that starts with a lower-case part ("exports to …") starts a sentence.
    let line = parts.join(" · ");
    let mut chars = line.chars();
    chars.next().map_or_else(String::new, |first| first.to_uppercase().chain(chars).collect())
}

#[cfg(test)]
mod facts_tests {
    use super::*;

    #[test]
    fn facts_read_as_a_line_in_each_language() {
        let p = ProfileData {
            moq: Some(Quantity { value: 1000, unit: QuantityUnit::ALL[0] }),
            lead_time_days: Some(15),
            certifications: vec![Certification::Bsci, Certification::Ce],
            export_markets: vec!["US".into(), "JP".into(), "DE".into(), "GB".into(), "FR".into()],
            ..ProfileData::default()
        };
        let en = trade_facts(&p, Lang::En);
        assert!(en.starts_with("MOQ 1,000 ") && en.contains("15-day lead time") && en.contains("BSCI, CE"), "{en}");
        assert!(en.ends_with("+2"), "only the first markets: {en}");
        let zh = trade_facts(&p, Lang::Zh);
        assert!(zh.starts_with("起订 1,000") && zh.contains("交期 15 天") && zh.contains("出口 美国、日本、德国 等 5 个"), "{zh}");
        assert_eq!(trade_facts(&ProfileData::default(), Lang::En), "");
        let markets_only = ProfileData { export_markets: vec!["JP".into()], ..ProfileData::default() };
        assert_eq!(trade_facts(&markets_only, Lang::En), "Exports to Japan");
    }
}
