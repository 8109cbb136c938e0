//! The counting behind a belt dashboard, as pure functions: bands, buckets
//! and tallies over the belt's published suppliers.

use std::collections::{BTreeMap, HashMap};

use crate::dashboards::texts;
use crate::dashboards::types::Tally;
use crate::i18n::Bilingual;
use crate::reply_time::ReplyRecord;
use crate::suppliers::types::{Certification, Quantity, QuantityUnit};

/// Most bars in one chart; the rest are folded into one "others" bar.
pub const MOST_BARS: usize = 12;

/// Monthly capacity in bands of tenfold steps, within one unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum CapacityBand {
    Under10k,
    From10k,
    From100k,
    From1m,
}

pub fn capacity_band(value: i64) -> CapacityBand {
    match value {
        ..10_000 => CapacityBand::Under10k,
        10_000..100_000 => CapacityBand::From10k,
        100_000..1_000_000 => CapacityBand::From100k,
        _ => CapacityBand::From1m,
    }
}

/// How soon a firm answers, in the buckets the dashboard shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ReplyBucket {
    WithinADay,
    WithinThreeDays,
    Longer,
    MostlyUnanswered,
    NoInquiries,
}

pub fn reply_bucket(record: Option<ReplyRecord>) -> ReplyBucket {
    match record.filter(|r| r.counted > 0) {
        None => ReplyBucket::NoInquiries,
        Some(ReplyRecord { median_hours: None, .. }) => ReplyBucket::MostlyUnanswered,
        Some(ReplyRecord { median_hours: Some(h), .. }) if h <= 24 => ReplyBucket::WithinADay,
        Some(ReplyRecord { median_hours: Some(h), .. }) if h <= 72 => ReplyBucket::WithinThreeDays,
        Some(_) => ReplyBucket::Longer,
    }
}

/// How much of a supplier was checked by someone else.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Checked {
    OrganisationAndFields,
    FieldsOnly,
    OrganisationOnly,
    SelfDeclared,
}

pub fn checked(organisation_verified: bool, fields_verified: bool) -> Checked {
    match (organisation_verified, fields_verified) {
        (true, true) => Checked::OrganisationAndFields,
        (false, true) => Checked::FieldsOnly,
        (true, false) => Checked::OrganisationOnly,
        (false, false) => Checked::SelfDeclared,
    }
}

/// One published supplier, as the dashboard counts it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SupplierRow {
    pub categories: Vec<String>,
    pub certifications: Vec<Certification>,
    pub capacity: Option<Quantity>,
    pub markets: Vec<String>,
    pub fields_verified: bool,
    pub organisation_verified: bool,
    pub reply: Option<ReplyRecord>,
}

/// The counts of one breakdown before they get words: key, count.
pub type Counts<K> = Vec<(K, u64)>;

/// How often each key occurs, most first, then by key (a stable order).
pub fn tally<K: Ord + Clone>(keys: impl IntoIterator<Item = K>) -> Counts<K> {
    let mut counts: BTreeMap<K, u64> = BTreeMap::new();
    for key in keys {
        *counts.entry(key).or_default() += 1;
    }
    let mut counted: Counts<K> = counts.into_iter().collect();
    counted.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    counted
}

/// The first [`MOST_BARS`] tallies, the rest summed into one bar named by `others(how many kinds)`.
pub fn fold_rest(mut tallies: Vec<Tally>, others: impl Fn(usize) -> Bilingual) -> Vec<Tally> {
    if tallies.len() <= MOST_BARS {
        return tallies;
    }
    let rest = tallies.split_off(MOST_BARS - 1);
    tallies.push(Tally { label: others(rest.len()), count: rest.iter().map(|t| t.count).sum() });
    tallies
}

/// Every breakdown of a belt's suppliers, keyed, with the words for each
/// bar: categories (`names` by slug), certifications, capacity bands per
/// unit, export markets, verification and reply times. A supplier counts
/// once in each of its categories, certifications and markets.
pub fn breakdowns(rows: &[SupplierRow], names: &HashMap<String, Bilingual>) -> Vec<(&'static str, Vec<Tally>)> {
    let named = |slug: &String| names.get(slug).cloned().unwrap_or_else(|| Bilingual::new(slug, slug));
    let categories = tally(rows.iter().flat_map(|r| r.categories.iter().cloned()))
        .into_iter()
        .map(|(slug, count)| Tally { label: named(&slug), count })
        .collect();
    let mut certifications: Vec<Tally> = tally(rows.iter().flat_map(|r| r.certifications.iter().copied()))
        .into_iter()
        .map(|(cert, count)| Tally { label: Bilingual::each(|lang| cert.label(lang).to_string()), count })
        .collect();
    let without = rows.iter().filter(|r| r.certifications.is_empty()).count() as u64;
    if without > 0 {
        certifications.push(Tally { label: texts::none_listed(), count: without });
    }
    let mut bands: Vec<((QuantityUnit, CapacityBand), u64)> =
        tally(rows.iter().filter_map(|r| r.capacity.map(|q| (q.unit, capacity_band(q.value)))));
    // Read as a scale: by unit, then band.
    bands.sort_by_key(|(key, _)| *key);
    let mut capacity: Vec<Tally> =
        bands.into_iter().map(|((unit, band), count)| Tally { label: texts::band_label(unit, band), count }).collect();
    let unstated = rows.iter().filter(|r| r.capacity.is_none()).count() as u64;
    if unstated > 0 {
        capacity.push(Tally { label: texts::not_stated(), count: unstated });
    }
    let markets = tally(rows.iter().flat_map(|r| r.markets.iter().cloned()))
        .into_iter()
        .map(|(code, count)| Tally { label: texts::market(&code), count })
        .collect();
    let mut checks = tally(rows.iter().map(|r| checked(r.organisation_verified, r.fields_verified)));
    checks.sort_by_key(|(key, _)| *key);
    let checks = checks.into_iter().map(|(c, count)| Tally { label: texts::checked_label(c), count }).collect();
    let mut replies = tally(rows.iter().map(|r| reply_bucket(r.reply)));
    replies.sort_by_key(|(key, _)| *key);
    let replies = replies.into_iter().map(|(b, count)| Tally { label: texts::reply_label(b), count }).collect();
    vec![
        ("categories", fold_rest(categories, texts::other_kinds)),
        ("certifications", fold_rest(certifications, texts::other_kinds)),
        ("capacity", fold_rest(capacity, texts::other_kinds)),
        ("markets", fold_rest(markets, texts::other_kinds)),
        ("verification", checks),
        ("replies", replies),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn row(categories: &[&str], certs: &[Certification], capacity: Option<(i64, QuantityUnit)>, markets: &[&str]) -> SupplierRow {
        SupplierRow {
            categories: categories.iter().map(|c| c.to_string()).collect(),
            certifications: certs.to_vec(),
            capacity: capacity.map(|(value, unit)| Quantity { value, unit }),
            markets: markets.iter().map(|m| m.to_string()).collect(),
            ..SupplierRow::default()
        }
    }

    fn counts(all: &[(&'static str, Vec<Tally>)], key: &str) -> Vec<(String, u64)> {
        all.iter().find(|(k, _)| *k == key).unwrap().1.iter().map(|t| (t.label.en.clone(), t.count)).collect()
    }

    #[test]
    fn suppliers_are_counted_in_each_breakdown() {
        let names = HashMap::from([("false-eyelashes".to_string(), Bilingual::new("假睫毛", "False eyelashes"))]);
        let rows = vec![
            row(&["false-eyelashes"], &[Certification::Bsci], Some((50_000, QuantityUnit::Pair)), &["US", "JP"]),
            row(&["false-eyelashes", "wigs"], &[], Some((5_000, QuantityUnit::Pair)), &["US"]),
            SupplierRow {
                organisation_verified: true,
                fields_verified: true,
                reply: Some(ReplyRecord { counted: 3, answered: 3, median_hours: Some(5) }),
                ..row(&["wigs"], &[Certification::Bsci, Certification::Ce], None, &[])
            },
        ];
        let all = breakdowns(&rows, &names);
        assert_eq!(
            counts(&all, "categories"),
            vec![("False eyelashes".into(), 2), ("wigs".into(), 2)],
            "ties by key; unknown slugs as themselves"
        );
        assert_eq!(counts(&all, "certifications"), vec![("BSCI".into(), 2), ("CE".into(), 1), ("None listed".into(), 1)]);
        assert_eq!(
            counts(&all, "capacity"),
            vec![("Under 10,000 pairs a month".into(), 1), ("10,000–99,999 pairs a month".into(), 1), ("Not stated".into(), 1)]
        );
        assert_eq!(counts(&all, "markets"), vec![("United States".into(), 2), ("Japan".into(), 1)]);
        assert_eq!(
            counts(&all, "verification"),
            vec![("Organisation and profile fields verified".into(), 1), ("Self-declared only".into(), 2)]
        );
        assert_eq!(counts(&all, "replies"), vec![("Within a day".into(), 1), ("No inquiries in 90 days".into(), 2)]);
    }

    #[test]
    fn bands_and_buckets_have_edges_where_they_say() {
        assert_eq!(capacity_band(9_999), CapacityBand::Under10k);
        assert_eq!(capacity_band(10_000), CapacityBand::From10k);
        assert_eq!(capacity_band(999_999), CapacityBand::From100k);
        assert_eq!(capacity_band(1_000_000), CapacityBand::From1m);
        let record = |h| Some(ReplyRecord { counted: 1, answered: 1, median_hours: h });
        assert_eq!(reply_bucket(record(Some(24))), ReplyBucket::WithinADay);
        assert_eq!(reply_bucket(record(Some(25))), ReplyBucket::WithinThreeDays);
        assert_eq!(reply_bucket(record(Some(73))), ReplyBucket::Longer);
        assert_eq!(reply_bucket(record(None)), ReplyBucket::MostlyUnanswered);
        assert_eq!(reply_bucket(None), ReplyBucket::NoInquiries);
    }

    #[test]
    fn many_kinds_fold_into_one_bar() {
        let tallies: Vec<Tally> = (0..20).map(|i| Tally { label: Bilingual::new(format!("{i}"), format!("{i}")), count: 20 - i }).collect();
        let total: u64 = tallies.iter().map(|t| t.count).sum();
        let folded = fold_rest(tallies, texts::other_kinds);
        assert_eq!(folded.len(), MOST_BARS);
        assert_eq!(folded.iter().map(|t| t.count).sum::<u64>(), total, "nothing is lost");
        assert_eq!(folded.last().unwrap().label.en, "9 others");
    }

    proptest! {
        /// Every supplier is in exactly one verification bar and one reply bar; no bar exceeds the suppliers.
        #[test]
        fn each_supplier_counts_once_where_it_must(flags in prop::collection::vec((any::<bool>(), any::<bool>(), proptest::option::of(0u32..200)), 0..60)) {
            let rows: Vec<SupplierRow> = flags.iter().map(|(org, fields, hours)| SupplierRow {
                organisation_verified: *org,
                fields_verified: *fields,
                reply: hours.map(|h| ReplyRecord { counted: 1, answered: 1, median_hours: Some(h) }),
                categories: vec!["a".into()],
                ..SupplierRow::default()
            }).collect();
            let all = breakdowns(&rows, &HashMap::new());
            for (key, tallies) in &all {
                let sum: u64 = tallies.iter().map(|t| t.count).sum();
                if ["verification", "replies", "capacity"].contains(key) {
                    prop_assert_eq!(sum, rows.len() as u64, "{}", key);
                }
                prop_assert!(tallies.iter().all(|t| t.count <= rows.len() as u64));
                prop_assert!(tallies.iter().all(|t| t.count > 0), "no empty bars");
            }
        }
    }
}
