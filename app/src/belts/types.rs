use serde::{Deserialize, Serialize};

use crate::i18n::{Bilingual, Lang};
use crate::orgs::types::OrgCard;

/// What a headline figure measures; stored as its `code()`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Metric {
    /// Yearly output value, in yuan.
    OutputValueCny,
    /// Yearly cross-border e-commerce trade, in yuan.
    CrossBorderTradeCny,
    /// Share of world output, in percent.
    WorldSharePercent,
    /// Number of product styles made.
    Styles,
    /// Jobs the industry supports.
    Jobs,
    /// Number of enterprises.
    Enterprises,
}

impl Metric {
    pub const ALL: [Metric; 6] =
        [Metric::OutputValueCny, Metric::CrossBorderTradeCny, Metric::WorldSharePercent, Metric::Styles, Metric::Jobs, Metric::Enterprises];

    pub fn code(self) -> &'static str {
        match self {
            Metric::OutputValueCny => "output_value_cny",
            Metric::CrossBorderTradeCny => "cross_border_trade_cny",
            Metric::WorldSharePercent => "world_share_percent",
            Metric::Styles => "styles",
            Metric::Jobs => "jobs",
            Metric::Enterprises => "enterprises",
        }
    }

    pub fn from_code(code: &str) -> Option<Metric> {
        Metric::ALL.into_iter().find(|m| m.code() == code)
    }

    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Metric::OutputValueCny => lang.pick("年产值", "Output a year"),
            Metric::CrossBorderTradeCny => lang.pick("跨境电商交易额", "Cross-border e-commerce trade"),
            Metric::WorldSharePercent => lang.pick("全球产量占比", "Share of world output"),
            Metric::Styles => lang.pick("产品款式", "Product styles"),
            Metric::Jobs => lang.pick("带动就业", "Jobs"),
            Metric::Enterprises => lang.pick("企业数量", "Enterprises"),
        }
    }
}

/// A headline figure with the article it comes from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    pub metric: Metric,
    pub value: i64,
    /// The source says "more than" this value.
    pub at_least: bool,
    pub year: Option<i32>,
    pub source: String,
}

impl Figure {
    /// The value as a reader expects it: 万/亿 in Chinese, thousand/million/
    /// billion in English, with "+" when the source gives a lower bound.
    pub fn display_value(&self, lang: Lang) -> String {
        let plus = if self.at_least { "+" } else { "" };
        let number = match self.metric {
            Metric::WorldSharePercent => format!("{}%", self.value),
            Metric::OutputValueCny | Metric::CrossBorderTradeCny => {
                let amount = format_count(self.value, lang);
                return match lang {
                    Lang::Zh => format!("{amount}{plus}元"),
                    Lang::En => format!("CNY {amount}{plus}"),
                };
            }
            _ => format_count(self.value, lang),
        };
        format!("{number}{plus}")
    }
}

/// A whole number in the units a reader of `lang` counts in.
pub fn format_count(value: i64, lang: Lang) -> String {
    fn scaled(value: i64, unit: i64) -> String {
        let tenths = (value as i128 * 10 / unit as i128) as i64;
        if tenths % 10 == 0 {
            format!("{}", tenths / 10)
        } else {
            format!("{}.{}", tenths / 10, (tenths % 10).abs())
        }
    }
    let magnitude = value.unsigned_abs();
    match lang {
        Lang::Zh if magnitude >= 100_000_000 => format!("{}亿", scaled(value, 100_000_000)),
        Lang::Zh if magnitude >= 10_000 => format!("{}万", scaled(value, 10_000)),
        Lang::En if magnitude >= 1_000_000_000 => format!("{} billion", scaled(value, 1_000_000_000)),
        Lang::En if magnitude >= 1_000_000 => format!("{} million", scaled(value, 1_000_000)),
        _ => group_thousands(value),
    }
}

fn group_thousands(value: i64) -> String {
    let digits = value.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    if value < 0 {
        out.insert(0, '-');
    }
    out
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryRef {
    pub slug: String,
    pub name: Bilingual,
}

/// A belt as listed in the directory and on the map.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BeltCard {
    pub slug: String,
    pub name: Bilingual,
    pub province: String,
    pub city: Bilingual,
    pub latitude: f64,
    pub longitude: f64,
    pub categories: Vec<CategoryRef>,
    pub headline: Option<Figure>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BeltDetail {
    pub card: BeltCard,
    pub county: Option<Bilingual>,
    pub summary: Bilingual,
    pub figures: Vec<Figure>,
    pub organisations: Vec<OrgCard>,
    pub suppliers: Vec<crate::suppliers::types::SupplierCard>,
}

/// The directory's filters, as given in the query string.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BeltFilter {
    pub province: Option<String>,
    pub category: Option<String>,
}

impl BeltFilter {
    /// Empty query values (`?province=`) mean "no filter", as a GET form sends them.
    pub fn from_query(province: Option<String>, category: Option<String>) -> Self {
        let clean = |v: Option<String>| v.map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        BeltFilter { province: clean(province), category: clean(category) }
    }

    pub fn is_empty(&self) -> bool {
        self.province.is_none() && self.category.is_none()
    }
}

/// One choice in a filter, with how many belts it leaves.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetOption {
    pub value: String,
    pub label: Bilingual,
    pub count: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BeltDirectory {
    pub filter: BeltFilter,
    pub belts: Vec<BeltCard>,
    /// Every belt, for the overview map.
    pub all_belts_total: usize,
    pub provinces: Vec<FacetOption>,
    pub categories: Vec<FacetOption>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure(metric: Metric, value: i64, at_least: bool) -> Figure {
        Figure { metric, value, at_least, year: None, source: String::new() }
    }

    #[test]
    fn figures_read_naturally_in_both_languages() {
        let output = figure(Metric::OutputValueCny, 10_000_000_000, false);
        assert_eq!(output.display_value(Lang::Zh), "100亿元");
        assert_eq!(output.display_value(Lang::En), "CNY 10 billion");
        let jobs = figure(Metric::Jobs, 60_000, true);
        assert_eq!(jobs.display_value(Lang::Zh), "6万+");
        assert_eq!(jobs.display_value(Lang::En), "60,000+");
        let share = figure(Metric::WorldSharePercent, 70, false);
        assert_eq!(share.display_value(Lang::En), "70%");
        let styles = figure(Metric::Styles, 3_000, true);
        assert_eq!(styles.display_value(Lang::Zh), "3,000+");
        assert_eq!(format_count(1_400_000, Lang::En), "1.4 million");
        assert_eq!(format_count(1_400_000, Lang::Zh), "140万");
    }

    #[test]
    fn empty_query_values_are_no_filter() {
        let f = BeltFilter::from_query(Some("  ".into()), Some("tea".into()));
        assert_eq!(f.province, None);
        assert_eq!(f.category.as_deref(), Some("tea"));
    }

    proptest::proptest! {
        #[test]
        fn grouping_keeps_every_digit(n in proptest::num::i64::ANY) {
            let grouped = group_thousands(n);
            let digits: String = grouped.chars().filter(|c| c.is_ascii_digit() || *c == '-').collect();
            proptest::prop_assert_eq!(digits, n.to_string());
        }

        #[test]
        fn metric_codes_round_trip(i in 0usize..6) {
            let m = Metric::ALL[i];
            proptest::prop_assert_eq!(Metric::from_code(m.code()), Some(m));
        }
    }
}
