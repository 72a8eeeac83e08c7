//! Where a pattern can match: facts read off its regex (first bytes, prefix literals, byte
//! alphabet, bytes every match holds) and the cheap passes that use them to skip the rest of
//! a buffer (alphabet runs, windows around keyword and anchor hits).
//!
//! Every rule here is exact: it only skips text where no candidate that would be reported
//! can start. The differential test against the reference engine (which runs every pattern
//! everywhere) checks it.

use regex_syntax::hir::{Class, Hir, HirKind};

use crate::classify::{erode, for_each_block, ByteClass};
use crate::keywords::Hit;
use crate::spec::Proximity;

/// The bytes a match of `hir` can start with (every byte when that is not known).
pub fn first_bytes(hir: &Hir) -> [bool; 256] {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    let seq = Extractor::new().kind(ExtractKind::Prefix).limit_class(256).limit_literal_len(1).extract(hir);
    match seq.literals() {
        Some(lits) if lits.iter().all(|l| !l.as_bytes().is_empty()) => {
            let mut set = [false; 256];
            lits.iter().for_each(|l| set[usize::from(l.as_bytes()[0])] = true);
            set
        }
        _ => [true; 256],
    }
}

/// The literals (at most `max_len` bytes each) every match of `hir` starts with, when there
/// are at most `max_total` and all are at least two bytes long (IBAN country codes, `+33`,
/// `-----BEGIN`).
pub fn prefix_literals(hir: &Hir, max_len: usize, max_total: usize) -> Option<Vec<Vec<u8>>> {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    let seq = Extractor::new()
        .kind(ExtractKind::Prefix)
        .limit_literal_len(max_len)
        .limit_total(max_total)
        .extract(hir);
    let lits = seq.literals()?;
    if lits.is_empty() || lits.iter().any(|l| l.as_bytes().len() < 2) {
        return None;
    }
    Some(lits.iter().map(|l| l.as_bytes().to_vec()).collect())
}

/// Every byte value a match of `hir` can contain.
pub fn byte_alphabet(hir: &Hir) -> [bool; 256] {
    fn walk(h: &Hir, set: &mut [bool; 256]) {
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
    let mut set = [false; 256];
    walk(hir, &mut set);
    set
}

/// How many times each byte occurs at least in every match of `hir` (the three dots of an
/// IPv4 address), as `(byte, count)` sorted by byte.
pub fn required_counts(hir: &Hir) -> Vec<(u8, usize)> {
    fn walk(h: &Hir) -> [usize; 256] {
        let mut out = [0usize; 256];
        match h.kind() {
            HirKind::Literal(lit) => lit.0.iter().for_each(|&b| out[usize::from(b)] += 1),
            HirKind::Class(Class::Bytes(c))
                if c.ranges().len() == 1 && c.ranges()[0].start() == c.ranges()[0].end() =>
            {
                out[usize::from(c.ranges()[0].start())] = 1;
            }
            HirKind::Repetition(r) if r.min > 0 => {
                let sub = walk(&r.sub);
                let times = r.min as usize;
                out.iter_mut().zip(sub).for_each(|(o, s)| *o = s.saturating_mul(times));
            }
            HirKind::Capture(c) => out = walk(&c.sub),
            HirKind::Concat(v) => {
                for x in v {
                    out.iter_mut().zip(walk(x)).for_each(|(o, s)| *o = o.saturating_add(s));
                }
            }
            HirKind::Alternation(v) => {
                let mut branches = v.iter().map(walk);
                out = branches.next().unwrap_or([0; 256]);
                for b in branches {
                    out.iter_mut().zip(b).for_each(|(o, s)| *o = (*o).min(s));
                }
            }
            _ => {}
        }
        out
    }
    let counts = walk(hir);
    (0..=255u8).zip(counts).filter(|&(_, n)| n > 0).collect()
}

/// A small byte alphabet whose maximal runs hold every match of some patterns.
#[derive(Debug, Clone)]
pub struct Alphabet {
    pub set: [bool; 256],
    /// Shortest run worth reporting (the shortest match among its patterns).
    pub min: usize,
    /// When non-empty, every run worth reporting holds one of these bytes: runs are grown
    /// from their occurrences (`memchr`). Otherwise from samples every `min` bytes.
    pub seeds: Vec<u8>,
}

impl Alphabet {
    /// `[0-9.] min 7` or `[0-9:A-Fa-f.] seeds ":"`: for profiles.
    pub fn describe(&self) -> String {
        let show = |x: u8| std::ascii::escape_default(x).to_string();
        let mut set = String::new();
        for &(lo, hi) in self.class().ranges() {
            set += &if hi > lo + 1 {
                format!("{}-{}", show(lo), show(hi))
            } else {
                (lo..=hi).map(show).collect()
            };
        }
        let seeds: String = self.seeds.iter().map(|&c| show(c)).collect();
        if seeds.is_empty() {
            format!("[{set}] min {}", self.min)
        } else {
            format!("[{set}] seeds {seeds:?}")
        }
    }

    pub fn class(&self) -> ByteClass {
        ByteClass::new(&self.set)
    }
}

/// The maximal runs of at least `min` bytes of one alphabet, fed one 64-byte block mask at a
/// time: constant work per block, plus work per run that is long enough.
#[derive(Debug, Default)]
struct RunFinder {
    /// Length of the run still open at the current block's start.
    open: usize,
    out: Vec<(usize, usize)>,
}

impl RunFinder {
    fn block(&mut self, base: usize, m: u64, min: usize) {
        if m == u64::MAX {
            self.open += 64;
            return;
        }
        let lead = (!m).trailing_zeros() as usize;
        if self.open + lead >= min {
            self.out.push((base - self.open, base + lead));
        }
        let trail = (!m).leading_zeros() as usize;
        if min <= 64 {
            // e[i] set when m[i..i + min] are all ones (shifts bring in zeros from above, so
            // only runs that end inside the block count here).
            let mut e = erode(m, min);
            // Runs strictly after the leading one and before the trailing (still open) one.
            e &= (!0u64).checked_shl(lead as u32 + 1).unwrap_or(0);
            e &= (1u64 << (63 - trail)) | ((1u64 << (63 - trail)) - 1);
            while e != 0 {
                let p = e.trailing_zeros() as usize;
                let end = p + (!(m >> p)).trailing_zeros() as usize;
                self.out.push((base + p, base + end));
                e &= (!0u64).checked_shl(end as u32).unwrap_or(0);
            }
        }
        self.open = trail;
    }

    fn finish(mut self, len: usize, min: usize) -> Vec<(usize, usize)> {
        if self.open >= min.max(1) {
            self.out.push((len - self.open, len));
        }
        self.out
    }
}

/// The maximal runs of at least `min` bytes of one alphabet that hold a seed byte, fed one
/// block at a time with the alphabet's mask and the seeds' mask: work per seed, not per byte.
#[derive(Debug, Default)]
struct SeedFinder {
    /// Start of the run still open at the current block's start, if any.
    open: Option<usize>,
    /// End of the last run reported: seeds before it are inside it.
    done: usize,
    out: Vec<(usize, usize)>,
}

impl SeedFinder {
    fn block(&mut self, hay: &[u8], set: &[bool; 256], base: usize, m: u64, seeds: u64, min: usize) {
        let mut sd = seeds & m;
        while sd != 0 {
            let p = sd.trailing_zeros() as usize;
            sd &= sd - 1;
            if base + p < self.done {
                continue;
            }
            let zeros_below = !m & ((1u64 << p) - 1);
            let start = if zeros_below != 0 {
                base + 64 - zeros_below.leading_zeros() as usize
            } else {
                self.open.unwrap_or(base)
            };
            let ones = (!(m >> p)).trailing_zeros() as usize;
            let mut end = base + p + ones;
            if p + ones >= 64 {
                // The run goes on past this block: follow it byte by byte (rare).
                while end < hay.len() && set[usize::from(hay[end])] {
                    end += 1;
                }
            }
            if end - start >= min {
                self.out.push((start, end));
            }
            self.done = end;
        }
        self.open = if m >> 63 & 1 == 1 {
            let top = (!m).leading_zeros() as usize;
            Some(if top == 64 { self.open.unwrap_or(base) } else { base + 64 - top })
        } else {
            None
        };
    }
}

/// Every small alphabet of an engine, ready to find runs in one classification pass.
#[derive(Debug, Default)]
pub struct AlphabetSet {
    alphabets: Vec<Alphabet>,
    /// One class per alphabet, then one class of seed bytes per seeded alphabet.
    classes: Vec<ByteClass>,
    /// For each alphabet, the index in `classes` of its seed class (seeded alphabets).
    seed_class: Vec<Option<usize>>,
}

impl AlphabetSet {
    pub fn new(alphabets: Vec<Alphabet>) -> Self {
        let mut classes: Vec<ByteClass> = alphabets.iter().map(Alphabet::class).collect();
        let mut seed_class = Vec::new();
        for a in &alphabets {
            if a.seeds.is_empty() {
                seed_class.push(None);
            } else {
                let mut set = [false; 256];
                a.seeds.iter().for_each(|&b| set[usize::from(b)] = true);
                classes.push(ByteClass::new(&set));
                seed_class.push(Some(classes.len() - 1));
            }
        }
        AlphabetSet { alphabets, classes, seed_class }
    }

    pub fn describe(&self) -> String {
        self.alphabets.iter().map(Alphabet::describe).collect::<Vec<_>>().join(" ")
    }

    pub fn len(&self) -> usize {
        self.alphabets.len()
    }

    pub fn is_empty(&self) -> bool {
        self.alphabets.is_empty()
    }

    /// The classes whose block masks [`AlphabetSet::block`] takes, in order.
    pub fn classes(&self) -> &[ByteClass] {
        &self.classes
    }

    /// The runs of every alphabet in `hay`, by alphabet index.
    pub fn runs(&self, hay: &[u8]) -> Vec<Vec<(usize, usize)>> {
        let mut state = self.begin();
        for_each_block(hay, &self.classes, |base, masks| self.block(&mut state, hay, base, masks));
        self.finish(state, hay.len())
    }

    /// State for feeding blocks from a pass that someone else makes (the keyword pass).
    pub fn begin(&self) -> RunState {
        RunState {
            sampled: self.alphabets.iter().map(|_| RunFinder::default()).collect(),
            seeded: self.alphabets.iter().map(|_| SeedFinder::default()).collect(),
        }
    }

    /// One 64-byte block's masks of [`AlphabetSet::classes`].
    #[inline]
    pub fn block(&self, state: &mut RunState, hay: &[u8], base: usize, masks: &[u64]) {
        for (j, a) in self.alphabets.iter().enumerate() {
            match self.seed_class[j] {
                None => state.sampled[j].block(base, masks[j], a.min.max(1)),
                Some(k) => state.seeded[j].block(hay, &a.set, base, masks[j], masks[k], a.min.max(1)),
            }
        }
    }

    pub fn finish(&self, state: RunState, len: usize) -> Vec<Vec<(usize, usize)>> {
        let mut out = Vec::with_capacity(self.alphabets.len());
        for ((a, f), s) in self.alphabets.iter().zip(state.sampled).zip(state.seeded) {
            out.push(if a.seeds.is_empty() { f.finish(len, a.min) } else { s.out });
        }
        out
    }
}

/// Runs being found, alphabet by alphabet.
#[derive(Debug)]
pub struct RunState {
    sampled: Vec<RunFinder>,
    seeded: Vec<SeedFinder>,
}

/// Whether the run `hay[a..b]` holds every required byte count and, if any are given, one
/// of the `requires` texts the given number of times.
pub fn run_fits(
    hay: &[u8],
    a: usize,
    b: usize,
    counts: &[(u8, usize)],
    requires: &[(Vec<u8>, usize)],
) -> bool {
    let run = &hay[a..b];
    // The rare condition first: most runs fail it.
    (requires.is_empty() || requires.iter().any(|(text, n)| occurrences(run, text, *n) >= *n))
        && counts.iter().all(|&(byte, n)| byte_count(run, byte) >= n)
}

/// How many times `byte` occurs in `run` (a loop the compiler vectorises).
fn byte_count(run: &[u8], byte: u8) -> usize {
    run.iter().map(|&c| usize::from(c == byte)).sum()
}

/// Non-overlapping occurrences of `text` in `run`, counted up to `limit` (texts are short:
/// a plain scan beats building a `memmem` searcher per run).
fn occurrences(run: &[u8], text: &[u8], limit: usize) -> usize {
    match text {
        [] => return limit,
        [byte] => return byte_count(run, *byte),
        _ => {}
    }
    let (mut found, mut i) = (0, 0);
    while found < limit && i + text.len() <= run.len() {
        if run[i..].starts_with(text) {
            found += 1;
            i += text.len();
        } else {
            i += 1;
        }
    }
    found
}

/// Candidate-start windows around keyword hits, merged: `[first start, last start]`. A match
/// is near a hit when at most `d` characters lie between them, so a window reaches `d`
/// characters (counted as the engine counts them: bytes that are not UTF-8 continuation
/// bytes) past the hit's end and `d` characters plus `max_len` bytes before its start.
pub fn keyword_windows(hay: &[u8], hits: &[Hit], prox: Proximity, max_len: usize) -> Vec<(usize, usize)> {
    let d = match prox {
        Proximity::Around(d) | Proximity::Before(d) => d,
    };
    merged(
        hits.iter()
            .map(|h| (chars_back(hay, h.start, d).saturating_sub(max_len), chars_forward(hay, h.end, d))),
    )
}

/// The last position `q` with at most `d` characters in `hay[from..q]`.
fn chars_forward(hay: &[u8], from: usize, d: usize) -> usize {
    let (mut q, mut seen) = (from, 0);
    while q < hay.len() {
        if hay[q] & 0xC0 != 0x80 {
            if seen == d {
                break;
            }
            seen += 1;
        }
        q += 1;
    }
    q
}

/// The first position `r` with at most `d` characters in `hay[r..to]`.
fn chars_back(hay: &[u8], to: usize, d: usize) -> usize {
    let (mut r, mut seen) = (to, 0);
    while r > 0 {
        if hay[r - 1] & 0xC0 != 0x80 {
            if seen == d {
                break;
            }
            seen += 1;
        }
        r -= 1;
    }
    r
}

/// Candidate-start windows for a pattern whose matches contain an anchor: `[end - max_len, start]`.
pub fn anchor_windows(hits: &[Hit], max_len: usize) -> Vec<(usize, usize)> {
    merged(hits.iter().map(|h| (h.end.saturating_sub(max_len), h.start)))
}

/// Windows in order of their start, overlapping or touching ones merged.
fn merged(spans: impl Iterator<Item = (usize, usize)>) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (a, b) in spans {
        match out.last_mut() {
            Some(last) if a <= last.1 + 1 => last.1 = last.1.max(b),
            _ => out.push((a, b)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::naive_runs;

    fn hir(re: &str) -> Hir {
        crate::regex_check::parse(re).unwrap()
    }

    #[test]
    fn required_counts_of_ipv4_and_alternations() {
        assert_eq!(required_counts(&hir(r"[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}")), vec![(b'.', 3)]);
        assert_eq!(required_counts(&hir(r"a-(?:b-|c)")), vec![(b'-', 1), (b'a', 1)]);
        assert!(required_counts(&hir(r"(?:x:)?y")).contains(&(b'y', 1)));
    }

    #[test]
    fn sampled_and_seeded_runs_equal_a_byte_loop() {
        let hay = crate::classify::test_text(99, 20_000, b"0123456789:. ax-");
        let set = byte_alphabet(&hir(r"[0-9.:]"));
        let mut all = [[b'7'; 300].to_vec(), hay.clone()].concat();
        all.extend_from_slice(&[b'7'; 130]);
        for hay in [&hay[..], &hay[..4096], &all[..], &all[..all.len() - 1], &[b'7'; 200][..]] {
            for min in [1, 2, 5, 7, 13, 64, 65, 100] {
                let got = AlphabetSet::new(vec![Alphabet { set, min, seeds: vec![] }]).runs(hay);
                assert_eq!(got[0], naive_runs(hay, &set, min), "min {min}");
            }
        }
        // Seeded by ':' the runs are those of the byte loop that contain a ':', also when a
        // run spans blocks or the buffer is cut anywhere.
        let both = AlphabetSet::new(vec![
            Alphabet { set, min: 7, seeds: vec![] },
            Alphabet { set, min: 2, seeds: vec![b':'] },
        ]);
        let want: Vec<_> =
            naive_runs(&hay, &set, 2).into_iter().filter(|&(s, e)| hay[s..e].contains(&b':')).collect();
        let got = both.runs(&hay);
        assert_eq!(got[1], want);
        assert_eq!(got[0], naive_runs(&hay, &set, 7));
        let long = [[b'1'; 150].to_vec(), b":".to_vec(), [b'2'; 100].to_vec(), b" 3:4 ::".to_vec()].concat();
        for cut in [0, 1, 63, 64, 65, 128, 150, 151, 200, long.len()] {
            let hay = &long[..cut];
            let want: Vec<_> =
                naive_runs(hay, &set, 2).into_iter().filter(|&(s, e)| hay[s..e].contains(&b':')).collect();
            assert_eq!(both.runs(hay)[1], want, "cut {cut}");
        }
    }

    #[test]
    fn windows_count_characters() {
        let hits = [Hit { start: 10, end: 13 }];
        let ascii = [b'x'; 100];
        assert_eq!(keyword_windows(&ascii, &hits, Proximity::Around(5), 4), vec![(1, 18)]);
        // "é" is two bytes, one character: the window reaches one byte further.
        let mut text = ascii.to_vec();
        text.splice(14..15, "é".bytes());
        assert_eq!(keyword_windows(&text, &hits, Proximity::Around(5), 4), vec![(1, 19)]);
        assert_eq!(
            keyword_windows(&ascii, &[Hit { start: 2, end: 98 }], Proximity::Around(5), 4),
            vec![(0, 100)]
        );
    }

    #[test]
    fn run_requirements() {
        let hay = b"1:2:3::4";
        assert!(run_fits(hay, 0, 8, &[(b':', 4)], &[]));
        assert!(!run_fits(hay, 0, 8, &[(b':', 5)], &[]));
        assert!(run_fits(hay, 0, 8, &[], &[(b"::".to_vec(), 1)]));
        assert!(!run_fits(hay, 0, 5, &[], &[(b"::".to_vec(), 1), (b":".to_vec(), 6)]));
    }
}
