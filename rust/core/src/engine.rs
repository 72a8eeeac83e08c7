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
use crate::gates::{self, Alphabet, AlphabetSet};
use crate::keywords::{self, is_token_byte, Hit, KeywordIndex};
use crate::regex_check;
use crate::spec::{EngineSpec, KeywordRule, PatternSpec, ScanMode};
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
    /// Bytes every match contains, with their least count: a run without them cannot hold a match.
    required: Vec<(u8, usize)>,
    /// Group (in `Engine::keywords`) of a pattern's prefix literals, when every match starts
    /// with one of them: a tokens pattern takes its candidate starts from the hits; a blocks
    /// pattern with no hit is skipped.
    prefix_group: Option<usize>,
    /// A blocks pattern's prefix literals (and a finder for their common prefix): it searches
    /// only from the first occurrence of one (or not at all).
    block_prefix: Option<BlockPrefix>,
    /// Index of this pattern's anchor group in `Engine::keywords` (anchor words or postal-code
    /// digit tokens: every match contains one).
    anchor_group: Option<usize>,
    /// A rare byte every match contains (the `@` of an email address), for a pattern no other
    /// gate applies to: it runs only within `max_len` before each occurrence.
    rare_byte: Option<u8>,
    /// Tokens patterns: an anchored DFA (when small enough) tried at each candidate start whose
    /// byte can begin a match, instead of one unanchored search per candidate. Built on first
    /// use, so patterns a workload never reaches cost nothing (and engines build fast).
    anchored: std::sync::OnceLock<Option<AnchoredDfa>>,
    /// The bytes a match can start with.
    first: [bool; 256],
}

/// An anchored, leftmost-first DFA of one pattern.
#[derive(Debug)]
struct AnchoredDfa {
    dfa: regex_automata::dfa::dense::DFA<Vec<u32>>,
}

/// Largest anchored DFA built for a tokens pattern (bytes); larger ones use the meta regex.
const ANCHORED_DFA_LIMIT: usize = 1 << 20;

/// Bytes rare in text and logs: a pattern that requires one runs only near its occurrences.
const RARE_BYTES: &[u8] = b"@#$%^&*=+|~`<>!?;\\{}[]";

/// The first place a blocks pattern can match: its prefix literals, behind a `memmem` finder
/// for the prefix they share (`-----BEGIN `), which is far faster than any automaton.
#[derive(Debug)]
struct BlockPrefix {
    common: Option<memchr::memmem::Finder<'static>>,
    literals: aho_corasick::AhoCorasick,
}

impl BlockPrefix {
    fn new(lits: &[Vec<u8>]) -> Result<Self, String> {
        // A `(?i)` prefix comes as every case form: one case-insensitive literal is faster
        // (a superset, which is fine for a lower bound on the first start).
        let folded: std::collections::BTreeSet<Vec<u8>> =
            lits.iter().map(|l| l.to_ascii_lowercase()).collect();
        if folded.len() < lits.len() {
            let literals = aho_corasick::AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(&folded)
                .map_err(|e| e.to_string())?;
            return Ok(BlockPrefix { common: None, literals });
        }
        let first = &lits[0];
        let shared = (0..first.len()).take_while(|&i| lits.iter().all(|l| l.get(i) == first.get(i))).count();
        let common = (shared >= 2).then(|| memchr::memmem::Finder::new(&first[..shared]).into_owned());
        let literals = aho_corasick::AhoCorasick::new(lits).map_err(|e| e.to_string())?;
        Ok(BlockPrefix { common, literals })
    }

    fn first(&self, hay: &[u8]) -> Option<usize> {
        let from = match &self.common {
            Some(f) => f.find(hay)?,
            None => 0,
        };
        self.literals.find(&hay[from..]).map(|m| from + m.start())
    }
}

/// Alphabet runs pay off for digit-shaped patterns: few distinct bytes, long enough matches
/// (or `run_requires` seeds) to skip most runs, and no literal prefix that the regex engine's
/// own prefilter could use.
const SMALL_ALPHABET: usize = 24;
const RUN_MIN_LEN: usize = 7;
const MANY_FIRST_BYTES: usize = 4;

impl Compiled {
    /// Whether a run of this pattern's alphabet can hold one of its matches.
    fn fits_run(&self, hay: &[u8], a: usize, b: usize) -> bool {
        b - a >= self.min_len && gates::run_fits(hay, a, b, &self.required, &self.spec.run_requires)
    }

    /// The pattern's anchored DFA, built on first use (tokens patterns whose DFA is small).
    fn anchored_dfa(&self) -> Option<&AnchoredDfa> {
        self.anchored
            .get_or_init(|| {
                (self.spec.scan == ScanMode::Tokens)
                    .then(|| regex_check::anchored_dfa(&self.spec.regex, ANCHORED_DFA_LIMIT))
                    .flatten()
                    .map(|dfa| AnchoredDfa { dfa })
            })
            .as_ref()
    }
}

/// Which anchor group a pattern has, counted among its own kind while compiling.
#[derive(Debug, Clone, Copy)]
enum Anchor {
    Words(usize),
    Digits(usize),
}

/// A compiled set of patterns, keywords and allow lists.
#[derive(Debug)]
pub struct Engine {
    patterns: Vec<Compiled>,
    keywords: KeywordIndex,
    allow: AllowLists,
    group_count: usize,
    /// Distinct small alphabets of keyword-free patterns (see [`Alphabet`]).
    alphabets: AlphabetSet,
    /// Per group of `keywords`, the patterns that have nothing to do unless it has a hit (or,
    /// for keyword groups, a context match); and the patterns every scan runs.
    triggered_by: Vec<Vec<usize>>,
    always: Vec<usize>,
    /// Per alphabet, its patterns: a scan walks each run once for all of them (while the run's
    /// bytes are in cache), not once per pattern.
    by_alphabet: Vec<Vec<usize>>,
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
        let mut alphabets: Vec<Alphabet> = Vec::new();
        let mut anchor_groups: Vec<Vec<String>> = Vec::new();
        let mut literal_groups: Vec<Vec<Vec<u8>>> = Vec::new();
        let mut digit_groups: Vec<usize> = Vec::new();
        let mut anchors: Vec<Option<Anchor>> = Vec::new();
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
            let first = gates::first_bytes(&hir);
            let keyword_free = p.keyword_rule != KeywordRule::Required;
            // Runs grown from seeds when the data says which texts a run must hold.
            let seeds: Vec<u8> = {
                let mut v: Vec<u8> = p.run_requires.iter().filter_map(|(t, _)| t.first().copied()).collect();
                v.sort_unstable();
                v.dedup();
                v
            };
            let mut alphabet = None;
            if keyword_free && p.scan != ScanMode::Plain && (min_len >= RUN_MIN_LEN || !seeds.is_empty()) {
                let set = gates::byte_alphabet(&hir);
                // Digit prefixes (`3[0-9]{3}...`) would mark most numbers as candidate starts.
                let digit_prefixed = || {
                    gates::prefix_literals(&hir, 4, 64)
                        .is_some_and(|l| l.iter().all(|x| x[0].is_ascii_digit()))
                };
                if set.iter().filter(|&&b| b).count() <= SMALL_ALPHABET
                    && (first.iter().filter(|&&b| b).count() >= MANY_FIRST_BYTES || digit_prefixed())
                {
                    let i = match alphabets.iter().position(|a| a.set == set && a.seeds == seeds) {
                        Some(i) => i,
                        None => {
                            alphabets.push(Alphabet { set, min: usize::MAX, seeds });
                            alphabets.len() - 1
                        }
                    };
                    alphabets[i].min = alphabets[i].min.min(min_len);
                    alphabet = Some(i);
                }
            }
            // Numbered among their own kind for now; placed after the keyword groups below.
            let anchor_group = if !keyword_free || p.scan != ScanMode::Tokens || alphabet.is_some() {
                None
            } else if !p.anchors.is_empty() {
                anchor_groups.push(p.anchors.clone());
                Some(Anchor::Words(anchor_groups.len() - 1))
            } else if p.anchor_digits > 0 {
                digit_groups.push(p.anchor_digits);
                Some(Anchor::Digits(digit_groups.len() - 1))
            } else {
                None
            };
            let required = if alphabet.is_some() { gates::required_counts(&hir) } else { Vec::new() };
            let gated =
                keyword_free && p.scan != ScanMode::Plain && alphabet.is_none() && anchor_group.is_none();
            let mut block_prefix = None;
            let mut prefix_group = None;
            let blocks = p.scan == ScanMode::Blocks;
            match if gated {
                gates::prefix_literals(&hir, if blocks { 16 } else { 4 }, if blocks { 1024 } else { 64 })
            } else {
                None
            } {
                Some(lits) if blocks => {
                    // Exact literals: a `(?i)` prefix extracts every case form.
                    let pre = BlockPrefix::new(&lits)
                        .map_err(|e| Error::Spec(format!("{}: prefix literals: {e}", p.name)))?;
                    block_prefix = Some(pre);
                    // Literals starting with a letter or digit: a reported match starts at a
                    // token start that begins with one (the token pass finds them for free).
                    if lits.iter().all(|l| is_token_byte(l[0])) {
                        literal_groups.push(lits);
                        prefix_group = Some(literal_groups.len() - 1);
                    }
                }
                Some(lits) => {
                    // Numbered among the literal groups for now; moved after the anchor groups below.
                    literal_groups.push(lits);
                    prefix_group = Some(literal_groups.len() - 1);
                }
                None => {}
            }
            let ungated = gated && prefix_group.is_none() && block_prefix.is_none();
            let rare_byte = if ungated && p.scan == ScanMode::Tokens {
                let counts = gates::required_counts(&hir);
                RARE_BYTES.iter().copied().find(|b| counts.iter().any(|&(c, _)| c == *b))
            } else {
                None
            };
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
                block_prefix,
                anchor_group: None,
                rare_byte,
                anchored: std::sync::OnceLock::new(),
                first,
            });
            anchors.push(anchor_group);
        }
        // Keywords, anchor words, prefix literals and digit anchors are found in one pass.
        // Groups: keywords, anchor words, literals, digit anchors.
        let literal_base = group_count + anchor_groups.len();
        let digit_base = literal_base + literal_groups.len();
        for (p, anchor) in patterns.iter_mut().zip(anchors) {
            p.prefix_group = p.prefix_group.map(|k| literal_base + k);
            p.anchor_group = anchor.map(|a| match a {
                Anchor::Words(k) => group_count + k,
                Anchor::Digits(k) => digit_base + k,
            });
        }
        let mut groups = spec.keyword_groups;
        groups.extend(anchor_groups);
        let alphabets = AlphabetSet::new(alphabets);
        let keywords = KeywordIndex::build(&groups, &literal_groups, &digit_groups, alphabets.classes())?;
        // Which patterns a scan must visit: those gated by a group only when it has hits.
        let mut triggered_by = vec![Vec::new(); keywords.group_count()];
        let mut always = Vec::new();
        let mut by_alphabet = vec![Vec::new(); alphabets.len()];
        for (pi, p) in patterns.iter().enumerate() {
            if let Some(ai) = p.alphabet.filter(|_| p.spec.keyword_rule != KeywordRule::Required) {
                by_alphabet[ai].push(pi);
                continue;
            }
            let trigger = if p.spec.keyword_rule == KeywordRule::Required {
                Some(p.spec.keyword_group as usize)
            } else {
                p.anchor_group.or(p.prefix_group)
            };
            match trigger {
                Some(g) => triggered_by[g].push(pi),
                None => always.push(pi),
            }
        }
        Ok(Engine { patterns, keywords, allow, group_count, alphabets, triggered_by, always, by_alphabet })
    }

    /// Heap bytes held by the anchored DFAs built so far (they are built on first use).
    pub fn dfa_memory(&self) -> usize {
        self.patterns.iter().filter_map(|p| p.anchored.get()?.as_ref()).map(|a| a.dfa.memory_usage()).sum()
    }

    pub fn pattern_count(&self) -> usize {
        self.patterns.len()
    }

    /// Scans one buffer. `contexts` are structured-context strings (column names, key
    /// paths) whose keywords count as near every value of the buffer.
    pub fn scan(&self, hay: &[u8], contexts: &[&str]) -> Vec<Detection> {
        let state = ScanState::new(self, hay, contexts);
        let mut out = Vec::new();
        for (spans, pats) in state.runs.iter().zip(&self.by_alphabet) {
            for &(a, b) in spans {
                for &pi in pats {
                    let p = &self.patterns[pi];
                    if p.fits_run(hay, a, b) {
                        enumerate(p, hay, a, b, &mut self.judging(pi, hay, &state, &mut out));
                    }
                }
            }
        }
        for &pi in &self.always {
            self.run_pattern(pi, hay, &state, &mut out);
        }
        for (g, pats) in self.triggered_by.iter().enumerate() {
            if !state.hits[g].is_empty() || state.ctx_ok.get(g).copied().unwrap_or(false) {
                for &pi in pats {
                    self.run_pattern(pi, hay, &state, &mut out);
                }
            }
        }
        resolve_overlaps(out)
    }

    /// Where the time of one scan goes: the keyword pass, then each pattern (nanoseconds).
    /// The same work as [`Engine::scan`], timed piece by piece; for `bench/` and the docs.
    pub fn profile(&self, hay: &[u8]) -> Vec<(String, u128)> {
        let t = std::time::Instant::now();
        let state = ScanState::new(self, hay, &[]);
        let first = format!("keywords, anchors, prefixes and alphabet runs {}", self.alphabets.describe());
        let mut out = vec![(first, t.elapsed().as_nanos())];
        let mut found = Vec::new();
        for (pi, p) in self.patterns.iter().enumerate() {
            let t = std::time::Instant::now();
            self.run_pattern(pi, hay, &state, &mut found);
            out.push((p.spec.name.clone(), t.elapsed().as_nanos()));
        }
        out
    }

    /// A sink for the candidates of pattern `pi`: judges each and keeps what is not rejected.
    fn judging<'a>(
        &'a self,
        pi: usize,
        hay: &'a [u8],
        state: &'a ScanState,
        out: &'a mut Vec<(Detection, bool)>,
    ) -> impl FnMut(usize, usize) + 'a {
        let p = &self.patterns[pi];
        let g = p.spec.keyword_group as usize;
        let (group_hits, in_context) = (&state.hits[g], state.ctx_ok[g]);
        move |s, e| {
            let verdict = self.judge(p, hay, s, e, group_hits, in_context);
            if verdict != Verdict::Rejected {
                let d = Detection { start: s, end: e, identifier: p.spec.identifier, pattern: pi as u32 };
                out.push((d, verdict == Verdict::Allowed));
            }
        }
    }

    /// Enumerates and judges the candidates of one pattern, only where a match can be.
    fn run_pattern(&self, pi: usize, hay: &[u8], state: &ScanState, out: &mut Vec<(Detection, bool)>) {
        let p = &self.patterns[pi];
        let g = p.spec.keyword_group as usize;
        let group_hits = &state.hits[g];
        let needs_window = p.spec.keyword_rule == KeywordRule::Required && !state.ctx_ok[g];
        if needs_window && group_hits.is_empty() {
            return;
        }
        let mut consider = self.judging(pi, hay, state, out);
        if needs_window && p.spec.scan == ScanMode::Tokens {
            for (a, b) in gates::keyword_windows(hay, group_hits, p.spec.proximity, p.max_len) {
                enumerate(p, hay, a, b.min(hay.len()), &mut consider);
            }
        } else if let Some(pre) = &p.block_prefix {
            // A reported match starts at a literal hit. When there is one, the search is the
            // full non-overlapping one (a rejected match elsewhere can hide a later one), but
            // never before the first place any match can start.
            let no_hit = p.prefix_group.is_some_and(|pg| state.hits[pg].is_empty());
            if let Some(first) = if no_hit { None } else { pre.first(hay) } {
                enumerate(p, hay, first, hay.len(), &mut consider);
            }
        } else if let Some(pg) = p.prefix_group {
            let starts = &state.hits[pg];
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
            for (a, b) in gates::anchor_windows(&state.hits[ag], p.max_len) {
                enumerate(p, hay, a, b.min(hay.len()), &mut consider);
            }
        } else if let Some(ai) = p.alphabet {
            // A match lies inside one run of its alphabet that it fits.
            for &(a, b) in state.runs[ai].iter().filter(|&&(a, b)| p.fits_run(hay, a, b)) {
                enumerate(p, hay, a, b, &mut consider);
            }
        } else if let Some(byte) = p.rare_byte {
            // Every match holds the byte: candidates start at most max_len before one.
            let hits: Vec<Hit> =
                memchr::memchr_iter(byte, hay).map(|i| Hit { start: i, end: i + 1 }).collect();
            for (a, b) in gates::anchor_windows(&hits, p.max_len) {
                enumerate(p, hay, a, b.min(hay.len()), &mut consider);
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

/// What one scan computes once and every pattern reuses.
struct ScanState {
    hits: Vec<Vec<Hit>>,
    ctx_ok: Vec<bool>,
    runs: Vec<Vec<(usize, usize)>>,
}

impl ScanState {
    fn new(engine: &Engine, hay: &[u8], contexts: &[&str]) -> Self {
        let ctx_ok = if contexts.is_empty() {
            vec![false; engine.group_count]
        } else {
            engine.keywords.context_groups(contexts)
        };
        // One pass over the bytes finds keyword hits and alphabet runs together.
        let mut runs = engine.alphabets.begin();
        let hits =
            engine.keywords.hits_with(hay, |base, masks| engine.alphabets.block(&mut runs, hay, base, masks));
        ScanState { hits, ctx_ok, runs: engine.alphabets.finish(runs, hay.len()) }
    }
}

/// Calls `f(start, end)` for every candidate of `p` starting in `[a, b]`.
fn enumerate(p: &Compiled, hay: &[u8], a: usize, b: usize, f: &mut impl FnMut(usize, usize)) {
    match p.spec.scan {
        ScanMode::Tokens if p.anchored_dfa().is_some() => {
            let Some(ad) = p.anchored_dfa() else { return };
            let end = hay.len().min(b.saturating_add(p.max_len));
            for at in a..=b.min(end.saturating_sub(1)) {
                let c = hay[at];
                if !p.first[usize::from(c)] || (at > 0 && is_token_byte(c) && is_token_byte(hay[at - 1])) {
                    continue;
                }
                let input = Input::new(hay).range(at..end).anchored(Anchored::Yes);
                let found = match regex_automata::dfa::Automaton::try_search_fwd(&ad.dfa, &input) {
                    Ok(half) => half.map(|h| h.offset()),
                    Err(_) => p.re.search(&input).map(|m| m.end()),
                };
                if let Some(e) = found.filter(|&e| e > at) {
                    f(at, e);
                }
            }
        }
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
    use crate::spec::Proximity;

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
            anchor_digits: 0,
            run_requires: vec![],
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
    fn postal_code_anchor_finds_what_a_full_scan_finds() {
        let mut p = pat(
            0,
            "[A-Z][a-z]{1,10} [0-9]{1,3}, [0-9]{5} [A-Z][a-z]{1,10}",
            KeywordRule::None,
            ScanMode::Tokens,
        );
        let hay = "x Hauptweg 12, 10115 Berlin y Ring 3, 1011 Bonn z Weg 4, 101155 Ulm";
        let full = spans(&engine(vec![p.clone()], &[]), hay);
        p.anchor_digits = 5;
        assert_eq!(spans(&engine(vec![p], &[]), hay), full);
        assert_eq!(full, vec![(2, 27)]);
    }

    #[test]
    fn run_requirements_skip_only_runs_that_cannot_match() {
        // Two or more colons are required by this (stand-in) validator-free pattern's data.
        let mut p = pat(0, "[0-9a-f]{1,4}(?::[0-9a-f]{0,4}){2,7}", KeywordRule::None, ScanMode::Tokens);
        p.run_requires = vec![(b"::".to_vec(), 1), (b":".to_vec(), 3)];
        let e = engine(vec![p], &[]);
        assert_eq!(spans(&e, "a fe80::1 b 1:2:3:4 c 10:15:32"), vec![(2, 9), (12, 19)]);
    }

    #[test]
    fn linear_on_hostile_input() {
        let e = engine(vec![pat(0, "[0-9]{9}", KeywordRule::Required, ScanMode::Tokens)], &["ssn"]);
        let hay = "ssn 1".repeat(200_000);
        assert!(e.scan(hay.as_bytes(), &[]).is_empty());
    }
}
