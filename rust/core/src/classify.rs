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
        if std::is_x86_feature_detected!("avx2") {
            for base in (0..full).step_by(64) {
                // SAFETY: AVX2 is available (checked above) and the block is 64 bytes long.
                unsafe { avx2::masks(&hay[base..base + 64], classes, masks) };
                f(base, masks);
            }
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

    /// One 32-byte half: bit `i` set when byte `i` lies in one of the class's ranges.
    #[inline]
    #[target_feature(enable = "avx2")]
    fn half(x: __m256i, class: &ByteClass) -> u32 {
        let mut acc = _mm256_setzero_si256();
        for &(lo, hi) in &class.ranges {
            // x - lo <= hi - lo, unsigned: min(t, span) == t.
            let t = _mm256_sub_epi8(x, _mm256_set1_epi8(lo as i8));
            let span = _mm256_set1_epi8((hi - lo) as i8);
            acc = _mm256_or_si256(acc, _mm256_cmpeq_epi8(_mm256_min_epu8(t, span), t));
        }
        _mm256_movemask_epi8(acc) as u32
    }

    /// Fills `masks` for a 64-byte block.
    #[target_feature(enable = "avx2")]
    pub(super) unsafe fn masks(block: &[u8], classes: &[ByteClass], masks: &mut [u64]) {
        debug_assert_eq!(block.len(), 64);
        // SAFETY: the caller passes 64 readable bytes; unaligned loads are allowed.
        let (a, b) = unsafe {
            (
                _mm256_loadu_si256(block.as_ptr().cast::<__m256i>()),
                _mm256_loadu_si256(block.as_ptr().add(32).cast::<__m256i>()),
            )
        };
        for (m, c) in masks.iter_mut().zip(classes) {
            *m = u64::from(half(a, c)) | u64::from(half(b, c)) << 32;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
