//! How well a supplier fits a scouting brief: a pure, deterministic score
//! out of 1,000 with the reasons behind it and the gaps, in plain words.
//!
//! | criterion | points | how |
//! |---|---|---|
//! | category | 150 | any of the brief's categories (all, when it names none) |
//! | capacity | 200 | 150 × offered / required while short; 150 + up to 50 more for up to twice the requirement; 0 when the units are not comparable or nothing is stated |
//! | lead time | 100 | 70 when within the maximum, up to 30 more the shorter it is; 0 when longer or unstated |
//! | certifications | 200 | shared equally by the required ones; a missing one earns nothing |
//! | export markets | 150 | the share of the brief's markets the supplier ships to |
//! | business model | 80 | any of the models the brief wants |
//! | belt | 70 | in one of the brief's belts (all, when it says "anywhere") |
//! | response record | 50 | median first reply within a day 50, within three days 30, slower 10, no record 0 |
//!
//! A criterion stated by the supplier but not verified earns 4/5 of its
//! points (a certification 3/5), so verified beats self-declared when all
//! else is equal. Ties are broken by the supplier's slug, so the order never
//! depends on the order candidates arrived in.

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
use crate::scouting::units::{compare_capacity, CapacityFit, RequiredCapacity};
use crate::suppliers::types::{BusinessModel, Certification, ProfileData, ProfileField, Quantity, SamplePolicy};

pub const MAX_SCORE: u32 = 1_000;

/// What a brief asks of a supplier, as far as scoring goes.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Needs {
    /// Category slugs; empty: any.
    pub categories: Vec<String>,
    /// Market codes the supplier should ship to.
    pub markets: Vec<String>,
    pub certifications: Vec<Certification>,
    pub capacity: Option<RequiredCapacity>,
    pub max_lead_time_days: Option<i32>,
    /// Any of these will do; empty: any.
    pub business_models: Vec<BusinessModel>,
    /// Belt slugs; empty: anywhere.
    pub belts: Vec<String>,
    pub samples_needed: bool,
}

/// A supplier as the score sees it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    /// The supplier's slug: the stable key ties are broken by.
    pub slug: String,
    pub profile: ProfileData,
    pub belts: Vec<String>,
    pub verified: Vec<ProfileField>,
    /// Median hours to a first reply over the last 90 days, when there were inquiries.
    pub median_reply_hours: Option<u32>,
}

/// One thing the score counted for or against a supplier.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Point {
    Category { matched: bool },
    Capacity(CapacityFit),
    CapacityUnstated,
    LeadTime { days: i32, max: i32 },
    LeadTimeUnstated,
    Certification { certification: Certification, held: bool },
    Markets { served: Vec<String>, missing: Vec<String> },
    BusinessModel { matched: Option<BusinessModel> },
    Belt { inside: bool },
    Samples { policy: Option<SamplePolicy> },
    ReplyTime { median_hours: Option<u32> },
}

/// A point and whether it speaks for the supplier (a reason) or against (a gap).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Judged {
    pub point: Point,
    pub for_supplier: bool,
    /// A claim of the supplier's that a verifier has checked.
    pub verified: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Fit {
    pub slug: String,
    pub score: u32,
    pub judged: Vec<Judged>,
}

impl Fit {
    pub fn reasons(&self) -> impl Iterator<Item = &Judged> {
        self.judged.iter().filter(|j| j.for_supplier)
    }

    pub fn gaps(&self) -> impl Iterator<Item = &Judged> {
        self.judged.iter().filter(|j| !j.for_supplier)
    }
}

/// Points for a criterion worth `full`, earned `share` of (in thousandths),
/// less for what is only self-declared.
fn earned(full: u32, share_permille: u32, verified: bool, declared_of_five: u32) -> u32 {
    let points = full * share_permille.min(1_000) / 1_000;
    if verified {
        points
    } else {
        points * declared_of_five / 5
    }
}

/// How well `candidate` fits `needs`.
pub fn score(needs: &Needs, candidate: &Candidate) -> Fit {
    let p = &candidate.profile;
    let is_verified = |field: ProfileField| candidate.verified.contains(&field);
    let mut total = 0;
    let mut judged = Vec::new();
    let mut note = |point: Point, for_supplier: bool, verified: bool| judged.push(Judged { point, for_supplier, verified });

    // Category.
    let verified = is_verified(ProfileField::Categories);
    if needs.categories.is_empty() {
        total += 150;
    } else {
        let matched = p.category_slugs.iter().any(|c| needs.categories.contains(c));
        total += if matched { earned(150, 1_000, verified, 4) } else { 0 };
        note(Point::Category { matched }, matched, verified);
    }

    // Capacity.
    let verified = is_verified(ProfileField::Capacity);
    match (needs.capacity, p.capacity) {
        (None, _) => total += 200,
        (Some(_), None) => note(Point::CapacityUnstated, false, false),
        (Some(required), Some(offered)) => {
            let fit = compare_capacity(offered, required);
            let points = match fit {
                CapacityFit::Meets { offered, required } => {
                    let extra = (offered.value - required.value).min(required.value).max(0);
                    150 + (50 * i128::from(extra) / i128::from(required.value.max(1))) as u32
                }
                CapacityFit::Short { offered, required } => {
                    (150 * i128::from(offered.value.max(0)) / i128::from(required.value.max(1))) as u32
                }
                CapacityFit::NotComparable { .. } => 0,
            };
            total += earned(points, 1_000, verified, 4);
            note(Point::Capacity(fit), matches!(fit, CapacityFit::Meets { .. }), verified);
        }
    }

    // Lead time.
    let verified = is_verified(ProfileField::LeadTime);
    match (needs.max_lead_time_days, p.lead_time_days) {
        (None, _) => total += 100,
        (Some(_), None) => note(Point::LeadTimeUnstated, false, false),
        (Some(max), Some(days)) => {
            let within = days <= max;
            if within {
                let spare = u32::try_from((max - days).max(0)).unwrap_or(0);
                let points = 70 + 30 * spare / u32::try_from(max.max(1)).unwrap_or(1);
                total += earned(points, 1_000, verified, 4);
            }
            note(Point::LeadTime { days, max }, within, verified);
        }
    }

    // Certifications.
    let verified = is_verified(ProfileField::Certifications);
    if needs.certifications.is_empty() {
        total += 200;
    } else {
        let share = 200 / needs.certifications.len() as u32;
        for &certification in &needs.certifications {
            let held = p.certifications.contains(&certification);
            if held {
                total += earned(share, 1_000, verified, 3);
            }
            note(Point::Certification { certification, held }, held, held && verified);
        }
    }

    // Export markets.
    let verified = is_verified(ProfileField::ExportMarkets);
    if needs.markets.is_empty() {
        total += 150;
    } else {
        let (served, missing): (Vec<String>, Vec<String>) = needs.markets.iter().cloned().partition(|m| p.export_markets.contains(m));
        let share = (served.len() * 1_000 / needs.markets.len()) as u32;
        total += earned(150, share, verified, 4);
        if !served.is_empty() {
            note(Point::Markets { served: served.clone(), missing: Vec::new() }, true, verified);
        }
        if !missing.is_empty() {
            note(Point::Markets { served: Vec::new(), missing }, false, false);
        }
    }

    // Business model.
    let verified = is_verified(ProfileField::BusinessModels);
    if needs.business_models.is_empty() {
        total += 80;
    } else {
        let matched = needs.business_models.iter().copied().find(|m| p.business_models.contains(m));
        if matched.is_some() {
            total += earned(80, 1_000, verified, 4);
        }
        note(Point::BusinessModel { matched }, matched.is_some(), verified && matched.is_some());
    }

    // Belt.
    if needs.belts.is_empty() {
        total += 70;
    } else {
        let inside = candidate.belts.iter().any(|b| needs.belts.contains(b));
        total += if inside { 70 } else { 0 };
        note(Point::Belt { inside }, inside, false);
    }

    // Samples: said, not scored (a scout decides what a paid sample is worth).
    if needs.samples_needed {
        let offers = p.sample_policy.is_some_and(|s| s != SamplePolicy::NoSamples);
        note(Point::Samples { policy: p.sample_policy }, offers, is_verified(ProfileField::SamplePolicy));
    }

    // Response record.
    let reply_points = match candidate.median_reply_hours {
        Some(hours) if hours <= 24 => 50,
        Some(hours) if hours <= 72 => 30,
        Some(_) => 10,
        None => 0,
    };
    total += reply_points;
    // Measured by the site, not a claim a verifier checks.
    note(Point::ReplyTime { median_hours: candidate.median_reply_hours }, reply_points >= 30, false);

    Fit { slug: candidate.slug.clone(), score: total.min(MAX_SCORE), judged }
}

/// Whether a supplier is a candidate for a brief at all: it makes one of
/// the categories and is in one of the belts (when the brief names any).
/// The rest is scored, not filtered, so the gaps can be shown.
pub fn passes_hard_filters(needs: &Needs, candidate: &Candidate) -> bool {
    let category = needs.categories.is_empty() || candidate.profile.category_slugs.iter().any(|c| needs.categories.contains(c));
    let belt = needs.belts.is_empty() || candidate.belts.iter().any(|b| needs.belts.contains(b));
    category && belt
}

/// Candidates best first; equal scores in slug order.
pub fn rank(needs: &Needs, candidates: &[Candidate]) -> Vec<Fit> {
    let mut fits: Vec<Fit> = candidates.iter().map(|c| score(needs, c)).collect();
    fits.sort_by(|a, b| b.score.cmp(&a.score).then_with(|| a.slug.cmp(&b.slug)));
    fits
}

impl Judged {
    /// The point in plain words: "月产能 50,000 件 ≥ 要求 20,000 件", "no FDA registration".
    pub fn text(&self, lang: Lang) -> String {
        use crate::suppliers::markets::market_name;
        let names =
            |codes: &[String]| codes.iter().map(|c| market_name(c, lang).to_string()).collect::<Vec<_>>().join(lang.pick("、", ", "));
        let capacity = |offered: &Quantity, sign: &str, required: &Quantity| {
            let (stated, asked) = (lang.pick("月产能", "Monthly capacity"), lang.pick("要求", "required"));
            format!("{stated} {} {sign} {asked} {}", offered.exact(lang), required.exact(lang))
        };
        // A reason says it was checked; a gap is a gap however well its facts are checked.
        let checked = if self.verified && self.for_supplier { lang.pick("（已核实）", " (verified)") } else { "" };
        let text = match &self.point {
            Point::Category { matched: true } => lang.pick("品类符合", "Makes the category asked for").to_string(),
            Point::Category { matched: false } => lang.pick("不做所要的品类", "Does not make the category asked for").to_string(),
            Point::Capacity(CapacityFit::Meets { offered, required }) => capacity(offered, "≥", required),
            Point::Capacity(CapacityFit::Short { offered, required }) => capacity(offered, "<", required),
            Point::Capacity(CapacityFit::NotComparable { offered, required }) => match lang {
                Lang::Zh => format!("产能以“{}”计，要求以“{}”计，无法比较", offered.label(lang), required.label(lang)),
                Lang::En => {
                    format!("Capacity is stated in {}, and required in {}: not comparable", offered.label(lang), required.label(lang))
                }
            },
            Point::CapacityUnstated => lang.pick("没有填写月产能", "No monthly capacity stated").to_string(),
            Point::LeadTime { days, max } => {
                let sign = if days <= max { "≤" } else { ">" };
                let day = lang.pick("天", "days");
                format!("{} {days} {day} {sign} {max} {day}", lang.pick("交期", "Lead time"))
            }
            Point::LeadTimeUnstated => lang.pick("没有填写交期", "No lead time stated").to_string(),
            Point::Certification { certification, held: true } => format!("{} {}", lang.pick("持有", "Holds"), certification.label(lang)),
            Point::Certification { certification, held: false } => format!("{} {}", lang.pick("没有", "No"), certification.label(lang)),
            Point::Markets { served, .. } if !served.is_empty() => format!("{} {}", lang.pick("出口到", "Ships to"), names(served)),
            Point::Markets { missing, .. } => format!("{} {}", lang.pick("未出口到", "Does not ship to"), names(missing)),
            Point::BusinessModel { matched: Some(model) } => format!("{}{}", lang.pick("经营模式：", "Works as "), model.label(lang)),
            Point::BusinessModel { matched: None } => lang.pick("经营模式不符合", "Not the business model asked for").to_string(),
            Point::Belt { inside: true } => lang.pick("在所选产业带内", "In a belt asked for").to_string(),
            Point::Belt { inside: false } => lang.pick("不在所选产业带内", "Outside the belts asked for").to_string(),
            Point::Samples { policy: Some(policy) } => policy.label(lang).to_string(),
            Point::Samples { policy: None } => lang.pick("没有说明样品政策", "No sample policy stated").to_string(),
            Point::ReplyTime { median_hours: Some(hours) } if *hours >= crate::reply_time::UNANSWERED_HOURS => {
                lang.pick("近 90 天多数询盘没有回复", "Most inquiries of the last 90 days unanswered").to_string()
            }
            Point::ReplyTime { median_hours: Some(1) } => {
                lang.pick("首次回复中位时间 1 小时内", "Median first reply within an hour").to_string()
            }
            Point::ReplyTime { median_hours: Some(hours) } => {
                lang.pick(format!("首次回复中位时间 {hours} 小时内"), format!("Median first reply within {hours} hours"))
            }
            Point::ReplyTime { median_hours: None } => lang.pick("还没有询盘回复记录", "No reply record yet").to_string(),
        };
        format!("{text}{checked}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scouting::units::Period;
    use crate::suppliers::types::{Quantity, QuantityUnit};
    use proptest::prelude::*;

    fn pieces(value: i64) -> Quantity {
        Quantity { value, unit: QuantityUnit::Piece }
    }

    fn lash_brief() -> Needs {
        Needs {
            categories: vec!["false-eyelashes".into()],
            markets: vec!["US".into()],
            certifications: vec![Certification::Bsci],
            capacity: Some(RequiredCapacity { amount: pieces(20_000), period: Period::Month }),
            max_lead_time_days: Some(30),
            business_models: vec![BusinessModel::Oem],
            belts: vec!["pingdu-false-eyelashes".into()],
            samples_needed: true,
        }
    }

    fn lash_maker(slug: &str) -> Candidate {
        Candidate {
            slug: slug.into(),
            profile: ProfileData {
                category_slugs: vec!["false-eyelashes".into()],
                capacity: Some(pieces(50_000)),
                lead_time_days: Some(15),
                certifications: vec![Certification::Bsci],
                export_markets: vec!["US".into(), "JP".into()],
                business_models: vec![BusinessModel::Oem],
                sample_policy: Some(SamplePolicy::Free),
                ..ProfileData::default()
            },
            belts: vec!["pingdu-false-eyelashes".into()],
            verified: vec![ProfileField::Certifications, ProfileField::Capacity],
            median_reply_hours: Some(5),
        }
    }

    #[test]
    fn only_the_categories_and_belts_filter_the_rest_is_scored() {
        let needs = lash_brief();
        assert!(passes_hard_filters(&needs, &lash_maker("a")));
        let elsewhere = Candidate { belts: vec!["qingdao-wigs".into()], ..lash_maker("b") };
        assert!(!passes_hard_filters(&needs, &elsewhere));
        let wigs = Candidate { profile: ProfileData { category_slugs: vec!["wigs".into()], ..lash_maker("c").profile }, ..lash_maker("c") };
        assert!(!passes_hard_filters(&needs, &wigs));
        let short =
            Candidate { profile: ProfileData { certifications: Vec::new(), capacity: None, ..lash_maker("d").profile }, ..lash_maker("d") };
        assert!(passes_hard_filters(&needs, &short), "gaps are scored, not filtered");
        assert!(passes_hard_filters(&Needs::default(), &elsewhere), "a brief for anything, anywhere");
    }

    #[test]
    fn a_fitting_supplier_gets_its_reasons_in_plain_words() {
        let fit = score(&lash_brief(), &lash_maker("jiamei"));
        let reasons: Vec<String> = fit.reasons().map(|j| j.text(Lang::Zh)).collect();
        assert!(reasons.contains(&"月产能 50,000 件 ≥ 要求 20,000 件（已核实）".to_string()), "{reasons:?}");
        let english: Vec<String> = fit.reasons().map(|j| j.text(Lang::En)).collect();
        assert!(english.contains(&"Holds BSCI (verified)".to_string()), "{english:?}");
        assert!(english.contains(&"Ships to United States".to_string()), "{english:?}");
        assert_eq!(fit.gaps().count(), 0);
        assert!(fit.score >= 850, "a supplier that fits every need scores at least 85%: {}", fit.score);

        let mut declared = lash_maker("jiamei");
        declared.verified.clear();
        assert!(score(&lash_brief(), &declared).score < fit.score, "verified beats self-declared");
        assert!(score(&lash_brief(), &declared).reasons().all(|j| !j.text(Lang::En).contains("verified")));
    }

    #[test]
    fn gaps_say_what_is_missing() {
        let mut brief = lash_brief();
        brief.certifications.push(Certification::Fda);
        let mut maker = lash_maker("jiamei");
        maker.profile.capacity = Some(Quantity { value: 50_000, unit: QuantityUnit::Pair });
        let gaps: Vec<String> = score(&brief, &maker).gaps().map(|j| j.text(Lang::En)).collect();
        assert!(gaps.contains(&"No FDA".to_string()), "{gaps:?}");
        assert!(gaps.contains(&"Capacity is stated in pairs, and required in pieces: not comparable".to_string()), "{gaps:?}");
    }

    fn candidate() -> impl Strategy<Value = Candidate> {
        (
            0i64..200_000,
            prop::option::of(1i32..120),
            prop::sample::subsequence(Certification::ALL.to_vec(), 0..4),
            prop::sample::subsequence(vec!["US".to_string(), "JP".into(), "DE".into(), "GB".into()], 0..4),
            prop::sample::subsequence(ProfileField::ALL.to_vec(), 0..6),
            prop::option::of(0u32..200),
            "[a-z]{1,8}",
        )
            .prop_map(|(capacity, lead, certifications, markets, verified, reply, slug)| Candidate {
                slug,
                profile: ProfileData {
                    category_slugs: vec!["false-eyelashes".into()],
                    capacity: Some(pieces(capacity)),
                    lead_time_days: lead,
                    certifications,
                    export_markets: markets,
                    business_models: vec![BusinessModel::Oem],
                    ..ProfileData::default()
                },
                belts: vec!["pingdu-false-eyelashes".into()],
                verified,
                median_reply_hours: reply,
            })
    }

    fn needs() -> impl Strategy<Value = Needs> {
        (1i64..100_000, prop::sample::subsequence(Certification::ALL.to_vec(), 0..3), prop::option::of(1i32..90)).prop_map(
            |(capacity, certifications, lead)| Needs {
                certifications,
                max_lead_time_days: lead,
                capacity: Some(RequiredCapacity { amount: pieces(capacity), period: Period::Month }),
                markets: vec!["US".into(), "DE".into()],
                ..lash_brief()
            },
        )
    }

    proptest! {
        #[test]
        fn more_capacity_never_scores_less(needs in needs(), c in candidate(), more in 0i64..100_000) {
            let mut bigger = c.clone();
            bigger.profile.capacity = Some(pieces(c.profile.capacity.unwrap().value + more));
            prop_assert!(score(&needs, &bigger).score >= score(&needs, &c).score);
        }

        #[test]
        fn holding_a_required_certification_always_helps(needs in needs(), c in candidate()) {
            for &required in &needs.certifications {
                let mut without = c.clone();
                without.profile.certifications.retain(|x| *x != required);
                let mut with = without.clone();
                with.profile.certifications.push(required);
                prop_assert!(score(&needs, &with).score > score(&needs, &without).score, "{:?}", required);
                let ranked = rank(&needs, &[Candidate { slug: "a".into(), ..without }, Candidate { slug: "b".into(), ..with }]);
                prop_assert_eq!(ranked[0].slug.as_str(), "b", "the one missing it never comes first");
            }
        }

        #[test]
        fn wider_market_coverage_never_scores_less(needs in needs(), c in candidate()) {
            let mut wider = c.clone();
            for market in &needs.markets {
                if !wider.profile.export_markets.contains(market) {
                    wider.profile.export_markets.push(market.clone());
                    prop_assert!(score(&needs, &wider).score >= score(&needs, &c).score);
                }
            }
        }

        #[test]
        fn verified_beats_self_declared_when_all_else_is_equal(needs in needs(), c in candidate(), field in prop::sample::select(vec![ProfileField::Capacity, ProfileField::Certifications, ProfileField::ExportMarkets, ProfileField::LeadTime])) {
            let mut declared = c.clone();
            declared.verified.retain(|f| *f != field);
            let mut checked = declared.clone();
            checked.verified.push(field);
            prop_assert!(score(&needs, &checked).score >= score(&needs, &declared).score);
        }

        #[test]
        fn the_order_is_deterministic(needs in needs(), cs in prop::collection::vec(candidate(), 1..12), seed in any::<u64>()) {
            let mut shuffled = cs.clone();
            // A fixed permutation from the seed: rotate and reverse.
            let turn = (seed % shuffled.len() as u64) as usize;
            shuffled.rotate_left(turn);
            if seed % 2 == 0 {
                shuffled.reverse();
            }
            let order = |fits: Vec<Fit>| fits.into_iter().map(|f| (f.slug, f.score)).collect::<Vec<_>>();
            prop_assert_eq!(order(rank(&needs, &cs)), order(rank(&needs, &shuffled)));
        }

        #[test]
        fn the_score_stays_within_its_scale(needs in needs(), c in candidate()) {
            prop_assert!(score(&needs, &c).score <= MAX_SCORE);
        }
    }
}
