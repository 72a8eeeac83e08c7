//! Keywords: one pass over a buffer's tokens finds every keyword of every group (ASCII
//! case-insensitive, whole words), the prefix literals and the postal-code digit tokens that
//! gate keyword-free patterns; proximity is measured in characters.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::error::Error;

pub use crate::tokens::is_token_byte;

/// The spellings a keyword is searched under: ASCII-lowercased, its all-caps form for
/// non-ASCII letters, and for a keyword with spaces the variants with the spaces removed
/// or replaced by `_` or `-` (Macie's documented rule).
pub fn variants(keyword: &str) -> Vec<String> {
    let base = keyword.trim();
    let mut forms = vec![base.to_ascii_lowercase()];
    let upper = base.to_uppercase().to_ascii_lowercase();
    if upper != forms[0] {
        forms.push(upper);
    }
    let mut out: Vec<String> = Vec::new();
    for f in forms {
        if f.contains(' ') {
            out.push(f.replace(' ', ""));
            out.push(f.replace(' ', "_"));
            out.push(f.replace(' ', "-"));
        }
        out.push(f);
    }
    out.retain(|v| !v.is_empty());
    out.sort();
    out.dedup();
    out
}

/// Structured context (a column name, a JSON key path) as the text keywords are found in:
/// camelCase split, `_ - . $ [ ] /` as spaces, ASCII-lowercased.
pub fn normalize_context(ctx: &str) -> String {
    let mut out = String::with_capacity(ctx.len() + 8);
    let mut prev: Option<char> = None;
    for c in ctx.chars() {
        if c.is_ascii_uppercase() && prev.is_some_and(|p| p.is_ascii_lowercase() || p.is_ascii_digit()) {
            out.push(' ');
        }
        match c {
            '_' | '-' | '.' | '$' | '[' | ']' | '/' | '\'' | '"' => out.push(' '),
            _ => out.push(c.to_ascii_lowercase()),
        }
        prev = Some(c);
    }
    out
}

/// A keyword occurrence: byte span.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
}

/// One searched string and the groups it belongs to. Keywords and anchors are whole words,
/// matched ASCII case-insensitively and stored lowercased; prefix literals are matched
/// exactly, anywhere.
#[derive(Debug)]
struct Entry {
    pattern: Vec<u8>,
    whole: bool,
    groups: Vec<u32>,
}

/// Whole-word entries that start with a token byte, by their first token (lowercased): a
/// 64 Ki-bit filter on the token's hash that rejects most tokens of a buffer, then an
/// open-addressing table of hashes.
#[derive(Debug, Default)]
struct TokenTable {
    filter: Vec<u64>,
    /// `(hash, index into keys)`; `u32::MAX` marks an empty slot.
    slots: Vec<(u64, u32)>,
    /// `(first token, entries)`.
    keys: Vec<(Vec<u8>, Vec<usize>)>,
    /// Longest first token: longer tokens are never looked up.
    max_token: usize,
}

/// `n` (1 to 8) bytes of `hay` from `at`, little-endian, zero-padded.
#[inline(always)]
fn load(hay: &[u8], at: usize, n: usize) -> u64 {
    let keep = u64::MAX >> (64 - 8 * n);
    match hay.get(at..at + 8) {
        Some(word) => u64::from_le_bytes(word.try_into().unwrap_or([0; 8])) & keep,
        None => hay[at..at + n].iter().rev().fold(0u64, |acc, &b| acc << 8 | u64::from(b)),
    }
}

/// A hash of the token `hay[s..t]` lowercased (`| 0x20` lowercases letters and keeps digits),
/// from its first and last (up to) eight bytes and its length: no branch a token can upset.
#[inline(always)]
fn token_hash(hay: &[u8], s: usize, t: usize) -> u64 {
    const LOWER: u64 = 0x2020_2020_2020_2020;
    let n = t - s;
    let k = n.min(8);
    let lower = LOWER >> (64 - 8 * k);
    let head = load(hay, s, k) | lower;
    let tail = load(hay, t - k, k) | lower;
    let h = (head ^ 0x9E37_79B9_7F4A_7C15).wrapping_mul(0xBF58_476D_1CE4_E5B9)
        ^ (tail ^ n as u64).wrapping_mul(0x94D0_49BB_1331_11EB);
    h ^ (h >> 31)
}

impl TokenTable {
    fn build(keys: Vec<(Vec<u8>, Vec<usize>)>) -> Self {
        let size = (keys.len() * 2).next_power_of_two().max(16);
        let mut slots = vec![(0u64, u32::MAX); size];
        let mut filter = vec![0u64; 1024];
        for (k, (key, _)) in keys.iter().enumerate() {
            let h = token_hash(key, 0, key.len());
            let f = (h >> 48) as usize;
            filter[f >> 6] |= 1 << (f & 63);
            let mut i = h as usize & (size - 1);
            while slots[i].1 != u32::MAX {
                i = (i + 1) & (size - 1);
            }
            slots[i] = (h, k as u32);
        }
        let max_token = keys.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
        TokenTable { filter, slots, keys, max_token }
    }

    /// The entries whose first token is the token `hay[s..t]` (ASCII case-insensitive).
    #[inline]
    fn get(&self, hay: &[u8], s: usize, t: usize) -> &[usize] {
        let h = token_hash(hay, s, t);
        let f = (h >> 48) as usize;
        // One branch, rarely taken: most tokens fail the filter.
        if (self.filter[f >> 6] >> (f & 63)) & u64::from(t - s <= self.max_token) == 0 {
            return &[];
        }
        self.probe(h, &hay[s..t])
    }

    #[inline(never)]
    fn probe(&self, h: u64, token: &[u8]) -> &[usize] {
        let mask = self.slots.len() - 1;
        let mut i = h as usize & mask;
        while self.slots[i].1 != u32::MAX {
            if self.slots[i].0 == h {
                let (key, ids) = &self.keys[self.slots[i].1 as usize];
                if key.len() == token.len() && key.iter().zip(token).all(|(&k, &t)| k == t | 0x20) {
                    return ids;
                }
            }
            i = (i + 1) & mask;
        }
        &[]
    }
}

/// Entries by their first two bytes, behind a 64 Ki-bit filter, then by their bytes (binary
/// search per length): for strings looked for only at chosen positions (token starts, rare
/// first bytes). With `fold`, bytes compare ASCII case-insensitively (keywords; a superset for
/// literals); without, exactly (literals, whose `(?i)` forms come as separate literals). The
/// caller still checks each candidate it gets against its entry's own rule.
#[derive(Debug, Default)]
struct PairTable {
    fold: bool,
    filter: Vec<u64>,
    /// `(pair, list)`, sorted by pair.
    lists: Vec<(u16, PairList)>,
}

/// The entries of one pair: their distinct lengths, and `(bytes, entry)` sorted by bytes
/// (folded with `fold`).
#[derive(Debug, Default)]
struct PairList {
    lens: Vec<usize>,
    items: Vec<(Vec<u8>, usize)>,
    /// The third bytes of the entries longer than two bytes (256 bits), and whether any
    /// entry is only two bytes long: most tokens that share a pair fail here.
    thirds: [u64; 4],
    has_pair_only: bool,
}

impl PairTable {
    fn new(fold: bool) -> Self {
        PairTable { fold, ..Default::default() }
    }

    #[inline]
    fn byte(&self, b: u8) -> u8 {
        if self.fold {
            b.to_ascii_lowercase()
        } else {
            b
        }
    }

    #[inline]
    fn pair(&self, a: u8, b: u8) -> u16 {
        u16::from(self.byte(a)) << 8 | u16::from(self.byte(b))
    }

    fn add(&mut self, pattern: &[u8], id: usize) {
        if self.filter.is_empty() {
            self.filter = vec![0u64; 1024];
        }
        let pair = self.pair(pattern[0], pattern[1]);
        self.filter[usize::from(pair >> 6)] |= 1 << (pair & 63);
        let key: Vec<u8> = pattern.iter().map(|&b| self.byte(b)).collect();
        let i = match self.lists.binary_search_by_key(&pair, |(p, _)| *p) {
            Ok(i) => i,
            Err(i) => {
                self.lists.insert(i, (pair, PairList::default()));
                i
            }
        };
        let list = &mut self.lists[i].1;
        if !list.lens.contains(&key.len()) {
            list.lens.push(key.len());
        }
        match key.get(2) {
            Some(&c) => list.thirds[usize::from(c >> 6)] |= 1 << (c & 63),
            None => list.has_pair_only = true,
        }
        let at = list.items.partition_point(|(k, _)| *k < key);
        list.items.insert(at, (key, id));
    }

    /// Calls `f(entry)` for every entry whose bytes (folded with `fold`) are at `hay[s..]`.
    #[inline]
    fn at(&self, hay: &[u8], s: usize, mut f: impl FnMut(usize)) {
        if self.lists.is_empty() || s + 1 >= hay.len() {
            return;
        }
        let pair = self.pair(hay[s], hay[s + 1]);
        if self.filter[usize::from(pair >> 6)] >> (pair & 63) & 1 == 0 {
            return;
        }
        let Ok(i) = self.lists.binary_search_by_key(&pair, |(p, _)| *p) else { return };
        let list = &self.lists[i].1;
        if !list.has_pair_only {
            let Some(&c) = hay.get(s + 2) else { return };
            let c = self.byte(c);
            if list.thirds[usize::from(c >> 6)] >> (c & 63) & 1 == 0 {
                return;
            }
        }
        for &n in &list.lens {
            let Some(text) = hay.get(s..s + n) else { continue };
            let cmp = |k: &[u8]| k.iter().copied().cmp(text.iter().map(|&b| self.byte(b)));
            let from = list.items.partition_point(|(k, _)| cmp(k).is_lt());
            for (k, id) in &list.items[from..] {
                if !cmp(k).is_eq() {
                    break;
                }
                f(*id);
            }
        }
    }
}

/// All keyword groups (and literal groups) compiled for one pass over a buffer.
///
/// A whole-word string that starts with a token byte can only occur at a token start, and
/// there it must begin with exactly that token: one table probe per token finds it. A prefix
/// literal that starts with a token byte is only looked for at token starts too, because the
/// candidates it gates obey the token boundary rule (see [`KeywordIndex::hits`]). Strings that
/// start with another byte (non-ASCII keywords, literals such as `+33`) are looked for where
/// their first byte occurs: `memchr` for ASCII bytes, a skip over ASCII words for the rest.
#[derive(Debug)]
pub struct KeywordIndex {
    entries: Vec<Entry>,
    words: TokenTable,
    /// Literals starting with a token byte, tried at token starts.
    token_literals: PairTable,
    /// Entries starting with any other byte, tried where that byte occurs.
    others: PairTable,
    /// The ASCII first bytes of `others`, and whether any starts with a non-ASCII byte.
    other_ascii_firsts: Vec<u8>,
    other_high_firsts: [bool; 128],
    /// One-byte entries (none in the managed data): an automaton, for completeness.
    single: Option<(AhoCorasick, Vec<usize>)>,
    /// `(digits, group)`: tokens of exactly that many digits followed by a space.
    digit_groups: Vec<(usize, usize)>,
    /// The distinct lengths of `digit_groups`.
    digit_lens: Vec<usize>,
    token_classes: crate::tokens::TokenClasses,
    group_count: usize,
}

impl KeywordIndex {
    pub fn new(groups: &[Vec<String>]) -> Result<Self, Error> {
        Self::build(groups, &[], &[], &[])
    }

    /// Keyword groups (whole words, with variants), then literal groups (raw byte strings),
    /// then digit groups (a token of exactly N digits followed by a space; the hit covers the
    /// space), numbered in that order; one pass finds them all.
    /// `extra_classes`: byte classes whose block masks [`KeywordIndex::hits_with`] hands to
    /// its caller from the same pass over the bytes.
    pub fn build(
        groups: &[Vec<String>],
        literal_groups: &[Vec<Vec<u8>>],
        digit_groups: &[usize],
        extra_classes: &[crate::classify::ByteClass],
    ) -> Result<Self, Error> {
        let mut ids: std::collections::HashMap<(Vec<u8>, bool), usize> = Default::default();
        let mut entries: Vec<Entry> = Vec::new();
        // Keywords are matched ASCII case-insensitively (stored lowercased); literals exactly,
        // as the regex they come from (a `(?i)` prefix yields every case form).
        let mut add = |pat: Vec<u8>, g: u32, whole: bool| {
            let key = if whole { pat.to_ascii_lowercase() } else { pat };
            let id = *ids.entry((key.clone(), whole)).or_insert_with(|| {
                entries.push(Entry { pattern: key, whole, groups: Vec::new() });
                entries.len() - 1
            });
            if !entries[id].groups.contains(&g) {
                entries[id].groups.push(g);
            }
        };
        let too_many = || Error::Spec("too many keyword groups".into());
        for (g, kws) in groups.iter().enumerate() {
            let g = u32::try_from(g).map_err(|_| too_many())?;
            for kw in kws {
                for v in variants(kw) {
                    add(v.into_bytes(), g, true);
                }
            }
        }
        for (k, lits) in literal_groups.iter().enumerate() {
            let g = u32::try_from(groups.len() + k).map_err(|_| too_many())?;
            for lit in lits {
                add(lit.clone(), g, false);
            }
        }
        let mut by_token: std::collections::HashMap<Vec<u8>, Vec<usize>> = Default::default();
        let mut token_literals = PairTable::new(false);
        let mut others = PairTable::new(true);
        let mut other_ascii_firsts: Vec<u8> = Vec::new();
        let mut other_high_firsts = [false; 128];
        let (mut single_pats, mut single_ids): (Vec<Vec<u8>>, Vec<usize>) = Default::default();
        for (id, e) in entries.iter().enumerate() {
            let p = &e.pattern;
            if p.is_empty() {
                continue;
            } else if is_token_byte(p[0]) && e.whole {
                let first = p.iter().take_while(|&&b| is_token_byte(b)).count();
                by_token.entry(p[..first].to_vec()).or_default().push(id);
            } else if p.len() < 2 {
                single_pats.push(p.clone());
                single_ids.push(id);
            } else if is_token_byte(p[0]) {
                token_literals.add(p, id);
            } else {
                others.add(p, id);
                if p[0].is_ascii() {
                    if !other_ascii_firsts.contains(&p[0]) {
                        other_ascii_firsts.push(p[0]);
                    }
                } else {
                    other_high_firsts[usize::from(p[0] & 0x7F)] = true;
                }
            }
        }
        // Tokens worth a look start with a byte that starts a keyword or a literal.
        let mut firsts = [false; 256];
        for e in entries.iter().filter(|e| e.pattern.first().is_some_and(|&b| is_token_byte(b))) {
            let b = e.pattern[0];
            firsts[usize::from(b)] = true;
            if e.whole {
                firsts[usize::from(b.to_ascii_uppercase())] = true;
            }
        }
        if let Some(n) = digit_groups.iter().find(|n| !(1..64).contains(*n)) {
            return Err(Error::Spec(format!("a digit anchor must be 1 to 63 digits long, not {n}")));
        }
        let mut digit_lens: Vec<usize> = digit_groups.to_vec();
        digit_lens.sort_unstable();
        digit_lens.dedup();
        let single = if single_pats.is_empty() {
            None
        } else {
            let ac = AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .build(&single_pats)
                .map_err(|e| Error::Spec(format!("keyword automaton: {e}")))?;
            Some((ac, single_ids))
        };
        Ok(KeywordIndex {
            entries,
            words: TokenTable::build(by_token.into_iter().collect()),
            token_literals,
            others,
            other_ascii_firsts,
            other_high_firsts,
            single,
            digit_groups: digit_groups
                .iter()
                .enumerate()
                .map(|(k, &n)| (n, groups.len() + literal_groups.len() + k))
                .collect(),
            group_count: groups.len() + literal_groups.len() + digit_groups.len(),
            digit_lens,
            token_classes: crate::tokens::TokenClasses::new(&firsts, extra_classes),
        })
    }

    /// Hits per group, sorted by start: keywords and anchors as whole words; literals where a
    /// token-bounded candidate can start (a literal whose first byte is a letter or digit only
    /// at token starts, any other literal anywhere).
    pub fn hits(&self, hay: &[u8]) -> Vec<Vec<Hit>> {
        self.hits_with(hay, |_, _| {})
    }

    /// [`KeywordIndex::hits`], calling `extra(base, masks)` with each 64-byte block's masks of
    /// the extra classes given to [`KeywordIndex::build`]: one pass over memory for both.
    pub fn hits_with(&self, hay: &[u8], extra: impl FnMut(usize, &[u64])) -> Vec<Vec<Hit>> {
        let mut out = vec![Vec::new(); self.group_count];
        // `whole_ok`: the whole-word check when the caller already knows it.
        let mut push = |e: &Entry, s: usize, end: usize, whole_ok: Option<bool>| {
            if e.whole && !whole_ok.unwrap_or_else(|| whole_word(hay, s, end)) {
                return;
            }
            for &g in &e.groups {
                out[g as usize].push(Hit { start: s, end });
            }
        };
        let mut out_digits: Vec<(usize, Hit)> = Vec::new();
        let mut on_token = |s: usize, t: usize| {
            for &id in self.words.get(hay, s, t) {
                let e = &self.entries[id];
                let first = t - s;
                let end = s + e.pattern.len();
                if end <= hay.len() && eq_fold(&e.pattern[first..], &hay[t..end]) {
                    // The left edge is a token start; the right edge needs a check only when
                    // the pattern goes on past its first token.
                    push(e, s, end, Some(first == e.pattern.len() || whole_word(hay, s, end)));
                }
            }
            self.pairs_at(&self.token_literals, hay, s, |e, end| push(e, s, end, None));
        };
        crate::tokens::for_each_marked_token(
            hay,
            &self.token_classes,
            &self.digit_lens,
            &mut on_token,
            |s, n| {
                for &(len, g) in &self.digit_groups {
                    if len == n {
                        out_digits.push((g, Hit { start: s, end: s + n + 1 }));
                    }
                }
            },
            extra,
        );
        for &b in &self.other_ascii_firsts {
            for s in memchr::memchr_iter(b, hay) {
                self.pairs_at(&self.others, hay, s, |e, end| push(e, s, end, None));
            }
        }
        if self.other_high_firsts.iter().any(|&x| x) && !hay.is_ascii() {
            for_each_high_byte(hay, |s| {
                if self.other_high_firsts[usize::from(hay[s] & 0x7F)] {
                    self.pairs_at(&self.others, hay, s, |e, end| push(e, s, end, None));
                }
            });
        }
        if let Some((ac, ids)) = &self.single {
            for m in ac.find_overlapping_iter(hay) {
                push(&self.entries[ids[m.pattern().as_usize()]], m.start(), m.end(), None);
            }
        }
        for (g, h) in out_digits {
            out[g].push(h);
        }
        for v in out.iter_mut().filter(|v| v.len() > 1) {
            v.sort_unstable_by_key(|h| (h.start, h.end));
        }
        out
    }

    /// Calls `f(entry, end)` for the entries of `table` that occur at `hay[s..]`.
    fn pairs_at(&self, table: &PairTable, hay: &[u8], s: usize, mut f: impl FnMut(&Entry, usize)) {
        table.at(hay, s, |id| {
            let e = &self.entries[id];
            let end = s + e.pattern.len();
            // The table compared the bytes (folded or exactly); a literal in a folding table
            // still has to match exactly.
            if e.whole || !table.fold || e.pattern == hay[s..end] {
                f(e, end);
            }
        });
    }

    /// Keyword, literal and digit groups together.
    pub fn group_count(&self) -> usize {
        self.group_count
    }

    /// Which groups have a keyword in any context string, as written or normalised
    /// (`customerSsn` -> `customer ssn`).
    pub fn context_groups(&self, contexts: &[&str]) -> Vec<bool> {
        let mut seen = vec![false; self.group_count];
        for ctx in contexts {
            for text in [ctx.to_string(), normalize_context(ctx)] {
                for (g, hits) in self.hits(text.as_bytes()).iter().enumerate() {
                    if !hits.is_empty() {
                        seen[g] = true;
                    }
                }
            }
        }
        seen
    }
}

/// Calls `f(i)` for every byte `hay[i] >= 0x80`, skipping ASCII eight bytes at a time.
fn for_each_high_byte(hay: &[u8], mut f: impl FnMut(usize)) {
    let mut words = hay.chunks_exact(8);
    let mut base = 0;
    for w in words.by_ref() {
        let mut bits = u64::from_le_bytes(w.try_into().unwrap_or([0; 8])) & 0x8080_8080_8080_8080;
        while bits != 0 {
            f(base + (bits.trailing_zeros() / 8) as usize);
            bits &= bits - 1;
        }
        base += 8;
    }
    for (i, &b) in words.remainder().iter().enumerate() {
        if b >= 0x80 {
            f(base + i);
        }
    }
}

/// `pattern` (ASCII-lowercased) equals `text` up to ASCII case.
#[inline]
fn eq_fold(pattern: &[u8], text: &[u8]) -> bool {
    pattern.len() == text.len() && pattern.iter().zip(text).all(|(&p, &t)| p == t.to_ascii_lowercase())
}

/// A keyword occurrence counts only as a whole word: where its first (last) byte is a token
/// byte, the byte before (after) it must not be one. "lic" in "public" does not count.
#[inline]
pub fn whole_word(hay: &[u8], s: usize, e: usize) -> bool {
    let left_ok = s == 0 || !is_token_byte(hay[s]) || !is_token_byte(hay[s - 1]);
    let right_ok = e >= hay.len() || !is_token_byte(hay[e - 1]) || !is_token_byte(hay[e]);
    left_ok && right_ok
}

/// Characters (UTF-8 code points) in `hay[a..b]`: bytes that are not continuation bytes.
#[inline]
pub fn chars_between(hay: &[u8], a: usize, b: usize) -> usize {
    if a >= b {
        return 0;
    }
    hay[a..b].iter().filter(|&&x| (x & 0xC0) != 0x80).count()
}

/// The largest byte span that `n` characters can take in UTF-8.
#[inline]
pub fn max_bytes_for_chars(n: usize) -> usize {
    n.saturating_mul(4)
}

/// Whether a keyword hit satisfies the proximity rule for the match `[ms, me)`.
pub fn near(hay: &[u8], hits: &[Hit], ms: usize, me: usize, prox: crate::spec::Proximity) -> Option<Hit> {
    use crate::spec::Proximity;
    match prox {
        Proximity::Around(d) => {
            let reach = max_bytes_for_chars(d);
            let lo = ms.saturating_sub(reach + 1024);
            let first = hits.partition_point(|h| h.start < lo);
            for h in &hits[first..] {
                if h.start > me + reach {
                    break;
                }
                let ok = if h.end <= ms {
                    chars_between(hay, h.end, ms) <= d
                } else if h.start >= me {
                    chars_between(hay, me, h.start) <= d
                } else {
                    true
                };
                if ok {
                    return Some(*h);
                }
            }
            None
        }
        Proximity::Before(d) => {
            let reach = max_bytes_for_chars(d);
            let lo = me.saturating_sub(reach + 1024);
            let first = hits.partition_point(|h| h.start < lo);
            for h in &hits[first..] {
                if h.start >= ms {
                    break;
                }
                if h.end <= ms && chars_between(hay, h.end, me) <= d {
                    return Some(*h);
                }
            }
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::Proximity;

    #[test]
    fn variants_of_spaced_keyword() {
        let v = variants("Credit Card");
        for want in ["credit card", "creditcard", "credit_card", "credit-card"] {
            assert!(v.contains(&want.to_string()), "{want} missing from {v:?}");
        }
    }

    #[test]
    fn variants_of_non_ascii_keyword() {
        let v = variants("führerschein");
        assert!(v.contains(&"führerschein".to_string()));
        assert!(v.contains(&"fÜhrerschein".to_string()));
    }

    #[test]
    fn whole_words_only() {
        let idx = KeywordIndex::new(&[vec!["lic".into()]]).unwrap();
        assert!(idx.hits(b"public record").iter().all(Vec::is_empty));
        assert_eq!(idx.hits(b"LIC: 5")[0].len(), 1);
        assert_eq!(idx.hits(b"my_lic=5")[0].len(), 1);
    }

    #[test]
    fn context_normalisation() {
        assert_eq!(normalize_context("creditCardNumber"), "credit card number");
        assert_eq!(normalize_context("$.user.SSN"), "  user ssn");
    }

    #[test]
    fn proximity_counts_characters() {
        let hay = "ssn ééééé 123".as_bytes();
        let hits = [Hit { start: 0, end: 3 }];
        let ms = hay.len() - 3;
        assert!(near(hay, &hits, ms, hay.len(), Proximity::Around(7)).is_some());
        assert!(near(hay, &hits, ms, hay.len(), Proximity::Around(6)).is_none());
        // keyword after the match
        let hay = b"123 is the ssn";
        let hits = [Hit { start: 11, end: 14 }];
        assert!(near(hay, &hits, 0, 3, Proximity::Around(8)).is_some());
        assert!(near(hay, &hits, 0, 3, Proximity::Around(7)).is_none());
        // custom: keyword must precede, distance to the match end
        assert!(near(hay, &hits, 0, 3, Proximity::Before(300)).is_none());
        let hay = b"emp: EMP-123456";
        let hits = [Hit { start: 0, end: 3 }];
        assert!(near(hay, &hits, 5, 15, Proximity::Before(12)).is_some());
        assert!(near(hay, &hits, 5, 15, Proximity::Before(11)).is_none());
    }
}
