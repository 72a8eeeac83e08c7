//! The scanning engine: compile a spec once, scan buffers many times (from many threads).
//!
//! Per buffer: one keyword pass, then each pattern runs either over the whole buffer or,
//! when it needs a keyword, only in windows around that keyword's hits (Macie's proximity
//! rule allows it, and it is what makes ALL identifiers affordable). Candidates then pass
//! the token boundary, the validator, never-report values, the keyword rule, ignore words
//! and allow lists. Detections of one identifier never overlap.

use std::collections::HashSet;

use regex_automata::{meta, Input};

use crate::allow::AllowLists;
use crate::error::Error;
use crate::keywords::{self, is_token_byte, Hit, KeywordIndex};
use crate::regex_check;
use crate::spec::{EngineSpec, KeywordRule, PatternSpec, Proximity, ScanMode};
use crate::validators::{self, Validator};

/// Longest match a `Tokens` pattern may produce (bytes).
pub const MAX_TOKEN_MATCH: usize = 512;
/// Longest match a `Blocks` pattern may produce (bytes).
pub const MAX_BLOCK_MATCH: usize = 64 << 10;

/// One reported value: which pattern (and so which identifier) and its byte span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Detection {
    pub start: usize,
    pub end: usize,
    pub identifier: u32,
    pub pattern: u32,
}

#[derive(Debug)]
struct Compiled {
    spec: PatternSpec,
    re: meta::Regex,
    /// Bounded maximum match length (bytes); `usize::MAX` when unbounded (Plain only).
    max_len: usize,
    validator: Option<Validator>,
    never_report: HashSet<Vec<u8>>,
}

/// A compiled set of patterns, keywords and allow lists.
#[derive(Debug)]
pub struct Engine {
    patterns: Vec<Compiled>,
    keywords: KeywordIndex,
    allow: AllowLists,
    group_count: usize,
}

fn alnum_only(m: &[u8]) -> Vec<u8> {
    m.iter().copied().filter(u8::is_ascii_alphanumeric).collect()
}

/// The token boundary rule: a match edge that is a letter or digit must not touch another.
#[inline]
pub fn boundary_ok(hay: &[u8], s: usize, e: usize) -> bool {
    let left = s == 0 || !is_token_byte(hay[s]) || !is_token_byte(hay[s - 1]);
    let right = e >= hay.len() || !is_token_byte(hay[e - 1]) || !is_token_byte(hay[e]);
    left && right
}

/// The next position at or after `p` where a token-bounded match could start.
#[inline]
fn next_token_start(hay: &[u8], mut p: usize) -> usize {
    while p < hay.len() && p > 0 && is_token_byte(hay[p]) && is_token_byte(hay[p - 1]) {
        p += 1;
    }
    p
}

impl Engine {
    /// Compiles a spec; every regex, validator name and limit is checked here.
    pub fn new(spec: EngineSpec) -> Result<Self, Error> {
        let group_count = spec.keyword_groups.len();
        let keywords = KeywordIndex::new(&spec.keyword_groups)?;
        let allow = AllowLists::new(&spec.allow_words, &spec.allow_regexes)?;
        let mut patterns = Vec::with_capacity(spec.patterns.len());
        for p in spec.patterns {
            if p.keyword_group as usize >= group_count {
                return Err(Error::Spec(format!("{}: keyword group out of range", p.name)));
            }
            let managed = p.scan != ScanMode::Plain;
            let limit =
                if managed { regex_check::MANAGED_SIZE_LIMIT } else { regex_check::CUSTOM_SIZE_LIMIT };
            let pattern_err = |reason: String| Error::Pattern { owner: p.name.clone(), reason };
            let re = regex_check::compile(&p.regex, limit).map_err(pattern_err)?;
            let bounded = regex_check::max_len(&p.regex).map_err(pattern_err)?;
            let max_len = match (p.scan, bounded) {
                (ScanMode::Tokens, Some(n)) if n <= MAX_TOKEN_MATCH => n,
                (ScanMode::Blocks, Some(n)) if n <= MAX_BLOCK_MATCH => n,
                (ScanMode::Plain, n) => n.unwrap_or(usize::MAX),
                (ScanMode::Tokens, _) => {
                    return Err(pattern_err(format!(
                        "a tokens pattern must match at most {MAX_TOKEN_MATCH} bytes"
                    )))
                }
                (ScanMode::Blocks, _) => {
                    return Err(pattern_err(format!(
                        "a blocks pattern must match at most {MAX_BLOCK_MATCH} bytes"
                    )))
                }
            };
            let validator =
                match &p.validator {
                    None => None,
                    Some(name) => Some(validators::lookup(name).ok_or_else(|| Error::UnknownValidator {
                        owner: p.name.clone(),
                        name: name.clone(),
                    })?),
                };
            let never_report = p.never_report.iter().map(|v| alnum_only(v)).collect();
            patterns.push(Compiled { spec: p, re, max_len, validator, never_report });
        }
        Ok(Engine { patterns, keywords, allow, group_count })
    }

    pub fn pattern_count(&self) -> usize {
        self.patterns.len()
    }

    /// Scans one buffer. `contexts` are structured-context strings (column names, key
    /// paths) whose keywords count as near every value of the buffer.
    pub fn scan(&self, hay: &[u8], contexts: &[&str]) -> Vec<Detection> {
        let hits = self.keywords.hits(hay);
        let ctx_ok = if contexts.is_empty() {
            vec![false; self.group_count]
        } else {
            self.keywords.context_groups(contexts)
        };
        let mut out = Vec::new();
        for (pi, p) in self.patterns.iter().enumerate() {
            let g = p.spec.keyword_group as usize;
            let group_hits = &hits[g];
            let in_context = ctx_ok[g];
            let needs_window = p.spec.keyword_rule == KeywordRule::Required && !in_context;
            if needs_window && group_hits.is_empty() {
                continue;
            }
            let pi = pi as u32;
            let mut consider = |s: usize, e: usize| {
                let verdict = self.judge(p, hay, s, e, group_hits, in_context);
                if verdict != Verdict::Rejected {
                    let d = Detection { start: s, end: e, identifier: p.spec.identifier, pattern: pi };
                    out.push((d, verdict == Verdict::Allowed));
                }
            };
            if needs_window && p.spec.scan == ScanMode::Tokens {
                for (a, b) in windows(group_hits, p.spec.proximity, p.max_len) {
                    enumerate(p, hay, a, b.min(hay.len()), &mut consider);
                }
            } else {
                enumerate(p, hay, 0, hay.len(), &mut consider);
            }
        }
        resolve_overlaps(out)
    }

    fn judge(&self, p: &Compiled, hay: &[u8], s: usize, e: usize, hits: &[Hit], in_context: bool) -> Verdict {
        let m = &hay[s..e];
        if p.spec.scan != ScanMode::Plain && !boundary_ok(hay, s, e) {
            return Verdict::Rejected;
        }
        if let Some(v) = p.validator {
            if !v(m) {
                return Verdict::Rejected;
            }
        }
        if !p.never_report.is_empty() && p.never_report.contains(&alnum_only(m)) {
            return Verdict::Rejected;
        }
        let near = || in_context || keywords::near(hay, hits, s, e, p.spec.proximity).is_some();
        match p.spec.keyword_rule {
            KeywordRule::None => {}
            KeywordRule::Required => {
                if !near() {
                    return Verdict::Rejected;
                }
            }
            KeywordRule::Absent => {
                if near() {
                    return Verdict::Rejected;
                }
            }
        }
        if p.spec.ignore_words.iter().any(|w| memchr::memmem::find(m, w).is_some()) {
            return Verdict::Rejected;
        }
        if !p.spec.allow_exempt && !self.allow.is_empty() && self.allow.allows(m) {
            return Verdict::Allowed;
        }
        Verdict::Reported
    }
}

/// Candidate-start windows around keyword hits, merged: `[first start, last start]`.
fn windows(hits: &[Hit], prox: Proximity, max_len: usize) -> Vec<(usize, usize)> {
    let d = match prox {
        Proximity::Around(d) | Proximity::Before(d) => d,
    };
    let reach = keywords::max_bytes_for_chars(d);
    let mut out: Vec<(usize, usize)> = Vec::new();
    for h in hits {
        let a = h.start.saturating_sub(reach + max_len);
        let b = h.end + reach;
        match out.last_mut() {
            Some(last) if a <= last.1 + 1 => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    out
}

/// Calls `f(start, end)` for every candidate of `p` starting in `[a, b]`.
fn enumerate(p: &Compiled, hay: &[u8], a: usize, b: usize, f: &mut impl FnMut(usize, usize)) {
    match p.spec.scan {
        ScanMode::Tokens => {
            let end = hay.len().min(b.saturating_add(p.max_len));
            let mut at = next_token_start(hay, a);
            while at <= b && at < end {
                let Some(m) = p.re.search(&Input::new(hay).range(at..end)) else {
                    break;
                };
                if m.start() > b {
                    break;
                }
                if !m.is_empty() {
                    f(m.start(), m.end());
                }
                at = next_token_start(hay, m.start() + 1);
            }
        }
        ScanMode::Blocks | ScanMode::Plain => {
            for m in p.re.find_iter(Input::new(hay).range(a..b)) {
                if !m.is_empty() {
                    f(m.start(), m.end());
                }
            }
        }
    }
}

/// Keeps, per identifier, the earliest (then longest, then first pattern) of overlapping
/// detections; returns them ordered by start, end, identifier. Allow-listed text takes part
/// (it covers what overlaps it) but is not returned.
fn resolve_overlaps(mut dets: Vec<(Detection, bool)>) -> Vec<Detection> {
    dets.sort_unstable_by_key(|(d, _)| (d.identifier, d.start, std::cmp::Reverse(d.end), d.pattern));
    let mut kept: Vec<Detection> = Vec::with_capacity(dets.len());
    let mut last: Option<(u32, usize)> = None;
    for (d, allowed) in dets {
        if let Some((id, end)) = last {
            if id == d.identifier && d.start < end {
                continue;
            }
        }
        last = Some((d.identifier, d.end));
        if !allowed {
            kept.push(d);
        }
    }
    kept.sort_unstable();
    kept
}

/// What the filters decided about one candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verdict {
    Rejected,
    /// Passed every rule but is on an allow list: covers overlapping candidates, not reported.
    Allowed,
    Reported,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pat(identifier: u32, regex: &str, rule: KeywordRule, scan: ScanMode) -> PatternSpec {
        PatternSpec {
            identifier,
            name: format!("p{identifier}"),
            regex: regex.into(),
            validator: None,
            keyword_rule: rule,
            keyword_group: 0,
            proximity: Proximity::Around(30),
            scan,
            never_report: vec![],
            ignore_words: vec![],
            allow_exempt: false,
        }
    }

    fn engine(patterns: Vec<PatternSpec>, keywords: &[&str]) -> Engine {
        Engine::new(EngineSpec {
            keyword_groups: vec![keywords.iter().map(|s| s.to_string()).collect()],
            patterns,
            ..Default::default()
        })
        .unwrap()
    }

    fn spans(e: &Engine, hay: &str) -> Vec<(usize, usize)> {
        e.scan(hay.as_bytes(), &[]).iter().map(|d| (d.start, d.end)).collect()
    }

    #[test]
    fn keyword_window_both_sides() {
        let e = engine(vec![pat(0, "[0-9]{9}", KeywordRule::Required, ScanMode::Tokens)], &["ssn"]);
        assert_eq!(spans(&e, "ssn: 123456789"), vec![(5, 14)]);
        assert_eq!(spans(&e, "123456789 is my ssn"), vec![(0, 9)]);
        assert!(spans(&e, "123456789 alone").is_empty());
        let far = format!("ssn {} 123456789", "z".repeat(40));
        assert!(spans(&e, &far).is_empty());
        assert!(spans(&e, "publicssn 123456789").is_empty());
    }

    #[test]
    fn token_boundaries() {
        let e = engine(vec![pat(0, "[0-9]{9}", KeywordRule::None, ScanMode::Tokens)], &[]);
        assert!(spans(&e, "1234567890").is_empty());
        assert!(spans(&e, "X123456789").is_empty());
        assert_eq!(spans(&e, "a 123456789-"), vec![(2, 11)]);
    }

    #[test]
    fn overlapping_candidates_are_all_seen() {
        // The first candidate fails the boundary; an overlapping later one must still be found.
        let e = engine(vec![pat(0, "[0-9]{3} [0-9]{3}", KeywordRule::None, ScanMode::Tokens)], &[]);
        assert_eq!(spans(&e, "x123 456 789"), vec![(5, 12)]);
    }

    #[test]
    fn absent_rule() {
        let e = engine(vec![pat(0, "[0-9]{4}", KeywordRule::Absent, ScanMode::Tokens)], &["pin"]);
        assert!(spans(&e, "pin 1234").is_empty());
        assert_eq!(spans(&e, "code 1234"), vec![(5, 9)]);
    }

    #[test]
    fn context_satisfies_keyword() {
        let e = engine(vec![pat(0, "[0-9]{9}", KeywordRule::Required, ScanMode::Tokens)], &["ssn"]);
        assert_eq!(e.scan(b"123456789", &["customerSsn"]).len(), 1);
        assert!(e.scan(b"123456789", &["customerId"]).is_empty());
    }

    #[test]
    fn overlaps_resolved_per_identifier() {
        let e = engine(
            vec![
                pat(0, "[0-9]{3}-[0-9]{4}", KeywordRule::None, ScanMode::Tokens),
                pat(0, "[0-9]{4}-[0-9]{2}", KeywordRule::None, ScanMode::Tokens),
                pat(1, "[0-9]{4}", KeywordRule::None, ScanMode::Tokens),
            ],
            &[],
        );
        let d = e.scan(b"555-1234", &[]);
        let got: Vec<(u32, usize, usize)> = d.iter().map(|d| (d.identifier, d.start, d.end)).collect();
        assert_eq!(got, vec![(0, 0, 8), (1, 4, 8)]);
    }

    #[test]
    fn refuses_unbounded_token_patterns() {
        let err = Engine::new(EngineSpec {
            keyword_groups: vec![vec![]],
            patterns: vec![pat(0, "[0-9]+", KeywordRule::None, ScanMode::Tokens)],
            ..Default::default()
        })
        .unwrap_err();
        assert!(err.to_string().contains("at most"), "{err}");
    }

    #[test]
    fn custom_ignore_words_and_allow_lists() {
        let mut p = pat(0, "EMP-[0-9]{6}", KeywordRule::None, ScanMode::Plain);
        p.ignore_words = vec![b"EMP-000000".to_vec()];
        let e = Engine::new(EngineSpec {
            keyword_groups: vec![vec![]],
            patterns: vec![p],
            allow_words: vec!["emp-111111".into()],
            allow_regexes: vec![],
        })
        .unwrap();
        assert_eq!(spans(&e, "EMP-000000 EMP-111111 EMP-123456"), vec![(22, 32)]);
    }

    #[test]
    fn linear_on_hostile_input() {
        let e = engine(vec![pat(0, "[0-9]{9}", KeywordRule::Required, ScanMode::Tokens)], &["ssn"]);
        let hay = "ssn 1".repeat(200_000);
        assert!(e.scan(hay.as_bytes(), &[]).is_empty());
    }
}
