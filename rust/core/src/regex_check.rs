//! Compiling regexes with the dialect and limits macie-lite promises: bytes, ASCII classes,
//! no lookaround or backreferences (the parser refuses them), bounded compiled size, and a
//! search that never backtracks.

use regex_automata::{meta, util::syntax};
use regex_syntax::hir::Hir;

/// Compiled-size limit for custom identifiers and allow-list regexes (bytes of NFA).
pub const CUSTOM_SIZE_LIMIT: usize = 4 << 20;
/// Compiled-size limit for managed patterns.
pub const MANAGED_SIZE_LIMIT: usize = 32 << 20;

fn syntax_config() -> syntax::Config {
    syntax::Config::new().unicode(false).utf8(false).nest_limit(64)
}

/// Parses a pattern into its HIR with the engine's dialect, or says why not.
pub fn parse(pattern: &str) -> Result<Hir, String> {
    regex_syntax::ParserBuilder::new()
        .unicode(false)
        .utf8(false)
        .nest_limit(64)
        .build()
        .parse(pattern)
        .map_err(|e| first_line_of(&e.to_string()))
}

/// Compiles a pattern for searching bytes, within `size_limit` bytes of compiled automaton.
pub fn compile(pattern: &str, size_limit: usize) -> Result<meta::Regex, String> {
    parse(pattern)?;
    meta::Builder::new()
        .syntax(syntax_config())
        .configure(
            meta::Config::new()
                .nfa_size_limit(Some(size_limit))
                .onepass_size_limit(Some(size_limit))
                .dfa_size_limit(Some(size_limit))
                .hybrid_cache_capacity(2 << 20),
        )
        .build(pattern)
        .map_err(|e| {
            if e.size_limit().is_some() {
                format!(
                    "the compiled pattern is larger than the {} KiB limit; use smaller bounded repeats",
                    size_limit >> 10
                )
            } else {
                first_line_of(&e.to_string())
            }
        })
}

/// A fully compiled, anchored, leftmost-first DFA for `pattern`, if it fits in `size_limit`
/// bytes: searches need no cache (so no per-call pool), which makes the many short anchored
/// searches of a token scan cheap. `None` when the automaton would be too large.
pub fn anchored_dfa(pattern: &str, size_limit: usize) -> Option<regex_automata::dfa::dense::DFA<Vec<u32>>> {
    use regex_automata::dfa::{dense, StartKind};
    dense::Builder::new()
        .syntax(syntax_config())
        .configure(
            dense::Config::new()
                .start_kind(StartKind::Anchored)
                .match_kind(regex_automata::MatchKind::LeftmostFirst)
                .dfa_size_limit(Some(size_limit))
                .determinize_size_limit(Some(size_limit)),
        )
        .build(pattern)
        .ok()
}

/// The longest match a pattern can produce, in bytes, if bounded.
pub fn max_len(pattern: &str) -> Result<Option<usize>, String> {
    Ok(parse(pattern)?.properties().maximum_len())
}

/// regex-syntax errors span several lines with a caret diagram; the last line is the reason.
fn first_line_of(msg: &str) -> String {
    let reason = msg
        .lines()
        .rev()
        .find(|l| l.trim_start().starts_with("error:"))
        .map(|l| l.trim_start().trim_start_matches("error:").trim().to_string());
    reason.unwrap_or_else(|| msg.lines().next().unwrap_or(msg).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_lookaround_and_backreferences() {
        let e = compile("a(?=b)", CUSTOM_SIZE_LIMIT).unwrap_err();
        assert!(e.contains("look-around"), "{e}");
        let e = compile(r"(a)\1", CUSTOM_SIZE_LIMIT).unwrap_err();
        assert!(e.contains("backreferences"), "{e}");
    }

    #[test]
    fn enforces_size_limit() {
        let e = compile(r"[a-z]{1000}[0-9]{1000}[a-z]{1000}", 64 << 10).unwrap_err();
        assert!(e.contains("limit"), "{e}");
    }

    #[test]
    fn ascii_classes() {
        let re = compile(r"\d+", CUSTOM_SIZE_LIMIT).unwrap();
        // Arabic-Indic digits are not \d here.
        assert!(re.find("٣٤٥".as_bytes()).is_none());
        assert!(re.find(b"345").is_some());
    }

    #[test]
    fn max_len_of_bounded_and_unbounded() {
        assert_eq!(max_len("[0-9]{3}-[0-9]{2}").unwrap(), Some(6));
        assert_eq!(max_len("a+").unwrap(), None);
    }
}
