//! Profile photos: judged by their content, stored under the data
//! directory, served with their real type, and only by the firm's people.

use crate::common;

use app::accounts::types::Role;
use axum::http::StatusCode;
use common::*;

const SLUG: &str = "pingdu-silk-lashes";
const EDITOR: &str = "/orgs/pingdu-silk-lashes/profile";
const UPLOAD: &str = "/orgs/pingdu-silk-lashes/profile/photos";

/// The first bytes of a PNG of `width` × `height`: what the server reads to judge it.
fn png(width: u32, height: u32) -> Vec<u8> {
    let mut bytes = vec![0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, b'I', b'H', b'D', b'R'];
    bytes.extend(width.to_be_bytes());
    bytes.extend(height.to_be_bytes());
    bytes.extend([8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xde]);
    bytes
}

/// A manufacturer with a saved (draft) profile.
async fn maker(site: &Site) -> Browser {
    let mut maker = user(site, "wang@example.com", Role::Manufacturer).await;
    maker.call("create_organisation", &org_fields("manufacturer", "Pingdu Silk Lashes", "pingdu-false-eyelashes")).await;
    let fields = minimal_profile(SLUG, "Silk lashes");
    assert_eq!(maker.call("save_supply_profile", &fields).await.status, StatusCode::OK);
    maker
}

async fn photos(site: &Site) -> Vec<app::suppliers::photos::Photo> {
    let org = app::read::organisation_by_slug(&site.db.db, SLUG).await.unwrap();
    let profile = app::read::supply_profile_of(&site.db.db, org.id).await.unwrap().unwrap();
    app::suppliers::photo_store::photos_of(&site.db.db, profile.id).await.unwrap()
}

fn location(page: &Page) -> String {
    page.headers["location"].to_str().unwrap().to_string()
}

fn stored_files(site: &Site) -> usize {
    std::fs::read_dir(site.db.media_dir().join("photos")).map(|d| d.count()).unwrap_or(0)
}

#[tokio::test]
async fn a_photo_is_stored_shown_and_served_with_the_type_its_content_has() {
    let site = site().await;
    let mut maker = maker(&site).await;
    let photo = real_png(800, 600);
    // Named and labelled as a JPEG; the content says PNG, and PNG it is.
    let page = maker.upload(EDITOR, UPLOAD, &[("caption", "Our hand-tying workshop")], ("workshop.jpg", "image/jpeg", &photo)).await;
    assert_eq!(page.status, StatusCode::SEE_OTHER);
    assert_eq!(location(&page), format!("{EDITOR}?photo=added#photos"));

    let editor = maker.get(&format!("{EDITOR}?photo=added")).await;
    assert!(editor.body.contains("Photo uploaded."));
    let start = editor.body.find("/media/photos/").expect("the editor shows the photo");
    let url = editor.body[start..].split('"').next().unwrap().to_string();
    assert!(url.ends_with(".png"), "{url}");
    assert!(editor.body.contains(r#"width="800" height="600" alt="Our hand-tying workshop""#));

    let served = maker.get(&url).await;
    assert_eq!(served.status, StatusCode::OK);
    assert_eq!(served.headers["content-type"], "image/png");
    assert_eq!(served.headers["x-content-type-options"], "nosniff");
    assert!(served.headers["content-security-policy"].to_str().unwrap().contains("sandbox"));
    assert_eq!(served.headers["cache-control"], "private, no-store", "a draft's photo is private");

    // A draft's photos are its people's alone; published, everyone's; withdrawn, private again.
    let mut visitor = Browser::new(&site.router, "10.0.0.7");
    assert_eq!(visitor.get(&url).await.status, StatusCode::NOT_FOUND);
    maker.call("set_supply_profile_status", &[("slug", SLUG), ("action", "publish")]).await;
    let public = visitor.get(&format!("/suppliers/{SLUG}")).await;
    assert!(public.body.contains(&url), "the public page shows it");
    let served = visitor.get(&url).await;
    assert_eq!(served.status, StatusCode::OK);
    assert_eq!(served.headers["cache-control"], "public, max-age=31536000, immutable");
    maker.call("set_supply_profile_status", &[("slug", SLUG), ("action", "unpublish")]).await;
    assert_eq!(visitor.get(&url).await.status, StatusCode::NOT_FOUND);
    assert_eq!(maker.get(&url).await.status, StatusCode::OK);

    // Deleted: row, file and URL gone.
    let id = photos(&site).await[0].id.to_string();
    let page = maker.call("delete_profile_photo", &[("slug", SLUG), ("id", &id)]).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    assert_eq!(maker.get(&url).await.status, StatusCode::NOT_FOUND);
    assert_eq!(stored_files(&site), 0);
}

#[tokio::test]
async fn what_is_not_an_acceptable_photo_is_refused_with_a_message_by_the_field() {
    let site = site().await;
    let mut maker = maker(&site).await;
    let svg = br#"<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="300" height="300"/></svg>"#.to_vec();
    let elf = b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00".to_vec();
    let mut oversized = png(800, 600);
    oversized.resize(5 * 1024 * 1024 + 1, 0);
    let mut far_too_big = png(800, 600);
    far_too_big.resize(7 * 1024 * 1024, 0);
    let cases: Vec<(&str, &str, Vec<u8>, &str, &str)> = vec![
        ("logo.png", "image/png", svg, "svg", "SVG files are not accepted."),
        ("photo.jpg", "image/jpeg", elf, "not_an_image", "This file is not an image."),
        ("tiny.png", "image/png", png(120, 90), "too_small", "The photo is too small"),
        ("big.png", "image/png", oversized, "too_large", "A photo can be at most 5 MB."),
        ("huge.png", "image/png", far_too_big, "too_large", "A photo can be at most 5 MB."),
        ("nothing.png", "image/png", Vec::new(), "missing", "Choose a photo to upload."),
    ];
    for (name, claimed, bytes, code, message) in cases {
        let page = maker.upload(EDITOR, UPLOAD, &[("caption", "")], (name, claimed, &bytes)).await;
        assert_eq!(location(&page), format!("{EDITOR}?photo_error={code}#photos"), "{name}");
        let editor = maker.get(&format!("{EDITOR}?photo_error={code}")).await;
        let error = editor.body.find(r#"id="field-photo-error""#).expect("the photo field's error");
        assert!(editor.body[error..].contains(message), "{name}: {message}");
    }
    assert_eq!(stored_files(&site), 0, "nothing refused was stored");
    assert!(photos(&site).await.is_empty());

    let page = maker.upload(EDITOR, UPLOAD, &[("caption", &"字".repeat(121))], ("ok.png", "image/png", &real_png(800, 600))).await;
    assert_eq!(location(&page), format!("{EDITOR}?photo_error=caption_too_long#photos"));
    // A header that promises a picture over a body that is none.
    let page = maker.upload(EDITOR, UPLOAD, &[], ("fake.png", "image/png", &png(800, 600))).await;
    assert_eq!(location(&page), format!("{EDITOR}?photo_error=not_an_image#photos"));
    // 10,000 × 10,000 pixels in a few bytes: refused from its header, before any decoding.
    let page = maker.upload(EDITOR, UPLOAD, &[], ("bomb.png", "image/png", &png(10_000, 10_000))).await;
    assert_eq!(location(&page), format!("{EDITOR}?photo_error=too_wide#photos"));
    let page = maker.upload(EDITOR, UPLOAD, &[], ("bomb.png", "image/png", &png(8_000, 8_000))).await;
    assert_eq!(location(&page), format!("{EDITOR}?photo_error=too_wide#photos"), "within the side limit, over the pixel limit");
}

#[tokio::test]
async fn a_phones_photo_is_stored_without_its_position() {
    let site = site().await;
    let mut maker = maker(&site).await;
    let photo = jpeg_with_gps(4000, 3000);
    let page = maker.upload(EDITOR, UPLOAD, &[], ("IMG_0001.jpg", "image/jpeg", &photo)).await;
    assert_eq!(location(&page), format!("{EDITOR}?photo=added#photos"));
    let stored = photos(&site).await;
    assert_eq!((stored[0].width, stored[0].height), (2048, 1536), "scaled for the web");
    let served = maker.get(&stored[0].url).await;
    assert_eq!(served.headers["content-type"], "image/jpeg");
    let bytes = served.body.as_bytes();
    assert!(!bytes.windows(11).any(|w| w == b"GPSLatitude") && !bytes.windows(4).any(|w| w == b"Exif"), "nothing of the EXIF is served");
}

#[tokio::test]
async fn only_the_firms_people_add_or_delete_its_photos() {
    let site = site().await;
    let mut owner = maker(&site).await;
    let page = owner.upload(EDITOR, UPLOAD, &[], ("a.png", "image/png", &real_png(800, 600))).await;
    assert_eq!(location(&page), format!("{EDITOR}?photo=added#photos"), "{}", page.body);
    let id = photos(&site).await[0].id.to_string();

    let mut rival = user(&site, "rival@example.com", Role::Manufacturer).await;
    let page = rival.upload(EDITOR, UPLOAD, &[], ("b.png", "image/png", &png(800, 600))).await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert_eq!(rival.call("delete_profile_photo", &[("slug", SLUG), ("id", &id)]).await.status, StatusCode::FORBIDDEN);

    let mut stranger = Browser::new(&site.router, "10.0.0.8");
    let page = stranger.upload(EDITOR, UPLOAD, &[], ("c.png", "image/png", &png(800, 600))).await;
    assert_eq!(location(&page), "/signin?next=%2Forgs%2Fpingdu-silk-lashes%2Fprofile", "signed out: sign in first");

    // A page elsewhere cannot make a signed-in browser upload.
    let request = axum::http::Request::post(UPLOAD)
        .header("host", "beltlink.test")
        .header("origin", "https://evil.example")
        .header("content-type", "multipart/form-data; boundary=x")
        .header("cookie", owner.cookie.clone().unwrap())
        .body(axum::body::Body::from("--x--\r\n"))
        .unwrap();
    assert_eq!(send(&site.router, request).await.status, StatusCode::FORBIDDEN);

    assert_eq!(stored_files(&site), 1, "only the owner's photo is there");
    for path in ["/media/photos/..%2F..%2Fbeltlink.sqlite", "/media/photos/0123456789abcdef0123456789abcdef.svg", "/media/photos/x.png"] {
        assert_eq!(stranger.get(path).await.status, StatusCode::NOT_FOUND, "{path}");
    }
}

#[tokio::test]
async fn eight_uploads_at_once_when_six_fit_store_six() {
    // On PostgreSQL too, where the count is taken under a lock on the profile's row.
    for site in sites().await {
        let mut maker = maker(&site).await;
        let ok = real_png(400, 300);
        for n in 0..2 {
            let page = maker.upload(EDITOR, UPLOAD, &[], (&format!("{n}.png"), "image/png", &ok)).await;
            assert_eq!(location(&page), format!("{EDITOR}?photo=added#photos"));
        }
        let mut uploads = tokio::task::JoinSet::new();
        for n in 0..8 {
            let mut browser = Browser {
                router: maker.router.clone(),
                cookie: maker.cookie.clone(),
                form_error_cookie: None,
                script_cookies: Vec::new(),
                address: maker.address,
                lang: "en",
            };
            let ok = ok.clone();
            uploads.spawn(async move { location(&browser.upload(EDITOR, UPLOAD, &[], (&format!("c{n}.png"), "image/png", &ok)).await) });
        }
        let mut added = 0;
        while let Some(outcome) = uploads.join_next().await {
            let outcome = outcome.unwrap();
            if outcome == format!("{EDITOR}?photo=added#photos") {
                added += 1;
            } else {
                assert_eq!(outcome, format!("{EDITOR}?photo_error=too_many#photos"));
            }
        }
        assert_eq!(added, 6, "{}", site.db.url);
        assert_eq!(photos(&site).await.len(), 8);
        assert_eq!(stored_files(&site), 8, "no file is left behind by a refused upload");
    }
}
