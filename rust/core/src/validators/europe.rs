//! Validators for the europe identifier family (see identifiers/europe.toml).

use super::checksum::{all_same, iso7064_mod11_10, luhn_digits};
use super::Validator;

/// Kept alphanumerics, and per separator the count of chars before it and its byte.
type Split = (Vec<u8>, Vec<(usize, u8)>);

/// Upper-cased alphanumerics of `m` and, per separator, how many chars precede it and which
/// byte it is; `None` when `m` holds any other byte.
fn split(m: &[u8], seps: &[u8]) -> Option<Split> {
    let mut chars = Vec::with_capacity(m.len());
    let mut gaps = Vec::new();
    for &b in m {
        if b.is_ascii_alphanumeric() {
            chars.push(b.to_ascii_uppercase());
        } else if seps.contains(&b) {
            gaps.push((chars.len(), b));
        } else {
            return None;
        }
    }
    Some((chars, gaps))
}

/// Separator positions when every separator is the same byte.
fn gap_positions(gaps: &[(usize, u8)]) -> Option<Vec<usize>> {
    if gaps.iter().any(|g| g.1 != gaps[0].1) {
        return None;
    }
    Some(gaps.iter().map(|g| g.0).collect())
}

fn is_digits(s: &[u8]) -> bool {
    !s.is_empty() && s.iter().all(u8::is_ascii_digit)
}

/// Decimal value of ASCII digits (callers check `is_digits` and keep lengths <= 18).
fn num(s: &[u8]) -> u64 {
    s.iter().fold(0, |n, &b| n * 10 + u64::from(b - b'0'))
}

fn digit_values(s: &[u8]) -> Vec<u8> {
    s.iter().map(|b| b - b'0').collect()
}

fn only_digits(m: &[u8]) -> Vec<u8> {
    m.iter().copied().filter(u8::is_ascii_digit).collect()
}

// --- France ---------------------------------------------------------------------------------

/// NIR/INSEE: sex, year, month, department (2A/2B Corsica), commune, order, key 97 - n mod 97.
fn fr_nir(m: &[u8]) -> bool {
    let Some((s, gaps)) = split(m, b" ") else {
        return false;
    };
    let pos = gap_positions(&gaps);
    let layout_ok = matches!(pos.as_deref(), Some([] | [1, 3, 5, 7, 10, 13] | [13]));
    if s.len() != 15 || !layout_ok {
        return false;
    }
    let mut body = s[..13].to_vec();
    // Corsica: 2A and 2B count as 19 and 18 in the key computation.
    match &s[5..7] {
        b"2A" => body[5..7].copy_from_slice(b"19"),
        b"2B" => body[5..7].copy_from_slice(b"18"),
        _ => {}
    }
    if !is_digits(&body) || !is_digits(&s[13..]) || !b"123478".contains(&s[0]) {
        return false;
    }
    let month = num(&s[3..5]);
    if !((1..=12).contains(&month) || (20..=42).contains(&month) || month >= 50) {
        return false;
    }
    if &s[5..7] == b"00" || &s[7..10] == b"000" || &s[10..13] == b"000" {
        return false;
    }
    num(&s[13..]) == 97 - num(&body) % 97
}

/// Numero fiscal (SPI): 13 digits, first 0-3, last three = first ten mod 511.
fn fr_tax_id(m: &[u8]) -> bool {
    let Some((s, gaps)) = split(m, b" ") else {
        return false;
    };
    let layout_ok = matches!(gap_positions(&gaps).as_deref(), Some([] | [2, 4, 7, 10]));
    if s.len() != 13 || !is_digits(&s) || !layout_ok || !b"0123".contains(&s[0]) || all_same(&s) {
        return false;
    }
    num(&s[10..]) == num(&s[..10]) % 511
}

// --- Germany --------------------------------------------------------------------------------

const DE_DOC_ALPHABET: &[u8] = b"0123456789CFGHJKLMNPRTVWXYZ";

/// ICAO 9303 check digit: weights 7-3-1 repeated, letters A=10..Z=35, mod 10.
fn icao_check(s: &[u8]) -> u8 {
    const W: [u32; 3] = [7, 3, 1];
    let sum: u32 = s
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            let v = if c.is_ascii_digit() { c - b'0' } else { c - b'A' + 10 };
            u32::from(v) * W[i % 3]
        })
        .sum();
    // The remainder is below 10, so the cast cannot truncate.
    (sum % 10) as u8
}

/// German ID card / passport serial: 9 chars of the document alphabet, optional 7-3-1 digit.
fn de_document(m: &[u8], first: &[u8]) -> bool {
    if !(m.len() == 9 || m.len() == 10) || !first.contains(&m[0]) {
        return false;
    }
    if m[..9].iter().any(|c| !DE_DOC_ALPHABET.contains(c)) || all_same(&m[1..9]) {
        return false;
    }
    if m.len() == 10 {
        return m[9].is_ascii_digit() && icao_check(&m[..9]) == m[9] - b'0';
    }
    true
}

fn de_id_card(m: &[u8]) -> bool {
    de_document(m, b"LMNPRTVWXY")
}

fn de_passport(m: &[u8]) -> bool {
    de_document(m, b"CFGHJK")
}

/// Steuer-IdNr: 11 digits, first not 0, one digit twice or thrice in the first ten, MOD 11,10.
fn de_tax_id(m: &[u8]) -> bool {
    let Some((s, gaps)) = split(m, b" /") else {
        return false;
    };
    let layout_ok = matches!(gap_positions(&gaps).as_deref(), Some([] | [2, 5, 8]));
    if s.len() != 11 || !is_digits(&s) || !layout_ok || s[0] == b'0' {
        return false;
    }
    let head = &s[..10];
    let mut counts = [0u8; 10];
    for &c in head {
        counts[usize::from(c - b'0')] += 1;
    }
    let repeated: Vec<u8> = counts.iter().copied().filter(|&c| c > 1).collect();
    if repeated.len() != 1 || repeated[0] > 3 {
        return false;
    }
    if repeated[0] == 3 && head.windows(3).any(|w| w[0] == w[1] && w[1] == w[2]) {
        return false;
    }
    iso7064_mod11_10(&digit_values(&s))
}

// --- Italy ----------------------------------------------------------------------------------

const IT_ODD: [u32; 26] =
    [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];
const IT_MONTHS: &[u8] = b"ABCDEHLMPRST";
const IT_OMOCODIA: &[u8] = b"LMNPQRSTUV";
const IT_NUMERIC_POS: [usize; 7] = [6, 7, 9, 10, 12, 13, 14];

fn it_value(c: u8) -> usize {
    usize::from(if c.is_ascii_digit() { c - b'0' } else { c - b'A' })
}

/// Codice fiscale: date and place parts (omocodia letters decoded), odd/even control letter.
fn it_codice_fiscale(m: &[u8]) -> bool {
    let s = m.to_ascii_uppercase();
    if s.len() != 16 || !s.iter().all(u8::is_ascii_alphanumeric) {
        return false;
    }
    let mut plain = s.clone();
    for i in IT_NUMERIC_POS {
        let c = plain[i];
        if let Some(d) = IT_OMOCODIA.iter().position(|&o| o == c) {
            // Position is below 10, so it fits a digit.
            plain[i] = b'0' + d as u8;
        } else if !c.is_ascii_digit() {
            return false;
        }
    }
    if !plain[..6].iter().all(u8::is_ascii_alphabetic) || !IT_MONTHS.contains(&plain[8]) {
        return false;
    }
    let day = num(&plain[9..11]);
    if !((1..=31).contains(&day) || (41..=71).contains(&day)) {
        return false;
    }
    // Belfiore place code: Italian municipalities A001-M999, foreign states Z.
    if !((b'A'..=b'M').contains(&plain[11]) || plain[11] == b'Z') {
        return false;
    }
    let total: u32 = s[..15]
        .iter()
        .enumerate()
        .map(|(i, &c)| {
            if i % 2 == 0 {
                IT_ODD[it_value(c)]
            } else {
                // Values are below 26.
                it_value(c) as u32
            }
        })
        .sum();
    // The remainder is below 26, so the cast cannot truncate.
    s[15] == b'A' + (total % 26) as u8
}

/// Partita IVA / company codice fiscale: 7-digit number, office code, Luhn check digit.
fn it_partita_iva(m: &[u8]) -> bool {
    let s = m.to_ascii_uppercase();
    let s = s.strip_prefix(b"IT").unwrap_or(&s);
    if s.len() != 11 || !is_digits(s) || all_same(&s[..7]) {
        return false;
    }
    let office = num(&s[7..10]);
    if !((1..=100).contains(&office) || [120, 121, 888, 999].contains(&office)) {
        return false;
    }
    luhn_digits(&digit_values(s))
}

// --- Spain ----------------------------------------------------------------------------------

const ES_LETTERS: &[u8] = b"TRWAGMYFPDXBNJZSQVHLCKE";

fn es_letter_ok(n: u64, letter: u8) -> bool {
    // n % 23 is below 23, so the cast cannot truncate.
    ES_LETTERS[(n % 23) as usize] == letter
}

/// DNI: number mod 23 picks the letter; all-same placeholders (99999999, 00000000) never count.
fn es_dni(m: &[u8]) -> bool {
    let s = m.to_ascii_uppercase();
    let Some((&letter, mut body)) = s.split_last() else {
        return false;
    };
    if let Some((&last, rest)) = body.split_last() {
        if last == b' ' || last == b'-' {
            body = rest;
        }
    }
    let joined: Vec<u8>;
    if body.contains(&b'.') {
        let parts: Vec<&[u8]> = body.split(|&b| b == b'.').collect();
        if parts.len() != 3 || parts[1].len() != 3 || parts[2].len() != 3 || parts[0].len() != 2 {
            return false;
        }
        joined = parts.concat();
        body = &joined;
    }
    if body.len() != 8 || !is_digits(body) || all_same(body) {
        return false;
    }
    es_letter_ok(num(body), letter)
}

/// Letter, 7 digits, check char; optional separators after the letter and before the check,
/// the same byte when both are present.
fn es_prefixed(m: &[u8], prefixes: &[u8]) -> Option<(u8, Vec<u8>, u8)> {
    let (s, gaps) = split(m, b" -")?;
    let pos = gap_positions(&gaps)?;
    if pos.iter().any(|&p| p != 1 && p != 8) {
        return None;
    }
    if s.len() != 9 || !prefixes.contains(&s[0]) || !is_digits(&s[1..8]) {
        return None;
    }
    Some((s[0], s[1..8].to_vec(), s[8]))
}

/// NIE: X/Y/Z stand for 0/1/2 before the DNI mod-23 letter rule.
fn es_nie(m: &[u8]) -> bool {
    let Some((kind, digits, check)) = es_prefixed(m, b"XYZ") else {
        return false;
    };
    if all_same(&digits) {
        return false;
    }
    let lead = u64::from(kind - b'X');
    es_letter_ok(lead * 10_000_000 + num(&digits), check)
}

/// NIF K/L/M (minors, non-resident Spaniards, foreigners without NIE): 7 digits mod 23.
fn es_nif_klm(m: &[u8]) -> bool {
    let Some((_, digits, check)) = es_prefixed(m, b"KLM") else {
        return false;
    };
    !all_same(&digits) && es_letter_ok(num(&digits), check)
}

/// CIF: entity letter, 7 digits, control digit or letter J-I by the official alternating sum.
fn es_cif(m: &[u8]) -> bool {
    let Some((kind, digits, check)) = es_prefixed(m, b"ABCDEFGHJNPQRSUVW") else {
        return false;
    };
    if all_same(&digits) {
        return false;
    }
    let mut total = 0u32;
    for (i, &c) in digits.iter().enumerate() {
        let mut d = u32::from(c - b'0');
        if i % 2 == 0 {
            d *= 2;
            d = d / 10 + d % 10;
        }
        total += d;
    }
    // The control value is below 10, so the cast cannot truncate.
    let c = ((10 - total % 10) % 10) as u8;
    let as_digit = check == b'0' + c;
    let as_letter = check == b"JABCDEFGHI"[usize::from(c)];
    if b"NPQRSW".contains(&kind) {
        as_letter
    } else if b"ABEH".contains(&kind) {
        as_digit
    } else {
        as_digit || as_letter
    }
}

/// NSS: province 01-53 or 66, affiliate number, two control digits = mod 97 of the first ten.
fn es_nss(m: &[u8]) -> bool {
    let Some((s, gaps)) = split(m, b"/ -") else {
        return false;
    };
    let layout_ok = matches!(gap_positions(&gaps).as_deref(), Some([] | [2, 10]));
    if s.len() != 12 || !is_digits(&s) || !layout_ok {
        return false;
    }
    let province = num(&s[..2]);
    let number = num(&s[2..10]);
    if !((1..=53).contains(&province) || province == 66) || number == 0 {
        return false;
    }
    // Affiliate numbers below 10 million join the province without their leading zero.
    let base = if number < 10_000_000 { province * 10_000_000 + number } else { num(&s[..10]) };
    base % 97 == num(&s[10..])
}

// --- United Kingdom -------------------------------------------------------------------------

/// NINO: HMRC prefix exclusions, 6 digits, suffix A-D; spaces all or none (or before suffix).
fn uk_nino(m: &[u8]) -> bool {
    let Some((s, gaps)) = split(m, b" -") else {
        return false;
    };
    let layout_ok = matches!(gap_positions(&gaps).as_deref(), Some([] | [2, 4, 6, 8] | [8]));
    if s.len() != 9 || !layout_ok {
        return false;
    }
    if b"DFIQUV".contains(&s[0]) || b"DFIOQUV".contains(&s[1]) {
        return false;
    }
    const NOT_ISSUED: [&[u8]; 7] = [b"BG", b"GB", b"KN", b"NK", b"NT", b"TN", b"ZZ"];
    if NOT_ISSUED.contains(&&s[..2]) {
        return false;
    }
    is_digits(&s[2..8]) && b"ABCD".contains(&s[8]) && &s[2..8] != b"000000"
}

/// UTR: first digit = "21987654321"[sum(digits 2-10 x 6,7,8,9,10,5,4,3,2) mod 11]; K marker.
fn uk_utr(m: &[u8]) -> bool {
    let Some((s, gaps)) = split(m, b" ") else {
        return false;
    };
    let lead_k = s.first() == Some(&b'K');
    let trail_k = s.last() == Some(&b'K');
    if lead_k && trail_k {
        return false;
    }
    let start = usize::from(lead_k);
    let end = s.len() - usize::from(trail_k);
    let d = &s[start..end];
    if d.len() != 10 || !is_digits(d) || all_same(d) {
        return false;
    }
    if gaps.iter().any(|g| g.0 != start + 5) {
        return false;
    }
    const W: [u32; 9] = [6, 7, 8, 9, 10, 5, 4, 3, 2];
    let total: u32 = d[1..].iter().zip(W).map(|(&c, k)| u32::from(c - b'0') * k).sum();
    d[0] == b"21987654321"[(total % 11) as usize]
}

/// Temporary reference number: 2 digits, a letter, 5 digits; no check digit exists.
fn uk_trn(m: &[u8]) -> bool {
    let d = only_digits(m);
    d.len() == 7 && !all_same(&d)
}

/// Polling-district letters + elector number (+ optional /n marker); number 0 is not issued.
fn uk_electoral_roll(m: &[u8]) -> bool {
    let main = m.split(|&b| b == b'/').next().unwrap_or(m);
    let d = only_digits(main);
    !d.is_empty() && d.iter().any(|&b| b != b'0')
}

/// Passports without a printed check digit: drop all-same and 1234... placeholder serials.
fn passport_serial(m: &[u8]) -> bool {
    let d = only_digits(m);
    d.len() >= 5 && !all_same(&d) && !b"0123456789".windows(d.len()).any(|w| w == d.as_slice())
}

pub const VALIDATORS: &[(&str, Validator)] = &[
    ("fr_nir", fr_nir),
    ("fr_tax_id", fr_tax_id),
    ("de_id_card", de_id_card),
    ("de_passport", de_passport),
    ("de_tax_id", de_tax_id),
    ("it_codice_fiscale", it_codice_fiscale),
    ("it_partita_iva", it_partita_iva),
    ("es_dni", es_dni),
    ("es_nie", es_nie),
    ("es_nif_klm", es_nif_klm),
    ("es_cif", es_cif),
    ("es_nss", es_nss),
    ("uk_nino", uk_nino),
    ("uk_utr", uk_utr),
    ("uk_trn", uk_trn),
    ("uk_electoral_roll", uk_electoral_roll),
    ("passport_serial", passport_serial),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fr_nir_table() {
        for (s, ok) in [
            ("185057800608491", true),
            ("18505780060849", false),
            ("1 85 05 78 006 084 91", true),
            ("1850578006084 91", true),
            ("2 93 11 2A 004 123 01", true),
            ("160209935001253", true),
            ("185057800608492", false),
            ("1 85 0578 006 084 91", false),
            ("185137800608491", false),
            ("585057800608491", false),
            ("185050000608491", false),
        ] {
            assert_eq!(fr_nir(s.as_bytes()), ok, "{s}");
        }
    }

    #[test]
    fn fr_tax_id_table() {
        for (s, ok) in [
            ("3023217600053", true),
            ("302321760005", false),
            ("30 23 217 600 053", true),
            ("3023217600054", false),
            ("4023217600053", false),
            ("0000000000000", false),
            ("30 23217600053", false),
        ] {
            assert_eq!(fr_tax_id(s.as_bytes()), ok, "{s}");
        }
    }

    #[test]
    fn de_id_card_table() {
        for (s, ok) in [
            ("L01X00T47", true),
            ("L01X00T471", true),
            ("T7FN4Z2H13", true),
            ("L01X00T472", false),
            ("C01X00T47", false),
            ("LA1X00T47", false),
            ("L00000000", false),
        ] {
            assert_eq!(de_id_card(s.as_bytes()), ok, "{s}");
        }
    }

    #[test]
    fn de_passport_table() {
        for (s, ok) in [
            ("C01X00T47", true),
            ("C01X00T478", true),
            ("K2N7PX4T90", true),
            ("C01X00T479", false),
            ("L01X00T47", false),
        ] {
            assert_eq!(de_passport(s.as_bytes()), ok, "{s}");
        }
    }

    #[test]
    fn de_tax_id_table() {
        for (s, ok) in [
            ("86095742719", true),
            ("8609574271", false),
            ("86 095 742 719", true),
            ("86/095/742/719", true),
            ("51126834795", true),
            ("37008124592", true),
            ("86095742718", false),
            ("47193802653", false),
            ("06095742719", false),
            ("86 095742719", false),
            ("86 095/742 719", false),
        ] {
            assert_eq!(de_tax_id(s.as_bytes()), ok, "{s}");
        }
    }

    #[test]
    fn it_codice_fiscale_table() {
        for (s, ok) in [
            ("RSSMRA85T10A562S", true),
            ("RSSMRA85T10A562", false),
            ("rssmra85t10a562s", true),
            ("RSSMRA85T1LA562V", true),
            ("MRTFNC01C15F2P5F", true),
            ("VRDLCU70A41Z404F", true),
            ("RSSMRA85T10A562T", false),
            ("RSSMRA85T32A562S", false),
            ("RSSMRA85T10N562S", false),
        ] {
            assert_eq!(it_codice_fiscale(s.as_bytes()), ok, "{s}");
        }
    }

    #[test]
    fn it_partita_iva_table() {
        for (s, ok) in [
            ("01234560124", true),
            ("0123456012", false),
            ("IT01234560124", true),
            ("12345670553", true),
            ("01234560125", false),
            ("00000000000", false),
            ("12345672003", false),
        ] {
            assert_eq!(it_partita_iva(s.as_bytes()), ok, "{s}");
        }
    }

    #[test]
    fn es_dni_table() {
        for (s, ok) in [
            ("12345678Z", true),
            ("1234567890Z", false),
            ("12345678-Z", true),
            ("12.345.678-Z", true),
            ("12345678Z", true),
            ("12345678 z", true),
            ("1234567L", false),
            ("1.234.567-L", false),
            ("12345678A", false),
            ("99999999R", false),
            ("00000000T", false),
            ("123.45.678Z", false),
        ] {
            assert_eq!(es_dni(s.as_bytes()), ok, "{s}");
        }
    }

    #[test]
    fn es_nie_table() {
        for (s, ok) in [
            ("X1234567L", true),
            ("X123456L", false),
            ("X-1234567-L", true),
            ("Y7654321G", true),
            ("Z4021987M", true),
            ("X1234567M", false),
            ("X-1234567 L", false),
        ] {
            assert_eq!(es_nie(s.as_bytes()), ok, "{s}");
        }
    }

    #[test]
    fn es_nif_klm_table() {
        for (s, ok) in [("K1234567L", true), ("L5550123Q", true), ("M8123456V", true), ("K1234567M", false)] {
            assert_eq!(es_nif_klm(s.as_bytes()), ok, "{s}");
        }
    }

    #[test]
    fn es_cif_table() {
        for (s, ok) in [
            ("A58027210", true),
            ("A5802721", false),
            ("B12345674", true),
            ("B-1234567-4", true),
            ("Q2826000H", true),
            ("G43901735", true),
            ("G4390173E", true),
            ("P0800000B", true),
            ("Q28260008", false),
            ("A5802721J", false),
            ("B12345675", false),
        ] {
            assert_eq!(es_cif(s.as_bytes()), ok, "{s}");
        }
    }

    #[test]
    fn es_nss_table() {
        for (s, ok) in [
            ("281234567840", true),
            ("28123456784", false),
            ("28/12345678/40", true),
            ("28 12345678 40", true),
            ("080123456774", true),
            ("662048135712", true),
            ("281234567841", false),
            ("541234567840", false),
            ("28/12345678 40", false),
            ("28/1234567840", false),
        ] {
            assert_eq!(es_nss(s.as_bytes()), ok, "{s}");
        }
    }

    #[test]
    fn uk_nino_table() {
        for (s, ok) in [
            ("AB123456C", true),
            ("AB12345C", false),
            ("AB 12 34 56 C", true),
            ("ab123456c", true),
            ("AB123456 C", true),
            ("QQ123456C", false),
            ("BG123456C", false),
            ("AO123456C", false),
            ("AB123456E", false),
            ("AB 12 3456 C", false),
            ("AB000000A", false),
        ] {
            assert_eq!(uk_nino(s.as_bytes()), ok, "{s}");
        }
    }

    #[test]
    fn uk_utr_table() {
        for (s, ok) in [
            ("2234567890", true),
            ("223456789", false),
            ("22345 67890", true),
            ("2234567890K", true),
            ("k2234567890", true),
            ("1234567890", false),
            ("K2234567890K", false),
            ("0000000000", false),
        ] {
            assert_eq!(uk_utr(s.as_bytes()), ok, "{s}");
        }
    }

    #[test]
    fn uk_trn_table() {
        for (s, ok) in [("12A34567", true), ("12 A34567", true), ("00A00000", false)] {
            assert_eq!(uk_trn(s.as_bytes()), ok, "{s}");
        }
    }

    #[test]
    fn uk_electoral_roll_table() {
        for (s, ok) in [("AB123", true), ("KA-1234", true), ("ABC 12/1", true), ("AB0000", false)] {
            assert_eq!(uk_electoral_roll(s.as_bytes()), ok, "{s}");
        }
    }

    #[test]
    fn passport_serial_table() {
        for (s, ok) in [
            ("123456789", false),
            ("000000000", false),
            ("987612345", true),
            ("GA302118", true),
            ("12AB34567", false),
            ("07XK52918", true),
            ("YA8153720", true),
            ("PAA081726", true),
        ] {
            assert_eq!(passport_serial(s.as_bytes()), ok, "{s}");
        }
    }
}
