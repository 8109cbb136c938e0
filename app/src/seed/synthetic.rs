//! Synthetic manufacturers for benchmarks and tests: deterministic from a
//! seed, in Chinese and English, spread over the real belts and their
//! categories. Never seeded into a running site: the demo data holds only
//! what the source articles say.

use rand::rngs::StdRng;
use rand::seq::{IndexedRandom, SliceRandom};
use rand::{Rng, SeedableRng};
use sea_orm::{DatabaseConnection, EntityTrait, QueryOrder};

use crate::entities::{belt, belt_category, category};
use crate::error::AppError;
use crate::i18n::Bilingual;
use crate::orgs::repo::{insert_organisation, NewOrganisation};
use crate::orgs::types::OrgKind;
use crate::suppliers::types::{
    BusinessModel, Certification, Language, PriceBand, ProfileData, ProfileStatus, Quantity, QuantityUnit, SalesBand, SamplePolicy,
};

/// A belt as the generator needs it: where it is and what it makes.
#[derive(Clone, Debug)]
pub struct BeltStock {
    pub id: i32,
    pub province: String,
    pub city: Bilingual,
    /// (slug, name) of each category the belt makes.
    pub categories: Vec<(String, Bilingual)>,
}

/// One manufacturer with its supply profile, ready to be written.
#[derive(Clone, Debug, PartialEq)]
pub struct SyntheticSupplier {
    pub organisation: NewOrganisation,
    pub profile: ProfileData,
}

const SYLLABLES: [(&str, &str); 16] = [
    ("华", "Hua"),
    ("鑫", "Xin"),
    ("恒", "Heng"),
    ("盛", "Sheng"),
    ("瑞", "Rui"),
    ("金", "Jin"),
    ("宏", "Hong"),
    ("泰", "Tai"),
    ("丰", "Feng"),
    ("达", "Da"),
    ("源", "Yuan"),
    ("美", "Mei"),
    ("新", "Xin"),
    ("永", "Yong"),
    ("安", "An"),
    ("佳", "Jia"),
];

const QUALITIES: [(&str, &str); 8] = [
    ("优质", "premium"),
    ("手工", "handmade"),
    ("定制", "custom"),
    ("环保", "eco-friendly"),
    ("高端", "high-end"),
    ("新款", "new-season"),
    ("耐用", "durable"),
    ("轻量", "lightweight"),
];

const MARKETS: [&str; 20] =
    ["US", "GB", "DE", "FR", "JP", "KR", "AU", "CA", "AE", "SA", "BR", "MX", "RU", "SG", "MY", "TH", "VN", "ID", "PH", "NG"];

/// The belts and their categories, as the generator needs them.
///
/// # Errors
/// On a database failure.
pub async fn belt_stock(db: &DatabaseConnection) -> Result<Vec<BeltStock>, sea_orm::DbErr> {
    let belts = belt::Entity::find().order_by_asc(belt::Column::Id).all(db).await?;
    let categories = category::Entity::find().all(db).await?;
    let links = belt_category::Entity::find().all(db).await?;
    Ok(belts
        .into_iter()
        .map(|b| BeltStock {
            id: b.id,
            province: b.province.clone(),
            city: Bilingual::new(&b.city_zh, &b.city_en),
            categories: links
                .iter()
                .filter(|l| l.belt_id == b.id)
                .filter_map(|l| categories.iter().find(|c| c.id == l.category_id))
                .map(|c| (c.slug.clone(), Bilingual::new(&c.name_zh, &c.name_en)))
                .collect(),
        })
        .filter(|b| !b.categories.is_empty())
        .collect())
}

fn some_of<T: Copy>(rng: &mut StdRng, all: &[T], at_most: usize) -> Vec<T> {
    let n = rng.random_range(0..=at_most.min(all.len()));
    let mut picked: Vec<T> = all.choose_multiple(rng, n).copied().collect();
    picked.shuffle(rng);
    picked
}

/// `count` manufacturers, the same ones for the same seed and belts.
///
/// # Panics
/// When `belts` is empty.
pub fn generate(seed: u64, count: usize, belts: &[BeltStock]) -> Vec<SyntheticSupplier> {
    assert!(!belts.is_empty(), "synthetic suppliers need belts to live in");
    let mut rng = StdRng::seed_from_u64(seed);
    (0..count)
        .map(|n| {
            let belt = &belts[rng.random_range(0..belts.len())];
            let (slug, product) = belt.categories.choose(&mut rng).expect("belts with categories only").clone();
            let (a, b) = (SYLLABLES.choose(&mut rng).unwrap(), SYLLABLES.choose(&mut rng).unwrap());
            let (quality_zh, quality_en) = *QUALITIES.choose(&mut rng).unwrap();
            let number = n + 1;
            let name = Bilingual::new(
                format!("{}{}{}{}厂 {number:06}", belt.city.zh, a.0, b.0, product.zh),
                format!("{}{} {} {} Works {number:06}", a.1, b.1.to_lowercase(), belt.city.en, product.en),
            );
            let products = Bilingual::new(
                format!("{quality_zh}{}，支持来样加工与小批量试单。", product.zh),
                format!("{quality_en} {}, made to sample, small trial orders welcome.", product.en.to_lowercase()),
            );
            // Log-uniform: as many firms making thousands a month as making millions.
            let capacity = 10f64.powf(rng.random_range(3.0..6.7)).round() as i64;
            let unit = *[QuantityUnit::Piece, QuantityUnit::Pair, QuantityUnit::Set, QuantityUnit::Kilogram].choose(&mut rng).unwrap();
            let mut markets: Vec<String> = some_of(&mut rng, &MARKETS, 4).into_iter().map(str::to_string).collect();
            markets.sort();
            let mut models = some_of(&mut rng, BusinessModel::ALL, 2);
            if models.is_empty() {
                models.push(BusinessModel::ALL[0]);
            }
            models.sort();
            let mut certifications = some_of(&mut rng, Certification::ALL, 3);
            certifications.sort();
            SyntheticSupplier {
                organisation: NewOrganisation {
                    kind: OrgKind::Manufacturer,
                    description: Bilingual::new(
                        format!("位于{}的{}生产企业。", belt.city.zh, product.zh),
                        format!("A maker of {} in {}.", product.en.to_lowercase(), belt.city.en),
                    ),
                    name,
                    province: Some(belt.province.clone()),
                    city: belt.city.clone(),
                    belt_ids: vec![belt.id],
                    created_by: None,
                    approved: true,
                    slug: None,
                    source: None,
                    is_demo: false,
                },
                profile: ProfileData {
                    products,
                    category_slugs: vec![slug],
                    moq: Some(Quantity { value: 10i64.pow(rng.random_range(1..4)), unit }),
                    capacity: Some(Quantity { value: capacity, unit }),
                    lead_time_days: Some(rng.random_range(3..60)),
                    sample_policy: SamplePolicy::ALL.choose(&mut rng).copied(),
                    price_band: PriceBand::ALL.choose(&mut rng).copied(),
                    certifications,
                    certifications_other: String::new(),
                    export_markets: markets,
                    business_models: models,
                    platforms: Vec::new(),
                    languages: vec![Language::ALL[0]],
                    floor_area_m2: Some(rng.random_range(200..20_000)),
                    overseas_warehouse: None,
                    warehouse_markets: Vec::new(),
                    own_factory: Some(rng.random_bool(0.8)),
                    exporting_since: Some(rng.random_range(1995..2025)),
                    annual_sales: SalesBand::ALL.choose(&mut rng).copied(),
                    test_reports: String::new(),
                },
            }
        })
        .collect()
}

/// Writes one manufacturer the way a person would end up with it: the
/// organisation, its profile, published, in one transaction that also tells
/// search (through the outbox). Returns the organisation's slug.
///
/// # Errors
/// On a database failure.
pub async fn write(db: &DatabaseConnection, supplier: &SyntheticSupplier) -> Result<String, AppError> {
    let txn = crate::db::begin_write(db).await?;
    let (org_id, slug) = insert_organisation(&txn, &supplier.organisation).await?;
    crate::suppliers::repo::save_in(&txn, org_id, None, &supplier.profile).await?;
    crate::suppliers::repo::set_status_in(&txn, org_id, ProfileStatus::Published).await?;
    txn.commit().await?;
    Ok(slug)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn belts() -> Vec<BeltStock> {
        vec![
            BeltStock {
                id: 1,
                province: "shandong".into(),
                city: Bilingual::new("青岛", "Qingdao"),
                categories: vec![("false-eyelashes".into(), Bilingual::new("假睫毛", "False eyelashes"))],
            },
            BeltStock {
                id: 2,
                province: "hunan".into(),
                city: Bilingual::new("岳阳", "Yueyang"),
                categories: vec![("fishing-tackle".into(), Bilingual::new("钓具", "Fishing tackle"))],
            },
        ]
    }

    #[test]
    fn the_same_seed_makes_the_same_suppliers() {
        assert_eq!(generate(7, 50, &belts()), generate(7, 50, &belts()));
        assert_ne!(generate(7, 50, &belts()), generate(8, 50, &belts()));
    }

    #[test]
    fn suppliers_are_bilingual_named_apart_and_in_their_belts_trade() {
        let made = generate(1, 200, &belts());
        let mut names: Vec<&str> = made.iter().map(|s| s.organisation.name.en.as_str()).collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), 200, "every name differs, so every address does");
        for s in &made {
            assert!(!s.organisation.name.zh.is_empty() && !s.profile.products.en.is_empty());
            let belt = belts().into_iter().find(|b| b.id == s.organisation.belt_ids[0]).unwrap();
            assert!(belt.categories.iter().any(|(slug, _)| *slug == s.profile.category_slugs[0]));
            let capacity = s.profile.capacity.as_ref().unwrap().value;
            assert!((1_000..=5_100_000).contains(&capacity), "{capacity}");
            assert!(!s.profile.business_models.is_empty());
        }
    }
}
