//! Factory photos on a supply profile: what is accepted, and the message for
//! each refusal. The bytes are judged by their content, never by the name or
//! the type the browser claims.

use serde::{Deserialize, Serialize};

use crate::coded_enum;
use crate::i18n::Lang;

/// Largest photo accepted, in bytes.
pub const MAX_BYTES: usize = 5 * 1024 * 1024;
/// Most photos on one profile.
pub const MAX_PHOTOS: usize = 8;
/// Smallest side, in pixels: smaller shows nothing of a factory.
pub const MIN_SIDE: usize = 200;
/// Largest side, in pixels.
pub const MAX_SIDE: usize = 8_192;
/// Most pixels: what a phone's camera makes, and what the server decodes
/// (about 100 MB at four bytes a pixel), read from the header before decoding.
pub const MAX_PIXELS: usize = 24_000_000;
/// Longest side of the photo as stored and served: sharp on any screen, light on a phone.
pub const SERVED_SIDE: u32 = 2_048;
pub const CAPTION_MAX: usize = 120;

coded_enum! {
    /// The formats stored and served.
    pub enum PhotoFormat {
        Jpeg = ("jpg", "JPEG", "JPEG"),
        Png = ("png", "PNG", "PNG"),
        Webp = ("webp", "WebP", "WebP"),
    }
}

impl PhotoFormat {
    pub fn content_type(self) -> &'static str {
        match self {
            PhotoFormat::Jpeg => "image/jpeg",
            PhotoFormat::Png => "image/png",
            PhotoFormat::Webp => "image/webp",
        }
    }
}

coded_enum! {
    /// Why an upload was refused; travels in the URL back to the editor.
    pub enum PhotoProblem {
        Missing = ("missing", "请选择一张照片。", "Choose a photo to upload."),
        TooLarge = ("too_large", "照片不能超过 5 MB。", "A photo can be at most 5 MB."),
        Svg = ("svg", "不接受 SVG 文件，请上传 JPEG、PNG 或 WebP 照片。", "SVG files are not accepted. Upload a JPEG, PNG or WebP photo."),
        Unsupported = ("unsupported", "只接受 JPEG、PNG 或 WebP 照片。", "Only JPEG, PNG and WebP photos are accepted."),
        NotAnImage = ("not_an_image", "这个文件不是图片。请上传 JPEG、PNG 或 WebP 照片。", "This file is not an image. Upload a JPEG, PNG or WebP photo."),
        TooSmall = ("too_small", "照片太小：长和宽都至少需要 200 像素。", "The photo is too small: both sides need at least 200 pixels."),
        TooWide = ("too_wide", "照片尺寸太大：每边不超过 8192 像素，总像素不超过 2400 万。", "The photo is too big: at most 8,192 pixels a side and 24 megapixels in all."),
        TooMany = ("too_many", "每份档案最多 8 张照片，请先删除一张。", "A profile holds at most 8 photos. Delete one first."),
        CaptionTooLong = ("caption_too_long", "说明不能超过 120 个字符。", "Use at most 120 characters for the caption."),
        NoProfile = ("no_profile", "请先保存档案，再上传照片。", "Save the profile before adding photos."),
    }
}

/// A photo as shown on a page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Photo {
    pub id: i32,
    pub url: String,
    pub width: i32,
    pub height: i32,
    pub caption: String,
}

impl Photo {
    /// The text for screen readers: the caption, else the firm's name.
    pub fn alt(&self, firm: &str, lang: Lang) -> String {
        if self.caption.is_empty() {
            lang.pick(format!("{firm}的照片"), format!("Photo of {firm}"))
        } else {
            self.caption.clone()
        }
    }
}

/// Where a stored photo is served from.
pub fn photo_url(file_name: &str) -> String {
    format!("/media/photos/{file_name}")
}

/// Whether `name` is a file name this site gave a photo: 32 hex digits and
/// a known extension, so a request can never reach another file.
pub fn is_photo_file_name(name: &str) -> Option<PhotoFormat> {
    let (stem, ext) = name.split_once('.')?;
    let format = PhotoFormat::from_code(ext)?;
    (stem.len() == 32 && stem.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))).then_some(format)
}

/// A photo that passed every check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CheckedPhoto {
    pub format: PhotoFormat,
    pub width: usize,
    pub height: usize,
}

/// Judges uploaded bytes by their content.
///
/// # Errors
/// The first problem found.
#[cfg(feature = "ssr")]
pub fn check_photo(bytes: &[u8]) -> Result<CheckedPhoto, PhotoProblem> {
    use imagesize::ImageType;
    if bytes.is_empty() {
        return Err(PhotoProblem::Missing);
    }
    if bytes.len() > MAX_BYTES {
        return Err(PhotoProblem::TooLarge);
    }
    if looks_like_svg(bytes) {
        return Err(PhotoProblem::Svg);
    }
    let format = match imagesize::image_type(bytes) {
        Ok(ImageType::Jpeg) => PhotoFormat::Jpeg,
        Ok(ImageType::Png) => PhotoFormat::Png,
        Ok(ImageType::Webp) => PhotoFormat::Webp,
        Ok(_) => return Err(PhotoProblem::Unsupported),
        Err(_) => return Err(PhotoProblem::NotAnImage),
    };
    let size = imagesize::blob_size(bytes).map_err(|_| PhotoProblem::NotAnImage)?;
    if size.width < MIN_SIDE || size.height < MIN_SIDE {
        return Err(PhotoProblem::TooSmall);
    }
    if size.width > MAX_SIDE || size.height > MAX_SIDE || size.width.saturating_mul(size.height) > MAX_PIXELS {
        return Err(PhotoProblem::TooWide);
    }
    Ok(CheckedPhoto { format, width: size.width, height: size.height })
}

/// A photo as it is stored: decoded and encoded afresh, so nothing but its
/// pixels survives (no EXIF, no GPS position, no comments, no trailing
/// data), and scaled down to [`SERVED_SIDE`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredPhoto {
    pub bytes: Vec<u8>,
    pub format: PhotoFormat,
    pub width: u32,
    pub height: u32,
}

/// Re-encodes a photo that passed [`check_photo`]: a JPEG stays JPEG, a PNG
/// stays PNG, a WebP becomes JPEG (or PNG when it has transparency).
/// Decoding is bounded by the checked size.
///
/// # Errors
/// `NotAnImage` when the bytes do not decode after all.
#[cfg(feature = "ssr")]
pub fn reencode(bytes: &[u8], checked: CheckedPhoto) -> Result<StoredPhoto, PhotoProblem> {
    use image::{ImageFormat, ImageReader};
    let input = match checked.format {
        PhotoFormat::Jpeg => ImageFormat::Jpeg,
        PhotoFormat::Png => ImageFormat::Png,
        PhotoFormat::Webp => ImageFormat::WebP,
    };
    let mut reader = ImageReader::with_format(std::io::Cursor::new(bytes), input);
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SIDE as u32);
    limits.max_image_height = Some(MAX_SIDE as u32);
    limits.max_alloc = Some((MAX_PIXELS as u64) * 4 + 16 * 1024 * 1024);
    reader.limits(limits);
    let mut decoded = reader.decode().map_err(|_| PhotoProblem::NotAnImage)?;
    if decoded.width().max(decoded.height()) > SERVED_SIDE {
        // Averaging areas in 8-bit, without the full-size float copy a
        // filtered resize makes: at the pixel cap that copy alone is 130 MB.
        decoded = decoded.thumbnail(SERVED_SIDE, SERVED_SIDE);
    }
    let keeps_alpha = decoded.color().has_alpha() && checked.format != PhotoFormat::Jpeg;
    let format = match checked.format {
        PhotoFormat::Png => PhotoFormat::Png,
        PhotoFormat::Webp if keeps_alpha => PhotoFormat::Png,
        _ => PhotoFormat::Jpeg,
    };
    let mut out = std::io::Cursor::new(Vec::new());
    let written = match format {
        PhotoFormat::Png => decoded.write_to(&mut out, ImageFormat::Png),
        _ => {
            let rgb = image::DynamicImage::ImageRgb8(decoded.to_rgb8());
            let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 85);
            rgb.write_with_encoder(encoder)
        }
    };
    written.map_err(|_| PhotoProblem::NotAnImage)?;
    Ok(StoredPhoto { width: decoded.width(), height: decoded.height(), format, bytes: out.into_inner() })
}

/// SVG is XML text that can carry scripts: refused however it is named.
#[cfg(feature = "ssr")]
fn looks_like_svg(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    let text = head.trim_start_matches('\u{feff}').trim_start();
    text.starts_with('<') && (text.contains("<svg") || text.starts_with("<?xml"))
}

#[cfg(all(test, feature = "ssr"))]
pub mod tests {
    use super::*;

    /// The first bytes of a PNG of `width` × `height`: enough for any header reader.
    pub fn png(width: u32, height: u32) -> Vec<u8> {
        let mut bytes = vec![0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, b'I', b'H', b'D', b'R'];
        bytes.extend(width.to_be_bytes());
        bytes.extend(height.to_be_bytes());
        bytes.extend([8, 2, 0, 0, 0, 0, 0, 0, 0]);
        bytes
    }

    /// A JPEG header (SOI, then a SOF0 frame) of `width` × `height`.
    pub fn jpeg(width: u16, height: u16) -> Vec<u8> {
        let mut bytes = vec![0xff, 0xd8, 0xff, 0xc0, 0, 17, 8];
        bytes.extend(height.to_be_bytes());
        bytes.extend(width.to_be_bytes());
        bytes.extend([3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xff, 0xd9]);
        bytes
    }

    #[test]
    fn photos_are_judged_by_their_content() {
        assert_eq!(check_photo(&png(800, 600)), Ok(CheckedPhoto { format: PhotoFormat::Png, width: 800, height: 600 }));
        assert_eq!(check_photo(&jpeg(1024, 768)).map(|p| p.format), Ok(PhotoFormat::Jpeg));
        assert_eq!(check_photo(&png(100, 600)), Err(PhotoProblem::TooSmall));
        assert_eq!(check_photo(&png(20_000, 600)), Err(PhotoProblem::TooWide));
        // Within the side limit but over the pixel limit: refused from the header alone.
        assert_eq!(check_photo(&png(8_000, 8_000)), Err(PhotoProblem::TooWide));
        assert_eq!(check_photo(b""), Err(PhotoProblem::Missing));
        assert_eq!(check_photo(br#"<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>"#), Err(PhotoProblem::Svg));
        assert_eq!(check_photo(b"\xef\xbb\xbf  <?xml version=\"1.0\"?><svg/>"), Err(PhotoProblem::Svg));
        assert_eq!(check_photo(b"\x7fELF\x02\x01\x01\x00rest of a program"), Err(PhotoProblem::NotAnImage));
        assert_eq!(check_photo(b"MZ\x90\x00 a windows program"), Err(PhotoProblem::NotAnImage));
        assert_eq!(check_photo(b"GIF89a\x20\x03\x58\x02\x00\x00\x00"), Err(PhotoProblem::Unsupported));
        let mut huge = png(800, 600);
        huge.resize(MAX_BYTES + 1, 0);
        assert_eq!(check_photo(&huge), Err(PhotoProblem::TooLarge));
    }

    /// A real JPEG of `width` × `height` with an EXIF segment holding a GPS position.
    pub fn jpeg_with_gps(width: u32, height: u32) -> Vec<u8> {
        let image = image::RgbImage::from_fn(width, height, |x, y| image::Rgb([(x % 256) as u8, (y % 256) as u8, 128]));
        let mut plain = std::io::Cursor::new(Vec::new());
        image::DynamicImage::ImageRgb8(image).write_to(&mut plain, image::ImageFormat::Jpeg).unwrap();
        let plain = plain.into_inner();
        let exif = b"Exif\0\0MM\0*GPSLatitude 36.7856N GPSLongitude 119.9460E";
        let mut with_exif = plain[..2].to_vec();
        with_exif.extend([0xff, 0xe1]);
        with_exif.extend(((exif.len() + 2) as u16).to_be_bytes());
        with_exif.extend_from_slice(exif);
        with_exif.extend_from_slice(&plain[2..]);
        with_exif
    }

    #[test]
    fn stored_photos_keep_their_pixels_and_nothing_else() {
        let uploaded = jpeg_with_gps(3000, 1000);
        assert!(uploaded.windows(11).any(|w| w == b"GPSLatitude"));
        let checked = check_photo(&uploaded).unwrap();
        let stored = reencode(&uploaded, checked).unwrap();
        assert!(!stored.bytes.windows(4).any(|w| w == b"Exif"), "no EXIF left");
        assert!(!stored.bytes.windows(11).any(|w| w == b"GPSLatitude"), "no position left");
        assert_eq!((stored.format, stored.width, stored.height), (PhotoFormat::Jpeg, SERVED_SIDE, 683), "scaled to the served size");
        let again = check_photo(&stored.bytes).unwrap();
        assert_eq!((again.width as u32, again.height as u32), (stored.width, stored.height));

        // A header that lies about the content does not get through.
        let lying = png(800, 600);
        assert_eq!(reencode(&lying, check_photo(&lying).unwrap()), Err(PhotoProblem::NotAnImage));
    }

    #[test]
    fn only_names_the_site_gave_are_served() {
        assert_eq!(is_photo_file_name("0123456789abcdef0123456789abcdef.png"), Some(PhotoFormat::Png));
        for bad in [
            "../../etc/passwd",
            "0123456789abcdef0123456789abcdef.svg",
            "0123456789ABCDEF0123456789abcdef.png",
            "x.png",
            "0123456789abcdef0123456789abcdef.png.exe",
        ] {
            assert_eq!(is_photo_file_name(bad), None, "{bad}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_bytes_are_judged_without_panicking(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..2048)) {
            if let Ok(photo) = check_photo(&bytes) {
                proptest::prop_assert!(photo.width >= MIN_SIDE && photo.height >= MIN_SIDE);
            }
        }
    }
}
