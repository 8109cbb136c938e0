//! `cargo xtask bench policies`: the eligibility engine on 10,000 generated
//! organisations × 500 generated notices. Prints the time to match every
//! organisation against every notice (target ≤ 2 s) and, over every
//! organisation, the time to match one against all notices (target p99 ≤ 20 ms).

use std::time::{Duration, Instant};

use app::i18n::Bilingual;
use app::orgs::types::OrgKind;
use app::policies::eligibility::{fit, rules};
use app::policies::types::{Eligibility, Fit, OrgFacts, ProfileFacts, Rule};
use app::suppliers::types::SalesBand;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const ORGANISATIONS: usize = 10_000;
const NOTICES: usize = 500;
const PROVINCES: [&str; 8] = ["fujian", "hunan", "shandong", "guangdong", "zhejiang", "jiangsu", "hebei", "henan"];
const CITIES: [(&str, &str); 6] =
    [("福州", "Fuzhou"), ("岳阳", "Yueyang"), ("青岛", "Qingdao"), ("阳江", "Yangjiang"), ("义乌", "Yiwu"), ("苏州", "Suzhou")];
const MARKETS: [&str; 8] = ["US", "DE", "JP", "GB", "FR", "AU", "BR", "AE"];

fn pick<'a, T>(rng: &mut StdRng, from: &'a [T]) -> &'a T {
    &from[rng.random_range(0..from.len())]
}

fn some<T>(rng: &mut StdRng, chance: f64, value: impl FnOnce(&mut StdRng) -> T) -> Option<T> {
    rng.random_bool(chance).then(|| value(rng))
}

fn organisation(rng: &mut StdRng, categories: &[String], belts: &[String]) -> OrgFacts {
    let (zh, en) = *pick(rng, &CITIES);
    let profile = some(rng, 0.8, |rng| ProfileFacts {
        category_slugs: (0..rng.random_range(1..4)).map(|_| pick(rng, categories).clone()).collect(),
        annual_sales: some(rng, 0.7, |rng| *pick(rng, SalesBand::ALL)),
        overseas_warehouse: some(rng, 0.3, |_| "Los Angeles".to_string()),
        export_markets: (0..rng.random_range(0..4)).map(|_| pick(rng, &MARKETS).to_string()).collect(),
        exporting_since: some(rng, 0.7, |rng| rng.random_range(1995..=2026)),
    });
    OrgFacts {
        kind: if rng.random_bool(0.8) { OrgKind::Manufacturer } else { OrgKind::ServiceProvider },
        province: some(rng, 0.95, |rng| pick(rng, &PROVINCES).to_string()),
        city: Bilingual::new(zh, en),
        verified: rng.random_bool(0.3),
        belt_slugs: (0..rng.random_range(0..3)).map(|_| pick(rng, belts).clone()).collect(),
        profile,
    }
}

fn notice(rng: &mut StdRng, categories: &[String], belts: &[String]) -> Vec<Rule> {
    let city = some(rng, 0.5, |rng| *pick(rng, &CITIES));
    rules(&Eligibility {
        province: some(rng, 0.85, |rng| pick(rng, &PROVINCES).to_string()),
        city: city.map(|(zh, en)| Bilingual::new(zh, en)).unwrap_or_default(),
        org_kinds: if rng.random_bool(0.6) { vec![OrgKind::Manufacturer] } else { vec![] },
        category_slugs: (0..rng.random_range(0..3)).map(|_| pick(rng, categories).clone()).collect(),
        belt_slugs: (0..rng.random_range(0..2)).map(|_| pick(rng, belts).clone()).collect(),
        min_annual_sales: some(rng, 0.3, |rng| *pick(rng, SalesBand::ALL)),
        overseas_warehouse: rng.random_bool(0.2),
        exports: rng.random_bool(0.5),
        export_markets: (0..rng.random_range(0..3)).map(|_| pick(rng, &MARKETS).to_string()).collect(),
        min_export_years: some(rng, 0.3, |rng| rng.random_range(1..10)),
        verified: rng.random_bool(0.2),
    })
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn main() {
    let mut rng = StdRng::seed_from_u64(0x2026_1203);
    let categories: Vec<String> = (0..60).map(|i| format!("category-{i}")).collect();
    let belts: Vec<String> = (0..40).map(|i| format!("belt-{i}")).collect();
    let organisations: Vec<OrgFacts> = (0..ORGANISATIONS).map(|_| organisation(&mut rng, &categories, &belts)).collect();
    let notices: Vec<Vec<Rule>> = (0..NOTICES).map(|_| notice(&mut rng, &categories, &belts)).collect();
    let rules_total: usize = notices.iter().map(Vec::len).sum();
    println!(
        "{ORGANISATIONS} organisations × {NOTICES} notices ({:.1} rules a notice on average), release build, one core",
        rules_total as f64 / NOTICES as f64
    );

    let mut runs = Vec::new();
    let mut counts = (0, 0);
    for _ in 0..5 {
        let started = Instant::now();
        let (mut qualifies, mut nearly) = (0usize, 0usize);
        for org in &organisations {
            for rules in &notices {
                match fit(rules, org, 2026) {
                    Fit::Qualifies => qualifies += 1,
                    Fit::Nearly => nearly += 1,
                    Fit::Not => {}
                }
            }
        }
        runs.push(started.elapsed());
        counts = (qualifies, nearly);
    }
    runs.sort();
    println!(
        "all matches: median {:.0} ms, slowest {:.0} ms of 5 runs (target ≤ 2,000 ms); {} qualify, {} nearly, of {} pairs",
        percentile(&runs, 0.5).as_secs_f64() * 1e3,
        runs[runs.len() - 1].as_secs_f64() * 1e3,
        counts.0,
        counts.1,
        ORGANISATIONS * NOTICES
    );

    let mut each = Vec::with_capacity(ORGANISATIONS);
    for org in &organisations {
        let started = Instant::now();
        let found = notices.iter().filter(|rules| fit(rules, org, 2026) != Fit::Not).count();
        std::hint::black_box(found);
        each.push(started.elapsed());
    }
    each.sort();
    println!(
        "one organisation against {NOTICES} notices: p50 {:.1} µs, p99 {:.1} µs, slowest {:.1} µs (target p99 ≤ 20 ms)",
        percentile(&each, 0.5).as_secs_f64() * 1e6,
        percentile(&each, 0.99).as_secs_f64() * 1e6,
        each[each.len() - 1].as_secs_f64() * 1e6
    );
}
