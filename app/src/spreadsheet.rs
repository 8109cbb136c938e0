//! Cells of the CSV files people download and open in a spreadsheet: the
//! association member list, scouts' shortlists.

/// The characters that make a spreadsheet read a cell as a formula.
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

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

/// Rows as a CSV file that spreadsheets open as UTF-8 (it starts with a byte
/// order mark), every cell neutralised.
#[cfg(feature = "ssr")]
pub fn csv_file(header: &[&str], rows: &[Vec<String>]) -> Result<Vec<u8>, crate::error::AppError> {
    let mut writer = csv::Writer::from_writer(b"\xef\xbb\xbf".to_vec());
    let fail = |_| crate::error::AppError::Internal;
    writer.write_record(header).map_err(fail)?;
    for row in rows {
        writer.write_record(row.iter().map(|cell| neutralised(cell))).map_err(fail)?;
    }
    writer.into_inner().map_err(|_| crate::error::AppError::Internal)
}
