//! Chinese sub-words for the index. Meilisearch segments Chinese with jieba,
//! which keeps 假睫毛 as one word, and it only prefix-matches a query's last
//! word, so 睫毛 alone would never find 假睫毛. Each document therefore carries
//! `subwords_zh`: the shorter dictionary words that jieba's search mode finds
//! inside its longer words, written out so Meilisearch indexes them as words.

use std::collections::BTreeSet;

use crate::chinese::{is_han, JIEBA};

/// The sub-words of the longer words in `texts`, each once, space-separated,
/// in the order they first appear. Words that stand on their own in the text
/// are left out: Meilisearch already has them.
pub fn subwords_zh<'a>(texts: impl IntoIterator<Item = &'a str>) -> String {
    let mut seen = BTreeSet::new();
    let mut out: Vec<&str> = Vec::new();
    let texts: Vec<&str> = texts.into_iter().collect();
    for text in &texts {
        let words = JIEBA.cut(text, false);
        for token in JIEBA.cut_for_search(text, false) {
            let sub = token.word;
            // A word of its own in the text is indexed already; only the words inside longer ones are added.
            let inside_a_longer_word = words
                .iter()
                .any(|w| w.byte_start <= token.byte_start && token.byte_end <= w.byte_end && (w.byte_end - w.byte_start) > sub.len());
            if inside_a_longer_word && sub.chars().count() >= 2 && sub.chars().all(is_han) && seen.insert(sub) {
                out.push(sub);
            }
        }
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn false_eyelashes_yield_eyelashes() {
        let subwords = subwords_zh(["平度假睫毛产业带"]);
        assert!(subwords.split(' ').any(|w| w == "睫毛"), "{subwords}");
        assert!(!subwords.split(' ').any(|w| w == "假睫毛"), "whole words are not repeated: {subwords}");
    }

    #[test]
    fn each_subword_appears_once_and_only_han_words_are_kept() {
        let subwords = subwords_zh(["假睫毛 BSCI 假睫毛", "假睫毛工厂"]);
        assert_eq!(subwords.split(' ').filter(|w| *w == "睫毛").count(), 1, "{subwords}");
        assert!(subwords.split(' ').all(|w| w.chars().all(is_han)), "{subwords}");
        assert_eq!(subwords_zh(["Strip lashes, 3D mink"]), "");
        assert_eq!(subwords_zh([""]), "");
    }

    #[test]
    fn every_subword_is_found_in_its_text() {
        let texts = ["即墨女装产业带", "汨罗钓具产业带", "中华人民共和国海外仓服务", "临湘浮标产业带"];
        let subwords = subwords_zh(texts);
        for word in subwords.split(' ').filter(|w| !w.is_empty()) {
            assert!(texts.iter().any(|t| t.contains(word)), "{word} comes from nowhere");
        }
    }
}
