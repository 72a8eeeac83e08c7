//! Allow lists: text that matches one is never reported.
//!
//! Predefined entries match the detected text exactly and completely, case-insensitively
//! (one hash lookup per detection, so 100,000 entries cost nothing at scan time). Regex
//! entries must match the detected text completely.

use std::collections::HashSet;

use regex_automata::{meta, Anchored, Input};

use crate::error::Error;
use crate::regex_check;

#[derive(Debug, Default)]
pub struct AllowLists {
    words: HashSet<String>,
    regexes: Vec<meta::Regex>,
}

/// Case-folds detected text the way allow-list entries are folded.
pub fn fold(text: &[u8]) -> String {
    String::from_utf8_lossy(text).to_lowercase()
}

impl AllowLists {
    pub fn new(words: &[String], regexes: &[String]) -> Result<Self, Error> {
        let words = words.iter().map(|w| fold(w.as_bytes())).collect();
        let regexes = regexes
            .iter()
            .enumerate()
            .map(|(i, r)| {
                regex_check::compile(&format!("^(?:{r})$"), regex_check::CUSTOM_SIZE_LIMIT)
                    .map_err(|reason| Error::Pattern { owner: format!("allow list regex {}", i + 1), reason })
            })
            .collect::<Result<_, _>>()?;
        Ok(AllowLists { words, regexes })
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.regexes.is_empty()
    }

    /// Whether the detected text is allowed (and so not reported).
    pub fn allows(&self, text: &[u8]) -> bool {
        if !self.words.is_empty() && self.words.contains(&fold(text)) {
            return true;
        }
        self.regexes.iter().any(|re| re.search(&Input::new(text).anchored(Anchored::Yes)).is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_exact_and_case_insensitive() {
        let a = AllowLists::new(&["John Doe".into()], &[]).unwrap();
        assert!(a.allows(b"john doe"));
        assert!(a.allows(b"JOHN DOE"));
        assert!(!a.allows(b"John Doe Jr"));
        assert!(!a.allows(b"John"));
    }

    #[test]
    fn regex_must_match_completely() {
        let a = AllowLists::new(&[], &[r"test-.*@example\.com".into(), "a|ab".into()]).unwrap();
        assert!(a.allows(b"test-1@example.com"));
        assert!(!a.allows(b"xtest-1@example.com"));
        assert!(!a.allows(b"test-1@example.com.au"));
        assert!(a.allows(b"ab"));
    }
}
