//! A graduate's CV: one PDF, judged by what it holds, never by its name or
//! the type the browser claims. A PDF can carry scripts, actions that open
//! other files or sites, and attachments; organisers open these files, so
//! any such content is refused, and what is kept is written afresh from the
//! objects that were read (nothing unread, appended or unreferenced
//! survives, and the document's metadata is dropped).

use serde::{Deserialize, Serialize};

use crate::coded_enum;

/// Largest CV accepted, in bytes.
pub const MAX_CV_BYTES: usize = 5 * 1024 * 1024;
/// Most pages: a CV is a page or two; a long portfolio belongs behind a link.
pub const MAX_CV_PAGES: usize = 10;
/// Most bytes a single compressed object may inflate to while it is read:
/// far above any real CV's, and a small file cannot become gigabytes.
pub const MAX_INFLATED_OBJECT: usize = 32 * 1024 * 1024;

coded_enum! {
    /// Why a CV was refused; travels in the URL back to the profile page.
    pub enum CvProblem {
        Missing = ("missing", "请选择一个 PDF 文件。", "Choose a PDF file to upload."),
        TooLarge = ("too_large", "简历不能超过 5 MB。", "A CV can be at most 5 MB."),
        NotPdf = ("not_pdf", "这个文件不是 PDF。请把简历导出或打印为 PDF 后再上传。", "This file is not a PDF. Export or print the CV as a PDF and upload that."),
        Damaged = ("damaged", "这个 PDF 无法读取，可能已损坏。请重新导出后再上传。", "This PDF cannot be read; it may be damaged. Export it again and upload that."),
        Encrypted = ("encrypted", "这个 PDF 设置了密码或加密。请保存一份没有密码的 PDF。", "This PDF is encrypted or has a password. Save a copy without one."),
        ActiveContent = ("active_content", "这个 PDF 含有脚本、自动操作或附件，不能上传。请重新导出或打印为 PDF，不要包含这些内容。", "This PDF carries scripts, automatic actions or attached files, which are not accepted. Export or print it to PDF again without them."),
        TooManyPages = ("too_many_pages", "简历最多 10 页。", "A CV can have at most 10 pages."),
        NoProfile = ("no_profile", "请先保存毕业生档案，再上传简历。", "Save your graduate profile before adding a CV."),
    }
}

/// A stored CV as its owner and the organisers see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CvFile {
    pub url: String,
    pub pages: i32,
    pub byte_size: i32,
    pub uploaded_at: crate::clock::Moment,
}

/// Where a stored CV is served from.
pub fn cv_url(file_name: &str) -> String {
    format!("/media/cvs/{file_name}")
}

/// "2 pages · 184 KB"
pub fn cv_size_text(cv: &CvFile, lang: crate::i18n::Lang) -> String {
    let kb = (i64::from(cv.byte_size) + 1023) / 1024;
    lang.pick(format!("{} 页 · {kb} KB", cv.pages), format!("{} page{} · {kb} KB", cv.pages, if cv.pages == 1 { "" } else { "s" }))
}

/// A CV that passed every check, as it is stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CleanCv {
    pub bytes: Vec<u8>,
    pub pages: usize,
}

/// Dictionary keys that make a PDF act rather than show: scripts, actions
/// run on opening or on events, attachments, rich media and XML forms.
#[cfg(feature = "ssr")]
const ACTIVE_KEYS: [&[u8]; 10] =
    [b"JS", b"JavaScript", b"OpenAction", b"AA", b"Launch", b"EmbeddedFile", b"EmbeddedFiles", b"EF", b"RichMedia", b"XFA"];

/// Action types (`/S`) that run code, open files or send data.
#[cfg(feature = "ssr")]
const ACTIVE_ACTIONS: [&[u8]; 8] =
    [b"JavaScript", b"Launch", b"SubmitForm", b"ImportData", b"GoToE", b"GoToR", b"RichMediaExecute", b"Rendition"];

/// Reads uploaded bytes as a PDF and writes it afresh.
///
/// # Errors
/// The first problem found.
#[cfg(feature = "ssr")]
pub fn clean_cv(bytes: &[u8]) -> Result<CleanCv, CvProblem> {
    if bytes.is_empty() {
        return Err(CvProblem::Missing);
    }
    if bytes.len() > MAX_CV_BYTES {
        return Err(CvProblem::TooLarge);
    }
    // The header the format requires, at the very start: no other file
    // type (an HTML page, a script, an archive) passes for a PDF here.
    if !bytes.starts_with(b"%PDF-1.") && !bytes.starts_with(b"%PDF-2.") {
        return Err(CvProblem::NotPdf);
    }
    let options = lopdf::LoadOptions { max_decompressed_size: Some(MAX_INFLATED_OBJECT), ..Default::default() };
    let mut document = lopdf::Document::load_mem_with_options(bytes, options).map_err(|e| match e {
        lopdf::Error::Decryption(_) | lopdf::Error::InvalidPassword | lopdf::Error::AlreadyEncrypted => CvProblem::Encrypted,
        _ => CvProblem::Damaged,
    })?;
    if document.was_encrypted() || document.is_encrypted() {
        return Err(CvProblem::Encrypted);
    }
    let pages = document.get_pages().len();
    if pages == 0 {
        return Err(CvProblem::Damaged);
    }
    if pages > MAX_CV_PAGES {
        return Err(CvProblem::TooManyPages);
    }
    if document.objects.values().any(is_active) || is_active_dictionary(&document.trailer) {
        return Err(CvProblem::ActiveContent);
    }
    // What the document says about itself (author, software, paths) is not the CV.
    document.trailer.remove(b"Info");
    if let Ok(catalog) = document.catalog_mut() {
        catalog.remove(b"Metadata");
    }
    document.prune_objects();
    let mut out = Vec::with_capacity(bytes.len());
    document.save_to(&mut out).map_err(|_| CvProblem::Damaged)?;
    Ok(CleanCv { bytes: out, pages })
}

#[cfg(feature = "ssr")]
fn is_active(object: &lopdf::Object) -> bool {
    match object {
        lopdf::Object::Dictionary(dictionary) => is_active_dictionary(dictionary),
        lopdf::Object::Stream(stream) => is_active_dictionary(&stream.dict),
        lopdf::Object::Array(items) => items.iter().any(is_active),
        _ => false,
    }
}

#[cfg(feature = "ssr")]
fn is_active_dictionary(dictionary: &lopdf::Dictionary) -> bool {
    dictionary.iter().any(|(key, value)| {
        ACTIVE_KEYS.contains(&key.as_slice())
            || (key.as_slice() == b"S" && matches!(value, lopdf::Object::Name(name) if ACTIVE_ACTIONS.contains(&name.as_slice())))
            || (key.as_slice() == b"Type"
                && matches!(value, lopdf::Object::Name(name) if name.as_slice() == b"EmbeddedFile" || name.as_slice() == b"Filespec"))
            || is_active(value)
    })
}

/// A small valid PDF written by hand, for tests and benches: `pages` blank
/// A4 pages, `catalog_extra` added to the catalog's dictionary, and
/// `objects` appended as numbered objects after the pages (refer to the first
/// as `{pages + 3} 0 R`). It names an author, so tests can see it dropped.
#[cfg(feature = "ssr")]
pub fn handmade_pdf(pages: usize, catalog_extra: &str, objects: &[&str]) -> Vec<u8> {
    let mut bodies = vec![
        format!("<< /Type /Catalog /Pages 2 0 R {catalog_extra} >>"),
        format!("<< /Type /Pages /Kids [{}] /Count {pages} >>", (0..pages).map(|i| format!("{} 0 R", i + 3)).collect::<Vec<_>>().join(" ")),
    ];
    bodies.extend((0..pages).map(|_| "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>".to_string()));
    bodies.extend(objects.iter().map(|o| o.to_string()));
    bodies.push("<< /Author (Li Wei) /Producer (handmade) >>".to_string());
    let info = bodies.len();
    let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in bodies.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", bodies.len() + 1).as_bytes());
    for offset in offsets {
        out.extend(format!("{offset:010} 00000 n \n").as_bytes());
    }
    out.extend(format!("trailer\n<< /Size {} /Root 1 0 R /Info {info} 0 R >>\nstartxref\n{xref}\n%%EOF\n", bodies.len() + 1).as_bytes());
    out
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_plain_pdf_is_kept_without_its_metadata() {
        let cv = clean_cv(&handmade_pdf(2, "", &[])).expect("a plain PDF");
        assert_eq!(cv.pages, 2);
        assert!(cv.bytes.starts_with(b"%PDF-"));
        let text = String::from_utf8_lossy(&cv.bytes);
        assert!(!text.contains("Li Wei") && !text.contains("handmade"), "{text}");
        // What was written reads back as the same document.
        assert_eq!(clean_cv(&cv.bytes).map(|again| again.pages), Ok(2));
    }

    #[test]
    fn anything_that_acts_is_refused() {
        let hostile = [
            handmade_pdf(1, "/OpenAction << /S /JavaScript /JS (app.alert(1)) >>", &[]),
            handmade_pdf(1, "/OpenAction 4 0 R", &["<< /S /JavaScript /JS 5 0 R >>", "(app.alert(1))"]),
            // A name spelt with an escape is the same name.
            handmade_pdf(1, "/OpenAction << /S /J#61vaScript /J#53 (app.alert(1)) >>", &[]),
            handmade_pdf(1, "/Names << /EmbeddedFiles << /Names [(a.exe) 4 0 R] >> >>", &["<< /Type /Filespec /F (a.exe) >>"]),
            handmade_pdf(1, "/AA << /WC << /S /Launch /F (cmd.exe) >> >>", &[]),
            handmade_pdf(1, "/AcroForm << /Fields [] /XFA 4 0 R >>", &["(<xdp/>)"]),
            handmade_pdf(1, "/Outlines << /First << /A << /S /SubmitForm /F (https://evil.example/) >> >> >>", &[]),
        ];
        for pdf in hostile {
            assert_eq!(clean_cv(&pdf), Err(CvProblem::ActiveContent), "{}", String::from_utf8_lossy(&pdf));
        }
    }

    #[test]
    fn other_files_and_broken_pdfs_are_refused() {
        assert_eq!(clean_cv(b""), Err(CvProblem::Missing));
        assert_eq!(clean_cv(b"<html><script>alert(1)</script></html>"), Err(CvProblem::NotPdf));
        assert_eq!(clean_cv(b"PK\x03\x04 a zip"), Err(CvProblem::NotPdf));
        // The header must open the file: a page that mentions it is not a PDF.
        assert_eq!(clean_cv(b"<p>%PDF-1.7</p>"), Err(CvProblem::NotPdf));
        assert_eq!(clean_cv(b"%PDF-1.7\nnot really a document"), Err(CvProblem::Damaged));
        assert_eq!(clean_cv(&handmade_pdf(0, "", &[])), Err(CvProblem::Damaged));
        assert_eq!(clean_cv(&handmade_pdf(MAX_CV_PAGES + 1, "", &[])), Err(CvProblem::TooManyPages));
        assert_eq!(clean_cv(&handmade_pdf(MAX_CV_PAGES, "", &[])).map(|cv| cv.pages), Ok(MAX_CV_PAGES));
        let mut huge = handmade_pdf(1, "", &[]);
        huge.resize(MAX_CV_BYTES + 1, b' ');
        assert_eq!(clean_cv(&huge), Err(CvProblem::TooLarge));
    }

    proptest! {
        #[test]
        fn arbitrary_bytes_after_the_header_never_panic(tail in proptest::collection::vec(any::<u8>(), 0..2048)) {
            let mut bytes = b"%PDF-1.4\n".to_vec();
            bytes.extend(tail);
            let _ = clean_cv(&bytes);
        }

        #[test]
        fn a_plain_pdf_of_any_length_within_the_limit_is_kept(pages in 1usize..=MAX_CV_PAGES) {
            prop_assert_eq!(clean_cv(&handmade_pdf(pages, "", &[])).map(|cv| cv.pages), Ok(pages));
        }
    }
}
