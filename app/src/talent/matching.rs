//! Matching graduates to programs, pure: a program's requirements from its
//! eligibility, each judged against a graduate's profile, and the "for you"
//! ranking of open programs with the reason each is shown and what would
//! make the graduate eligible.

use crate::policies::eligibility::same_city;
use crate::policies::types::Judged;
use crate::talent::types::*;

/// How much each reason weighs in the ranking. Eligibility outweighs every
/// preference together: a program one may join comes before one that fits
/// better but would refuse.
const ELIGIBLE: u32 = 100;
const PREFERRED_CITY: u32 = 12;
const PREFERRED_BELT: u32 = 10;
const KIND_WANTED: u32 = 8;
const SUBSIDISED: u32 = 4;
const CLOSING_SOON: u32 = 2;
/// "Closing soon" is within this many days.
pub const CLOSING_SOON_DAYS: i64 = 7;

/// The requirements of an eligibility, in reading order.
pub fn requirements(e: &ProgramEligibility) -> Vec<Requirement> {
    let mut all = Vec::new();
    if e.graduation_from.is_some() || e.graduation_to.is_some() {
        all.push(Requirement::GraduationYears { from: e.graduation_from, to: e.graduation_to });
    }
    if !e.majors.is_empty() {
        all.push(Requirement::MajorOneOf(e.majors.clone()));
    }
    all.extend(e.languages.iter().map(|s| Requirement::Speaks(*s)));
    if let Some(p) = &e.province {
        all.push(Requirement::FromProvince(p.clone()));
    }
    all
}

/// One requirement against a graduate's profile.
pub fn judge(requirement: &Requirement, g: &GraduateFacts) -> Judged {
    let said = |known: Option<bool>| match known {
        Some(true) => Judged::Met,
        Some(false) => Judged::NotMet,
        None => Judged::NotSaid,
    };
    match requirement {
        Requirement::GraduationYears { from, to } => {
            said(g.graduation_year.map(|y| from.is_none_or(|f| y >= f) && to.is_none_or(|t| y <= t)))
        }
        Requirement::MajorOneOf(majors) => said(g.major.map(|m| majors.contains(&m))),
        Requirement::Speaks(asked) => {
            if g.languages.is_empty() {
                Judged::NotSaid
            } else {
                said(Some(g.languages.iter().any(|s| s.language == asked.language && s.level >= asked.level)))
            }
        }
        Requirement::FromProvince(p) => said(g.province.as_ref().map(|mine| mine == p)),
    }
}

/// Whether a graduate meets every requirement.
pub fn is_eligible(requirements: &[Requirement], g: &GraduateFacts) -> bool {
    requirements.iter().all(|r| judge(r, g) == Judged::Met)
}

/// The day `days` after `today` (`YYYY-MM-DD`), or `today` itself if it is not a date.
fn days_after(today: &str, days: i64) -> String {
    chrono::NaiveDate::parse_from_str(today, "%Y-%m-%d")
        .map(|d| (d + chrono::Duration::days(days)).format("%Y-%m-%d").to_string())
        .unwrap_or_else(|_| today.to_string())
}

/// One program for one graduate: whether eligible, the score, the reasons
/// and what is missing. `None` when it is not open to applications on
/// `today` (closed, or no seat left).
pub fn rank_one(index: usize, p: &ProgramFacts, g: &GraduateFacts, today: &str) -> Option<Ranked> {
    rank_within(index, p, g, today, &days_after(today, CLOSING_SOON_DAYS))
}

/// [`rank_one`] with "closing soon" already worked out as a day: dates as
/// `YYYY-MM-DD` compare as text, so nothing is parsed per program.
fn rank_within(index: usize, p: &ProgramFacts, g: &GraduateFacts, today: &str, soon: &str) -> Option<Ranked> {
    if p.applications_close.as_str() < today || p.seats_left == Some(0) {
        return None;
    }
    let mut reasons = Vec::new();
    let mut score = 0;
    let missing: Vec<Requirement> = p.requirements.iter().filter(|r| judge(r, g) != Judged::Met).cloned().collect();
    let eligible = missing.is_empty();
    let mut add = |yes: bool, reason: Reason, weight: u32| {
        if yes {
            reasons.push(reason);
            score += weight;
        }
    };
    add(eligible, Reason::Eligible, ELIGIBLE);
    add(g.preferred_cities.iter().any(|c| same_city(c, &p.city)), Reason::InPreferredCity, PREFERRED_CITY);
    add(p.belt_slugs.iter().any(|b| g.preferred_belts.contains(b)), Reason::InPreferredBelt, PREFERRED_BELT);
    add(g.preferred_kinds.contains(&p.kind), Reason::KindWanted, KIND_WANTED);
    add(p.subsidised, Reason::Subsidised, SUBSIDISED);
    add(p.applications_close.as_str() <= soon, Reason::ClosingSoon, CLOSING_SOON);
    Some(Ranked { index, eligible, score, reasons, missing })
}

/// The open programs for a graduate, best first: by score, then the sooner
/// deadline, then the order given.
pub fn for_you(programs: &[ProgramFacts], g: &GraduateFacts, today: &str) -> Vec<Ranked> {
    let soon = days_after(today, CLOSING_SOON_DAYS);
    let mut ranked: Vec<Ranked> = programs.iter().enumerate().filter_map(|(i, p)| rank_within(i, p, g, today, &soon)).collect();
    ranked.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then_with(|| programs[a.index].applications_close.cmp(&programs[b.index].applications_close))
            .then(a.index.cmp(&b.index))
    });
    ranked
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Bilingual;
    use crate::suppliers::types::Language;
    use proptest::prelude::*;

    const TODAY: &str = "2026-12-03";

    fn english(level: LanguageLevel) -> Spoken {
        Spoken { language: Language::English, level }
    }

    /// The Yueyang growth camp as a program might state it.
    fn growth_camp() -> ProgramFacts {
        ProgramFacts {
            kind: ProgramKind::TrainingCamp,
            city: Bilingual::new("岳阳", "Yueyang"),
            belt_slugs: vec!["junshan-yinzhen-tea".into()],
            starts_on: "2027-01-10".into(),
            applications_close: "2026-12-20".into(),
            seats_left: Some(5),
            subsidised: true,
            requirements: requirements(&ProgramEligibility {
                graduation_from: Some(2024),
                graduation_to: Some(2027),
                majors: vec![],
                languages: vec![english(LanguageLevel::Working)],
                province: None,
            }),
        }
    }

    fn returning_graduate() -> GraduateFacts {
        GraduateFacts {
            graduation_year: Some(2026),
            major: Some(Major::InternationalTrade),
            languages: vec![english(LanguageLevel::Fluent), Spoken { language: Language::Chinese, level: LanguageLevel::Native }],
            province: Some("hunan".into()),
            preferred_cities: vec![Bilingual::new("岳阳市", "")],
            preferred_belts: vec!["junshan-yinzhen-tea".into()],
            preferred_kinds: vec![ProgramKind::TrainingCamp],
        }
    }

    #[test]
    fn an_eligible_graduate_sees_why_a_program_is_shown() {
        let ranked = rank_one(0, &growth_camp(), &returning_graduate(), TODAY).unwrap();
        assert!(ranked.eligible && ranked.missing.is_empty());
        assert_eq!(
            ranked.reasons,
            vec![Reason::Eligible, Reason::InPreferredCity, Reason::InPreferredBelt, Reason::KindWanted, Reason::Subsidised]
        );
    }

    #[test]
    fn what_is_missing_is_exactly_the_unmet_requirements() {
        let mut g = returning_graduate();
        g.graduation_year = Some(2020);
        g.languages = vec![english(LanguageLevel::Basic)];
        let ranked = rank_one(0, &growth_camp(), &g, TODAY).unwrap();
        assert!(!ranked.eligible);
        assert_eq!(
            ranked.missing,
            vec![Requirement::GraduationYears { from: Some(2024), to: Some(2027) }, Requirement::Speaks(english(LanguageLevel::Working))]
        );
        g.languages.clear();
        assert_eq!(judge(&Requirement::Speaks(english(LanguageLevel::Working)), &g), Judged::NotSaid, "no languages listed is not a no");
        assert_eq!(judge(&Requirement::FromProvince("hunan".into()), &GraduateFacts::default()), Judged::NotSaid);
    }

    #[test]
    fn closed_and_full_programs_are_not_shown_and_closing_soon_counts() {
        let mut p = growth_camp();
        p.applications_close = "2026-12-02".into();
        assert!(rank_one(0, &p, &returning_graduate(), TODAY).is_none(), "closed yesterday");
        p.applications_close = "2026-12-03".into();
        assert!(rank_one(0, &p, &returning_graduate(), TODAY).unwrap().reasons.contains(&Reason::ClosingSoon), "closes today");
        p.seats_left = Some(0);
        assert!(rank_one(0, &p, &returning_graduate(), TODAY).is_none(), "full");
        p.seats_left = None;
        assert!(rank_one(0, &p, &returning_graduate(), TODAY).is_some(), "no limit");
    }

    #[test]
    fn an_eligible_program_outranks_a_better_fitting_one_that_would_refuse() {
        let mut refusing = growth_camp();
        refusing.requirements.push(Requirement::MajorOneOf(vec![Major::Computing]));
        let mut plain = growth_camp();
        plain.city = Bilingual::new("青岛", "Qingdao");
        plain.belt_slugs.clear();
        plain.subsidised = false;
        plain.kind = ProgramKind::JobFair;
        let ranked = for_you(&[refusing, plain], &returning_graduate(), TODAY);
        assert_eq!(ranked.iter().map(|r| r.index).collect::<Vec<_>>(), vec![1, 0]);
    }

    fn any_program() -> impl Strategy<Value = ProgramFacts> {
        (0usize..4, any::<bool>(), any::<bool>(), 0u32..4, 0i64..40, proptest::option::of(2018i32..2030), 0usize..3).prop_map(
            |(kind, yueyang, tea, seats, closes_in, from, levels)| {
                let close = chrono::NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").unwrap() + chrono::Duration::days(closes_in - 5);
                ProgramFacts {
                    kind: ProgramKind::ALL[kind],
                    city: if yueyang { Bilingual::new("岳阳", "Yueyang") } else { Bilingual::new("青岛", "Qingdao") },
                    belt_slugs: if tea { vec!["junshan-yinzhen-tea".into()] } else { vec![] },
                    starts_on: "2027-02-01".into(),
                    applications_close: close.format("%Y-%m-%d").to_string(),
                    seats_left: Some(seats),
                    subsidised: seats % 2 == 0,
                    requirements: requirements(&ProgramEligibility {
                        graduation_from: from,
                        languages: vec![english(LanguageLevel::ALL[levels])],
                        ..ProgramEligibility::default()
                    }),
                }
            },
        )
    }

    proptest! {
        /// The list is the open programs, each once, eligible ones first,
        /// scores never rising down the list.
        #[test]
        fn the_list_is_ordered_and_complete(programs in proptest::collection::vec(any_program(), 0..30)) {
            let g = returning_graduate();
            let ranked = for_you(&programs, &g, TODAY);
            let open = programs.iter().enumerate().filter(|(i, p)| rank_one(*i, p, &g, TODAY).is_some()).count();
            prop_assert_eq!(ranked.len(), open);
            let mut seen: Vec<usize> = ranked.iter().map(|r| r.index).collect();
            seen.sort_unstable();
            seen.dedup();
            prop_assert_eq!(seen.len(), ranked.len());
            for pair in ranked.windows(2) {
                prop_assert!(pair[0].score >= pair[1].score);
                prop_assert!(pair[0].eligible || !pair[1].eligible, "an eligible program never follows one that would refuse");
            }
            for r in &ranked {
                prop_assert_eq!(r.eligible, r.missing.is_empty());
                prop_assert_eq!(r.eligible, r.reasons.contains(&Reason::Eligible));
            }
        }

        /// Speaking better never loses a program.
        #[test]
        fn a_better_level_never_loses_eligibility(p in any_program(), level in 0usize..4, better in 0usize..4) {
            let mut g = returning_graduate();
            g.languages = vec![english(LanguageLevel::ALL[level])];
            let before = is_eligible(&p.requirements, &g);
            g.languages = vec![english(LanguageLevel::ALL[level.max(better)])];
            prop_assert!(is_eligible(&p.requirements, &g) || !before);
        }
    }
}
