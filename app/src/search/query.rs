//! What a search asks for, as it travels in the URL: the words, one value per
//! facet, a belt to search near, the sort order and the page. The URL is the
//! whole state of the search page, so a search can be shared, bookmarked and
//! walked back through; the same string is what the page sends to the server.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::coded_enum;
use crate::layout::encode_component;

coded_enum! {
    /// What a search can be narrowed by. The codes are the URL parameters.
    pub enum Facet {
        Kind = ("kind", "类型", "Type"),
        Category = ("category", "品类", "Category"),
        Province = ("province", "省份", "Province"),
        City = ("city", "城市", "City"),
        Belt = ("belt", "产业带", "Belt"),
        Certification = ("cert", "认证", "Certification"),
        Market = ("market", "出口市场", "Export market"),
        Model = ("model", "经营模式", "Business model"),
        Capacity = ("capacity", "月产能", "Monthly capacity"),
        Verified = ("verified", "核验", "Verification"),
    }
}

impl Facet {
    /// The document field this facet counts and filters.
    pub fn attribute(self) -> &'static str {
        match self {
            Facet::Kind => "kind",
            Facet::Category => "category_slugs",
            Facet::Province => "province",
            Facet::City => "city",
            Facet::Belt => "belt_slugs",
            Facet::Certification => "certifications",
            Facet::Market => "export_markets",
            Facet::Model => "business_models",
            Facet::Capacity => "capacity_band",
            Facet::Verified => "verified",
        }
    }

    /// Whether `value` can be a value of this facet. Values from closed lists
    /// are checked against them; open ones (slugs, cities, country codes) only
    /// for length, since an unknown one simply matches nothing.
    pub fn accepts(self, value: &str) -> bool {
        use crate::suppliers::types::{BusinessModel, Certification};
        match self {
            Facet::Kind => ResultKind::from_code(value).is_some(),
            Facet::Certification => Certification::from_code(value).is_some(),
            Facet::Model => BusinessModel::from_code(value).is_some(),
            Facet::Capacity => CapacityBand::from_code(value).is_some(),
            Facet::Verified => value == "true" || value == "false",
            Facet::Province => crate::geo::province(value).is_some(),
            Facet::Category | Facet::City | Facet::Belt | Facet::Market => !value.is_empty() && value.chars().count() <= MAX_VALUE_CHARS,
        }
    }
}

coded_enum! {
    /// What a result is; the codes are the `kind` values in the index.
    pub enum ResultKind {
        Belt = ("belt", "产业带", "Belts"),
        Supplier = ("supply_profile", "供应商", "Suppliers"),
        Organisation = ("organisation", "机构", "Organisations"),
        Offering = ("offering", "服务", "Services"),
        Brief = ("brief", "寻源需求", "Briefs"),
        Event = ("event", "对接会", "Events"),
        PolicyNotice = ("policy_notice", "政策", "Policies"),
        TalentProgram = ("talent_program", "人才项目", "Talent programs"),
    }
}

coded_enum! {
    pub enum SortOrder {
        Relevance = ("relevance", "最相关", "Best match"),
        Capacity = ("capacity", "月产能从高到低", "Capacity, highest first"),
        Updated = ("updated", "最近更新", "Recently updated"),
        Distance = ("distance", "距离从近到远", "Distance, nearest first"),
    }
}

coded_enum! {
    /// Monthly capacity in the profile's own unit (pieces, pairs, kg, …),
    /// banded by order of magnitude.
    pub enum CapacityBand {
        Under10k = ("lt-10k", "1 万以下", "Under 10,000"),
        To100k = ("10k-100k", "1 万至 10 万", "10,000 to 100,000"),
        To1m = ("100k-1m", "10 万至 100 万", "100,000 to 1 million"),
        Over1m = ("1m-plus", "100 万以上", "1 million or more"),
    }
}

impl CapacityBand {
    pub fn of(monthly: i64) -> CapacityBand {
        match monthly {
            ..10_000 => CapacityBand::Under10k,
            10_000..100_000 => CapacityBand::To100k,
            100_000..1_000_000 => CapacityBand::To1m,
            _ => CapacityBand::Over1m,
        }
    }
}

/// Results per page.
pub const PAGE_SIZE: usize = 20;
/// Meilisearch ranks at most 1,000 hits; pages past that would be empty.
pub const MAX_PAGE: u32 = 50;
/// The radii offered around a belt, in kilometres.
pub const RADII_KM: [u32; 6] = [10, 25, 50, 100, 200, 500];
pub const DEFAULT_RADIUS_KM: u32 = 50;
/// Longest facet value taken from a URL.
const MAX_VALUE_CHARS: usize = 100;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchQuery {
    pub q: String,
    pub filters: BTreeMap<Facet, String>,
    /// The slug of the belt to search around.
    pub near: Option<String>,
    pub radius_km: u32,
    pub sort: SortOrder,
    pub page: u32,
}

impl Default for SearchQuery {
    fn default() -> Self {
        SearchQuery {
            q: String::new(),
            filters: BTreeMap::new(),
            near: None,
            radius_km: DEFAULT_RADIUS_KM,
            sort: SortOrder::Relevance,
            page: 1,
        }
    }
}

impl SearchQuery {
    /// Reads a query from URL parameters. Anything unknown or malformed is
    /// left out rather than refused, so an old or hand-edited link still
    /// searches; only the words are kept verbatim (their length is checked
    /// when searching).
    pub fn from_params(param: impl Fn(&str) -> Option<String>) -> SearchQuery {
        let mut query = SearchQuery { q: param("q").unwrap_or_default(), ..SearchQuery::default() };
        for facet in Facet::ALL {
            if let Some(value) = param(facet.code()).map(|v| v.trim().to_string()) {
                if facet.accepts(&value) {
                    query.filters.insert(*facet, value);
                }
            }
        }
        query.near = param("near").map(|v| v.trim().to_string()).filter(|v| !v.is_empty() && v.len() <= MAX_VALUE_CHARS);
        query.radius_km = param("km").and_then(|v| v.trim().parse().ok()).filter(|km| RADII_KM.contains(km)).unwrap_or(DEFAULT_RADIUS_KM);
        query.sort = param("sort").and_then(|s| SortOrder::from_code(s.trim())).unwrap_or(SortOrder::Relevance);
        if query.sort == SortOrder::Distance && query.near.is_none() {
            query.sort = SortOrder::Relevance;
        }
        query.page = param("page").and_then(|p| p.trim().parse().ok()).unwrap_or(1).clamp(1, MAX_PAGE);
        query
    }

    /// Reads a query from a URL query string (`a=1&b=2`, percent-encoded, `+` for spaces).
    pub fn from_query_string(raw: &str) -> SearchQuery {
        let pairs: Vec<(String, String)> = raw
            .trim_start_matches('?')
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|pair| {
                let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                (decode_component(k), decode_component(v))
            })
            .collect();
        // The first value of a repeated parameter wins, as in the router.
        SearchQuery::from_params(|key| pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()))
    }

    /// The canonical query string, without `?`; defaults are left out.
    pub fn to_query_string(&self) -> String {
        let mut parts = Vec::new();
        if !self.q.is_empty() {
            parts.push(format!("q={}", encode_component(&self.q)));
        }
        for (facet, value) in &self.filters {
            parts.push(format!("{}={}", facet.code(), encode_component(value)));
        }
        if let Some(near) = &self.near {
            parts.push(format!("near={}", encode_component(near)));
            parts.push(format!("km={}", self.radius_km));
        }
        if self.sort != SortOrder::Relevance {
            parts.push(format!("sort={}", self.sort.code()));
        }
        if self.page > 1 {
            parts.push(format!("page={}", self.page));
        }
        parts.join("&")
    }

    /// The search page's address for this query.
    pub fn href(&self) -> String {
        match self.to_query_string() {
            s if s.is_empty() => "/search".to_string(),
            s => format!("/search?{s}"),
        }
    }

    /// Whether anything narrows the results besides the words.
    pub fn is_narrowed(&self) -> bool {
        !self.filters.is_empty() || self.near.is_some()
    }

    /// A new query with this facet set to `value` (or cleared when it already
    /// was), back on the first page.
    pub fn toggled(&self, facet: Facet, value: &str) -> SearchQuery {
        let mut next = SearchQuery { page: 1, ..self.clone() };
        if next.filters.get(&facet).map(String::as_str) == Some(value) {
            next.filters.remove(&facet);
        } else {
            next.filters.insert(facet, value.to_string());
        }
        next
    }

    pub fn without(&self, narrowing: Narrowing) -> SearchQuery {
        let mut next = SearchQuery { page: 1, ..self.clone() };
        match narrowing {
            Narrowing::Facet(facet) => {
                next.filters.remove(&facet);
            }
            Narrowing::Near => {
                next.near = None;
                if next.sort == SortOrder::Distance {
                    next.sort = SortOrder::Relevance;
                }
            }
        }
        next
    }

    pub fn on_page(&self, page: u32) -> SearchQuery {
        SearchQuery { page: page.clamp(1, MAX_PAGE), ..self.clone() }
    }

    /// Everything that narrows this query, in the order the page lists them.
    pub fn narrowings(&self) -> Vec<Narrowing> {
        let mut all: Vec<Narrowing> = self.filters.keys().copied().map(Narrowing::Facet).collect();
        if self.near.is_some() {
            all.push(Narrowing::Near);
        }
        all
    }
}

/// One thing that narrows a search: a facet's value, or the radius around a belt.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Narrowing {
    Facet(Facet),
    Near,
}

fn decode_component(raw: &str) -> String {
    let hex = |b: u8| (b as char).to_digit(16);
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match (bytes[i], bytes.get(i + 1).copied().and_then(hex), bytes.get(i + 2).copied().and_then(hex)) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (b'+', _, _) => {
                out.push(b' ');
                i += 1;
            }
            (byte, _, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Meilisearch filter expressions for a query: one per facet value (except
/// `skip`, for counting that facet's other values) and the radius around the
/// belt at `near` unless it is skipped too. They are joined with AND.
#[cfg(feature = "ssr")]
pub fn filter_expressions(query: &SearchQuery, near: Option<(f64, f64)>, skip: Option<Narrowing>) -> Vec<String> {
    let mut expressions: Vec<String> = query
        .filters
        .iter()
        .filter(|(facet, _)| skip != Some(Narrowing::Facet(**facet)))
        .map(|(facet, value)| match facet {
            Facet::Verified => format!("verified = {}", value == "true"),
            _ => format!("{} = {}", facet.attribute(), quoted(value)),
        })
        .collect();
    if let (Some((lat, lng)), false) = (near, skip == Some(Narrowing::Near)) {
        expressions.push(format!("_geoRadius({lat}, {lng}, {})", u64::from(query.radius_km) * 1000));
    }
    expressions
}

/// A string as a Meilisearch filter value: double-quoted, with quotes and
/// backslashes escaped, so a value can never change the expression around it.
#[cfg(feature = "ssr")]
pub fn quoted(value: &str) -> String {
    format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn parse(s: &str) -> SearchQuery {
        SearchQuery::from_query_string(s)
    }

    #[test]
    fn a_full_query_reads_and_writes_the_same_url() {
        let url =
            "q=%E5%81%87%E7%9D%AB%E6%AF%9B&kind=supply_profile&cert=bsci&market=US&near=pingdu-false-eyelashes&km=100&sort=distance&page=2";
        let query = parse(url);
        assert_eq!(query.q, "假睫毛");
        assert_eq!(query.filters.get(&Facet::Certification).map(String::as_str), Some("bsci"));
        assert_eq!(query.near.as_deref(), Some("pingdu-false-eyelashes"));
        assert_eq!((query.radius_km, query.sort, query.page), (100, SortOrder::Distance, 2));
        assert_eq!(query.to_query_string(), url);
    }

    #[test]
    fn unknown_and_malformed_parameters_are_left_out() {
        let query = parse("q=lash+es&cert=nonsense&kind=&verified=maybe&province=atlantis&km=7&sort=cheapest&page=-3&x=1");
        assert_eq!(query.q, "lash es");
        assert!(query.filters.is_empty());
        assert_eq!((query.radius_km, query.sort, query.page), (DEFAULT_RADIUS_KM, SortOrder::Relevance, 1));
        assert_eq!(parse("page=9999").page, MAX_PAGE);
        assert_eq!(parse("sort=distance").sort, SortOrder::Relevance, "distance needs a belt");
        assert_eq!(parse("q=100%").q, "100%", "a stray percent sign is kept");
    }

    #[test]
    fn toggling_a_value_sets_replaces_or_clears_it_and_goes_back_to_page_one() {
        let query = parse("q=tea&province=hunan&page=3");
        let other = query.toggled(Facet::Province, "shandong");
        assert_eq!(other.href(), "/search?q=tea&province=shandong");
        assert_eq!(query.toggled(Facet::Province, "hunan").href(), "/search?q=tea");
        assert_eq!(query.without(Narrowing::Facet(Facet::Province)).href(), "/search?q=tea");
        assert_eq!(SearchQuery::default().href(), "/search");
    }

    #[test]
    fn capacity_bands_split_at_powers_of_ten() {
        assert_eq!(CapacityBand::of(0), CapacityBand::Under10k);
        assert_eq!(CapacityBand::of(9_999), CapacityBand::Under10k);
        assert_eq!(CapacityBand::of(10_000), CapacityBand::To100k);
        assert_eq!(CapacityBand::of(999_999), CapacityBand::To1m);
        assert_eq!(CapacityBand::of(1_000_000), CapacityBand::Over1m);
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn filters_quote_values_and_can_skip_one_facet() {
        let query = parse("market=U%22S%5C&verified=true&near=x&km=25");
        let all = filter_expressions(&query, Some((36.78, 119.95)), None);
        assert_eq!(
            all,
            vec![r#"export_markets = "U\"S\\""#.to_string(), "verified = true".to_string(), "_geoRadius(36.78, 119.95, 25000)".to_string(),]
        );
        let without_market = filter_expressions(&query, Some((36.78, 119.95)), Some(Narrowing::Facet(Facet::Market)));
        assert_eq!(without_market.len(), 2);
        assert_eq!(filter_expressions(&query, Some((1.0, 2.0)), Some(Narrowing::Near)).len(), 2);
    }

    fn any_query() -> impl Strategy<Value = SearchQuery> {
        let value = "[a-z0-9&=%+ 假睫毛-]{1,12}";
        (
            "[a-zA-Z0-9 &=%+?#假睫毛钓具\"]{0,20}",
            proptest::collection::btree_map(
                proptest::sample::select(vec![Facet::Category, Facet::City, Facet::Belt, Facet::Market]),
                value,
                0..4,
            ),
            proptest::option::of("[a-z-]{1,20}"),
            proptest::sample::select(RADII_KM.to_vec()),
            1u32..=MAX_PAGE,
        )
            .prop_map(|(q, filters, near, radius_km, page)| SearchQuery {
                q,
                filters: filters
                    .into_iter()
                    .map(|(f, v): (Facet, String)| (f, v.trim().to_string()))
                    .filter(|(_, v)| !v.is_empty())
                    .collect(),
                radius_km: if near.is_some() { radius_km } else { DEFAULT_RADIUS_KM },
                near,
                sort: SortOrder::Relevance,
                page,
            })
    }

    proptest! {
        #[test]
        fn every_query_survives_its_own_url(query in any_query()) {
            prop_assert_eq!(parse(&query.to_query_string()), query);
        }

        #[test]
        fn reading_any_string_never_panics_and_stays_in_bounds(raw in ".{0,80}") {
            let query = parse(&raw);
            prop_assert!((1..=MAX_PAGE).contains(&query.page));
            prop_assert!(RADII_KM.contains(&query.radius_km));
        }
    }
}
