//! China's provincial-level divisions, with the codes used in URLs.

pub struct Province {
    pub code: &'static str,
    pub name_zh: &'static str,
    pub name_en: &'static str,
}

const fn p(code: &'static str, name_zh: &'static str, name_en: &'static str) -> Province {
    Province { code, name_zh, name_en }
}

pub static PROVINCES: &[Province] = &[
    p("beijing", "北京", "Beijing"),
    p("tianjin", "天津", "Tianjin"),
    p("hebei", "河北", "Hebei"),
    p("shanxi", "山西", "Shanxi"),
    p("inner-mongolia", "内蒙古", "Inner Mongolia"),
    p("liaoning", "辽宁", "Liaoning"),
    p("jilin", "吉林", "Jilin"),
    p("heilongjiang", "黑龙江", "Heilongjiang"),
    p("shanghai", "上海", "Shanghai"),
    p("jiangsu", "江苏", "Jiangsu"),
    p("zhejiang", "浙江", "Zhejiang"),
    p("anhui", "安徽", "Anhui"),
    p("fujian", "福建", "Fujian"),
    p("jiangxi", "江西", "Jiangxi"),
    p("shandong", "山东", "Shandong"),
    p("henan", "河南", "Henan"),
    p("hubei", "湖北", "Hubei"),
    p("hunan", "湖南", "Hunan"),
    p("guangdong", "广东", "Guangdong"),
    p("guangxi", "广西", "Guangxi"),
    p("hainan", "海南", "Hainan"),
    p("chongqing", "重庆", "Chongqing"),
    p("sichuan", "四川", "Sichuan"),
    p("guizhou", "贵州", "Guizhou"),
    p("yunnan", "云南", "Yunnan"),
    p("tibet", "西藏", "Tibet"),
    p("shaanxi", "陕西", "Shaanxi"),
    p("gansu", "甘肃", "Gansu"),
    p("qinghai", "青海", "Qinghai"),
    p("ningxia", "宁夏", "Ningxia"),
    p("xinjiang", "新疆", "Xinjiang"),
    p("taiwan", "台湾", "Taiwan"),
    p("hong-kong", "香港", "Hong Kong"),
    p("macao", "澳门", "Macao"),
];

pub fn province(code: &str) -> Option<&'static Province> {
    PROVINCES.iter().find(|p| p.code == code)
}

/// Every province as a form's choice: its code, and its name in `lang`.
pub fn province_choices(lang: crate::i18n::Lang) -> Vec<(String, String)> {
    PROVINCES.iter().map(|p| (p.code.to_string(), lang.pick(p.name_zh, p.name_en).to_string())).collect()
}

/// Great-circle distance in metres between two (latitude, longitude) points.
pub fn distance_m(a: (f64, f64), b: (f64, f64)) -> f64 {
    const EARTH_RADIUS_M: f64 = 6_371_008.8;
    let (lat1, lat2) = (a.0.to_radians(), b.0.to_radians());
    let (dlat, dlng) = ((b.0 - a.0).to_radians(), (b.1 - a.1).to_radians());
    let h = (dlat / 2.0).sin().powi(2) + lat1.cos() * lat2.cos() * (dlng / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_M * h.sqrt().min(1.0).asin()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances_between_belts_are_right() {
        // Pingdu (Qingdao) to Jimo (Qingdao): about 55 km apart.
        let pingdu = (36.7769, 119.9597);
        let jimo = (36.3897, 120.4473);
        let km = distance_m(pingdu, jimo) / 1000.0;
        assert!((55.0..65.0).contains(&km), "{km}");
        assert_eq!(distance_m(pingdu, pingdu), 0.0);
        // Beijing to Shanghai: about 1,067 km.
        let km = distance_m((39.9042, 116.4074), (31.2304, 121.4737)) / 1000.0;
        assert!((1_060.0..1_075.0).contains(&km), "{km}");
    }

    proptest::proptest! {
        #[test]
        fn distance_is_symmetric_and_bounded(a in -89.0f64..89.0, b in -179.0f64..179.0, c in -89.0f64..89.0, d in -179.0f64..179.0) {
            let there = distance_m((a, b), (c, d));
            proptest::prop_assert!((there - distance_m((c, d), (a, b))).abs() < 1e-6);
            proptest::prop_assert!((0.0..=20_040_000.0).contains(&there));
        }
    }

    #[test]
    fn codes_are_unique_and_url_safe() {
        let mut codes: Vec<_> = PROVINCES.iter().map(|p| p.code).collect();
        assert!(codes.iter().all(|c| c.chars().all(|ch| ch.is_ascii_lowercase() || ch == '-')));
        codes.sort();
        codes.dedup();
        assert_eq!(codes.len(), PROVINCES.len());
        assert_eq!(province("shandong").unwrap().name_zh, "山东");
        assert!(province("atlantis").is_none());
    }
}
