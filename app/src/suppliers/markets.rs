//! Export markets as ISO 3166-1 alpha-2 country codes: every assigned code is
//! accepted; the common destinations have names in both languages, the rest
//! are shown as their code.

use crate::i18n::Lang;

/// Every officially assigned ISO 3166-1 alpha-2 code.
const ISO_CODES: &str = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ \
BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET \
FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR \
IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN \
MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY \
QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR \
TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";

/// Names of the destinations Chinese exporters name most.
const NAMES: &[(&str, &str, &str)] = &[
    ("AE", "阿联酋", "United Arab Emirates"),
    ("AR", "阿根廷", "Argentina"),
    ("AT", "奥地利", "Austria"),
    ("AU", "澳大利亚", "Australia"),
    ("BD", "孟加拉国", "Bangladesh"),
    ("BE", "比利时", "Belgium"),
    ("BR", "巴西", "Brazil"),
    ("CA", "加拿大", "Canada"),
    ("CH", "瑞士", "Switzerland"),
    ("CL", "智利", "Chile"),
    ("CO", "哥伦比亚", "Colombia"),
    ("CZ", "捷克", "Czechia"),
    ("DE", "德国", "Germany"),
    ("DK", "丹麦", "Denmark"),
    ("EG", "埃及", "Egypt"),
    ("ES", "西班牙", "Spain"),
    ("FI", "芬兰", "Finland"),
    ("FR", "法国", "France"),
    ("GB", "英国", "United Kingdom"),
    ("GR", "希腊", "Greece"),
    ("HK", "中国香港", "Hong Kong, China"),
    ("ID", "印度尼西亚", "Indonesia"),
    ("IE", "爱尔兰", "Ireland"),
    ("IL", "以色列", "Israel"),
    ("IN", "印度", "India"),
    ("IT", "意大利", "Italy"),
    ("JP", "日本", "Japan"),
    ("KE", "肯尼亚", "Kenya"),
    ("KR", "韩国", "South Korea"),
    ("KZ", "哈萨克斯坦", "Kazakhstan"),
    ("MO", "中国澳门", "Macao, China"),
    ("MX", "墨西哥", "Mexico"),
    ("MY", "马来西亚", "Malaysia"),
    ("NG", "尼日利亚", "Nigeria"),
    ("NL", "荷兰", "Netherlands"),
    ("NO", "挪威", "Norway"),
    ("NZ", "新西兰", "New Zealand"),
    ("PE", "秘鲁", "Peru"),
    ("PH", "菲律宾", "Philippines"),
    ("PK", "巴基斯坦", "Pakistan"),
    ("PL", "波兰", "Poland"),
    ("PT", "葡萄牙", "Portugal"),
    ("RU", "俄罗斯", "Russia"),
    ("SA", "沙特阿拉伯", "Saudi Arabia"),
    ("SE", "瑞典", "Sweden"),
    ("SG", "新加坡", "Singapore"),
    ("TH", "泰国", "Thailand"),
    ("TR", "土耳其", "Türkiye"),
    ("TW", "中国台湾", "Taiwan, China"),
    ("UA", "乌克兰", "Ukraine"),
    ("US", "美国", "United States"),
    ("VN", "越南", "Vietnam"),
    ("ZA", "南非", "South Africa"),
];

/// Most markets one profile may list.
pub const MAX_MARKETS: usize = 60;
/// Longest text the markets field takes (60 codes with separators fit easily).
pub const MARKETS_TEXT_MAX: usize = 600;
/// Most unknown tokens a refusal names.
const UNKNOWN_SHOWN: usize = 10;

pub fn is_country_code(code: &str) -> bool {
    code.len() == 2 && ISO_CODES.split(' ').any(|c| c == code)
}

/// The markets with names here, as `(code, 中文, English)`.
pub fn named_markets() -> impl Iterator<Item = (&'static str, &'static str, &'static str)> {
    NAMES.iter().copied()
}

/// The code of the market named `name` in either language (美国, United States), if it has a name here.
pub fn market_code(name: &str) -> Option<&'static str> {
    let name = name.trim();
    NAMES.iter().find(|(_, zh, en)| *zh == name || en.eq_ignore_ascii_case(name)).map(|(code, _, _)| *code)
}

/// The market's name in `lang`, or its code when it has none here.
pub fn market_name(code: &str, lang: Lang) -> &str {
    NAMES.iter().find(|(c, _, _)| *c == code).map_or(code, |(_, zh, en)| lang.pick(zh, en))
}

/// Reads a typed list such as "US, jp、DE；uk": any of the usual separators,
/// any case, `UK` taken as `GB`, duplicates dropped, order kept. In linear
/// time, however long the input.
/// `Err` lists (the first few of) the tokens that are not country codes.
pub fn parse_markets(input: &str) -> Result<Vec<String>, Vec<String>> {
    let mut codes = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut unknown: Vec<String> = Vec::new();
    let separators = |c: char| c.is_whitespace() || matches!(c, ',' | '，' | '、' | ';' | '；' | '/' | '|');
    for token in input.split(separators).filter(|t| !t.is_empty()) {
        let upper = token.to_uppercase();
        let code = if upper == "UK" { "GB".to_string() } else { upper };
        if is_country_code(&code) {
            if seen.insert(code.clone()) {
                codes.push(code);
            }
        } else if unknown.len() < UNKNOWN_SHOWN && !unknown.iter().any(|u| u == token) {
            unknown.push(token.to_string());
        }
    }
    if unknown.is_empty() {
        Ok(codes)
    } else {
        Err(unknown)
    }
}

/// The markets typed into `field`, or none with the problem recorded.
pub fn checked_markets(errors: &mut crate::forms::FormErrors, field: &str, input: &str) -> Vec<String> {
    use crate::forms::Problem;
    if input.chars().count() > MARKETS_TEXT_MAX {
        errors.add(field, Problem::TooLong { max: MARKETS_TEXT_MAX });
        return Vec::new();
    }
    match parse_markets(input) {
        Ok(codes) if codes.len() > MAX_MARKETS => {
            errors.add(field, Problem::TooMany { max: MAX_MARKETS });
            Vec::new()
        }
        Ok(codes) => codes,
        Err(unknown) => {
            errors.add(field, Problem::UnknownCountryCodes(unknown));
            Vec::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_code_list_is_the_full_iso_list() {
        let codes: Vec<&str> = ISO_CODES.split(' ').collect();
        assert_eq!(codes.len(), 249);
        assert!(codes.windows(2).all(|w| w[0] < w[1]), "sorted and without duplicates");
        for (code, _, _) in NAMES {
            assert!(is_country_code(code), "{code} is named but not a code");
        }
    }

    #[test]
    fn a_flood_of_tokens_is_refused_quickly_with_a_short_message() {
        let flood = "XX, ".repeat(40_000);
        let mut errors = crate::forms::FormErrors::new();
        assert!(checked_markets(&mut errors, "export_markets", &flood).is_empty());
        assert_eq!(errors.problem("export_markets"), Some(&crate::forms::Problem::TooLong { max: MARKETS_TEXT_MAX }));
        // Even unchecked, a refusal names only a few (and parsing keeps sets, not lists).
        let unknown = (0..40_000).map(|n| format!("x{n}")).collect::<Vec<_>>().join(",");
        assert_eq!(parse_markets(&unknown).unwrap_err().len(), UNKNOWN_SHOWN);
    }

    #[test]
    fn markets_are_read_the_way_people_type_them() {
        assert_eq!(parse_markets(" us, jp、DE；uk /us").unwrap(), vec!["US", "JP", "DE", "GB"]);
        assert_eq!(parse_markets("").unwrap(), Vec::<String>::new());
        assert_eq!(parse_markets("US, Europe, XX").unwrap_err(), vec!["Europe", "XX"]);
        assert_eq!(market_name("JP", Lang::Zh), "日本");
        assert_eq!(market_name("LI", Lang::En), "LI");
    }

    proptest::proptest! {
        #[test]
        fn parsed_markets_are_known_unique_codes(input in "[A-Za-z ,、]{0,40}") {
            if let Ok(codes) = parse_markets(&input) {
                for (i, code) in codes.iter().enumerate() {
                    proptest::prop_assert!(is_country_code(code));
                    proptest::prop_assert!(!codes[..i].contains(code));
                }
            }
        }
    }
}
