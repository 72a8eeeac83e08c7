//! Validators for the licenses identifier family (see identifiers/licenses.toml).
//!
//! Driver's licence numbers of 31 countries plus the US, and vehicle identification
//! numbers. Most licence formats have no public check digit; there the validators enforce
//! structure (consistent separators, embedded dates, code lists) and reject placeholders.

use super::checksum::{all_same, alnum_upper, digits, luhn_digits};
use super::Validator;

/// The non-alphanumeric bytes of `m`, in order (the separators a value was written with).
fn separators(m: &[u8]) -> Vec<u8> {
    m.iter().copied().filter(|b| !b.is_ascii_alphanumeric()).collect()
}

/// True when every separator of `m` is the same byte (`12-34-56`, never `12-34 56`).
fn same_separators(m: &[u8]) -> bool {
    all_same(&separators(m))
}

/// True when the digits run up or down by one throughout (123456, 987654): placeholders.
fn sequential(d: &[u8]) -> bool {
    d.len() >= 5
        && (d.windows(2).all(|w| (w[0] + 1) % 10 == w[1]) || d.windows(2).all(|w| (w[1] + 1) % 10 == w[0]))
}

/// Placeholder digit runs that no issuer hands out: all the same, or a plain sequence.
fn placeholder(d: &[u8]) -> bool {
    d.len() < 2 || all_same(d) || sequential(d)
}

/// Number of the digit values `d` read as a decimal.
fn num(d: &[u8]) -> u32 {
    d.iter().fold(0, |n, &x| n * 10 + u32::from(x))
}

fn leap(y: u32) -> bool {
    (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400)
}

/// Whether day `d` exists in month `m`; `y` None means the century is unknown (29 Feb ok).
fn valid_date(y: Option<u32>, m: u32, d: u32) -> bool {
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 => match y {
            Some(y) if !leap(y) => 28,
            _ => 29,
        },
        _ => return false,
    };
    (1..=days).contains(&d)
}

/// Eight digits that read as a date (YYYYMMDD, DDMMYYYY or MMDDYYYY, years 1900-2099).
fn looks_like_date8(d: &[u8]) -> bool {
    if d.len() != 8 {
        return false;
    }
    let year = |x: &[u8]| Some(num(x)).filter(|y| (1900..=2099).contains(y));
    let ymd = year(&d[..4]).is_some_and(|y| valid_date(Some(y), num(&d[4..6]), num(&d[6..])));
    let tail = year(&d[4..]);
    let dmy = tail.is_some_and(|y| valid_date(Some(y), num(&d[2..4]), num(&d[..2])));
    let mdy = tail.is_some_and(|y| valid_date(Some(y), num(&d[..2]), num(&d[2..4])));
    ymd || dmy || mdy
}

/// Generic licence number (formats without a public check digit): consistent separators,
/// a digit part that is not a placeholder, and an all-digit 8-character value not a date.
fn dl_number(m: &[u8]) -> bool {
    let d = digits(m);
    if !same_separators(m) || placeholder(&d) {
        return false;
    }
    !(m.len() == 8 && d.len() == 8 && looks_like_date8(&d))
}

/// YYMMDD with the month +50 for women (Ontario, UK DVLA style); century unknown.
fn yymmdd_plus50(d: &[u8]) -> bool {
    let mut month = num(&d[2..4]);
    if month > 50 {
        month -= 50;
    }
    valid_date(None, month, num(&d[4..6]))
}

/// Ontario: surname letter + 14 digits (LXxxx-FFFMY-YMMDD); the last six digits are the
/// birth date YYMMDD, month +50 for women.
fn dl_ca_ontario(m: &[u8]) -> bool {
    let seps = separators(m);
    let d = digits(m);
    d.len() == 14
        && (seps.is_empty() || (seps.len() == 2 && all_same(&seps)))
        && yymmdd_plus50(&d[8..])
        && !placeholder(&d[..8])
}

/// Quebec: surname letter + 12 digits (L####-######-##); the middle six carry the birth
/// date, written YYMMDD (month +50 for women) or DDMMYY, so either reading is accepted.
fn dl_ca_quebec(m: &[u8]) -> bool {
    let seps = separators(m);
    let d = digits(m);
    if d.len() != 12 || !(seps.is_empty() || (seps.len() == 2 && all_same(&seps))) {
        return false;
    }
    let mid = &d[4..10];
    let ddmmyy = [mid[4], mid[5], mid[2], mid[3], mid[0], mid[1]];
    (yymmdd_plus50(mid) || yymmdd_plus50(&ddmmyy)) && !placeholder(&d)
}

/// Value of an alphanumeric for weighted checks: 0-9, then A=10 .. Z=35.
fn alnum_value(c: u8) -> u32 {
    match c {
        b'0'..=b'9' => u32::from(c - b'0'),
        _ => u32::from(c.to_ascii_uppercase() - b'A') + 10,
    }
}

/// Germany (card licence since 1999): authority code (state character + 2-digit district +
/// 1 character), 5-character serial, check character, issue character. Check: weights 9..1
/// over the first nine, A=10..Z=35, mod 11, 10 written X (KBA scheme, VIN-like weighting).
fn dl_de(m: &[u8]) -> bool {
    if m.len() != 11
        || !m.iter().all(u8::is_ascii_alphanumeric)
        || !m[1].is_ascii_digit()
        || !m[2].is_ascii_digit()
    {
        return false;
    }
    let sum: u32 = m[..9].iter().zip((1..=9).rev()).map(|(&c, w)| alnum_value(c) * w).sum();
    let check = match sum % 11 {
        10 => b'X',
        r => b'0' + r as u8,
    };
    m[9].to_ascii_uppercase() == check && !placeholder(&digits(&m[1..9]))
}

/// Spain: the licence number is the holder's DNI (8 digits) or NIE (X/Y/Z + 7 digits) with
/// the mod-23 control letter; all-zero and 99999999 are never real.
fn dl_es(m: &[u8]) -> bool {
    let a = alnum_upper(m);
    if a.len() != 9 {
        return false;
    }
    let lead = match a[0] {
        b'X' => Some(0),
        b'Y' => Some(1),
        b'Z' => Some(2),
        c if c.is_ascii_digit() => None,
        _ => return false,
    };
    let mut d = digits(&a[..8]);
    if let Some(x) = lead {
        d.insert(0, x);
    }
    if d.len() != 8 || all_same(&d) {
        return false;
    }
    let letters = b"TRWAGMYFPDXBNJZSQVHLCKE";
    letters[(num(&d) % 23) as usize] == a[8]
}

/// Finland: the licence carries the personal identity code DDMMYYCZZZQ: century sign,
/// individual number 002-999, control character = DDMMYYZZZ mod 31 in a fixed alphabet.
fn dl_fi(m: &[u8]) -> bool {
    if m.len() != 11 {
        return false;
    }
    let century = match m[6].to_ascii_uppercase() {
        b'+' => 1800,
        b'-' | b'U' | b'V' | b'W' | b'X' | b'Y' => 1900,
        b'A' | b'B' | b'C' | b'D' | b'E' | b'F' => 2000,
        _ => return false,
    };
    let (head, tail) = (&m[..6], &m[7..10]);
    if !head.iter().chain(tail).all(u8::is_ascii_digit) {
        return false;
    }
    let (hd, td) = (digits(head), digits(tail));
    if num(&td) < 2 || !valid_date(Some(century + num(&hd[4..])), num(&hd[2..4]), num(&hd[..2])) {
        return false;
    }
    let n = num(&hd) * 1000 + num(&td);
    b"0123456789ABCDEFHJKLMNPRSTUVWXY"[(n % 31) as usize] == m[10].to_ascii_uppercase()
}

/// Sweden: the licence number is the personnummer (YY)YYMMDD-NNNC; day +60 for
/// coordination numbers; Luhn over the 10-digit form.
fn dl_se(m: &[u8]) -> bool {
    let seps = separators(m);
    let d = digits(m);
    if seps.len() > 1 || seps.iter().any(|&s| s != b'-' && s != b'+') {
        return false;
    }
    let short = match d.len() {
        10 => &d[..],
        12 if matches!(num(&d[..2]), 18..=20) => &d[2..],
        _ => return false,
    };
    let mut day = num(&short[4..6]);
    if day > 60 {
        day -= 60;
    }
    valid_date(None, num(&short[2..4]), day) && luhn_digits(short) && !placeholder(short)
}

/// India: state code + RTO (01-99) + year of issue + 7-digit serial (SS-RR-YYYY-NNNNNNN).
fn dl_in(m: &[u8]) -> bool {
    const STATES: &[&[u8; 2]] = &[
        b"AN", b"AP", b"AR", b"AS", b"BR", b"CG", b"CH", b"DD", b"DL", b"DN", b"GA", b"GJ", b"HP", b"HR",
        b"JH", b"JK", b"KA", b"KL", b"LA", b"LD", b"MH", b"ML", b"MN", b"MP", b"MZ", b"NL", b"OD", b"OR",
        b"PB", b"PY", b"RJ", b"SK", b"TG", b"TN", b"TR", b"TS", b"UA", b"UK", b"UP", b"WB",
    ];
    let a = alnum_upper(m);
    if a.len() != 15 || !STATES.iter().any(|s| s[..] == a[..2]) {
        return false;
    }
    let d = digits(&a[2..]);
    d.len() == 13 && num(&d[..2]) != 0 && (1950..=2099).contains(&num(&d[2..6])) && !placeholder(&d[6..])
}

/// Italy: province code (old licences), letter + A/V (national series since 1996) or U1,
/// then 7 digits (7 characters for U1) and a letter.
fn dl_it(m: &[u8]) -> bool {
    const PROVINCES: &str = "AG AL AN AO AP AQ AR AT AV BA BG BI BL BN BO BR BS BT BZ CA CB CE \
        CH CI CL CN CO CR CS CT CZ EN FC FE FG FI FM FO FR GE GO GR IM IS KR LC LE LI LO LT LU \
        MB MC ME MI MN MO MS MT NA NO NU OG OR OT PA PC PD PE PG PI PN PO PR PS PT PU PV PZ RA \
        RC RE RG RI RM RN RO SA SI SO SP SR SS SU SV TA TE TN TO TP TR TS TV UD VA VB VC VE VI \
        VR VS VT VV";
    let a = alnum_upper(m);
    if a.len() != 10 || !a[9].is_ascii_alphabetic() {
        return false;
    }
    let body = digits(&a[2..9]);
    if &a[..2] == b"U1" {
        return !(body.len() == 7 && placeholder(&body));
    }
    let code = std::str::from_utf8(&a[..2]).unwrap_or("");
    let series = a[0].is_ascii_alphabetic() && matches!(a[1], b'A' | b'V');
    (series || PROVINCES.split_whitespace().any(|p| p == code)) && body.len() == 7 && !placeholder(&body)
}

/// Malta: the licence number is the identity card number, up to 7 digits + a letter
/// from the issuing series (M, G, A, P, L, H, B, Z).
fn dl_mt(m: &[u8]) -> bool {
    let Some((&last, head)) = m.split_last() else {
        return false;
    };
    let d = digits(head);
    b"MGAPLHBZ".contains(&last.to_ascii_uppercase()) && d.iter().any(|&x| x != 0)
}

/// Poland: NNNNN/YY/NNNN or NNNNN/YY/NNNNNNN (authority serial / year / number); neither
/// number all zero.
fn dl_pl(m: &[u8]) -> bool {
    let d = digits(m);
    matches!(d.len(), 11 | 14) && num(&d[..5]) != 0 && num(&d[7..]) != 0 && !placeholder(&d)
}

/// France (12 characters): issue year, issue month 01-12, departement (01-95 except 20,
/// or Corsica 2A/2B), 6-digit serial.
fn dl_fr(m: &[u8]) -> bool {
    if m.len() != 12 || !m[..4].iter().chain(&m[6..]).all(u8::is_ascii_digit) {
        return false;
    }
    let month = num(&digits(&m[2..4]));
    let dept = match (m[4], m[5].to_ascii_uppercase()) {
        (b'2', b'A' | b'B') => true,
        (a, b) if a.is_ascii_digit() && b.is_ascii_digit() => {
            let n = u32::from(a - b'0') * 10 + u32::from(b - b'0');
            (1..=95).contains(&n) && n != 20
        }
        _ => false,
    };
    (1..=12).contains(&month) && dept && !placeholder(&digits(&m[6..]))
}

/// Portugal: district letters + number + control digit (L-1234567 8); the control
/// algorithm is not public, so only placeholders are rejected.
fn dl_pt(m: &[u8]) -> bool {
    !placeholder(&digits(m))
}

/// UK (DVLA, 16 characters): surname (5, padded with 9), decade digit, birth month (+50
/// for women), day, year digit, two initials (padded with 9), a digit, two check
/// characters. The check characters are not public, so only the structure is checked.
fn dl_uk(m: &[u8]) -> bool {
    let seps = separators(m);
    let a = alnum_upper(m);
    if a.len() != 16 || !(seps.is_empty() || (seps.len() == 2 && all_same(&seps))) {
        return false;
    }
    let surname = &a[..5];
    let letters = surname.iter().take_while(|c| c.is_ascii_alphabetic()).count();
    if letters == 0 || !surname[letters..].iter().all(|&c| c == b'9') {
        return false;
    }
    let d = digits(&a[5..11]);
    if d.len() != 6 {
        return false;
    }
    let mut month = num(&d[1..3]);
    if month > 50 {
        month -= 50;
    }
    valid_date(None, month, num(&d[3..5]))
        && a[11].is_ascii_alphabetic()
        && (a[12].is_ascii_alphabetic() || a[12] == b'9')
        && a[13].is_ascii_digit()
}

/// VIN transliteration of ISO 3779 characters to check-digit values.
fn vin_value(c: u8) -> Option<u32> {
    let v = match c {
        b'0'..=b'9' => c - b'0',
        b'A' | b'J' => 1,
        b'B' | b'K' | b'S' => 2,
        b'C' | b'L' | b'T' => 3,
        b'D' | b'M' | b'U' => 4,
        b'E' | b'N' | b'V' => 5,
        b'F' | b'W' => 6,
        b'G' | b'P' | b'X' => 7,
        b'H' | b'Y' => 8,
        b'R' | b'Z' => 9,
        _ => return None,
    };
    Some(u32::from(v))
}

/// VIN (ISO 3779): 17 characters without I, O, Q, one letter case; WMI region not 0;
/// model-year character (position 10) not U, Z or 0; the last four characters numeric; at
/// least one letter. Position 9 check digit (weights 8..2,10,0,9..2, mod 11, X for 10)
/// enforced for North American WMIs (1-5), where it is mandatory; elsewhere it is optional
/// and often a filler, so it is not checked.
fn vin(m: &[u8]) -> bool {
    const WEIGHTS: [u32; 17] = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
    if m.len() != 17 {
        return false;
    }
    let upper = m.iter().any(u8::is_ascii_uppercase);
    let lower = m.iter().any(u8::is_ascii_lowercase);
    if upper && lower || !(upper || lower) {
        return false;
    }
    let v: Vec<u8> = m.iter().map(u8::to_ascii_uppercase).collect();
    let values: Option<Vec<u32>> = v.iter().map(|&c| vin_value(c)).collect();
    let Some(values) = values else {
        return false;
    };
    if v[0] == b'0' || matches!(v[9], b'U' | b'Z' | b'0') || !v[13..].iter().all(u8::is_ascii_digit) {
        return false;
    }
    if !(b'1'..=b'5').contains(&v[0]) {
        return true;
    }
    let sum: u32 = values.iter().zip(WEIGHTS).map(|(x, w)| x * w).sum();
    let check = match sum % 11 {
        10 => b'X',
        r => b'0' + r as u8,
    };
    v[8] == check
}

pub const VALIDATORS: &[(&str, Validator)] = &[
    ("dl_number", dl_number),
    ("dl_ca_ontario", dl_ca_ontario),
    ("dl_ca_quebec", dl_ca_quebec),
    ("dl_de", dl_de),
    ("dl_es", dl_es),
    ("dl_fi", dl_fi),
    ("dl_fr", dl_fr),
    ("dl_se", dl_se),
    ("dl_in", dl_in),
    ("dl_it", dl_it),
    ("dl_mt", dl_mt),
    ("dl_pl", dl_pl),
    ("dl_pt", dl_pt),
    ("dl_uk", dl_uk),
    ("vin", vin),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn check(f: Validator, table: &[(&str, bool)]) {
        for &(s, ok) in table {
            assert_eq!(f(s.as_bytes()), ok, "{s}");
        }
    }

    #[test]
    fn generic_number() {
        check(
            dl_number,
            &[
                ("07428163", true),
                ("S842173", true),
                ("L385-2917-4062", true),
                ("00000000", false),    // placeholder
                ("12345678", false),    // sequence
                ("876543210", false),   // descending sequence
                ("20240115", false),    // YYYYMMDD date
                ("15012024", false),    // DDMMYYYY date
                ("A1", false),          // too few digits
                ("123-456 789", false), // mixed separators
            ],
        );
    }

    #[test]
    fn canada() {
        check(
            dl_ca_ontario,
            &[
                ("S5778-12349-10115", true),
                ("S5778 12348 55520", true), // woman: month +50
                ("S57781234910115", true),
                ("S5778-12349-11315", false), // month 13
                ("S5778-12349-10132", false), // day 32
                ("S5778-12349 10115", false), // mixed separators
                ("S5778-1234910115", false),  // one separator only
            ],
        );
        check(
            dl_ca_quebec,
            &[
                ("T6543-800315-07", true),
                ("T6543800315007", false),  // wrong length
                ("A1234-567890-12", false), // no date in the middle
            ],
        );
    }

    #[test]
    fn germany() {
        check(
            dl_de,
            &[
                ("B072RRE2I55", true),
                ("A372C4D9111", true),
                ("b072rre2i55", true),
                ("B072RRE2I45", false), // bad check
                ("B072RRE2I5", false),  // wrong length
                ("BA72RRE2I55", false), // district must be 2 digits
            ],
        );
    }

    #[test]
    fn spain() {
        check(
            dl_es,
            &[
                ("53464097E", true),
                ("53.464.097-E", true),
                ("Y1234567X", true),
                ("53464097F", false), // bad letter
                ("00000000T", false), // placeholder
                ("99999999R", false), // never a real DNI
                ("A1234567X", false), // not a NIE prefix
            ],
        );
    }

    #[test]
    fn finland() {
        check(
            dl_fi,
            &[
                ("150385-234K", true),
                ("290204A567M", true),
                ("011299Y1003", true),
                ("150385-234L", false), // bad control
                ("310285-2343", false), // 31 February
                ("150385-0012", false), // individual number 001 unused
                ("150385G234K", false), // no such century sign
            ],
        );
    }

    #[test]
    fn sweden() {
        check(
            dl_se,
            &[
                ("850315-1238", true),
                ("9207044562", true),
                ("19671120-0318", true),
                ("810271-0426", true),  // coordination number (day +60)
                ("850315-1239", false), // bad Luhn
                ("851315-1236", false), // month 13
                ("850315--1238", false),
            ],
        );
    }

    #[test]
    fn india_italy_malta_poland_portugal() {
        check(
            dl_in,
            &[
                ("MH12 20110062821", true),
                ("DL-0420150098765", true),
                ("ZZ12 20110062821", false), // no such state
                ("MH00 20110062821", false), // RTO 00
                ("MH12 19420062821", false), // year before 1950
            ],
        );
        check(
            dl_it,
            &[
                ("RM5012847A", true),
                ("U1H27K93XZ", true),
                ("XX5012847A", false), // no such province
                ("RM0000000A", false), // placeholder
                ("UA4829173B", true),  // national A/V series
            ],
        );
        check(
            dl_fr,
            &[
                ("130675201943", true),
                ("07102A482917", true),  // Corsica
                ("131375201943", false), // month 13
                ("130620201943", false), // departement 20 (split into 2A/2B)
                ("130675000000", false), // placeholder serial
            ],
        );
        check(dl_mt, &[("482917M", true), ("482917Q", false), ("0000000M", false)]);
        check(
            dl_pl,
            &[
                ("00412/15/3927", true),
                ("00412/15/3927104", true),
                ("00000/15/3927", false),
                ("00412/15/0000", false),
            ],
        );
        check(dl_pt, &[("L-4829173 5", true), ("L-0000000 0", false)]);
    }

    #[test]
    fn uk() {
        check(
            dl_uk,
            &[
                ("JONES761051AB9XY", true),
                ("LEE99852203J99AB", true),
                ("SMITH 803127 JD9AB", true),
                ("JONES713051AB9XY", false),  // month 13
                ("JONES761321AB9XY", false),  // day 32
                ("J9NES761051AB9XY", false),  // letter after the 9 padding
                ("JONES 761051AB9XY", false), // one separator only
                ("JONES761051A99XY", true),
                ("JONES7610519B9XY", false), // first initial must be a letter
            ],
        );
    }

    #[test]
    fn vin_table() {
        check(
            vin,
            &[
                ("1FTFW1E59JFA00001", true),
                ("2HGFC2F66LH500321", true),
                ("1ftfw1e59jfa00001", true),
                ("WVWZZZ1KZAW000123", true),  // Europe: check digit optional
                ("1FTFW1E58JFA00001", false), // bad check digit
                ("WVWZZZ1KZUW000123", false), // model year U
                ("WVWZZZ1KZAW0001AB", false), // last four not numeric
                ("12345678901234567", false), // no letter
                ("1FTFW1E59JFa00001", false), // mixed case
                ("1FTFW1E59IFA00001", false), // I is not in the VIN alphabet
                ("0FTFW1E59JFA00001", false), // region 0 unassigned
                ("1FTFW1E59JFA0001", false),  // 16 characters
            ],
        );
    }

    #[test]
    fn registered() {
        for (name, _) in VALIDATORS {
            assert!(super::super::lookup(name).is_some(), "{name}");
        }
    }
}
