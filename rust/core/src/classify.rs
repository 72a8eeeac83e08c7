//! Byte classes 64 bytes at a time: for each class, a bit mask of the block's bytes in it.
//!
//! A class is a few byte ranges (`[0-9]`, `[0-9 -]`, `[0-9A-Za-z]`). With AVX2 each range
//! costs three instructions per 32 bytes, so classifying a buffer into several classes runs
//! at many GB/s; without it, a table lookup per byte gives the same masks.

/// A set of bytes given as inclusive ranges.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ByteClass {
    ranges: Vec<(u8, u8)>,
    table: [bool; 256],
}

impl ByteClass {
    pub fn new(set: &[bool; 256]) -> Self {
        let mut ranges = Vec::new();
        let mut b = 0usize;
        while b < 256 {
            if set[b] {
                let start = b;
                while b < 256 && set[b] {
                    b += 1;
                }
                ranges.push((start as u8, (b - 1) as u8));
            } else {
                b += 1;
            }
        }
        ByteClass { ranges, table: *set }
    }

    pub fn ranges(&self) -> &[(u8, u8)] {
        &self.ranges
    }

    #[inline]
    pub fn contains(&self, b: u8) -> bool {
        self.table[usize::from(b)]
    }

    /// Bit `i` set when `block[i]` (at most 64 bytes) is in the class.
    #[inline]
    fn scalar_mask(&self, block: &[u8]) -> u64 {
        let mut mask = 0u64;
        for (i, &b) in block.iter().enumerate() {
            mask |= u64::from(self.table[usize::from(b)]) << i;
        }
        mask
    }
}

/// Bit `i` set when bits `i..i + n` of `mask` are all set (`n` from 1 to 64): runs of at least
/// `n` that end inside the word, found in log2(n) shifts. Bits above 63 count as clear.
#[inline]
pub fn erode(mask: u64, n: usize) -> u64 {
    let (mut e, mut have) = (mask, 1);
    while have < n {
        let sh = have.min(n - have);
        e &= e >> sh;
        have += sh;
    }
    e
}

/// The maximal runs of bytes in `set` at least `min` long, byte by byte: the reference the
/// mask-based finders are tested against.
#[cfg(test)]
pub(crate) fn naive_runs(hay: &[u8], set: &[bool; 256], min: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < hay.len() {
        let s = i;
        while i < hay.len() && set[usize::from(hay[i])] {
            i += 1;
        }
        if i - s >= min.max(1) {
            out.push((s, i));
        }
        i += usize::from(i == s);
    }
    out
}

/// `len` bytes drawn from `alphabet` by a fixed linear congruential generator: test text with
/// many short runs and block edges in every position.
#[cfg(test)]
pub(crate) fn test_text(seed: u32, len: usize, alphabet: &[u8]) -> Vec<u8> {
    let mut x = seed;
    (0..len)
        .map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            alphabet[(x >> 16) as usize % alphabet.len()]
        })
        .collect()
}

/// Calls `f(base, masks)` for every 64-byte block of `hay` (the last may be shorter; its
/// masks have no bits past its end), with one mask per class, in order.
pub fn for_each_block(hay: &[u8], classes: &[ByteClass], mut f: impl FnMut(usize, &[u64])) {
    // On the stack for the usual handful of classes: short inputs pay no allocation.
    let mut small = [0u64; 8];
    let mut large = Vec::new();
    let masks: &mut [u64] = if classes.len() <= small.len() {
        &mut small[..classes.len()]
    } else {
        large.resize(classes.len(), 0u64);
        &mut large
    };
    let full = hay.len() / 64 * 64;
    #[cfg(target_arch = "x86_64")]
    {
        let ranges: usize = classes.iter().map(|c| c.ranges.len()).sum();
        if ranges <= avx2::MAX_RANGES && std::is_x86_feature_detected!("avx2") {
            // SAFETY: AVX2 is available (checked above).
            unsafe { avx2::blocks(&hay[..full], classes, masks, &mut f) };
            return tail(hay, full, classes, masks, f);
        }
    }
    for base in (0..full).step_by(64) {
        for (m, c) in masks.iter_mut().zip(classes) {
            *m = c.scalar_mask(&hay[base..base + 64]);
        }
        f(base, masks);
    }
    tail(hay, full, classes, masks, f)
}

fn tail(hay: &[u8], full: usize, classes: &[ByteClass], masks: &mut [u64], mut f: impl FnMut(usize, &[u64])) {
    if full < hay.len() {
        for (m, c) in masks.iter_mut().zip(classes) {
            *m = c.scalar_mask(&hay[full..]);
        }
        f(full, masks);
    }
}

#[cfg(target_arch = "x86_64")]
mod avx2 {
    use super::ByteClass;
    use std::arch::x86_64::*;

    /// Most ranges (over all classes) the vector path keeps in registers and on the stack.
    pub(super) const MAX_RANGES: usize = 32;

    /// Calls `f(base, masks)` for every 64-byte block of `hay` (a multiple of 64 bytes long).
    /// The range constants are broadcast once per call, not once per block.
    #[target_feature(enable = "avx2")]
    pub(super) unsafe fn blocks(
        hay: &[u8],
        classes: &[ByteClass],
        masks: &mut [u64],
        f: &mut impl FnMut(usize, &[u64]),
    ) {
        let zero = _mm256_setzero_si256();
        let mut lo = [zero; MAX_RANGES];
        let mut span = [zero; MAX_RANGES];
        // Class k's ranges are lo[ends[k - 1]..ends[k]].
        let mut ends = [0usize; MAX_RANGES];
        let mut n = 0;
        for (k, c) in classes.iter().enumerate() {
            for &(a, b) in &c.ranges {
                lo[n] = _mm256_set1_epi8(a as i8);
                span[n] = _mm256_set1_epi8((b - a) as i8);
                n += 1;
            }
            ends[k] = n;
        }
        for (k, block) in hay.chunks_exact(64).enumerate() {
            // SAFETY: the block holds 64 readable bytes; unaligned loads are allowed.
            let (x0, x1) = unsafe {
                (
                    _mm256_loadu_si256(block.as_ptr().cast::<__m256i>()),
                    _mm256_loadu_si256(block.as_ptr().add(32).cast::<__m256i>()),
                )
            };
            let mut r = 0;
            for (c, m) in masks.iter_mut().enumerate() {
                let (mut a0, mut a1) = (zero, zero);
                while r < ends[c] {
                    // x - lo <= hi - lo, unsigned: min(t, span) == t.
                    let t0 = _mm256_sub_epi8(x0, lo[r]);
                    let t1 = _mm256_sub_epi8(x1, lo[r]);
                    a0 = _mm256_or_si256(a0, _mm256_cmpeq_epi8(_mm256_min_epu8(t0, span[r]), t0));
                    a1 = _mm256_or_si256(a1, _mm256_cmpeq_epi8(_mm256_min_epu8(t1, span[r]), t1));
                    r += 1;
                }
                let low = _mm256_movemask_epi8(a0) as u32;
                let high = _mm256_movemask_epi8(a1) as u32;
                *m = u64::from(low) | u64::from(high) << 32;
            }
            f(k * 64, masks);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn erosion_finds_runs_inside_a_word() {
        let m = 0b0111_1100_1110u64;
        assert_eq!(erode(m, 1), m);
        assert_eq!(erode(m, 3), 0b0001_1100_0010);
        assert_eq!(erode(m, 5), 0b0000_0100_0000);
        assert_eq!(erode(m, 6), 0);
        assert_eq!(erode(u64::MAX, 64), 1);
    }

    #[test]
    fn masks_agree_with_the_table() {
        let mut set = [false; 256];
        (b'0'..=b'9').chain([b' ', b'-', 0xC3, 0xFF, 0]).for_each(|b| set[usize::from(b)] = true);
        let class = ByteClass::new(&set);
        let hay: Vec<u8> = (0..1000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
        let mut got = Vec::new();
        for_each_block(&hay, std::slice::from_ref(&class), |base, m| got.push((base, m[0])));
        let want: Vec<(usize, u64)> =
            hay.chunks(64).enumerate().map(|(k, c)| (k * 64, class.scalar_mask(c))).collect();
        assert_eq!(got, want);
        assert!(class.contains(b'7') && !class.contains(b'a'));
    }

    #[test]
    fn several_classes_and_many_ranges_agree_with_the_table() {
        let mut every_other = [false; 256];
        (0..256).step_by(2).for_each(|b| every_other[b] = true); // 128 ranges: the scalar path
        let mut letters = [false; 256];
        (b'a'..=b'z').chain(b'A'..=b'Z').for_each(|b| letters[usize::from(b)] = true);
        let hay: Vec<u8> = (0..777u32).map(|i| (i.wrapping_mul(40_503) >> 7) as u8).collect();
        for classes in
            [vec![ByteClass::new(&letters), ByteClass::new(&[true; 256])], vec![ByteClass::new(&every_other)]]
        {
            let mut got = Vec::new();
            for_each_block(&hay, &classes, |base, m| got.push((base, m.to_vec())));
            let want: Vec<(usize, Vec<u64>)> = hay
                .chunks(64)
                .enumerate()
                .map(|(k, c)| (k * 64, classes.iter().map(|cl| cl.scalar_mask(c)).collect()))
                .collect();
            assert_eq!(got, want);
        }
    }
}
