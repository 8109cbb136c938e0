//! Uploaded files on disk, whatever they hold (photos, CVs): names nobody can
//! guess or choose, and writes a reader never sees half done. Server only.

use std::path::Path;

/// A name no other file will have: 128 random bits as hex, then `ext`.
pub fn random_file_name(ext: &str) -> String {
    let bits: u128 = rand::random();
    format!("{bits:032x}.{ext}")
}

/// The extension of `name` if it is a name [`random_file_name`] gives (32
/// lowercase hex digits, a dot, an extension of letters), so a request for a
/// file can never reach another path.
pub fn random_name_extension(name: &str) -> Option<&str> {
    let (stem, ext) = name.split_once('.')?;
    let hex = stem.len() == 32 && stem.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    (hex && !ext.is_empty() && ext.bytes().all(|b| b.is_ascii_lowercase())).then_some(ext)
}

/// Writes through a temporary name, so a reader never sees half a file.
pub async fn write_atomically(dir: &Path, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    tokio::fs::create_dir_all(dir).await?;
    let partial = path.with_extension("partial");
    tokio::fs::write(&partial, bytes).await?;
    tokio::fs::rename(&partial, path).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_names_the_site_gives_are_read() {
        let name = random_file_name("pdf");
        assert_eq!(random_name_extension(&name), Some("pdf"));
        assert_ne!(random_file_name("pdf"), name);
        for hostile in [
            "../../etc/passwd",
            "0123456789abcdef0123456789abcdef",
            "0123456789abcdef0123456789abcdef.",
            "0123456789ABCDEF0123456789abcdef.pdf",
            "0123456789abcdef0123456789abcdef.pdf/../x",
            "0123456789abcdef0123456789abcde.pdf",
            "0123456789abcdef0123456789abcdef.p.df",
        ] {
            assert_eq!(random_name_extension(hostile), None, "{hostile}");
        }
    }
}
