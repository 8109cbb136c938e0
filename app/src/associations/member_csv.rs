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
    /// What the cell held (cut short), so the person can find it.
    #[serde(default)]
    pub value: String,
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
    /// Belts' and categories' names (slug, 中文, English), so a cell may name them as the pages do.
    pub names: &'a [(String, String, String)],
}

/// The belts an association's file may name and every category, as `(slug, 中文, English)`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FileNames {
    pub belts: Vec<(String, String, String)>,
    pub categories: Vec<(String, String, String)>,
}

impl FileNames {
    /// Both lists in one, for [`Known::names`].
    pub fn all(&self) -> Vec<(String, String, String)> {
        self.belts.iter().chain(&self.categories).cloned().collect()
    }
}

/// A row whose first cell starts with this is a note (the template's example), not a firm.
pub const NOTE_MARK: char = '#';

/// The template's example row, in [`COLUMNS`] order, written as people
/// write it: labels rather than codes.
pub fn example_row(names: &FileNames) -> Vec<String> {
    use crate::suppliers::types::{BusinessModel, Certification, Language, PriceBand, QuantityUnit, SalesPlatform, SamplePolicy};
    let belt = names.belts.first().map(|b| b.1.clone()).unwrap_or_default();
    let category =
        names.categories.iter().find(|c| c.0 == "false-eyelashes").or(names.categories.first()).map(|c| c.1.clone()).unwrap_or_default();
    let zh = Lang::Zh;
    [
        "# 示例行（导入时跳过）/ example row: skipped on import",
        "平度示例假睫毛厂",
        "Pingdu Example Lashes",
        "山东",
        "平度",
        "Pingdu",
        &belt,
        "手工真丝假睫毛",
        "Handmade silk strip lashes",
        &category,
        "1000",
        QuantityUnit::ALL[0].label(zh),
        "50000",
        QuantityUnit::ALL[0].label(zh),
        "15",
        SamplePolicy::ALL[0].label(zh),
        PriceBand::ALL[0].label(zh),
        Certification::ALL[0].label(zh),
        "",
        "美国、日本",
        BusinessModel::ALL[0].label(zh),
        SalesPlatform::ALL[0].label(zh),
        &format!("{}、{}", Language::ALL[0].label(zh), Language::ALL.get(1).map_or("", |l| l.label(zh))),
        "2000",
        "",
        "是",
    ]
    .into_iter()
    .map(str::to_string)
    .collect()
}

/// Every value the coded columns take: `[column, code, 中文, English]`.
pub fn allowed_values(names: &FileNames) -> Vec<[String; 4]> {
    use crate::suppliers::types::{BusinessModel, Certification, Language, PriceBand, QuantityUnit, SalesPlatform, SamplePolicy};
    let mut rows: Vec<[String; 4]> = Vec::new();
    let mut add = |column: &str, code: &str, zh: &str, en: &str| rows.push([column.into(), code.into(), zh.into(), en.into()]);
    for p in crate::geo::PROVINCES {
        add("province", p.code, p.name_zh, p.name_en);
    }
    for (slug, zh, en) in &names.belts {
        add("belt", slug, zh, en);
    }
    for (slug, zh, en) in &names.categories {
        add("categories", slug, zh, en);
    }
    for (column, choices) in [
        ("moq_unit / capacity_unit", labelled(QuantityUnit::ALL, QuantityUnit::code, QuantityUnit::label)),
        ("sample_policy", labelled(SamplePolicy::ALL, SamplePolicy::code, SamplePolicy::label)),
        ("price_band", labelled(PriceBand::ALL, PriceBand::code, PriceBand::label)),
        ("certifications", labelled(Certification::ALL, Certification::code, Certification::label)),
        ("business_models", labelled(BusinessModel::ALL, BusinessModel::code, BusinessModel::label)),
        ("platforms", labelled(SalesPlatform::ALL, SalesPlatform::code, SalesPlatform::label)),
        ("languages", labelled(Language::ALL, Language::code, Language::label)),
    ] {
        for (code, zh, en) in choices {
            add(column, code, zh, en);
        }
    }
    for (code, zh, en) in crate::suppliers::markets::named_markets() {
        add("export_markets", code, zh, en);
    }
    add("publish", "yes", "是", "yes");
    add("publish", "no", "否", "no");
    rows
}

/// The longest part of a refused cell a row error repeats.
const VALUE_SHOWN: usize = 80;

/// `value` as a code: the code itself, or the Chinese or English label of
/// one of `choices` (`(code, 中文, English)`); unchanged when it is neither,
/// so the check refuses it with what was written.
fn as_code<'c>(value: &str, choices: impl IntoIterator<Item = (&'c str, &'c str, &'c str)>) -> String {
    let value = value.trim();
    choices
        .into_iter()
        .find(|(code, zh, en)| *code == value || *zh == value || en.eq_ignore_ascii_case(value) || code.eq_ignore_ascii_case(value))
        .map_or_else(|| value.to_string(), |(code, _, _)| code.to_string())
}

/// The `(code, 中文, English)` of a closed list of choices.
fn labelled<T: Copy>(
    all: &[T],
    code: fn(T) -> &'static str,
    label: fn(T, Lang) -> &'static str,
) -> Vec<(&'static str, &'static str, &'static str)> {
    all.iter().map(|v| (code(*v), label(*v, Lang::Zh), label(*v, Lang::En))).collect()
}

/// A list cell with each value as a code (see [`as_code`]).
fn list_as_codes<'c>(cell: &str, choices: &[(&'c str, &'c str, &'c str)]) -> Vec<String> {
    list(cell).iter().map(|v| as_code(v, choices.iter().copied())).collect()
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
                rows.push(Err(vec![RowError { line, column: String::new(), problem: Problem::NotAChoice, value: String::new() }]));
                continue;
            }
        };
        let line = record.position().map_or(index + 2, |p| line_at(p.byte()));
        if record.iter().all(str::is_empty) || record.get(0).is_some_and(|first| first.starts_with(NOTE_MARK)) {
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

pub use crate::spreadsheet::{neutralised, restored};

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
    use crate::suppliers::types::{BusinessModel, Certification, Language, PriceBand, QuantityUnit, SalesPlatform, SamplePolicy};
    let mut errors = FormErrors::new();
    let name = crate::forms::bilingual(&mut errors, "name", &cell("name_zh"), &cell("name_en"), NAME_MAX, true);
    let city = crate::forms::bilingual(&mut errors, "city", &cell("city_zh"), &cell("city_en"), CITY_MAX, false);
    // Every coded column also takes the labels the pages show (山东, 假睫毛, 美国, 是).
    let province =
        Some(as_code(&cell("province"), crate::geo::PROVINCES.iter().map(|p| (p.code, p.name_zh, p.name_en)))).filter(|p| !p.is_empty());
    if province.as_deref().is_some_and(|p| crate::geo::province(p).is_none()) {
        errors.add("province", Problem::NotAChoice);
    }
    let names: Vec<(&str, &str, &str)> = known.names.iter().map(|(slug, zh, en)| (slug.as_str(), zh.as_str(), en.as_str())).collect();
    let belt = as_code(&cell("belt"), names.iter().copied());
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
    let units = labelled(QuantityUnit::ALL, QuantityUnit::code, QuantityUnit::label);
    let markets: Vec<String> =
        list(&cell("export_markets")).into_iter().map(|m| crate::suppliers::markets::market_code(&m).map_or(m, str::to_string)).collect();
    let form = ProfileForm {
        products_zh: cell("products_zh"),
        products_en: cell("products_en"),
        categories: list_as_codes(&cell("categories"), &names),
        moq_value: cell("moq_value"),
        moq_unit: as_code(&cell("moq_unit"), units.iter().copied()),
        capacity_value: cell("capacity_value"),
        capacity_unit: as_code(&cell("capacity_unit"), units.iter().copied()),
        lead_time_days: cell("lead_time_days"),
        sample_policy: as_code(&cell("sample_policy"), labelled(SamplePolicy::ALL, SamplePolicy::code, SamplePolicy::label)),
        price_band: as_code(&cell("price_band"), labelled(PriceBand::ALL, PriceBand::code, PriceBand::label)),
        certifications: list_as_codes(&cell("certifications"), &labelled(Certification::ALL, Certification::code, Certification::label)),
        certifications_other: cell("certifications_other"),
        export_markets: markets.join(","),
        business_models: list_as_codes(&cell("business_models"), &labelled(BusinessModel::ALL, BusinessModel::code, BusinessModel::label)),
        platforms: list_as_codes(&cell("platforms"), &labelled(SalesPlatform::ALL, SalesPlatform::code, SalesPlatform::label)),
        languages: list_as_codes(&cell("languages"), &labelled(Language::ALL, Language::code, Language::label)),
        floor_area_m2: cell("floor_area_m2"),
        overseas_warehouse: !warehouse.is_empty(),
        overseas_warehouse_where: warehouse,
        ..ProfileForm::default()
    };
    // The file has no column for the year exporting began, so no year bounds it.
    let profile = match rules::validate(&form, known.categories, i32::MAX) {
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
        _ => Err(errors
            .problems
            .into_iter()
            .map(|(column, problem)| {
                // A column's problem repeats what it held ("name" for both name columns: the Chinese one).
                let source = if COLUMNS.contains(&column.as_str()) { column.clone() } else { format!("{column}_zh") };
                let value = cell(&source).chars().take(VALUE_SHOWN).collect();
                RowError { line, column, problem, value }
            })
            .collect()),
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
        let known = Known { belts: &belts, categories: &categories, names: &[] };
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
        let known = Known { belts: &belts, categories: &categories, names: &[] };
        let bad_belt = GOOD.replace("pingdu-false-eyelashes", "miluo-fishing-tackle");
        let bad_moq = GOOD.replace("\"1,000\"", "lots");
        let bad_publish = GOOD.replace(",yes", ",maybe");
        let no_name = GOOD.replace("平度丝绸睫毛厂,Pingdu Silk Lashes", ",");
        let rows = read(&file(&[GOOD, &bad_belt, &bad_moq, "", &bad_publish, &no_name]), &known).unwrap();
        assert_eq!(rows.len(), 5, "the blank line is skipped");
        assert!(rows[0].is_ok());
        let problems = |i: usize| rows[i].clone().unwrap_err();
        assert_eq!(
            problems(1),
            vec![RowError { line: 3, column: "belt".into(), problem: Problem::NotAChoice, value: "miluo-fishing-tackle".into() }]
        );
        assert_eq!(
            problems(2),
            vec![RowError { line: 4, column: "moq_value".into(), problem: Problem::NotAWholeNumber, value: "lots".into() }]
        );
        assert_eq!(problems(3)[0].value, "maybe", "the refused cell is repeated");
        assert_eq!(problems(3)[0].column, "publish");
        assert_eq!(problems(3)[0].line, 6);
        assert_eq!(problems(4)[0].column, "name_zh");
    }

    fn names() -> FileNames {
        FileNames {
            belts: vec![("pingdu-false-eyelashes".into(), "平度假睫毛产业带".into(), "Pingdu False Eyelashes Belt".into())],
            categories: vec![
                ("false-eyelashes".into(), "假睫毛".into(), "False eyelashes".into()),
                ("wigs".into(), "假发".into(), "Wigs".into()),
            ],
        }
    }

    /// The labels the pages show work as well as the codes, in either language.
    #[test]
    fn cells_may_use_the_labels_people_read() {
        use crate::suppliers::types::{Certification, QuantityUnit};
        let (belts, categories) = known();
        let names = names().all();
        let known = Known { belts: &belts, categories: &categories, names: &names };
        let labelled = format!(
            ",平度丝绸睫毛厂,,山东,平度,,平度假睫毛产业带,手工睫毛,,假睫毛、Wigs,1000,{},,,,,,{}；CE,,美国、Japan,,,,,,是",
            QuantityUnit::ALL[0].label(Lang::Zh),
            Certification::Iso9001.label(Lang::Zh),
        );
        let member = read(&file(&[&labelled]), &known).unwrap()[0].clone().unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(member.province.as_deref(), Some("shandong"));
        assert_eq!(member.belt, "pingdu-false-eyelashes");
        assert_eq!(member.profile.category_slugs, vec!["false-eyelashes", "wigs"]);
        assert_eq!(member.profile.export_markets, vec!["US", "JP"]);
        assert_eq!(member.profile.moq.unwrap().unit, QuantityUnit::ALL[0]);
        assert_eq!(member.profile.certifications, vec![Certification::Ce, Certification::Iso9001], "kept in list order");
        assert!(member.publish);
        let wrong = labelled.replace("山东", "山冬");
        let refused = read(&file(&[&wrong]), &known).unwrap()[0].clone().unwrap_err();
        assert_eq!(refused, vec![RowError { line: 2, column: "province".into(), problem: Problem::NotAChoice, value: "山冬".into() }]);
    }

    /// The template's example row reads as a good member once its note mark is taken off, and is skipped with it.
    #[test]
    fn the_example_row_is_valid_and_skipped() {
        let (belts, categories) = known();
        let names = names();
        let all = names.all();
        let known = Known { belts: &belts, categories: &categories, names: &all };
        let example = example_row(&names);
        let line = |cells: &[String]| {
            let mut writer = csv::Writer::from_writer(Vec::new());
            writer.write_record(cells).unwrap();
            String::from_utf8(writer.into_inner().unwrap()).unwrap().trim_end().to_string()
        };
        assert_eq!(read(&file(&[&line(&example), GOOD]), &known).unwrap().len(), 1, "the example is skipped");
        let mut real = example.clone();
        real[0] = String::new();
        let member = read(&file(&[&line(&real)]), &known).unwrap()[0].clone().unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(member.name.en, "Pingdu Example Lashes");
        let allowed = allowed_values(&names);
        assert!(allowed.iter().any(|r| r[0] == "province" && r[2] == "山东"));
        assert!(allowed.iter().any(|r| r[0] == "export_markets" && r[1] == "US" && r[2] == "美国"));
        assert!(allowed.iter().any(|r| r[0] == "belt" && r[1] == "pingdu-false-eyelashes"));
    }

    #[test]
    fn whole_file_problems_are_named() {
        let (belts, categories) = known();
        let known = Known { belts: &belts, categories: &categories, names: &[] };
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
            proptest::prop_assert!(!out.starts_with(crate::spreadsheet::FORMULA_STARTS));
            proptest::prop_assert_eq!(restored(&out), cell.as_str());
        }
    }
}
