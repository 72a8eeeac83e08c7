//! Tokens: maximal runs of ASCII letters and digits, found 64 bytes at a time.
//!
//! Keywords are whole words and candidates obey the token boundary rule, so most questions
//! the engine asks of a buffer ("which keyword starts here", "can a match start here") are
//! only asked at token starts. Finding them with a bit mask per 64-byte block keeps the loop
//! free of the per-byte branches that dominate a naive scan of digit-heavy text.

use crate::classify::{erode, for_each_block, ByteClass};

/// `TOKEN[b]` is 1 when `b` is an ASCII letter or digit.
const TOKEN: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        if c.is_ascii_alphanumeric() {
            t[b] = 1;
        }
        b += 1;
    }
    t
};

/// True for the bytes that make up a token: ASCII letters and digits.
#[inline]
pub fn is_token_byte(b: u8) -> bool {
    TOKEN[usize::from(b)] != 0
}

/// The token bytes as a [`ByteClass`], for block masks.
pub fn token_class() -> ByteClass {
    let mut set = [false; 256];
    set.iter_mut().enumerate().for_each(|(b, x)| *x = TOKEN[b] != 0);
    ByteClass::new(&set)
}

/// The classes [`for_each_marked_token`] works with, built once per keyword index, followed
/// by any extra classes a caller wants from the same pass over the bytes.
#[derive(Debug, Clone)]
pub struct TokenClasses {
    classes: Vec<ByteClass>,
}

impl TokenClasses {
    /// `firsts`: the bytes a token must start with to be reported. Widened to whole letter
    /// ranges (a superset only costs a table probe) so the class stays a few ranges.
    pub fn new(firsts: &[bool; 256], extra: &[ByteClass]) -> Self {
        let mut firsts = *firsts;
        for range in [b'A'..=b'Z', b'a'..=b'z'] {
            if range.clone().any(|b| firsts[usize::from(b)]) {
                range.for_each(|b| firsts[usize::from(b)] = true);
            }
        }
        let mut digit = [false; 256];
        let mut space = [false; 256];
        (b'0'..=b'9').for_each(|b| digit[usize::from(b)] = true);
        space[usize::from(b' ')] = true;
        let mut classes =
            vec![token_class(), ByteClass::new(&firsts), ByteClass::new(&digit), ByteClass::new(&space)];
        classes.extend_from_slice(extra);
        TokenClasses { classes }
    }
}

/// Calls `f(start, end)` for every maximal token that starts with one of the classes' first
/// bytes (and maybe others: see [`TokenClasses::new`]), and `g(start, n)` for every token of exactly `n` digits (`n` in `digit_lens`, each
/// 1 to 63) followed by a space, in order of their start for each callback. Tokens that start
/// with another byte cost nothing: they are dropped from the block masks, never visited.
/// `extra(base, masks)` gets each block's masks of the extra classes, from the same pass.
pub fn for_each_marked_token(
    hay: &[u8],
    tc: &TokenClasses,
    digit_lens: &[usize],
    mut f: impl FnMut(usize, usize),
    mut g: impl FnMut(usize, usize),
    mut extra: impl FnMut(usize, &[u64]),
) {
    let mut prev_tok = 0u64;
    let digits_exact =
        |s: usize, n: usize| hay.get(s + n) == Some(&b' ') && hay[s..s + n].iter().all(u8::is_ascii_digit);
    for_each_block(hay, &tc.classes, |base, masks| {
        if masks.len() > 4 {
            extra(base, &masks[4..]);
        }
        let (tok, first, dig, sp) = (masks[0], masks[1], masks[2], masks[3]);
        let starts = tok & !((tok << 1) | prev_tok);
        prev_tok = tok >> 63;
        let mut marked = starts & first;
        while marked != 0 {
            let p = marked.trailing_zeros() as usize;
            marked &= marked - 1;
            let mut end = base + p + (!(tok >> p)).trailing_zeros() as usize;
            if end == base + 64 {
                while end < hay.len() && is_token_byte(hay[end]) {
                    end += 1;
                }
            }
            f(base + p, end);
        }
        let digit_starts = starts & dig;
        if digit_starts == 0 {
            return;
        }
        for &n in digit_lens {
            // e[p]: n digits from p, all inside the block; then a space right after them.
            let mut found = digit_starts & erode(dig, n) & (sp >> n);
            // Starts whose n digits or space reach past the block: check them byte by byte.
            let mut edge = digit_starts & (!0u64 << (64 - n));
            while edge != 0 {
                let p = edge.trailing_zeros() as usize;
                edge &= edge - 1;
                if digits_exact(base + p, n) {
                    found |= 1 << p;
                }
            }
            while found != 0 {
                let p = found.trailing_zeros() as usize;
                found &= found - 1;
                g(base + p, n);
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(hay: &[u8]) -> Vec<(usize, usize)> {
        let mut set = [false; 256];
        set.iter_mut().enumerate().for_each(|(b, x)| *x = is_token_byte(b as u8));
        crate::classify::naive_runs(hay, &set, 1)
    }

    #[test]
    fn marked_tokens_and_digit_tokens() {
        let hay = crate::classify::test_text(7, 6000, b"ab 9-\xc3Z_.x 12345 0");
        let mut firsts = [false; 256];
        firsts[usize::from(b'a')] = true;
        firsts[usize::from(b'Z')] = true;
        let tc = TokenClasses::new(&firsts, &[]);
        for n in [0, 1, 63, 64, 65, 100, 4000, 6000] {
            let hay = &hay[..n];
            let (mut got, mut got_digits) = (Vec::new(), Vec::new());
            let (mut blocks, mut last) = (0, None);
            for_each_marked_token(
                hay,
                &tc,
                &[5, 1],
                |s, e| got.push((s, e)),
                |s, n| got_digits.push((s, n)),
                |base, m| {
                    blocks += 1;
                    last = Some((base, m.len()));
                },
            );
            assert_eq!(blocks, 0, "no extra classes, no extra calls");
            assert!(last.is_none());
            let all = naive(hay);
            // 'a' and 'Z' widen to every letter.
            let want: Vec<_> = all.iter().copied().filter(|&(s, _)| hay[s].is_ascii_alphabetic()).collect();
            assert_eq!(got, want, "prefix {n}");
            let mut want_digits: Vec<_> = all
                .iter()
                .filter(|&&(s, e)| {
                    (e - s == 5 || e - s == 1)
                        && hay[s..e].iter().all(u8::is_ascii_digit)
                        && hay.get(e) == Some(&b' ')
                })
                .map(|&(s, e)| (s, e - s))
                .collect();
            got_digits.sort_unstable();
            want_digits.sort_unstable();
            assert_eq!(got_digits, want_digits, "digits, prefix {n}");
        }
    }
}
