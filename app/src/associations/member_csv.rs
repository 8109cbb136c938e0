//! The member spreadsheet an association imports and exports: one
//! manufacturer per row, its organisation and its supply profile. Reading a
//! file is a pure function; every row is checked by the same rules as the
//! web forms, and a bad row never stops the good ones.

use serde::{Deserialize, Serialize};

use crate::forms::{FormErrors, Problem};
use crate::i18n::{Bilingual, Lang};
use crate::suppliers::rules::{self, ProfileForm};
use crate::suppliers::types::ProfileData;

/// The columns, in the order the template and exports use. `slug` is empty
/// for a new firm and filled in exports, so a re-import updates that firm.
pub const COLUMNS: [&str; 26] = [
    "slug",
    "name_zh",
    "name_en",
    "province",
    "city_zh",
    "city_en",
    "belt",
    "products_zh",
    "products_en",
    "categories",
    "moq_value",
    "moq_unit",
    "capacity_value",
    "capacity_unit",
    "lead_time_days",
    "sample_policy",
    "price_band",
    "certifications",
    "certifications_other",
    "export_markets",
    "business_models",
    "platforms",
    "languages",
    "floor_area_m2",
    "overseas_warehouse",
    "publish",
];

/// Largest file accepted, and most rows in one file.
pub const MAX_BYTES: usize = 2 * 1024 * 1024;
pub const MAX_ROWS: usize = 5000;
const NAME_MAX: usize = 120;
const CITY_MAX: usize = 64;

/// One valid row.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MemberRow {
    /// The line in the file (the header is line 1).
    pub line: usize,
    pub slug: Option<String>,
    pub name: Bilingual,
    pub province: Option<String>,
    pub city: Bilingual,
    pub belt: String,
    pub profile: ProfileData,
    pub publish: bool,
}

/// One problem of one row.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RowError {
    pub line: usize,
    pub column: String,
    pub problem: Problem,
}

/// Why a whole file cannot be read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileProblem {
    Missing,
    TooLarge,
    NotText,
    MissingColumns(Vec<String>),
    TooManyRows,
    NoRows,
    /// The association's previous import has not finished.
    AlreadyRunning,
    /// More rows than an association may import in an hour.
    HourlyLimit,
}

/// Most rows one association may import in an hour.
pub const ROWS_PER_HOUR: usize = 10_000;

impl FileProblem {
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (FileProblem::Missing, Lang::Zh) => "请选择一个 CSV 文件。".into(),
            (FileProblem::Missing, Lang::En) => "Choose a CSV file.".into(),
            (FileProblem::TooLarge, Lang::Zh) => "文件不能超过 2 MB。".into(),
            (FileProblem::TooLarge, Lang::En) => "The file can be at most 2 MB.".into(),
            (FileProblem::NotText, Lang::Zh) => "无法读取：文件不是 UTF-8 或 GBK 编码的 CSV。".into(),
            (FileProblem::NotText, Lang::En) => "Cannot read this: it is not a CSV file in UTF-8 or GBK.".into(),
            (FileProblem::MissingColumns(c), Lang::Zh) => format!("缺少这些列：{}。请使用模板。", c.join("、")),
            (FileProblem::MissingColumns(c), Lang::En) => format!("These columns are missing: {}. Start from the template.", c.join(", ")),
            (FileProblem::TooManyRows, Lang::Zh) => format!("一次最多导入 {MAX_ROWS} 行，请拆分文件。"),
            (FileProblem::TooManyRows, Lang::En) => format!("Import at most {MAX_ROWS} rows at a time; split the file."),
            (FileProblem::NoRows, Lang::Zh) => "文件中没有数据行。".into(),
            (FileProblem::NoRows, Lang::En) => "The file has no rows below its header.".into(),
            (FileProblem::AlreadyRunning, Lang::Zh) => "上一次导入还在进行，请等它完成后再导入。".into(),
            (FileProblem::AlreadyRunning, Lang::En) => "The previous import is still running; import again once it has finished.".into(),
            (FileProblem::HourlyLimit, Lang::Zh) => format!("每个协会每小时最多导入 {ROWS_PER_HOUR} 行，请稍后再导入。"),
            (FileProblem::HourlyLimit, Lang::En) => {
                format!("An association imports at most {ROWS_PER_HOUR} rows an hour; import the rest later.")
            }
        }
    }

    /// A short code, to carry the problem in a URL.
    pub fn code(&self) -> String {
        match self {
            FileProblem::Missing => "missing".into(),
            FileProblem::TooLarge => "too_large".into(),
            FileProblem::NotText => "not_text".into(),
            FileProblem::MissingColumns(c) => format!("columns:{}", c.join(",")),
            FileProblem::TooManyRows => "too_many_rows".into(),
            FileProblem::NoRows => "no_rows".into(),
            FileProblem::AlreadyRunning => "running".into(),
            FileProblem::HourlyLimit => "hourly_limit".into(),
        }
    }

    pub fn from_code(code: &str) -> Option<FileProblem> {
        Some(match code {
            "missing" => FileProblem::Missing,
            "too_large" => FileProblem::TooLarge,
            "not_text" => FileProblem::NotText,
            "too_many_rows" => FileProblem::TooManyRows,
            "no_rows" => FileProblem::NoRows,
            "running" => FileProblem::AlreadyRunning,
            "hourly_limit" => FileProblem::HourlyLimit,
            other => FileProblem::MissingColumns(
                other.strip_prefix("columns:")?.split(',').filter(|c| COLUMNS.contains(c)).map(str::to_string).collect(),
            ),
        })
    }
}

/// What the association's import may refer to.
pub struct Known<'a> {
    /// The belts the association serves: the only ones its rows may name.
    pub belts: &'a [String],
    pub categories: &'a [String],
}

/// The text of an uploaded file: UTF-8 (with or without a byte-order mark),
/// else GBK, which is what spreadsheet programs in China usually write.
#[cfg(feature = "ssr")]
pub fn decode(bytes: &[u8]) -> Result<String, FileProblem> {
    if bytes.is_empty() {
        return Err(FileProblem::Missing);
    }
    if bytes.len() > MAX_BYTES {
        return Err(FileProblem::TooLarge);
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_string());
    }
    let (text, _, had_errors) = encoding_rs::GBK.decode(bytes);
    if had_errors || text.contains('\0') {
        return Err(FileProblem::NotText);
    }
    Ok(text.into_owned())
}

/// Reads every row of a member file. The outer error is about the whole
/// file; each row is either a member or its problems.
///
/// # Errors
/// When the file has no usable header or too many rows.
#[cfg(feature = "ssr")]
pub fn read(text: &str, known: &Known) -> Result<Vec<Result<MemberRow, Vec<RowError>>>, FileProblem> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).trim(csv::Trim::All).from_reader(text.as_bytes());
    let headers: Vec<String> = reader.headers().map_err(|_| FileProblem::NotText)?.iter().map(|h| h.to_ascii_lowercase()).collect();
    let missing: Vec<String> = COLUMNS.iter().filter(|c| !headers.iter().any(|h| h == *c)).map(|c| c.to_string()).collect();
    if !missing.is_empty() {
        return Err(FileProblem::MissingColumns(missing));
    }
    // The csv reader neither counts blank lines nor starts a record's offset
    // after them: find the record's first byte, and count lines up to it.
    let bytes = text.as_bytes();
    let line_at = |byte: u64| {
        let mut start = (byte as usize).min(bytes.len());
        while start < bytes.len() && matches!(bytes[start], b'\n' | b'\r') {
            start += 1;
        }
        bytes[..start].iter().filter(|b| **b == b'\n').count() + 1
    };
    // Counted before any row is checked, so an oversized file is refused at once.
    let records: Vec<Result<csv::StringRecord, csv::Error>> = reader.records().collect();
    if records.len() > MAX_ROWS {
        return Err(FileProblem::TooManyRows);
    }
    let mut rows = Vec::new();
    for (index, record) in records.into_iter().enumerate() {
        // The line in the file as a spreadsheet shows it (blank lines count).
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(index + 2, |p| line_at(p.byte()));
                rows.push(Err(vec![RowError { line, column: String::new(), problem: Problem::NotAChoice }]));
                continue;
            }
        };
        let line = record.position().map_or(index + 2, |p| line_at(p.byte()));
        if record.iter().all(str::is_empty) {
            continue;
        }
        let cell = |column: &str| restored(headers.iter().position(|h| h == column).and_then(|i| record.get(i)).unwrap_or("")).to_string();
        rows.push(check_row(line, &cell, known));
    }
    if rows.is_empty() {
        return Err(FileProblem::NoRows);
    }
    Ok(rows)
}

/// The characters that make a spreadsheet read a cell as a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell as exported: one a spreadsheet would run as a formula gets a
/// leading `'` (the spreadsheet convention for "this is text"), and so does
/// one that starts with `'` itself, so the mark can always be taken off again.
pub fn neutralised(cell: &str) -> String {
    if cell.starts_with(FORMULA_STARTS) || cell.starts_with('\'') {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// A cell as imported: a leading `'` is the text mark, not part of the value.
pub fn restored(cell: &str) -> &str {
    cell.strip_prefix('\'').unwrap_or(cell)
}

/// A list cell: values separated by `;`, `,` or `、`.
fn list(cell: &str) -> Vec<String> {
    cell.split([';', ',', '、', '；', '，']).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
}

/// Yes or no, as people write it.
fn yes(cell: &str) -> Option<bool> {
    match cell.trim().to_lowercase().as_str() {
        "yes" | "y" | "true" | "1" | "是" | "发布" => Some(true),
        "" | "no" | "n" | "false" | "0" | "否" | "不发布" => Some(false),
        _ => None,
    }
}

/// Checks one row with the rules of the organisation and profile forms.
pub fn check_row(line: usize, cell: &dyn Fn(&str) -> String, known: &Known) -> Result<MemberRow, Vec<RowError>> {
    let mut errors = FormErrors::new();
    let name = crate::forms::bilingual(&mut errors, "name", &cell("name_zh"), &cell("name_en"), NAME_MAX, true);
    let city = crate::forms::bilingual(&mut errors, "city", &cell("city_zh"), &cell("city_en"), CITY_MAX, false);
    let province = Some(cell("province")).filter(|p| !p.is_empty());
    if province.as_deref().is_some_and(|p| crate::geo::province(p).is_none()) {
        errors.add("province", Problem::NotAChoice);
    }
    let belt = cell("belt");
    if belt.is_empty() {
        errors.add("belt", Problem::Required);
    } else if !known.belts.contains(&belt) {
        errors.add("belt", Problem::NotAChoice);
    }
    let publish = yes(&cell("publish"));
    if publish.is_none() {
        errors.add("publish", Problem::NotAChoice);
    }
    let warehouse = cell("overseas_warehouse");
    let form = ProfileForm {
        products_zh: cell("products_zh"),
        products_en: cell("products_en"),
        categories: list(&cell("categories")),
        moq_value: cell("moq_value"),
        moq_unit: cell("moq_unit"),
        capacity_value: cell("capacity_value"),
        capacity_unit: cell("capacity_unit"),
        lead_time_days: cell("lead_time_days"),
        sample_policy: cell("sample_policy"),
        price_band: cell("price_band"),
        certifications: list(&cell("certifications")),
        certifications_other: cell("certifications_other"),
        export_markets: cell("export_markets"),
        business_models: list(&cell("business_models")),
        platforms: list(&cell("platforms")),
        languages: list(&cell("languages")),
        floor_area_m2: cell("floor_area_m2"),
        overseas_warehouse: !warehouse.is_empty(),
        overseas_warehouse_where: warehouse,
    };
    let profile = match rules::validate(&form, known.categories) {
        Ok(profile) => Some(profile),
        Err(profile_errors) => {
            for (field, problem) in profile_errors.problems {
                // The warehouse's place is its own column here.
                let column = if field == "overseas_warehouse_where" { "overseas_warehouse".to_string() } else { field };
                errors.add(&column, problem);
            }
            None
        }
    };
    match (profile, publish) {
        (Some(profile), Some(publish)) if errors.is_empty() => {
            Ok(MemberRow { line, slug: Some(cell("slug")).filter(|s| !s.is_empty()), name, province, city, belt, profile, publish })
        }
        _ => Err(errors.problems.into_iter().map(|(column, problem)| RowError { line, column, problem }).collect()),
    }
}

/// The cells of one member, in [`COLUMNS`] order, for an export.
pub fn cells(slug: &str, row: &MemberRow) -> Vec<String> {
    let form = ProfileForm::from_profile(&row.profile);
    let joined = |v: &[String]| v.join(";");
    COLUMNS
        .iter()
        .map(|column| match *column {
            "slug" => slug.to_string(),
            "name_zh" => row.name.zh.clone(),
            "name_en" => row.name.en.clone(),
            "province" => row.province.clone().unwrap_or_default(),
            "city_zh" => row.city.zh.clone(),
            "city_en" => row.city.en.clone(),
            "belt" => row.belt.clone(),
            "categories" => joined(&form.categories),
            "certifications" => joined(&form.certifications),
            "export_markets" => row.profile.export_markets.join(";"),
            "business_models" => joined(&form.business_models),
            "platforms" => joined(&form.platforms),
            "languages" => joined(&form.languages),
            "overseas_warehouse" => form.overseas_warehouse_where.clone(),
            "publish" => {
                if row.publish {
                    "yes".into()
                } else {
                    "no".into()
                }
            }
            other => form.field_values().get(other).cloned().unwrap_or_default(),
        })
        .collect()
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    fn known() -> (Vec<String>, Vec<String>) {
        (vec!["pingdu-false-eyelashes".into()], vec!["false-eyelashes".into(), "wigs".into()])
    }

    fn file(rows: &[&str]) -> String {
        let mut text = COLUMNS.join(",");
        for row in rows {
            text.push('\n');
            text.push_str(row);
        }
        text
    }

    const GOOD: &str = ",平度丝绸睫毛厂,Pingdu Silk Lashes,shandong,平度,Pingdu,pingdu-false-eyelashes,手工睫毛,Handmade lashes,false-eyelashes,\"1,000\",pair,200000,pair,15,refundable,,bsci;ce,,US;JP,oem;own_brand,amazon,zh;en,3000,Los Angeles,yes";

    #[test]
    fn a_good_row_is_read_into_a_member_and_written_back_the_same() {
        let (belts, categories) = known();
        let known = Known { belts: &belts, categories: &categories };
        let rows = read(&file(&[GOOD]), &known).unwrap();
        let member = rows[0].clone().unwrap();
        assert_eq!(member.line, 2);
        assert_eq!(member.name.en, "Pingdu Silk Lashes");
        assert_eq!(member.profile.moq.unwrap().value, 1000);
        assert_eq!(member.profile.export_markets, vec!["US", "JP"]);
        assert_eq!(member.profile.overseas_warehouse.as_deref(), Some("Los Angeles"));
        assert!(member.publish);

        // An export read back gives the same member.
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.write_record(COLUMNS).unwrap();
        writer.write_record(cells("pingdu-silk-lashes", &member)).unwrap();
        let exported = String::from_utf8(writer.into_inner().unwrap()).unwrap();
        let again = read(&exported, &known).unwrap()[0].clone().unwrap();
        assert_eq!(again.slug.as_deref(), Some("pingdu-silk-lashes"));
        assert_eq!(MemberRow { slug: None, ..again }, member);
    }

    #[test]
    fn bad_rows_name_their_line_and_column_and_good_rows_still_count() {
        let (belts, categories) = known();
        let known = Known { belts: &belts, categories: &categories };
        let bad_belt = GOOD.replace("pingdu-false-eyelashes", "miluo-fishing-tackle");
        let bad_moq = GOOD.replace("\"1,000\"", "lots");
        let bad_publish = GOOD.replace(",yes", ",maybe");
        let no_name = GOOD.replace("平度丝绸睫毛厂,Pingdu Silk Lashes", ",");
        let rows = read(&file(&[GOOD, &bad_belt, &bad_moq, "", &bad_publish, &no_name]), &known).unwrap();
        assert_eq!(rows.len(), 5, "the blank line is skipped");
        assert!(rows[0].is_ok());
        let problems = |i: usize| rows[i].clone().unwrap_err();
        assert_eq!(problems(1), vec![RowError { line: 3, column: "belt".into(), problem: Problem::NotAChoice }]);
        assert_eq!(problems(2), vec![RowError { line: 4, column: "moq_value".into(), problem: Problem::NotAWholeNumber }]);
        assert_eq!(problems(3)[0].column, "publish");
        assert_eq!(problems(3)[0].line, 6);
        assert_eq!(problems(4)[0].column, "name_zh");
    }

    #[test]
    fn whole_file_problems_are_named() {
        let (belts, categories) = known();
        let known = Known { belts: &belts, categories: &categories };
        assert_eq!(
            read("name_zh,name_en\n1,2", &known).unwrap_err().code(),
            FileProblem::from_code(&read("name_zh,name_en\n1,2", &known).unwrap_err().code()).unwrap().code()
        );
        assert!(matches!(read("name_zh,name_en\n1,2", &known), Err(FileProblem::MissingColumns(c)) if c.contains(&"belt".to_string())));
        assert_eq!(read(&file(&[]), &known), Err(FileProblem::NoRows));
        let many: Vec<&str> = std::iter::repeat_n(GOOD, MAX_ROWS + 1).collect();
        assert_eq!(read(&file(&many), &known), Err(FileProblem::TooManyRows));
        assert_eq!(decode(b""), Err(FileProblem::Missing));
        assert_eq!(decode(b"\xef\xbb\xbfslug").unwrap(), "slug");
        let (gbk, _, _) = encoding_rs::GBK.encode("平度假睫毛");
        assert_eq!(decode(&gbk).unwrap(), "平度假睫毛", "spreadsheets in China save GBK");
        assert_eq!(decode(b"\x00\x01\x02\xff\xfe"), Err(FileProblem::NotText));
    }

    #[test]
    fn formula_cells_are_exported_as_text_and_imported_back() {
        for (cell, exported) in [
            ("=HYPERLINK(\"http://evil.example\")", "'=HYPERLINK(\"http://evil.example\")"),
            ("+1+1", "'+1+1"),
            ("-2", "'-2"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("平度假睫毛", "平度假睫毛"),
            ("'quoted", "''quoted"),
        ] {
            assert_eq!(neutralised(cell), exported);
            assert_eq!(restored(&neutralised(cell)), cell);
        }
    }

    proptest::proptest! {
        #[test]
        fn no_exported_cell_starts_a_formula_and_every_one_round_trips(cell in ".{0,40}") {
            let out = neutralised(&cell);
            proptest::prop_assert!(!out.starts_with(FORMULA_STARTS));
            proptest::prop_assert_eq!(restored(&out), cell.as_str());
        }
    }
}
