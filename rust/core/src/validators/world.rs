//! Validators for the world identifier family (see identifiers/world.toml).

use super::checksum::{all_same, digits, luhn_digits, verhoeff, weighted_sum};
use super::Validator;

/// True when `m` fits one shape exactly (so separators are consistent).
///
/// Shape bytes: `#` digit, `@` upper-case letter or `&`, `%` upper-case letter or digit,
/// `k` digit or K/k, `x` digit or X/x; any other byte stands for itself.
fn shape_ok(m: &[u8], shapes: &[&[u8]]) -> bool {
    shapes.iter().any(|shape| {
        shape.len() == m.len()
            && shape.iter().zip(m).all(|(&s, &b)| match s {
                b'#' => b.is_ascii_digit(),
                b'@' => b.is_ascii_uppercase() || b == b'&',
                b'%' => b.is_ascii_uppercase() || b.is_ascii_digit(),
                b'k' => b.is_ascii_digit() || b == b'K' || b == b'k',
                b'x' => b.is_ascii_digit() || b == b'X' || b == b'x',
                _ => s == b,
            })
    })
}

/// Digit values read as one decimal number.
fn num(d: &[u8]) -> u64 {
    d.iter().fold(0, |n, &x| n * 10 + u64::from(x))
}

// --- United States ---------------------------------------------------------------------------

const US_9_SHAPES: &[&[u8]] = &[b"###-##-####", b"### ## ####", b"#########"];

/// SSA rules: area 000, 666 and 900-999 never issued; group 00 and serial 0000 never
/// issued; 078-05-1120 (wallet card) and 219-09-9999 (SSA pamphlet) were voided.
fn us_ssn(m: &[u8]) -> bool {
    if !shape_ok(m, US_9_SHAPES) {
        return false;
    }
    let d = digits(m);
    let (area, group, serial) = (num(&d[..3]), num(&d[3..5]), num(&d[5..]));
    if area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0 {
        return false;
    }
    !matches!(num(&d), 78_051_120 | 219_099_999)
}

/// IRS: ITINs start with 9 and the middle two digits are 50-65, 70-88, 90-92 or 94-99.
fn us_itin(m: &[u8]) -> bool {
    if !shape_ok(m, US_9_SHAPES) {
        return false;
    }
    let d = digits(m);
    let group = num(&d[3..5]);
    let in_range = matches!(group, 50..=65 | 70..=88 | 90..=92 | 94..=99);
    d[0] == 9 && in_range && num(&d[5..]) != 0
}

// --- Canada ------------------------------------------------------------------------------------

/// SIN: 9 digits, Luhn; 0 and 8 are not assigned as first digit (9 = temporary, kept).
fn ca_sin(m: &[u8]) -> bool {
    if !shape_ok(m, &[b"### ### ###", b"###-###-###", b"#########"]) {
        return false;
    }
    let d = digits(m);
    d[0] != 0 && d[0] != 8 && !all_same(&d) && luhn_digits(&d)
}

/// UCI / client ID: 8 digits (0000-0000) or 10 digits (00-0000-0000); no public check digit.
fn ca_pr(m: &[u8]) -> bool {
    let shapes: &[&[u8]] =
        &[b"########", b"####-####", b"#### ####", b"##########", b"##-####-####", b"## #### ####"];
    shape_ok(m, shapes) && !all_same(&digits(m))
}

// --- Brazil ------------------------------------------------------------------------------------

/// Receita Federal check digit: 11 - (sum mod 11), 0 when that is 10 or 11.
fn br_mod11_dv(d: &[u8], weights: &[u32]) -> u8 {
    let r = weighted_sum(d, weights) % 11;
    if r < 2 {
        0
    } else {
        (11 - r) as u8
    }
}

/// CPF: 9 digits + 2 mod-11 check digits (weights 10..2 then 11..2); all-same invalid.
fn br_cpf(m: &[u8]) -> bool {
    if !shape_ok(m, &[b"###.###.###-##", b"###########", b"#########-##"]) {
        return false;
    }
    let d = digits(m);
    if all_same(&d) {
        return false;
    }
    let dv1 = br_mod11_dv(&d[..9], &[10, 9, 8, 7, 6, 5, 4, 3, 2]);
    let dv2 = br_mod11_dv(&d[..10], &[11, 10, 9, 8, 7, 6, 5, 4, 3, 2]);
    d[9] == dv1 && d[10] == dv2
}

const CNPJ_W1: [u32; 12] = [5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];
const CNPJ_W2: [u32; 13] = [6, 5, 4, 3, 2, 9, 8, 7, 6, 5, 4, 3, 2];

/// CNPJ: 12 chars + 2 mod-11 check digits. Since July 2026 the 12 base chars may be
/// upper-case letters too, valued as ASCII code - 48 (digits keep their value).
fn br_cnpj(m: &[u8]) -> bool {
    if !shape_ok(m, &[b"%%.%%%.%%%/%%%%-##", b"%%%%%%%%%%%%##"]) {
        return false;
    }
    let v: Vec<u8> =
        m.iter().filter(|b| b.is_ascii_digit() || b.is_ascii_uppercase()).map(|b| b - b'0').collect();
    if all_same(&v) {
        return false;
    }
    v[12] == br_mod11_dv(&v[..12], &CNPJ_W1) && v[13] == br_mod11_dv(&v[..13], &CNPJ_W2)
}

/// RG (Sao Paulo SSP form): 8 digits, check = -(sum d_i*w_i, w=2..9) mod 11, 10 as X.
fn br_rg(m: &[u8]) -> bool {
    if !shape_ok(m, &[b"##.###.###-x", b"########x", b"########-x"]) {
        return false;
    }
    let d = digits(&m[..m.len() - 1]);
    if all_same(&d) {
        return false;
    }
    let dv = (11 - weighted_sum(&d, &[2, 3, 4, 5, 6, 7, 8, 9]) % 11) % 11;
    let last = m[m.len() - 1];
    if dv == 10 {
        last == b'X' || last == b'x'
    } else {
        u32::from(last) == u32::from(b'0') + dv
    }
}

/// CEP: 5+3 digits; 00000-000 is a placeholder, never assigned.
fn br_cep(m: &[u8]) -> bool {
    shape_ok(m, &[b"#####-###", b"########", b"##.###-###"]) && num(&digits(m)) != 0
}

// --- Argentina ---------------------------------------------------------------------------------

/// DNI: 7-8 digits, optionally dotted; 99999999, all zeros (Macie) and all-same rejected.
fn ar_dni(m: &[u8]) -> bool {
    if !shape_ok(m, &[b"########", b"#######", b"##.###.###", b"#.###.###"]) {
        return false;
    }
    let d = digits(m);
    !all_same(&d) && num(&d) >= 1_000_000
}

/// CUIL/CUIT: type prefix + DNI/serial + mod-11 check digit (weights 5,4,3,2,7,6,5,4,3,2);
/// a remainder giving 10 is never issued (AFIP switches the prefix to 23/24/33/34).
fn ar_cuit(m: &[u8], prefixes: &[u64]) -> bool {
    if !shape_ok(m, &[b"##-########-#", b"###########", b"## ######## #"]) {
        return false;
    }
    let d = digits(m);
    if !prefixes.contains(&num(&d[..2])) || num(&d[2..10]) == 0 {
        return false;
    }
    let mut dv = 11 - weighted_sum(&d[..10], &[5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) % 11;
    if dv == 11 {
        dv = 0;
    }
    dv != 10 && u32::from(d[10]) == dv
}

/// Prefixes 20 (male), 27 (female), 23/24 (either, or check-digit collision).
fn ar_cuit_individual(m: &[u8]) -> bool {
    ar_cuit(m, &[20, 23, 24, 27])
}

/// Prefixes 30 (company), 33/34 (check-digit collision).
fn ar_cuit_organization(m: &[u8]) -> bool {
    ar_cuit(m, &[30, 33, 34])
}

// --- Chile -------------------------------------------------------------------------------------

const CL_RUT_SHAPES: &[&[u8]] = &[
    b"##.###.###-k",
    b"#.###.###-k",
    b"###.###-k",
    b"########-k",
    b"#######-k",
    b"######-k",
    b"########k",
    b"#######k",
];

/// RUN/RUT: body + mod-11 check digit (weights 2..7 from the right, 10 as K);
/// all-zero bodies never reported (Macie).
fn cl_rut(m: &[u8]) -> bool {
    if !shape_ok(m, CL_RUT_SHAPES) {
        return false;
    }
    let body = digits(&m[..m.len() - 1]);
    if num(&body) == 0 {
        return false;
    }
    let s: u32 = body.iter().rev().enumerate().map(|(i, &x)| u32::from(x) * (2 + (i as u32) % 6)).sum();
    let dv = 11 - s % 11;
    let last = m[m.len() - 1];
    match dv {
        11 => last == b'0',
        10 => last == b'K' || last == b'k',
        _ => u32::from(last) == u32::from(b'0') + dv,
    }
}

// --- Colombia ----------------------------------------------------------------------------------

const CO_BODY_SHAPES: &[&[u8]] = &[
    b"######",
    b"#######",
    b"########",
    b"#########",
    b"##########",
    b"###.###",
    b"#.###.###",
    b"##.###.###",
    b"###.###.###",
    b"#.###.###.###",
];

/// A cedula number: 6-10 digits, no leading zero, 10-digit ones start with 1.
fn co_cedula_body(m: &[u8]) -> bool {
    if !shape_ok(m, CO_BODY_SHAPES) {
        return false;
    }
    let d = digits(m);
    if d[0] == 0 || all_same(&d) {
        return false;
    }
    d.len() < 10 || d[0] == 1
}

/// Cedula de ciudadania: structure only (no public check digit).
fn co_cedula(m: &[u8]) -> bool {
    co_cedula_body(m)
}

const CO_NIT_WEIGHTS: [u32; 15] = [3, 7, 13, 17, 19, 23, 29, 37, 41, 43, 47, 53, 59, 67, 71];

/// DIAN check digit: weights 3,7,13,... from the rightmost digit, mod 11.
fn co_nit_dv(body: &[u8]) -> u8 {
    let rev: Vec<u8> = body.iter().rev().copied().collect();
    let r = weighted_sum(&rev, &CO_NIT_WEIGHTS) % 11;
    if r < 2 {
        r as u8
    } else {
        (11 - r) as u8
    }
}

/// Splits "body-DV" into body bytes and DV; no hyphen means no DV.
fn co_nit_split(m: &[u8]) -> (&[u8], Option<u8>) {
    let n = m.len();
    if n >= 3 && m[n - 2] == b'-' && m[n - 1].is_ascii_digit() {
        (&m[..n - 2], Some(m[n - 1] - b'0'))
    } else {
        (m, None)
    }
}

/// Organisations were numbered from 800.000.000 on (8xx/9xx), people keep their cedula.
fn co_nit_org_body(d: &[u8]) -> bool {
    d.len() == 9 && (d[0] == 8 || d[0] == 9)
}

/// Individual NIT = cedula number + "-" + DIAN check digit (required: without it the
/// value is a bare cedula); 9-digit bodies starting 8/9 belong to organisations.
fn co_nit_individual(m: &[u8]) -> bool {
    let (body, dv) = co_nit_split(m);
    let Some(dv) = dv else { return false };
    if !co_cedula_body(body) {
        return false;
    }
    let d = digits(body);
    !co_nit_org_body(&d) && co_nit_dv(&d) == dv
}

/// Organisation NIT: 9 digits from 8xx/9xx, DV after a hyphen or glued (10 digits) is
/// checked; the bare 9-digit body is accepted on structure alone.
fn co_nit_organization(m: &[u8]) -> bool {
    let (mut body, mut dv) = co_nit_split(m);
    if dv.is_none() && shape_ok(m, &[b"##########"]) {
        body = &m[..m.len() - 1];
        dv = Some(m[m.len() - 1] - b'0');
    }
    if !shape_ok(body, &[b"#########", b"###.###.###"]) {
        return false;
    }
    let d = digits(body);
    if !co_nit_org_body(&d) || all_same(&d) {
        return false;
    }
    dv.is_none_or(|v| co_nit_dv(&d) == v)
}

// --- Mexico ------------------------------------------------------------------------------------

/// Calendar check of a Gregorian date.
fn date_ok(year: u32, month: u32, day: u32) -> bool {
    if !(1..=12).contains(&month) || day < 1 {
        return false;
    }
    let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
    let mdays = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    day <= mdays[(month - 1) as usize]
}

/// YYMMDD digits; with no known century, Feb 29 is allowed when YY is a multiple of 4.
fn yymmdd_ok(d: &[u8], year_base: Option<u32>) -> bool {
    let two = |i: usize| u32::from(d[i] - b'0') * 10 + u32::from(d[i + 1] - b'0');
    let (yy, mm, dd) = (two(0), two(2), two(4));
    date_ok(year_base.unwrap_or(2000) + yy, mm, dd)
}

const MX_STATES: [&[u8; 2]; 33] = [
    b"AS", b"BC", b"BS", b"CC", b"CL", b"CM", b"CS", b"CH", b"DF", b"DG", b"GT", b"GR", b"HG", b"JC", b"MC",
    b"MN", b"MS", b"NT", b"NL", b"OC", b"PL", b"QT", b"QR", b"SP", b"SL", b"SR", b"TC", b"TS", b"TL", b"VZ",
    b"YN", b"ZS", b"NE",
];
const MX_CONSONANTS: &[u8] = b"BCDFGHJKLMNPQRSTVWXYZ";

/// Character value of the RENAPO/SAT tables: digits 0-9, A-N 10-23, (N-tilde 24), O-Z 25-36.
fn mx_value(c: u8) -> u32 {
    match c {
        b'0'..=b'9' => u32::from(c - b'0'),
        b'A'..=b'N' => u32::from(c - b'A') + 10,
        b'O'..=b'Z' => u32::from(c - b'O') + 25,
        // '&' takes the N-tilde slot in the SAT table.
        b'&' => 24,
        // Space (padding of 12-character RFCs).
        _ => 37,
    }
}

/// CURP (RENAPO): name letters, YYMMDD, sex H/M/X, state, 3 consonants, homoclave
/// (digit = born 19xx, letter = 20xx), check digit = (10 - sum(v_i*(18-i)) mod 10) mod 10.
fn mx_curp(m: &[u8]) -> bool {
    if !shape_ok(m, &[b"@@@@######@@@@@@%#"]) || m.contains(&b'&') {
        return false;
    }
    if !b"AEIOUX".contains(&m[1]) || !b"HMX".contains(&m[10]) {
        return false;
    }
    if !MX_STATES.iter().any(|s| s[..] == m[11..13]) {
        return false;
    }
    if !m[13..16].iter().all(|c| MX_CONSONANTS.contains(c)) {
        return false;
    }
    let base = if m[16].is_ascii_digit() { 1900 } else { 2000 };
    if !yymmdd_ok(&m[4..10], Some(base)) {
        return false;
    }
    let s: u32 = m[..17].iter().enumerate().map(|(i, &c)| mx_value(c) * (18 - i as u32)).sum();
    (10 - s % 10) % 10 == u32::from(m[17] - b'0')
}

/// SAT RFC check character over the 13-character form (12-character ones padded with a space).
fn mx_rfc_dv_ok(core: &[u8]) -> bool {
    let mut padded = Vec::with_capacity(13);
    if core.len() == 12 {
        padded.push(b' ');
    }
    padded.extend_from_slice(core);
    let s: u32 = padded[..12].iter().enumerate().map(|(i, &c)| mx_value(c) * (13 - i as u32)).sum();
    let want = match 11 - s % 11 {
        11 => b'0',
        10 => b'A',
        v => b'0' + v as u8,
    };
    padded[12] == want
}

/// RFC: name letters, YYMMDD, 2-character homoclave, SAT mod-11 check character;
/// generic RFCs XAXX010101000 / XEXX010101000 never reported (Macie).
fn mx_rfc(m: &[u8], shapes: &[&[u8]], nletters: usize) -> bool {
    if !shape_ok(m, shapes) {
        return false;
    }
    let core: Vec<u8> = m.iter().copied().filter(|&c| c != b' ' && c != b'-').collect();
    if core == b"XAXX010101000" || core == b"XEXX010101000" {
        return false;
    }
    yymmdd_ok(&core[nletters..nletters + 6], None) && mx_rfc_dv_ok(&core)
}

/// Persona fisica: 4 letters.
fn mx_rfc_individual(m: &[u8]) -> bool {
    mx_rfc(m, &[b"@@@@######%%%", b"@@@@-######-%%%", b"@@@@ ###### %%%"], 4)
}

/// Persona moral: 3 letters.
fn mx_rfc_organization(m: &[u8]) -> bool {
    mx_rfc(m, &[b"@@@######%%%", b"@@@-######-%%%", b"@@@ ###### %%%"], 3)
}

// --- India -------------------------------------------------------------------------------------

/// UIDAI: 12 digits, first digit 2-9, last digit Verhoeff; groups of 4 consistently split.
fn in_aadhaar(m: &[u8]) -> bool {
    if !shape_ok(m, &[b"############", b"#### #### ####", b"####-####-####"]) {
        return false;
    }
    let d = digits(m);
    d[0] >= 2 && verhoeff(&d)
}

/// PAN: AAA + holder type (P C H F A T B L J G) + name initial + 4-digit serial (not 0000) + letter.
fn in_pan(m: &[u8]) -> bool {
    shape_ok(m, &[b"@@@@@####@"])
        && !m.contains(&b'&')
        && b"PCHFATBLJG".contains(&m[3])
        && &m[5..9] != b"0000"
}

// --- Australia ---------------------------------------------------------------------------------

/// TFN: weighted sum mod 11 == 0 (9 digits: 1,4,3,7,5,8,6,9,10; legacy 8 digits:
/// 10,7,8,4,6,3,5,1); ATO placeholder codes (all-same, 987654321) rejected.
fn au_tfn(m: &[u8]) -> bool {
    let shapes: &[&[u8]] =
        &[b"#########", b"### ### ###", b"###-###-###", b"########", b"### ### ##", b"###-###-##"];
    if !shape_ok(m, shapes) {
        return false;
    }
    let d = digits(m);
    if all_same(&d) || d == [9, 8, 7, 6, 5, 4, 3, 2, 1] {
        return false;
    }
    let w: &[u32] = if d.len() == 9 { &[1, 4, 3, 7, 5, 8, 6, 9, 10] } else { &[10, 7, 8, 4, 6, 3, 5, 1] };
    weighted_sum(&d, w).is_multiple_of(11)
}

pub const VALIDATORS: &[(&str, Validator)] = &[
    ("us_ssn", us_ssn),
    ("us_itin", us_itin),
    ("ca_sin", ca_sin),
    ("ca_pr", ca_pr),
    ("br_cpf", br_cpf),
    ("br_cnpj", br_cnpj),
    ("br_rg", br_rg),
    ("br_cep", br_cep),
    ("ar_dni", ar_dni),
    ("ar_cuit_individual", ar_cuit_individual),
    ("ar_cuit_organization", ar_cuit_organization),
    ("cl_rut", cl_rut),
    ("co_cedula", co_cedula),
    ("co_nit_individual", co_nit_individual),
    ("co_nit_organization", co_nit_organization),
    ("mx_curp", mx_curp),
    ("mx_rfc_individual", mx_rfc_individual),
    ("mx_rfc_organization", mx_rfc_organization),
    ("in_aadhaar", in_aadhaar),
    ("in_pan", in_pan),
    ("au_tfn", au_tfn),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn run(f: Validator, table: &[(&str, bool)]) {
        for &(s, ok) in table {
            assert_eq!(f(s.as_bytes()), ok, "{s}");
        }
    }

    #[test]
    fn shape_ok_table() {
        assert!(shape_ok(b"12-3", &[b"##-#"]));
        assert!(!shape_ok(b"12 3", &[b"##-#"]));
        assert!(shape_ok(b"A&9", &[b"@@%"]));
        assert!(!shape_ok(b"a&9", &[b"@@%"]));
        assert!(shape_ok(b"1k", &[b"#k"]) && shape_ok(b"1x", &[b"#x"]));
    }

    #[test]
    fn us_ssn_table() {
        run(
            us_ssn,
            &[
                ("526-01-8159", true),
                ("186 09 1390", true),
                ("628194821", true),
                ("000-12-3456", false),
                ("666-12-3456", false),
                ("900-12-3456", false),
                ("123-00-6789", false),
                ("123-45-0000", false),
                ("078-05-1120", false),
                ("219-09-9999", false),
                ("123-45 6789", false),
                ("12345678", false),
            ],
        );
    }

    #[test]
    fn us_itin_table() {
        run(
            us_itin,
            &[
                ("997-54-3231", true),
                ("911 70 2527", true),
                ("911-92-1234", true),
                ("900-94-1234", true),
                ("912-45-6789", false),
                ("900-93-1234", false),
                ("911-69-1234", false),
                ("997-54-0000", false),
                ("197-54-3231", false),
                ("997-543231", false),
            ],
        );
    }

    #[test]
    fn ca_table() {
        run(
            ca_sin,
            &[
                ("321 223 307", true),
                ("137-215-901", true),
                ("997 541 214", true),
                ("321 223 308", false),
                ("894709005", false),
                ("069007128", false),
                ("321-223 307", false),
                ("32122330", false),
            ],
        );
        run(
            ca_pr,
            &[
                ("12-3456-7890", true),
                ("1234-5678", true),
                ("87654321", true),
                ("1111-1111", false),
                ("123456789", false),
                ("12-3456 7890", false),
            ],
        );
    }

    #[test]
    fn br_table() {
        run(
            br_cpf,
            &[
                ("587.355.706-36", true),
                ("21487740000", true),
                ("939152550-41", true),
                ("587.355.706-37", false),
                ("587.355.706-26", false),
                ("111.111.111-11", false),
                ("587.355706-36", false),
                ("5873557063", false),
            ],
        );
        run(
            br_cnpj,
            &[
                ("74.170.261/0001-96", true),
                ("97419722000117", true),
                ("12.ABC.345/01DE-35", true),
                ("12ABC34501DE35", true),
                ("74.170.261/0001-97", false),
                ("12.ABC.345/01DE-36", false),
                ("12.abc.345/01de-35", false),
                ("00.000.000/0000-00", false),
                ("74.170.261/000196", false),
            ],
        );
        run(
            br_rg,
            &[
                ("94.940.132-8", true),
                ("25807997-6", true),
                ("51620466X", true),
                ("51620466x", true),
                ("94.940.132-9", false),
                ("51620466-0", false),
                ("11.111.111-1", false),
                ("94.940132-8", false),
            ],
        );
        run(
            br_cep,
            &[
                ("01310-100", true),
                ("20040020", true),
                ("70.040-010", true),
                ("00000-000", false),
                ("01310 100", false),
                ("0131-0100", false),
            ],
        );
    }

    #[test]
    fn ar_table() {
        run(
            ar_dni,
            &[
                ("12.345.678", true),
                ("1.234.567", true),
                ("35123456", true),
                ("99.999.999", false),
                ("99999999", false),
                ("00000000", false),
                ("0123456", false),
                ("12.345678", false),
                ("123456", false),
            ],
        );
        run(
            ar_cuit_individual,
            &[
                ("27-98223513-3", true),
                ("24 35701447 2", true),
                ("27379504480", true),
                ("20-62051017-4", true),
                ("27-98223513-4", false),
                ("30-20142122-1", false),
                ("20-00000000-0", false),
                ("27-98223513 3", false),
            ],
        );
        run(
            ar_cuit_organization,
            &[
                ("34-44465129-8", true),
                ("33792185121", true),
                ("30-20142122-1", true),
                ("30-20142122-2", false),
                ("27-98223513-3", false),
                ("31-20142122-1", false),
            ],
        );
    }

    #[test]
    fn cl_rut_table() {
        run(
            cl_rut,
            &[
                ("12.345.678-5", true),
                ("7.654.321-6", true),
                ("76086428-5", true),
                ("33181234-K", true),
                ("33.181.234-k", true),
                ("185832236", true),
                ("12.345.678-6", false),
                ("12.345.678-K", false),
                ("00.000.000-0", false),
                ("00000000-K", false),
                ("12.345678-5", false),
                ("123.456.789-0", false),
            ],
        );
    }

    #[test]
    fn co_table() {
        run(
            co_cedula,
            &[
                ("1.012.345.678", true),
                ("79.123.456", true),
                ("1012345678", true),
                ("123.456", true),
                ("0123456", false),
                ("12345", false),
                ("2012345678", false),
                ("11.111.111", false),
                ("79.123456", false),
            ],
        );
        run(
            co_nit_individual,
            &[
                ("51.272.878-1", true),
                ("1059762076-4", true),
                ("1.032.868.724-7", true),
                ("51.272.878-2", false),
                ("79123456", false),
                ("809.269.273-4", false),
            ],
        );
        run(
            co_nit_organization,
            &[
                ("809.269.273-4", true),
                ("841993197-3", true),
                ("9757808451", true),
                ("926852567", true),
                ("809.269.273-5", false),
                ("9757808452", false),
                ("712345678-9", false),
                ("888888888", false),
                ("51.272.878-1", false),
                ("809.269273-4", false),
            ],
        );
    }

    #[test]
    fn mx_table() {
        run(
            mx_curp,
            &[
                ("PEGJ850315HJCRRN06", true),
                ("LOMA050722MDFPRNA7", true),
                ("SAVR920229MNEXLS09", true),
                ("PEGJ850315HJCRRN07", false),
                ("PEGJ850315HZZRRN06", false),
                ("PEGJ851315HJCRRN06", false),
                ("PAGJ850315HJCAEN06", false),
                ("SAVR930229MNEXLS09", false),
                ("PEGJ850315HJCRRN0", false),
            ],
        );
        run(
            mx_rfc_individual,
            &[
                ("GODE561231GR8", true),
                ("PEGJ850315ABA", true),
                ("LOMA-050722-K38", true),
                ("MU&O761107P14", true),
                ("XAXX010101000", false),
                ("XEXX010101000", false),
                ("PEGJ850315ABB", false),
                ("PEGJ851315ABA", false),
                ("LOMA-050722 K38", false),
            ],
        );
        run(
            mx_rfc_organization,
            &[
                ("ABC680524P73", true),
                ("EXT-990101-NI4", true),
                ("S&C010203H45", true),
                ("ABC680524P76", false),
                ("ABC681324P73", false),
                ("PEGJ850315ABA", false),
            ],
        );
    }

    #[test]
    fn in_table() {
        run(
            in_aadhaar,
            &[
                ("8028 6037 5908", true),
                ("904406995763", true),
                ("8985-4196-5691", true),
                ("8028 6037 5909", false),
                ("1028 6037 5908", false),
                ("8028 6037-5908", false),
                ("802860375", false),
            ],
        );
        run(
            in_pan,
            &[
                ("ABCPE1234F", true),
                ("AAACB1234K", true),
                ("ABCXE1234F", false),
                ("ABCPE0000F", false),
                ("ABCP&1234F", false),
                ("abcpe1234f", false),
            ],
        );
    }

    #[test]
    fn au_tfn_table() {
        run(
            au_tfn,
            &[
                ("743 701 131", true),
                ("254426933", true),
                ("710 082 59", true),
                ("33070951", true),
                ("743 701 132", false),
                ("000 000 000", false),
                ("987 654 321", false),
                ("743-701 131", false),
                ("3307095", false),
            ],
        );
    }

    #[test]
    fn names_registered() {
        assert_eq!(VALIDATORS.len(), 21);
    }
}
