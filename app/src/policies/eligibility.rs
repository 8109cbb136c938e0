//! The eligibility engine, pure: a notice's rules from its eligibility, each
//! rule judged against an organisation's facts, and the notice as a whole.
//!
//! `fit` is the bulk path (every organisation against every notice): it
//! allocates nothing and stops as soon as the answer is known. `judge_all`
//! builds the per-rule view a page shows.

use crate::i18n::Bilingual;
use crate::policies::types::*;

/// At most this many rules other than region and kind may be missing for a
/// notice to count as "nearly".
pub const NEARLY_MISSING_MAX: usize = 2;

/// The rules of an eligibility, in reading order: where, what kind, what it
/// makes and where it belongs, then its size and reach.
pub fn rules(e: &Eligibility) -> Vec<Rule> {
    let mut all = Vec::new();
    if let Some(province) = &e.province {
        all.push(Rule::InRegion { province: province.clone(), city: e.city.clone() });
    }
    if !e.org_kinds.is_empty() {
        all.push(Rule::KindIs(e.org_kinds.clone()));
    }
    if !e.category_slugs.is_empty() {
        all.push(Rule::MakesOneOf(e.category_slugs.clone()));
    }
    if !e.belt_slugs.is_empty() {
        all.push(Rule::InOneOfBelts(e.belt_slugs.clone()));
    }
    if e.verified {
        all.push(Rule::Verified);
    }
    if let Some(band) = e.min_annual_sales {
        all.push(Rule::AnnualSales(band));
    }
    if e.exports || !e.export_markets.is_empty() {
        all.push(Rule::ExportsTo(e.export_markets.clone()));
    }
    if let Some(years) = e.min_export_years {
        all.push(Rule::ExportYears(years));
    }
    if e.overseas_warehouse {
        all.push(Rule::OverseasWarehouse);
    }
    all
}

/// A city name as people write it, without the "市" / "City" they may add.
fn bare_city(name: &str) -> &str {
    let name = name.trim();
    let name = name.strip_suffix('市').unwrap_or(name);
    name.strip_suffix(" City").or_else(|| name.strip_suffix(" city")).unwrap_or(name).trim()
}

/// Whether an organisation's city is the notice's: the same Chinese name,
/// or the same English name in any case.
pub fn same_city(notice: &Bilingual, org: &Bilingual) -> bool {
    let zh = |a: &str, b: &str| !bare_city(a).is_empty() && bare_city(a) == bare_city(b);
    let en = |a: &str, b: &str| !bare_city(a).is_empty() && bare_city(a).eq_ignore_ascii_case(bare_city(b));
    zh(&notice.zh, &org.zh) || en(&notice.en, &org.en)
}

fn from_profile(f: &OrgFacts, judge: impl Fn(&ProfileFacts) -> Judged) -> Judged {
    f.profile.as_ref().map_or(Judged::NotSaid, judge)
}

fn said(known: Option<bool>) -> Judged {
    match known {
        Some(true) => Judged::Met,
        Some(false) => Judged::NotMet,
        None => Judged::NotSaid,
    }
}

/// One rule against an organisation's facts.
pub fn judge(rule: &Rule, f: &OrgFacts, this_year: i32) -> Judged {
    match rule {
        Rule::InRegion { province, city } => {
            let in_province = f.province.as_deref() == Some(province.as_str());
            let in_city = (city.zh.trim().is_empty() && city.en.trim().is_empty()) || same_city(city, &f.city);
            if f.province.is_none() {
                Judged::NotSaid
            } else if in_province && in_city {
                Judged::Met
            } else {
                Judged::NotMet
            }
        }
        Rule::KindIs(kinds) => said(Some(kinds.contains(&f.kind))),
        Rule::MakesOneOf(slugs) => {
            from_profile(f, |p| said((!p.category_slugs.is_empty()).then(|| p.category_slugs.iter().any(|c| slugs.contains(c)))))
        }
        Rule::InOneOfBelts(slugs) => said(Some(f.belt_slugs.iter().any(|b| slugs.contains(b)))),
        Rule::AnnualSales(min) => from_profile(f, |p| said(p.annual_sales.map(|band| band >= *min))),
        Rule::OverseasWarehouse => from_profile(f, |p| said(Some(p.overseas_warehouse.is_some()))),
        Rule::ExportsTo(markets) => from_profile(f, |p| {
            if p.export_markets.is_empty() {
                Judged::NotSaid
            } else {
                said(Some(markets.is_empty() || p.export_markets.iter().any(|m| markets.contains(m))))
            }
        }),
        Rule::ExportYears(min) => from_profile(f, |p| said(p.exporting_since.map(|since| this_year - since >= *min))),
        Rule::Verified => said(Some(f.verified)),
    }
}

/// How an organisation fits a notice's rules, without allocating: fixed
/// rules first so most organisations are turned away after one comparison.
pub fn fit(rules: &[Rule], f: &OrgFacts, this_year: i32) -> Fit {
    let mut missing = 0;
    for rule in rules.iter().filter(|r| r.is_fixed()) {
        if judge(rule, f, this_year) != Judged::Met {
            return Fit::Not;
        }
    }
    for rule in rules.iter().filter(|r| !r.is_fixed()) {
        if judge(rule, f, this_year) != Judged::Met {
            missing += 1;
            if missing > NEARLY_MISSING_MAX {
                return Fit::Not;
            }
        }
    }
    if missing == 0 {
        Fit::Qualifies
    } else {
        Fit::Nearly
    }
}

/// Every rule judged, in the rules' order.
pub fn judge_all(rules: &[Rule], f: &OrgFacts, this_year: i32) -> Vec<(Rule, Judged)> {
    rules.iter().map(|r| (r.clone(), judge(r, f, this_year))).collect()
}

/// Matches in the order an organisation reads them: nearest deadline first
/// (open-ended last), then by slug.
pub fn soonest_first<T>(items: &mut [T], key: impl Fn(&T) -> (Option<&str>, &str)) {
    items.sort_by(|a, b| {
        let (da, sa) = key(a);
        let (db, sb) = key(b);
        da.is_none().cmp(&db.is_none()).then(da.cmp(&db)).then(sa.cmp(sb))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::orgs::types::OrgKind;
    use crate::suppliers::types::SalesBand;
    use proptest::prelude::*;

    const YEAR: i32 = 2026;

    /// Fuzhou's overseas-fair subsidy as the seed states it: a firm in
    /// Fuzhou that already exports.
    fn fair_subsidy() -> Eligibility {
        Eligibility {
            province: Some("fujian".into()),
            city: Bilingual::new("福州", "Fuzhou"),
            org_kinds: vec![OrgKind::Manufacturer],
            exports: true,
            ..Eligibility::default()
        }
    }

    fn fuzhou_maker() -> OrgFacts {
        OrgFacts {
            kind: OrgKind::Manufacturer,
            province: Some("fujian".into()),
            city: Bilingual::new("福州市", "Fuzhou City"),
            verified: false,
            belt_slugs: vec![],
            profile: Some(ProfileFacts {
                category_slugs: vec!["baby-products".into()],
                annual_sales: Some(SalesBand::From20mTo100m),
                overseas_warehouse: None,
                export_markets: vec!["US".into(), "DE".into()],
                exporting_since: Some(2012),
            }),
        }
    }

    #[test]
    fn a_firm_in_the_region_that_exports_qualifies() {
        let rules = rules(&fair_subsidy());
        assert_eq!(rules.len(), 3);
        assert_eq!(fit(&rules, &fuzhou_maker(), YEAR), Fit::Qualifies);
        assert!(judge_all(&rules, &fuzhou_maker(), YEAR).iter().all(|(_, j)| *j == Judged::Met));
    }

    #[test]
    fn outside_the_region_is_not_nearly_but_says_why() {
        let rules = rules(&fair_subsidy());
        let mut pingdu = fuzhou_maker();
        pingdu.province = Some("shandong".into());
        pingdu.city = Bilingual::new("青岛", "Qingdao");
        assert_eq!(fit(&rules, &pingdu, YEAR), Fit::Not);
        let judged = judge_all(&rules, &pingdu, YEAR);
        assert_eq!(judged[0].1, Judged::NotMet, "the region is what it lacks");
        assert!(judged[1..].iter().all(|(_, j)| *j == Judged::Met));
        let mut xiamen = fuzhou_maker();
        xiamen.city = Bilingual::new("厦门", "Xiamen");
        assert_eq!(fit(&rules, &xiamen, YEAR), Fit::Not, "another city of the province");
        let mut unplaced = fuzhou_maker();
        unplaced.province = None;
        assert_eq!(judge(&rules[0], &unplaced, YEAR), Judged::NotSaid);
    }

    #[test]
    fn a_whole_province_takes_every_city_and_city_names_match_loosely() {
        let mut e = fair_subsidy();
        e.city = Bilingual::default();
        let mut xiamen = fuzhou_maker();
        xiamen.city = Bilingual::new("厦门", "Xiamen");
        assert_eq!(fit(&rules(&e), &xiamen, YEAR), Fit::Qualifies);
        assert!(same_city(&Bilingual::new("福州", ""), &Bilingual::new("福州市", "")));
        assert!(same_city(&Bilingual::new("", "fuzhou"), &Bilingual::new("", "Fuzhou City")));
        assert!(!same_city(&Bilingual::new("", ""), &Bilingual::new("", "")), "no name is no match");
        assert!(!same_city(&Bilingual::new("福州", "Fuzhou"), &Bilingual::new("抚州", "Fuzhou (Jiangxi)")));
    }

    #[test]
    fn nearly_names_exactly_what_is_missing() {
        let mut e = fair_subsidy();
        e.overseas_warehouse = true;
        e.min_annual_sales = Some(SalesBand::From100mTo500m);
        e.verified = true;
        let rules = rules(&e);
        let firm = fuzhou_maker();
        assert_eq!(fit(&rules, &firm, YEAR), Fit::Not, "three missing is too many");
        let mut verified = firm.clone();
        verified.verified = true;
        assert_eq!(fit(&rules, &verified, YEAR), Fit::Nearly);
        let missing: Vec<Rule> =
            judge_all(&rules, &verified, YEAR).into_iter().filter(|(_, j)| *j != Judged::Met).map(|(r, _)| r).collect();
        assert_eq!(missing, vec![Rule::AnnualSales(SalesBand::From100mTo500m), Rule::OverseasWarehouse]);
    }

    #[test]
    fn without_a_profile_the_profile_rules_are_not_said() {
        let mut e = fair_subsidy();
        e.org_kinds = vec![OrgKind::Manufacturer, OrgKind::ServiceProvider];
        e.category_slugs = vec!["baby-products".into()];
        let mut provider = fuzhou_maker();
        provider.kind = OrgKind::ServiceProvider;
        provider.profile = None;
        let judged = judge_all(&rules(&e), &provider, YEAR);
        assert_eq!(judged.iter().map(|(_, j)| *j).collect::<Vec<_>>(), vec![Judged::Met, Judged::Met, Judged::NotSaid, Judged::NotSaid]);
        assert_eq!(fit(&rules(&e), &provider, YEAR), Fit::Nearly);
        let mut quiet = fuzhou_maker();
        quiet.profile.as_mut().unwrap().export_markets.clear();
        assert_eq!(judge(&Rule::ExportsTo(vec![]), &quiet, YEAR), Judged::NotSaid, "no markets listed is not a no");
        assert_eq!(judge(&Rule::ExportsTo(vec!["JP".into()]), &fuzhou_maker(), YEAR), Judged::NotMet);
        assert_eq!(judge(&Rule::ExportYears(15), &fuzhou_maker(), YEAR), Judged::NotMet);
        assert_eq!(judge(&Rule::ExportYears(14), &fuzhou_maker(), YEAR), Judged::Met);
    }

    #[test]
    fn a_notice_asking_nothing_is_for_everyone() {
        assert!(rules(&Eligibility::default()).is_empty());
        assert_eq!(fit(&[], &fuzhou_maker(), YEAR), Fit::Qualifies);
    }

    #[test]
    fn soonest_deadline_first_and_open_ended_last() {
        let mut items = vec![(None, "a"), (Some("2026-12-31"), "b"), (Some("2026-12-10"), "c"), (Some("2026-12-10"), "a")];
        soonest_first(&mut items, |(d, s)| (*d, *s));
        assert_eq!(items, vec![(Some("2026-12-10"), "a"), (Some("2026-12-10"), "c"), (Some("2026-12-31"), "b"), (None, "a")]);
    }

    fn any_eligibility() -> impl Strategy<Value = Eligibility> {
        (
            proptest::option::of(prop_oneof![Just("fujian"), Just("hunan")]),
            proptest::option::of(prop_oneof![Just("福州"), Just("岳阳")]),
            proptest::collection::vec(0usize..5, 0..3),
            proptest::collection::vec(prop_oneof![Just("tea"), Just("baby-products")], 0..2),
            proptest::option::of(0usize..5),
            any::<bool>(),
            any::<bool>(),
            proptest::collection::vec(prop_oneof![Just("US"), Just("JP")], 0..2),
            proptest::option::of(1i32..20),
            any::<bool>(),
        )
            .prop_map(|(province, city, kinds, categories, band, warehouse, exports, markets, years, verified)| Eligibility {
                province: province.map(str::to_string),
                city: Bilingual::new(city.unwrap_or(""), ""),
                org_kinds: kinds.into_iter().map(|k| OrgKind::ALL[k]).collect(),
                category_slugs: categories.into_iter().map(str::to_string).collect(),
                belt_slugs: vec![],
                min_annual_sales: band.map(|b| SalesBand::ALL[b]),
                overseas_warehouse: warehouse,
                exports,
                export_markets: markets.into_iter().map(str::to_string).collect(),
                min_export_years: years,
                verified,
            })
    }

    fn any_facts() -> impl Strategy<Value = OrgFacts> {
        (
            0usize..5,
            proptest::option::of(prop_oneof![Just("fujian"), Just("hunan")]),
            prop_oneof![Just("福州"), Just("岳阳"), Just("")],
            any::<bool>(),
            proptest::option::of((
                proptest::collection::vec(prop_oneof![Just("tea"), Just("baby-products")], 0..2),
                proptest::option::of(0usize..5),
                any::<bool>(),
                proptest::collection::vec(prop_oneof![Just("US"), Just("JP")], 0..2),
                proptest::option::of(1990i32..=2026),
            )),
        )
            .prop_map(|(kind, province, city, verified, profile)| OrgFacts {
                kind: OrgKind::ALL[kind],
                province: province.map(str::to_string),
                city: Bilingual::new(city, ""),
                verified,
                belt_slugs: vec![],
                profile: profile.map(|(categories, band, warehouse, markets, since)| ProfileFacts {
                    category_slugs: categories.into_iter().map(str::to_string).collect(),
                    annual_sales: band.map(|b| SalesBand::ALL[b]),
                    overseas_warehouse: warehouse.then(|| "Los Angeles".to_string()),
                    export_markets: markets.into_iter().map(str::to_string).collect(),
                    exporting_since: since,
                }),
            })
    }

    proptest! {
        /// The bulk answer agrees with the rules judged one by one.
        #[test]
        fn fit_agrees_with_the_rules_judged_one_by_one(e in any_eligibility(), f in any_facts()) {
            let rules = rules(&e);
            let judged = judge_all(&rules, &f, YEAR);
            let fixed_met = judged.iter().filter(|(r, _)| r.is_fixed()).all(|(_, j)| *j == Judged::Met);
            let missing = judged.iter().filter(|(r, j)| !r.is_fixed() && *j != Judged::Met).count();
            let expected = if !fixed_met || missing > NEARLY_MISSING_MAX {
                Fit::Not
            } else if missing == 0 {
                Fit::Qualifies
            } else {
                Fit::Nearly
            };
            prop_assert_eq!(fit(&rules, &f, YEAR), expected);
        }

        /// Asking less never turns an organisation away: dropping any one
        /// rule keeps a qualifying organisation qualifying and a near one
        /// at least near.
        #[test]
        fn fewer_rules_never_fit_worse(e in any_eligibility(), f in any_facts(), drop in 0usize..10) {
            let all = rules(&e);
            prop_assume!(!all.is_empty());
            let mut fewer = all.clone();
            fewer.remove(drop % all.len());
            prop_assert!(fit(&fewer, &f, YEAR) <= fit(&all, &f, YEAR));
        }

        /// Growing never loses a notice: more sales, exporting longer, an
        /// overseas warehouse or being verified never fit worse.
        #[test]
        fn growing_never_fits_worse(e in any_eligibility(), f in any_facts(), better in 0usize..5, earlier in 0i32..20) {
            let rules = rules(&e);
            let before = fit(&rules, &f, YEAR);
            let mut grown = f.clone();
            grown.verified = true;
            if let Some(p) = grown.profile.as_mut() {
                p.annual_sales = Some(SalesBand::ALL[p.annual_sales.map_or(0, |b| SalesBand::ALL.iter().position(|x| *x == b).unwrap()).max(better)]);
                p.exporting_since = p.exporting_since.map(|y| y - earlier);
                p.overseas_warehouse.get_or_insert_with(|| "Rotterdam".to_string());
            }
            prop_assert!(fit(&rules, &grown, YEAR) <= before);
        }
    }
}
