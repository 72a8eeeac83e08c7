//! The scanning engine: compile a spec once, scan buffers many times (from many threads).
//!
//! Per buffer: one keyword pass, then each pattern runs either over the whole buffer or,
//! when it needs a keyword, only in windows around that keyword's hits (Macie's proximity
//! rule allows it, and it is what makes ALL identifiers affordable). Candidates then pass
//! the token boundary, the validator, never-report values, the keyword rule, ignore words
//! and allow lists. Detections of one identifier never overlap.

use std::collections::HashSet;

use regex_automata::{meta, Anchored, Input};

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
    /// Shortest possible match (bytes).
    min_len: usize,
    validator: Option<Validator>,
    never_report: HashSet<Vec<u8>>,
    /// Index into `Engine::alphabets` when every byte a match can hold is in a small set.
    alphabet: Option<usize>,
    /// Bytes every match contains: a run without one of them cannot hold a match.
    required: Vec<u8>,
    /// Group (in `Engine::keywords`) of this pattern's prefix literals, when every match starts
    /// with one of them: tokens patterns take their candidate starts from the hits, blocks
    /// patterns search only from the first hit (or not at all).
    prefix_group: Option<usize>,
    /// Index of this pattern's anchor group in `Engine::keywords` (after the keyword groups).
    anchor_group: Option<usize>,
}

/// Alphabet runs pay off for digit-shaped patterns: few distinct bytes, long enough matches
/// to skip most runs, and no literal prefix that the regex engine's own prefilter could use.
const SMALL_ALPHABET: usize = 24;
const RUN_MIN_LEN: usize = 7;
const MANY_FIRST_BYTES: usize = 4;

/// How many byte values a pattern's match can start with (256 when the prefix is unknown).
fn first_byte_count(hir: &regex_syntax::hir::Hir) -> usize {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    let seq = Extractor::new().kind(ExtractKind::Prefix).limit_class(256).limit_literal_len(1).extract(hir);
    match seq.literals() {
        Some(lits) if lits.iter().all(|l| !l.as_bytes().is_empty()) => {
            let mut set = [false; 256];
            lits.iter().for_each(|l| set[usize::from(l.as_bytes()[0])] = true);
            set.iter().filter(|&&b| b).count()
        }
        _ => 256,
    }
}

/// The literals every match of `hir` starts with, when there are few and all are at least two
/// bytes long (IBAN country codes, `+33`, `sk_live_`): a candidate can only start at one.
fn prefix_literals(hir: &regex_syntax::hir::Hir) -> Option<Vec<Vec<u8>>> {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    let seq = Extractor::new().kind(ExtractKind::Prefix).limit_literal_len(4).limit_total(64).extract(hir);
    let lits = seq.literals()?;
    if lits.is_empty() || lits.iter().any(|l| l.as_bytes().len() < 2) {
        return None;
    }
    Some(lits.iter().map(|l| l.as_bytes().to_vec()).collect())
}

/// Every byte value a match of `hir` can contain.
fn byte_alphabet(hir: &regex_syntax::hir::Hir) -> [bool; 256] {
    use regex_syntax::hir::{Class, HirKind};
    let mut set = [false; 256];
    fn walk(h: &regex_syntax::hir::Hir, set: &mut [bool; 256]) {
        match h.kind() {
            HirKind::Empty | HirKind::Look(_) => {}
            HirKind::Literal(lit) => lit.0.iter().for_each(|&b| set[usize::from(b)] = true),
            HirKind::Class(Class::Bytes(c)) => {
                for r in c.ranges() {
                    (r.start()..=r.end()).for_each(|b| set[usize::from(b)] = true);
                }
            }
            HirKind::Class(Class::Unicode(c)) => {
                for r in c.ranges() {
                    let (lo, hi) = (u32::from(r.start()), u32::from(r.end()));
                    (lo.min(0x80)..=hi.min(0x7F)).for_each(|b| set[b as usize] = true);
                    if hi >= 0x80 {
                        (0x80..256).for_each(|b| set[b] = true);
                    }
                }
            }
            HirKind::Repetition(r) => walk(&r.sub, set),
            HirKind::Capture(c) => walk(&c.sub, set),
            HirKind::Concat(v) | HirKind::Alternation(v) => v.iter().for_each(|x| walk(x, set)),
        }
    }
    walk(hir, &mut set);
    set
}

/// Bytes that every match of `hir` contains (e.g. the dots of an IPv4 address).
fn required_bytes(hir: &regex_syntax::hir::Hir) -> Vec<u8> {
    use regex_syntax::hir::{Class, HirKind};
    let mut out: Vec<u8> = match hir.kind() {
        HirKind::Literal(lit) => lit.0.to_vec(),
        HirKind::Class(Class::Bytes(c))
            if c.ranges().len() == 1 && c.ranges()[0].start() == c.ranges()[0].end() =>
        {
            vec![c.ranges()[0].start()]
        }
        HirKind::Repetition(r) if r.min > 0 => required_bytes(&r.sub),
        HirKind::Capture(c) => required_bytes(&c.sub),
        HirKind::Concat(v) => v.iter().flat_map(required_bytes).collect(),
        HirKind::Alternation(v) => {
            let mut sets = v.iter().map(required_bytes);
            let first = sets.next().unwrap_or_default();
            sets.fold(first, |acc, other| acc.into_iter().filter(|b| other.contains(b)).collect())
        }
        _ => Vec::new(),
    };
    out.sort_unstable();
    out.dedup();
    out
}

/// Maximal runs of every alphabet at once (bit `j` of `masks[b]` says byte `b` is in alphabet
/// `j`), each run at least `mins[j]` long: one pass over the buffer for up to 8 alphabets.
fn alphabet_runs(hay: &[u8], masks: &[u8; 256], mins: &[usize]) -> Vec<Vec<(usize, usize)>> {
    let mut out = vec![Vec::new(); mins.len()];
    let mut start = [0usize; 8];
    let n = hay.len();
    let mut i = 0;
    let mut prev = 0u8;
    loop {
        // Tight loop while the byte's alphabets do not change (most bytes).
        while i < n && masks[usize::from(hay[i])] == prev {
            i += 1;
        }
        let m = if i < n { masks[usize::from(hay[i])] } else { 0 };
        let mut off = prev & !m;
        while off != 0 {
            let j = off.trailing_zeros() as usize;
            if i - start[j] >= mins[j].max(1) {
                out[j].push((start[j], i));
            }
            off &= off - 1;
        }
        let mut on = m & !prev;
        while on != 0 {
            start[on.trailing_zeros() as usize] = i;
            on &= on - 1;
        }
        prev = m;
        if i >= n {
            break;
        }
        i += 1;
    }
    out
}

/// A compiled set of patterns, keywords and allow lists.
#[derive(Debug)]
pub struct Engine {
    patterns: Vec<Compiled>,
    keywords: KeywordIndex,
    allow: AllowLists,
    group_count: usize,
    /// Distinct small alphabets (at most 8) of keyword-free patterns, with the shortest match
    /// among each alphabet's patterns, and their byte masks for the one-pass run finder.
    alphabets: Vec<([bool; 256], usize)>,
    alphabet_masks: [u8; 256],
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
        let allow = AllowLists::new(&spec.allow_words, &spec.allow_regexes)?;
        let mut patterns = Vec::with_capacity(spec.patterns.len());
        let mut alphabets: Vec<([bool; 256], usize)> = Vec::new();
        let mut anchor_groups: Vec<Vec<String>> = Vec::new();
        let mut literal_groups: Vec<Vec<Vec<u8>>> = Vec::new();
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
            let hir = regex_check::parse(&p.regex).map_err(pattern_err)?;
            let min_len = hir.properties().minimum_len().unwrap_or(0);
            let keyword_free = p.keyword_rule != KeywordRule::Required;
            let mut alphabet = None;
            if keyword_free && p.scan != ScanMode::Plain && min_len >= RUN_MIN_LEN {
                let set = byte_alphabet(&hir);
                if set.iter().filter(|&&b| b).count() <= SMALL_ALPHABET
                    && first_byte_count(&hir) >= MANY_FIRST_BYTES
                {
                    let i = match alphabets.iter().position(|(a, _)| *a == set) {
                        Some(i) => i,
                        None => {
                            alphabets.push((set, usize::MAX));
                            alphabets.len() - 1
                        }
                    };
                    alphabets[i].1 = alphabets[i].1.min(min_len);
                    alphabet = Some(i);
                }
            }
            let anchor_group = if keyword_free && !p.anchors.is_empty() && p.scan == ScanMode::Tokens {
                anchor_groups.push(p.anchors.clone());
                Some(group_count + anchor_groups.len() - 1)
            } else {
                None
            };
            let required = if alphabet.is_some() { required_bytes(&hir) } else { Vec::new() };
            let gated =
                keyword_free && p.scan != ScanMode::Plain && alphabet.is_none() && anchor_group.is_none();
            // Numbered among the literal groups for now; moved after the anchor groups below.
            let prefix_group = if gated { prefix_literals(&hir) } else { None }.map(|lits| {
                literal_groups.push(lits);
                literal_groups.len() - 1
            });
            patterns.push(Compiled {
                spec: p,
                re,
                max_len,
                min_len,
                validator,
                never_report,
                alphabet,
                required,
                prefix_group,
                anchor_group,
            });
        }
        // Keywords, anchor words and prefix literals share one automaton: one pass finds all.
        let literal_base = group_count + anchor_groups.len();
        for p in &mut patterns {
            p.prefix_group = p.prefix_group.map(|k| literal_base + k);
        }
        let mut groups = spec.keyword_groups;
        groups.extend(anchor_groups);
        let keywords = KeywordIndex::with_literals(&groups, &literal_groups)?;
        let mut alphabet_masks = [0u8; 256];
        for (j, (set, _)) in alphabets.iter().enumerate() {
            for (b, &inside) in set.iter().enumerate() {
                if inside {
                    alphabet_masks[b] |= 1 << j;
                }
            }
        }
        Ok(Engine { patterns, keywords, allow, group_count, alphabets, alphabet_masks })
    }

    pub fn pattern_count(&self) -> usize {
        self.patterns.len()
    }

    /// Scans one buffer. `contexts` are structured-context strings (column names, key
    /// paths) whose keywords count as near every value of the buffer.
    pub fn scan(&self, hay: &[u8], contexts: &[&str]) -> Vec<Detection> {
        let mut state = ScanState::new(self, hay, contexts);
        let mut out = Vec::new();
        for (pi, p) in self.patterns.iter().enumerate() {
            self.run_pattern(pi, p, hay, &mut state, &mut out);
        }
        resolve_overlaps(out)
    }

    /// Where the time of one scan goes: the keyword pass, then each pattern (nanoseconds).
    /// The same work as [`Engine::scan`], timed piece by piece; for `bench/` and the docs.
    pub fn profile(&self, hay: &[u8]) -> Vec<(String, u128)> {
        let t = std::time::Instant::now();
        let mut state = ScanState::new(self, hay, &[]);
        let mut out = vec![("keywords, anchors and prefixes".to_string(), t.elapsed().as_nanos())];
        let t = std::time::Instant::now();
        state.runs = Some(self.runs(hay));
        out.push(("alphabet runs".to_string(), t.elapsed().as_nanos()));
        let mut found = Vec::new();
        for (pi, p) in self.patterns.iter().enumerate() {
            let t = std::time::Instant::now();
            self.run_pattern(pi, p, hay, &mut state, &mut found);
            out.push((p.spec.name.clone(), t.elapsed().as_nanos()));
        }
        out
    }

    /// The runs of every small alphabet in `hay` (one pass).
    fn runs(&self, hay: &[u8]) -> Vec<Vec<(usize, usize)>> {
        let mins: Vec<usize> = self.alphabets.iter().map(|(_, m)| *m).collect();
        alphabet_runs(hay, &self.alphabet_masks, &mins)
    }

    /// Enumerates and judges the candidates of one pattern, only where a match can be.
    fn run_pattern(
        &self,
        pi: usize,
        p: &Compiled,
        hay: &[u8],
        state: &mut ScanState,
        out: &mut Vec<(Detection, bool)>,
    ) {
        let g = p.spec.keyword_group as usize;
        let group_hits = &state.hits[g];
        let in_context = state.ctx_ok[g];
        let needs_window = p.spec.keyword_rule == KeywordRule::Required && !in_context;
        if needs_window && group_hits.is_empty() {
            return;
        }
        let mut consider = |s: usize, e: usize| {
            let verdict = self.judge(p, hay, s, e, group_hits, in_context);
            if verdict != Verdict::Rejected {
                let d = Detection { start: s, end: e, identifier: p.spec.identifier, pattern: pi as u32 };
                out.push((d, verdict == Verdict::Allowed));
            }
        };
        if needs_window && p.spec.scan == ScanMode::Tokens {
            for (a, b) in windows(group_hits, p.spec.proximity, p.max_len) {
                enumerate(p, hay, a, b.min(hay.len()), &mut consider);
            }
        } else if let Some(pg) = p.prefix_group {
            let starts = &state.hits[pg];
            if p.spec.scan == ScanMode::Blocks {
                // Non-overlapping search, but never before the first place a match can start.
                if let Some(first) = starts.first() {
                    enumerate(p, hay, first.start, hay.len(), &mut consider);
                }
                return;
            }
            let mut last = usize::MAX;
            for at in starts.iter().map(|h| h.start) {
                if at == last {
                    continue;
                }
                last = at;
                let end = hay.len().min(at.saturating_add(p.max_len));
                if let Some(m) = p.re.search(&Input::new(hay).range(at..end).anchored(Anchored::Yes)) {
                    if !m.is_empty() {
                        consider(m.start(), m.end());
                    }
                }
            }
        } else if let Some(ag) = p.anchor_group {
            // Every match holds an anchor word: candidates start at most max_len before one.
            for (a, b) in anchor_windows(&state.hits[ag], p.max_len) {
                enumerate(p, hay, a, b.min(hay.len()), &mut consider);
            }
        } else if let Some(ai) = p.alphabet {
            // A match lies inside one run of its alphabet, at least min_len long.
            let runs = state.runs.get_or_insert_with(|| self.runs(hay));
            let spans = &runs[ai];
            let fits =
                |a: usize, b: usize| b - a >= p.min_len && p.required.iter().all(|&r| hay[a..b].contains(&r));
            for &(a, b) in spans.iter().filter(|(a, b)| fits(*a, *b)) {
                enumerate(p, hay, a, b, &mut consider);
            }
        } else {
            enumerate(p, hay, 0, hay.len(), &mut consider);
        }
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

/// What one scan computes once and every pattern reuses.
struct ScanState {
    hits: Vec<Vec<Hit>>,
    ctx_ok: Vec<bool>,
    runs: Option<Vec<Vec<(usize, usize)>>>,
}

impl ScanState {
    fn new(engine: &Engine, hay: &[u8], contexts: &[&str]) -> Self {
        let ctx_ok = if contexts.is_empty() {
            vec![false; engine.group_count]
        } else {
            engine.keywords.context_groups(contexts)
        };
        ScanState { hits: engine.keywords.hits(hay), ctx_ok, runs: None }
    }
}

/// Candidate-start windows for a pattern whose matches contain an anchor: `[end - max_len, start]`.
fn anchor_windows(hits: &[Hit], max_len: usize) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for h in hits {
        let (a, b) = (h.end.saturating_sub(max_len), h.start);
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
            anchors: vec![],
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
