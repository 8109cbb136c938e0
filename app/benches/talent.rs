//! `cargo xtask bench talent`: the graduates' "for you" ranking over 2,000
//! generated open programs, for each of 1,000 generated graduates. Prints
//! the time to rank all programs for one graduate (target p99 ≤ 50 ms).

use std::time::{Duration, Instant};

use app::i18n::Bilingual;
use app::suppliers::types::Language;
use app::talent::matching::{for_you, requirements};
use app::talent::types::*;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const PROGRAMS: usize = 2_000;
const GRADUATES: usize = 1_000;
const TODAY: &str = "2026-12-03";
const CITIES: [(&str, &str); 8] = [
    ("岳阳", "Yueyang"),
    ("青岛", "Qingdao"),
    ("福州", "Fuzhou"),
    ("长沙", "Changsha"),
    ("深圳", "Shenzhen"),
    ("杭州", "Hangzhou"),
    ("阳江", "Yangjiang"),
    ("平度", "Pingdu"),
];
const PROVINCES: [&str; 5] = ["hunan", "shandong", "fujian", "guangdong", "zhejiang"];

fn pick<'a, T>(rng: &mut StdRng, from: &'a [T]) -> &'a T {
    &from[rng.random_range(0..from.len())]
}

fn spoken(rng: &mut StdRng) -> Spoken {
    Spoken { language: *pick(rng, &Language::ALL[1..5]), level: *pick(rng, LanguageLevel::ALL) }
}

fn program(rng: &mut StdRng, belts: &[String]) -> ProgramFacts {
    let (zh, en) = *pick(rng, &CITIES);
    let from = rng.random_bool(0.6).then(|| rng.random_range(2020..2027));
    let close = chrono::NaiveDate::from_ymd_opt(2026, 12, 3).unwrap() + chrono::Duration::days(rng.random_range(-20..90));
    ProgramFacts {
        kind: *pick(rng, ProgramKind::ALL),
        city: Bilingual::new(zh, en),
        belt_slugs: (0..rng.random_range(0..3)).map(|_| pick(rng, belts).clone()).collect(),
        starts_on: "2027-03-01".into(),
        applications_close: close.format("%Y-%m-%d").to_string(),
        seats_left: rng.random_bool(0.8).then(|| rng.random_range(0..60)),
        subsidised: rng.random_bool(0.4),
        requirements: requirements(&ProgramEligibility {
            graduation_from: from,
            graduation_to: from.map(|f| f + rng.random_range(0..4)),
            majors: (0..rng.random_range(0..3)).map(|_| *pick(rng, Major::ALL)).collect(),
            languages: (0..rng.random_range(0..2)).map(|_| spoken(rng)).collect(),
            province: rng.random_bool(0.3).then(|| pick(rng, &PROVINCES).to_string()),
        }),
    }
}

fn graduate(rng: &mut StdRng, belts: &[String]) -> GraduateFacts {
    GraduateFacts {
        graduation_year: rng.random_bool(0.9).then(|| rng.random_range(2018..2028)),
        major: rng.random_bool(0.9).then(|| *pick(rng, Major::ALL)),
        languages: (0..rng.random_range(0..3)).map(|_| spoken(rng)).collect(),
        province: rng.random_bool(0.8).then(|| pick(rng, &PROVINCES).to_string()),
        preferred_cities: (0..rng.random_range(0..3))
            .map(|_| {
                let (zh, en) = *pick(rng, &CITIES);
                Bilingual::new(zh, en)
            })
            .collect(),
        preferred_belts: (0..rng.random_range(0..3)).map(|_| pick(rng, belts).clone()).collect(),
        preferred_kinds: (0..rng.random_range(0..2)).map(|_| *pick(rng, ProgramKind::ALL)).collect(),
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn main() {
    let mut rng = StdRng::seed_from_u64(0x2026_1203);
    let belts: Vec<String> = (0..40).map(|i| format!("belt-{i}")).collect();
    let programs: Vec<ProgramFacts> = (0..PROGRAMS).map(|_| program(&mut rng, &belts)).collect();
    let graduates: Vec<GraduateFacts> = (0..GRADUATES).map(|_| graduate(&mut rng, &belts)).collect();
    let mut times = Vec::with_capacity(GRADUATES);
    let (mut shown, mut eligible) = (0usize, 0usize);
    for g in &graduates {
        let started = Instant::now();
        let ranked = for_you(&programs, g, TODAY);
        times.push(started.elapsed());
        shown += ranked.len();
        eligible += ranked.iter().filter(|r| r.eligible).count();
    }
    times.sort();
    println!("{PROGRAMS} programs, {GRADUATES} graduates, release build, one core");
    println!(
        "\"for you\" for one graduate: p50 {:.2} ms, p99 {:.2} ms, slowest {:.2} ms (target p99 ≤ 50 ms); on average {} open programs shown, {} eligible",
        percentile(&times, 0.5).as_secs_f64() * 1e3,
        percentile(&times, 0.99).as_secs_f64() * 1e3,
        times[times.len() - 1].as_secs_f64() * 1e3,
        shown / GRADUATES,
        eligible / GRADUATES
    );
}
