//! Byte offsets to Python `str` indices, lines and columns, in one forward pass.

/// Where a byte offset falls in text terms. Lines and columns are 1-based; the column
/// counts characters (code points) from the start of the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    pub char_index: usize,
    pub line: usize,
    pub column: usize,
}

/// Positions of `offsets` (any order, may repeat) in `hay`, returned in the same order.
/// Cost: one pass over `hay` up to the largest offset, plus a sort of the offsets.
pub fn positions(hay: &[u8], offsets: &[usize]) -> Vec<Position> {
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_unstable_by_key(|&i| offsets[i]);
    let mut out = vec![Position { char_index: 0, line: 1, column: 1 }; offsets.len()];
    let (mut at, mut chars, mut line, mut line_start_char) = (0usize, 0usize, 1usize, 0usize);
    for i in order {
        let target = offsets[i].min(hay.len());
        let chunk = &hay[at..target];
        // Whole-chunk counts (vectorised loops and memchr), not a branch per byte.
        if let Some(last) = memchr::memrchr(b'\n', chunk) {
            line += memchr::memchr_iter(b'\n', chunk).count();
            line_start_char = chars + char_count(&chunk[..=last]);
        }
        chars += char_count(chunk);
        at = target;
        out[i] = Position { char_index: chars, line, column: chars - line_start_char + 1 };
    }
    out
}

/// Characters (code points) in `bytes`: the bytes that are not UTF-8 continuation bytes.
#[inline]
fn char_count(bytes: &[u8]) -> usize {
    bytes.len() - bytes.iter().map(|&b| usize::from(b & 0xC0 == 0x80)).sum::<usize>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_and_multibyte() {
        let s = "ab\ncé\nd€x";
        let hay = s.as_bytes();
        let idx_x = hay.len() - 1;
        let p = positions(hay, &[idx_x, 0, 3, 6]);
        assert_eq!(p[1], Position { char_index: 0, line: 1, column: 1 });
        assert_eq!(p[2], Position { char_index: 3, line: 2, column: 1 });
        assert_eq!(p[3], Position { char_index: 5, line: 2, column: 3 });
        assert_eq!(p[0], Position { char_index: 8, line: 3, column: 3 });
        assert_eq!(&s.chars().skip(p[0].char_index).collect::<String>(), "x");
    }
}
