//! Check-digit algorithms shared by several identifier families.
//!
//! Each takes ASCII digits (or alphanumerics where stated) and returns whether the
//! check digit holds. Helpers to pull digits out of a separated match live here too.

use super::Validator;

/// The ASCII digits of `m` as values 0-9, separators dropped.
pub fn digits(m: &[u8]) -> Vec<u8> {
    m.iter().filter(|b| b.is_ascii_digit()).map(|b| b - b'0').collect()
}

/// The ASCII alphanumerics of `m`, upper-cased, separators dropped.
pub fn alnum_upper(m: &[u8]) -> Vec<u8> {
    m.iter().filter(|b| b.is_ascii_alphanumeric()).map(u8::to_ascii_uppercase).collect()
}

/// True when every digit is the same (000000000, 111111111): placeholders, never real IDs.
pub fn all_same(d: &[u8]) -> bool {
    d.windows(2).all(|w| w[0] == w[1])
}

/// Luhn (mod 10) over digit values, the last one being the check digit.
pub fn luhn_digits(d: &[u8]) -> bool {
    if d.len() < 2 {
        return false;
    }
    let mut sum = 0u32;
    for (i, &x) in d.iter().rev().enumerate() {
        let mut v = u32::from(x);
        if i % 2 == 1 {
            v *= 2;
            if v > 9 {
                v -= 9;
            }
        }
        sum += v;
    }
    sum.is_multiple_of(10)
}

/// ISO 7064 MOD 97-10 over alphanumerics (letters count A=10 .. Z=35), as IBAN uses after
/// moving the first four characters to the end. Returns the remainder.
pub fn mod97(chars: impl IntoIterator<Item = u8>) -> u32 {
    let mut r = 0u32;
    for c in chars {
        match c {
            b'0'..=b'9' => r = (r * 10 + u32::from(c - b'0')) % 97,
            b'A'..=b'Z' => r = (r * 100 + u32::from(c - b'A' + 10)) % 97,
            b'a'..=b'z' => r = (r * 100 + u32::from(c - b'a' + 10)) % 97,
            _ => {}
        }
    }
    r
}

/// ISO 7064 MOD 11-10 (hybrid system), the last digit being the check digit.
pub fn iso7064_mod11_10(d: &[u8]) -> bool {
    if d.len() < 2 {
        return false;
    }
    let mut p = 10u32;
    for &x in &d[..d.len() - 1] {
        let mut s = (u32::from(x) + p) % 10;
        if s == 0 {
            s = 10;
        }
        p = (2 * s) % 11;
    }
    let check = (11 - p) % 10;
    check == u32::from(d[d.len() - 1])
}

const VERHOEFF_D: [[u8; 10]; 10] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
    [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
    [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
    [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
    [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
    [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
    [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
    [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
    [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
];
const VERHOEFF_P: [[u8; 10]; 8] = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
    [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
    [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
    [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
    [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
    [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
];

/// Verhoeff dihedral check over digit values, the last one being the check digit.
pub fn verhoeff(d: &[u8]) -> bool {
    let mut c = 0u8;
    for (i, &x) in d.iter().rev().enumerate() {
        c = VERHOEFF_D[usize::from(c)][usize::from(VERHOEFF_P[i % 8][usize::from(x)])];
    }
    !d.is_empty() && c == 0
}

/// Weighted sum of digit values: sum(d[i] * w[i]) over the shorter of the two.
pub fn weighted_sum(d: &[u8], w: &[u32]) -> u32 {
    d.iter().zip(w).map(|(&x, &k)| u32::from(x) * k).sum()
}

fn luhn(m: &[u8]) -> bool {
    luhn_digits(&digits(m))
}

pub const VALIDATORS: &[(&str, Validator)] = &[("luhn", luhn)];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_table() {
        for (s, ok) in
            [("79927398713", true), ("79927398710", false), ("4539 1488 0343 6467", true), ("0", false)]
        {
            assert_eq!(luhn(s.as_bytes()), ok, "{s}");
        }
    }

    #[test]
    fn mod97_iban() {
        // GB82 WEST 1234 5698 7654 32 rearranged: BBAN + country + check.
        let iban = b"GB82WEST12345698765432";
        let rearranged = iban[4..].iter().chain(&iban[..4]).copied();
        assert_eq!(mod97(rearranged), 1);
    }

    #[test]
    fn verhoeff_table() {
        assert!(verhoeff(&digits(b"2363")));
        assert!(!verhoeff(&digits(b"2364")));
    }

    #[test]
    fn mod11_10_table() {
        // German tax ID example from the Bundeszentralamt fuer Steuern format notes.
        assert!(iso7064_mod11_10(&digits(b"86095742719")));
        assert!(!iso7064_mod11_10(&digits(b"86095742718")));
    }
}
