//! Chinese text for machines that read Latin letters: word segmentation
//! (jieba, shared by the search index) and pinyin transliteration, which
//! gives a Chinese-only name a readable address and an English-page name.

use std::sync::LazyLock;

use jieba_rs::Jieba;
use pinyin::ToPinyin;

/// Loading the dictionary takes a moment and some memory: once per process.
pub static JIEBA: LazyLock<Jieba> = LazyLock::new(Jieba::new);

pub fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

/// `text` in pinyin without tones, a capitalised word for each Chinese word
/// (青岛佳美假睫毛 → "Qingdao Jiamei Jiajiemao"). Latin letters and digits
/// are kept; punctuation becomes a space. Empty when nothing is readable.
pub fn transliterate(text: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    for word in JIEBA.cut(text, false) {
        let mut spelled = String::new();
        for c in word.word.chars() {
            if let Some(p) = c.to_pinyin() {
                spelled.push_str(p.plain());
            } else if c.is_alphanumeric() && !is_han(c) {
                spelled.push(c);
            } else if !spelled.is_empty() {
                words.push(std::mem::take(&mut spelled));
            }
        }
        if !spelled.is_empty() {
            words.push(spelled);
        }
    }
    words.iter().map(|w| capitalised(w)).collect::<Vec<_>>().join(" ")
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) if word.chars().any(|c| c.is_lowercase()) && !word.chars().skip(1).any(char::is_uppercase) => {
            first.to_uppercase().chain(chars).collect()
        }
        _ => word.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn names_read_in_pinyin_word_by_word() {
        assert_eq!(transliterate("平度"), "Pingdu");
        // jieba keeps 有限公司 as one word.
        assert_eq!(transliterate("青岛佳美假睫毛有限公司"), "Qingdao Jiamei Jiajiemao Youxiangongsi");
        assert_eq!(transliterate("汨罗 3D 钓具"), "Miluo 3D Diaoju");
    }

    #[test]
    fn latin_words_keep_their_case_and_punctuation_goes() {
        assert_eq!(transliterate("BSCI认证·工厂"), "BSCI Renzheng Gongchang");
        assert_eq!(transliterate("“”，。"), "");
        assert_eq!(transliterate(""), "");
    }

    proptest! {
        #[test]
        fn transliterations_are_latin_words(text in "\\PC{0,40}") {
            let out = transliterate(&text);
            prop_assert!(!out.chars().any(is_han), "{out}");
            prop_assert!(!out.starts_with(' ') && !out.ends_with(' ') && !out.contains("  "), "{out:?}");
        }
    }
}
