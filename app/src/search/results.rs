//! What the search page shows, made from what Meilisearch found: names for
//! facet values in both languages, links and subtitles for hits, distances,
//! and the filter to drop when nothing matched.

use std::collections::HashMap;

use crate::belts::repo::DirectorySnapshot;
use crate::i18n::{Bilingual, Lang};
use crate::orgs::types::OrgKind;
use crate::search::document::{city_names, SearchDocument};
use crate::search::query::{CapacityBand, Facet, Narrowing, ResultKind, SearchQuery};
use crate::search::service::{FoundHit, FoundPage};
use crate::search::types::{BeltChoice, FacetCounts, FacetValue, HitKind, SearchHit, SearchResults, Suggestion};
use crate::services::types::ServiceType;
use crate::suppliers::types::{BusinessModel, Certification};

/// Values listed per facet; the chosen one is always among them.
const VALUES_SHOWN: usize = 12;

fn both(text: impl Fn(Lang) -> String) -> Bilingual {
    Bilingual::new(text(Lang::Zh), text(Lang::En))
}

/// A facet value's name, in both languages.
pub fn value_label(facet: Facet, value: &str, directory: &DirectorySnapshot) -> Bilingual {
    let coded = |label: Option<fn(Lang) -> &'static str>| match label {
        Some(label) => both(|lang| label(lang).to_string()),
        None => Bilingual::new(value, value),
    };
    match facet {
        Facet::Kind => match ResultKind::from_code(value) {
            Some(kind) => both(|lang| kind.label(lang).to_string()),
            None => coded(None),
        },
        Facet::Certification => match Certification::from_code(value) {
            Some(c) => both(|lang| c.label(lang).to_string()),
            None => coded(None),
        },
        Facet::Model => match BusinessModel::from_code(value) {
            Some(m) => both(|lang| m.label(lang).to_string()),
            None => coded(None),
        },
        Facet::Capacity => match CapacityBand::from_code(value) {
            Some(band) => both(|lang| band.label(lang).to_string()),
            None => coded(None),
        },
        Facet::Verified => both(|lang| match (value, lang) {
            ("true", Lang::Zh) => "已核验".into(),
            ("true", Lang::En) => "Verified".into(),
            (_, Lang::Zh) => "未核验".into(),
            (_, Lang::En) => "Not verified".into(),
        }),
        Facet::Province => match crate::geo::province(value) {
            Some(p) => Bilingual::new(p.name_zh, p.name_en),
            None => coded(None),
        },
        Facet::City => city_names(value),
        Facet::Market => both(|lang| crate::suppliers::markets::market_name(value, lang).to_string()),
        Facet::Category => {
            directory.categories().iter().find(|c| c.slug == value).map_or_else(|| coded(None), |c| Bilingual::new(&c.name_zh, &c.name_en))
        }
        Facet::Belt => {
            directory.belts().iter().find(|b| b.slug == value).map_or_else(|| coded(None), |b| Bilingual::new(&b.name_zh, &b.name_en))
        }
    }
}

/// A facet's values, most results first, cut to the ones worth listing.
pub fn facet_values(facet: Facet, counts: HashMap<String, usize>, chosen: Option<&str>, directory: &DirectorySnapshot) -> Vec<FacetValue> {
    listed_values(counts, chosen)
        .into_iter()
        .map(|(value, count)| FacetValue { label: value_label(facet, &value, directory), value, count })
        .collect()
}

/// Values with results, most first (then by value), at most [`VALUES_SHOWN`];
/// the chosen one always listed, even when it now matches nothing, so it can
/// be seen and undone.
fn listed_values(counts: HashMap<String, usize>, chosen: Option<&str>) -> Vec<(String, usize)> {
    let mut counted: Vec<(String, usize)> = counts.into_iter().filter(|(_, n)| *n > 0).collect();
    counted.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let chosen_at = chosen.and_then(|c| counted.iter().position(|(v, _)| v == c));
    if let Some(at) = chosen_at.filter(|at| *at >= VALUES_SHOWN) {
        let chosen = counted.remove(at);
        counted.insert(VALUES_SHOWN - 1, chosen);
    }
    counted.truncate(VALUES_SHOWN);
    if let (Some(chosen), None) = (chosen, chosen_at) {
        counted.push((chosen.to_string(), 0));
    }
    counted
}

/// The filter whose removal brings back the most results, when there are none.
pub fn suggestion(total: usize, totals_without: &[(Narrowing, usize)]) -> Option<(Narrowing, usize)> {
    if total > 0 {
        return None;
    }
    totals_without
        .iter()
        .copied()
        .filter(|(_, n)| *n > 0)
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| narrowing_rank(b.0).cmp(&narrowing_rank(a.0))))
}

/// Ties go to the filter listed first.
fn narrowing_rank(n: Narrowing) -> usize {
    match n {
        Narrowing::Facet(f) => Facet::ALL.iter().position(|x| *x == f).unwrap_or(0),
        Narrowing::Near => Facet::ALL.len(),
    }
}

pub fn narrowing_label(query: &SearchQuery, n: Narrowing, directory: &DirectorySnapshot) -> Bilingual {
    match n {
        Narrowing::Facet(f) => {
            let value = value_label(f, query.filters.get(&f).map_or("", String::as_str), directory);
            Bilingual::new(format!("{}：{}", f.label(Lang::Zh), value.zh), format!("{}: {}", f.label(Lang::En), value.en))
        }
        Narrowing::Near => {
            let belt = value_label(Facet::Belt, query.near.as_deref().unwrap_or(""), directory);
            Bilingual::new(format!("{} 周边 {} 公里", belt.zh, query.radius_km), format!("Within {} km of {}", query.radius_km, belt.en))
        }
    }
}

/// Where a document's page is (its result link).
pub fn href_of(doc: SearchDocument) -> String {
    let name = Bilingual::new(doc.name_zh.clone(), doc.name_en.clone());
    hit(FoundHit { name, snippet: Bilingual::default(), doc }, None).href
}

pub fn hit(found: FoundHit, near: Option<(f64, f64)>) -> SearchHit {
    let doc: SearchDocument = found.doc;
    let kind = match (ResultKind::from_code(&doc.kind), doc.org_kind.as_deref().and_then(OrgKind::from_code)) {
        (Some(ResultKind::Supplier), _) => HitKind::Supplier,
        (Some(ResultKind::Brief), _) => HitKind::Brief,
        (Some(ResultKind::Event), _) => HitKind::Event,
        (Some(ResultKind::PolicyNotice), _) => HitKind::PolicyNotice,
        (Some(ResultKind::TalentProgram), _) => HitKind::TalentProgram,
        (Some(ResultKind::Offering), _) => match doc.service_type.as_deref().and_then(ServiceType::from_code) {
            Some(t) => HitKind::Offering(t),
            // Never stored (offerings are validated); shown as their provider if it happens.
            None => HitKind::Organisation(OrgKind::ServiceProvider),
        },
        (_, Some(k)) => HitKind::Organisation(k),
        _ => HitKind::Belt,
    };
    let href = match kind {
        HitKind::Belt => format!("/belts/{}", doc.slug),
        HitKind::Organisation(_) => format!("/orgs/{}", doc.slug),
        HitKind::Supplier => format!("/suppliers/{}", doc.slug),
        HitKind::Offering(_) => format!("/orgs/{}#{}", doc.slug, doc.id),
        HitKind::Brief => format!("/briefs/{}", doc.slug),
        HitKind::Event => format!("/events/{}", doc.slug),
        HitKind::PolicyNotice => format!("/policies/{}", doc.slug),
        HitKind::TalentProgram => format!("/programs/{}", doc.slug),
    };
    let line = |place: String, categories: &[String], sep: &str| {
        [place, categories.join(sep)].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · ")
    };
    let subtitle = Bilingual::new(line(doc.place_zh, &doc.categories_zh, "、"), line(doc.place_en, &doc.categories_en, ", "));
    let distance_m = match (near, &doc.geo) {
        (Some(from), Some(geo)) => Some(crate::geo::distance_m(from, (geo.lat, geo.lng)).round() as u32),
        _ => None,
    };
    SearchHit {
        kind,
        href,
        name: found.name,
        subtitle,
        snippet: found.snippet,
        verified: doc.verified,
        distance_m,
        facts: Bilingual::new(doc.facts_zh, doc.facts_en),
        photo: doc.photo,
    }
}

/// Every belt, for "near a belt".
pub fn belt_choices(directory: &DirectorySnapshot) -> Vec<BeltChoice> {
    directory.belts().iter().map(|b| BeltChoice { slug: b.slug.clone(), name: Bilingual::new(&b.name_zh, &b.name_en) }).collect()
}

pub fn assemble(query: SearchQuery, found: FoundPage, directory: &DirectorySnapshot, near: Option<(f64, f64)>) -> SearchResults {
    let facets = found
        .facets
        .into_iter()
        .map(|(facet, counts)| FacetCounts {
            facet,
            values: facet_values(facet, counts, query.filters.get(&facet).map(String::as_str), directory),
        })
        .filter(|f| !f.values.is_empty())
        .collect();
    let suggestion = suggestion(found.total, &found.totals_without).map(|(remove, total)| Suggestion {
        remove,
        label: narrowing_label(&query, remove, directory),
        total,
    });
    let active = query.narrowings().into_iter().map(|n| (n, narrowing_label(&query, n, directory))).collect();
    SearchResults {
        hits: found.hits.into_iter().map(|h| hit(h, near)).collect(),
        total: found.total,
        total_pages: found.total_pages,
        facets,
        active,
        suggestion,
        belts: belt_choices(directory),
        fallback: false,
        dropped_words: found.dropped_words,
        searched_for: found.searched_for,
        query,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(pairs: &[(&str, usize)]) -> HashMap<String, usize> {
        pairs.iter().map(|(v, n)| (v.to_string(), *n)).collect()
    }

    #[test]
    fn values_are_listed_most_first_with_the_chosen_one_always_in() {
        let listed = listed_values(counts(&[("US", 3), ("DE", 9), ("GB", 3), ("JP", 0)]), None);
        assert_eq!(listed, vec![("DE".into(), 9), ("GB".into(), 3), ("US".into(), 3)]);

        let many: Vec<(String, usize)> = (0..30).map(|i| (format!("v{i:02}"), 100 - i)).collect();
        let many: HashMap<String, usize> = many.into_iter().collect();
        let listed = listed_values(many.clone(), Some("v29"));
        assert_eq!(listed.len(), VALUES_SHOWN);
        assert_eq!(listed.last().unwrap().0, "v29");
        assert_eq!(listed_values(many, Some("gone")).last().unwrap(), &("gone".to_string(), 0));
    }

    #[test]
    fn the_suggestion_drops_the_filter_that_brings_back_most() {
        let without = [(Narrowing::Facet(Facet::Certification), 3), (Narrowing::Facet(Facet::Market), 12), (Narrowing::Near, 0)];
        assert_eq!(suggestion(0, &without), Some((Narrowing::Facet(Facet::Market), 12)));
        assert_eq!(suggestion(5, &without), None, "only when nothing was found");
        assert_eq!(suggestion(0, &[(Narrowing::Near, 0)]), None, "not when dropping it finds nothing either");
        let tie = [(Narrowing::Near, 4), (Narrowing::Facet(Facet::Kind), 4)];
        assert_eq!(suggestion(0, &tie), Some((Narrowing::Facet(Facet::Kind), 4)));
    }
}
