//! Graduates' CVs: a PDF proved by its content and written afresh, refused
//! with the reason at the field when it is not one (or acts), served only as
//! a download, and only to its owner and the organisers of programs they
//! applied to.

use crate::applications::{graduate, organiser, MOTIVATION};
use crate::common;
use crate::programs::{program, refs, slug_of, with};

use app::accounts::types::Role;
use app::talent::cv::handmade_pdf;
use axum::http::StatusCode;
use common::*;

const PROFILE: &str = "/me/graduate";
const UPLOAD: &str = "/me/graduate/cv";

fn location(page: &Page) -> String {
    page.headers["location"].to_str().unwrap().to_string()
}

fn stored_cvs(site: &Site) -> usize {
    std::fs::read_dir(site.db.media_dir().join("cvs")).map(|d| d.count()).unwrap_or(0)
}

/// The CV's address on the profile page.
fn cv_url(page: &Page) -> String {
    let start = page.body.find("/media/cvs/").expect("the profile shows the CV");
    page.body[start..].split('"').next().unwrap().to_string()
}

#[tokio::test]
async fn a_cv_is_kept_written_afresh_and_read_only_by_its_owner_and_the_organisers() {
    for site in sites().await {
        let mut signed_out = Browser::new(&site.router, "10.9.3.1");
        let pdf = handmade_pdf(2, "", &[]);
        let page = signed_out.upload_file(PROFILE, UPLOAD, "cv", ("cv.pdf", "application/pdf", &pdf)).await;
        assert_eq!(location(&page), "/signin?next=%2Fme%2Fgraduate");

        // A profile first.
        let mut newcomer = user(&site, "no-profile-yet@example.com", Role::Graduate).await;
        let page = newcomer.upload_file(PROFILE, UPLOAD, "cv", ("cv.pdf", "application/pdf", &pdf)).await;
        assert_eq!(location(&page), "/me/graduate?cv_error=no_profile#cv");
        assert!(main_of(&newcomer.get(PROFILE).await).contains("Save your profile, then you can add a CV."));

        // Judged by content, whatever the name and type claim; each refusal at the field and in the summary.
        let mut ana = graduate(&site, "cv-ana@example.com", "2025").await;
        let refusals: [(&[u8], &str, &str); 4] = [
            (b"<html><script>alert(1)</script></html>", "not_pdf", "This file is not a PDF."),
            (&handmade_pdf(1, "/OpenAction << /S /JavaScript /JS (app.alert(1)) >>", &[]), "active_content", "carries scripts"),
            (&handmade_pdf(11, "", &[]), "too_many_pages", "at most 10 pages"),
            (b"", "missing", "Choose a PDF file"),
        ];
        for (bytes, code, words) in refusals {
            let page = ana.upload_file(PROFILE, UPLOAD, "cv", ("cv.pdf", "application/pdf", bytes)).await;
            assert_eq!(location(&page), format!("/me/graduate?cv_error={code}#cv"));
            let shown = main_of(&ana.get(&location(&page)).await);
            assert!(shown.contains(words), "{code}: {shown}");
            assert!(shown.contains("error-summary") && shown.contains(r#"aria-invalid="true""#), "{shown}");
        }
        assert_eq!(stored_cvs(&site), 0, "nothing refused is kept");

        let page = ana.upload_file(PROFILE, UPLOAD, "cv", ("mein lebenslauf.txt", "text/plain", &pdf)).await;
        assert_eq!(location(&page), "/me/graduate?cv=added#cv");
        let profile = ana.get("/me/graduate?cv=added").await;
        assert!(profile.body.contains("CV uploaded.") && profile.body.contains("2 pages"), "{}", main_of(&profile));
        let url = cv_url(&profile);
        assert!(url.ends_with(".pdf") && url.len() == "/media/cvs/".len() + 36, "a random name: {url}");
        let served = ana.get(&url).await;
        assert_eq!(served.status, StatusCode::OK);
        assert_eq!(served.headers["content-type"], "application/pdf");
        assert_eq!(served.headers["content-disposition"], "attachment; filename=\"cv.pdf\"");
        assert_eq!(served.headers["x-content-type-options"], "nosniff");
        assert!(served.headers["content-security-policy"].to_str().unwrap().contains("sandbox"));
        assert_eq!(served.headers["cache-control"], "private, no-store");
        assert!(served.body.starts_with("%PDF-") && !served.body.contains("Li Wei"), "written afresh, without the author");

        // Nobody else reads it until Ana applies; then that program's organisers (and site admins) do.
        let (mut organiser, association) = organiser(&site, "cv-camp@example.com", "CV Camp Office").await;
        let slug = slug_of(&organiser.call("save_program", &refs(&with(&program(&association, "CV camp", ""), "seats", "5"))).await);
        let mut other = graduate(&site, "cv-other@example.com", "2025").await;
        let mut admin = user(&site, "cv-admin@example.com", Role::SiteAdmin).await;
        for (who, browser) in [
            ("signed out", &mut signed_out),
            ("another graduate", &mut other),
            ("the organiser", &mut organiser),
            ("a site admin", &mut admin),
        ] {
            assert_eq!(browser.get(&url).await.status, StatusCode::NOT_FOUND, "{who}, before Ana applied");
        }
        let applied = ana.call("apply_to_program", &[("slug", &slug), ("motivation", MOTIVATION)]).await;
        assert_eq!(applied.status, StatusCode::OK, "{}", applied.body);
        let review = main_of(&organiser.get(&format!("/programs/{slug}/applications")).await);
        assert!(review.contains(&url) && review.contains("CV (PDF)"), "{review}");
        assert_eq!(organiser.get(&url).await.status, StatusCode::OK);
        assert_eq!(admin.get(&url).await.status, StatusCode::OK);
        assert_eq!(other.get(&url).await.status, StatusCode::NOT_FOUND);
        assert_eq!(signed_out.get(&url).await.status, StatusCode::NOT_FOUND);
        for forged in ["/media/cvs/..%2F..%2Fsecret.pdf", "/media/cvs/0123456789abcdef0123456789abcdef.pdf", "/media/cvs/ABCDEF.pdf"] {
            assert_eq!(ana.get(forged).await.status, StatusCode::NOT_FOUND, "{forged}");
        }

        // A new one replaces it; deleting removes row and file.
        let page = ana.upload_file(PROFILE, UPLOAD, "cv", ("cv.pdf", "application/pdf", &handmade_pdf(1, "", &[]))).await;
        assert_eq!(location(&page), "/me/graduate?cv=added#cv");
        let replaced = ana.get(PROFILE).await;
        let new_url = cv_url(&replaced);
        assert_ne!(new_url, url);
        assert!(replaced.body.contains("1 page ·"), "{}", main_of(&replaced));
        assert_eq!(ana.get(&url).await.status, StatusCode::NOT_FOUND);
        assert_eq!(stored_cvs(&site), 1, "the old file is gone");
        assert_eq!(signed_out.call("delete_graduate_cv", &[]).await.status, StatusCode::UNAUTHORIZED);
        // Another person's delete removes only their own (none).
        assert_eq!(other.call("delete_graduate_cv", &[]).await.status, StatusCode::OK);
        assert_eq!(ana.get(&new_url).await.status, StatusCode::OK);
        let deleted = ana.call("delete_graduate_cv", &[]).await;
        assert_eq!(deleted.status, StatusCode::OK, "{}", deleted.body);
        assert!(location(&deleted).starts_with("/me/graduate?cv=deleted"));
        assert!(main_of(&ana.get(&location(&deleted)).await).contains("CV deleted."));
        assert_eq!(ana.get(&new_url).await.status, StatusCode::NOT_FOUND);
        assert_eq!(stored_cvs(&site), 0);
        assert!(!main_of(&organiser.get(&format!("/programs/{slug}/applications")).await).contains("/media/cvs/"));
    }
}
