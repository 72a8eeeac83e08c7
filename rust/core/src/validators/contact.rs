//! Validators for the contact identifier family (see identifiers/contact.toml).
//!
//! Names, addresses, dates of birth, GPS coordinates, phone numbers, US ZIP and Canadian
//! postal codes. Twin of `python/macie_lite/_validators/contact.py`: same names, same verdicts.

use std::collections::HashSet;
use std::sync::OnceLock;

use super::checksum::{all_same, digits};
use super::Validator;

// ---------------------------------------------------------------------------------------------
// Gazetteers

const GIVEN_TXT: &str = include_str!("../../../../identifiers/gazetteers/contact_given_names.txt");
const SURNAMES_TXT: &str = include_str!("../../../../identifiers/gazetteers/contact_surnames.txt");
const CITIES_TXT: &str = include_str!("../../../../identifiers/gazetteers/contact_cities.txt");

fn entries(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn given() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| entries(GIVEN_TXT).collect())
}

fn surnames() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| entries(SURNAMES_TXT).collect())
}

fn cities() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| entries(CITIES_TXT).map(str::to_lowercase).collect())
}

fn text(m: &[u8]) -> Option<&str> {
    std::str::from_utf8(m).ok()
}

/// Non-empty and ASCII digits only.
fn num(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn upper_ascii(s: &str) -> bool {
    s.bytes().all(|b| b.is_ascii_uppercase())
}

// ---------------------------------------------------------------------------------------------
// NAME

const PARTICLES: &[&str] = &[
    "da", "das", "de", "del", "della", "dei", "der", "den", "di", "do", "dos", "du", "des", "la", "le",
    "van", "von", "ter", "ten", "zu", "y", "e", "De", "Da", "Di", "Del", "Van", "Von", "Le", "La", "Du",
    "Dos", "Della",
];

/// Double-barrelled names (Anne-Marie, Smith-Jones): every part must be on the list.
fn in_list(token: &str, names: &HashSet<&'static str>) -> bool {
    token.split('-').all(|part| names.contains(part))
}

fn contact_full_name(m: &[u8]) -> bool {
    let Some(s) = text(m) else { return false };
    let tokens: Vec<&str> = s.split(' ').collect();
    if tokens.len() < 2 {
        return false;
    }
    let (g, f) = (given(), surnames());
    if !in_list(tokens[0], g) || !in_list(tokens[tokens.len() - 1], f) {
        return false;
    }
    tokens[1..tokens.len() - 1].iter().all(|t| {
        let b = t.as_bytes();
        let initial =
            (b.len() == 1 || b.len() == 2) && b[0].is_ascii_uppercase() && (b.len() == 1 || b[1] == b'.');
        initial || PARTICLES.contains(t) || in_list(t, g) || in_list(t, f)
    })
}

// ---------------------------------------------------------------------------------------------
// ADDRESS

type Ranges = &'static [(u32, u32)];

/// US ZIP three-digit prefixes by state (USPS ranges; military AA/AE/AP and territories).
const US_ZIP3: &[(&str, Ranges)] = &[
    ("AL", &[(350, 369)]),
    ("AK", &[(995, 999)]),
    ("AZ", &[(850, 865)]),
    ("AR", &[(716, 729)]),
    ("CA", &[(900, 961)]),
    ("CO", &[(800, 816)]),
    ("CT", &[(60, 69)]),
    ("DE", &[(197, 199)]),
    ("DC", &[(200, 205), (569, 569)]),
    ("FL", &[(320, 349)]),
    ("GA", &[(300, 319), (398, 399)]),
    ("HI", &[(967, 968)]),
    ("ID", &[(832, 838)]),
    ("IL", &[(600, 629)]),
    ("IN", &[(460, 479)]),
    ("IA", &[(500, 528)]),
    ("KS", &[(660, 679)]),
    ("KY", &[(400, 427)]),
    ("LA", &[(700, 714)]),
    ("ME", &[(39, 49)]),
    ("MD", &[(206, 219)]),
    ("MA", &[(10, 27), (55, 55)]),
    ("MI", &[(480, 499)]),
    ("MN", &[(550, 567)]),
    ("MS", &[(386, 397)]),
    ("MO", &[(630, 658)]),
    ("MT", &[(590, 599)]),
    ("NE", &[(680, 693)]),
    ("NV", &[(889, 898)]),
    ("NH", &[(30, 38)]),
    ("NJ", &[(70, 89)]),
    ("NM", &[(870, 884)]),
    ("NY", &[(100, 149), (5, 5), (63, 63)]),
    ("NC", &[(270, 289)]),
    ("ND", &[(580, 588)]),
    ("OH", &[(430, 459)]),
    ("OK", &[(730, 732), (734, 749)]),
    ("OR", &[(970, 979)]),
    ("PA", &[(150, 196)]),
    ("RI", &[(28, 29)]),
    ("SC", &[(290, 299)]),
    ("SD", &[(570, 577)]),
    ("TN", &[(370, 385)]),
    ("TX", &[(733, 733), (750, 799), (885, 885)]),
    ("UT", &[(840, 847)]),
    ("VT", &[(50, 59)]),
    ("VA", &[(201, 201), (220, 246)]),
    ("WA", &[(980, 994)]),
    ("WV", &[(247, 268)]),
    ("WI", &[(530, 549)]),
    ("WY", &[(820, 831)]),
    ("PR", &[(6, 7), (9, 9)]),
    ("VI", &[(8, 8)]),
    ("GU", &[(969, 969)]),
    ("AS", &[(967, 967)]),
    ("MP", &[(969, 969)]),
    ("FM", &[(969, 969)]),
    ("MH", &[(969, 969)]),
    ("PW", &[(969, 969)]),
    ("AA", &[(340, 340)]),
    ("AE", &[(90, 98)]),
    ("AP", &[(962, 966)]),
];

const CA_PROVINCE_LETTERS: &[(&str, &str)] = &[
    ("NL", "A"),
    ("NS", "B"),
    ("PE", "C"),
    ("NB", "E"),
    ("QC", "GHJ"),
    ("ON", "KLMNP"),
    ("MB", "R"),
    ("SK", "S"),
    ("AB", "T"),
    ("BC", "V"),
    ("NT", "X"),
    ("NU", "X"),
    ("YT", "Y"),
];

const AU_POSTCODES: &[(&str, Ranges)] = &[
    ("NSW", &[(1000, 2599), (2619, 2899), (2921, 2999)]),
    ("ACT", &[(200, 299), (2600, 2618), (2900, 2920)]),
    ("VIC", &[(3000, 3999), (8000, 8999)]),
    ("QLD", &[(4000, 4999), (9000, 9999)]),
    ("SA", &[(5000, 5999)]),
    ("WA", &[(6000, 6797), (6800, 6999)]),
    ("TAS", &[(7000, 7999)]),
    ("NT", &[(800, 999)]),
];

const UK_AREAS: &[&str] = &[
    "AB", "AL", "B", "BA", "BB", "BD", "BH", "BL", "BN", "BR", "BS", "BT", "CA", "CB", "CF", "CH", "CM",
    "CO", "CR", "CT", "CV", "CW", "DA", "DD", "DE", "DG", "DH", "DL", "DN", "DT", "DY", "E", "EC", "EH",
    "EN", "EX", "FK", "FY", "G", "GL", "GU", "GY", "HA", "HD", "HG", "HP", "HR", "HS", "HU", "HX", "IG",
    "IM", "IP", "IV", "JE", "KA", "KT", "KW", "KY", "L", "LA", "LD", "LE", "LL", "LN", "LS", "LU", "M", "ME",
    "MK", "ML", "N", "NE", "NG", "NN", "NP", "NR", "NW", "OL", "OX", "PA", "PE", "PH", "PL", "PO", "PR",
    "RG", "RH", "RM", "S", "SA", "SE", "SG", "SK", "SL", "SM", "SN", "SO", "SP", "SR", "SS", "ST", "SW",
    "SY", "TA", "TD", "TF", "TN", "TQ", "TR", "TS", "TW", "UB", "W", "WA", "WC", "WD", "WF", "WN", "WR",
    "WS", "WV", "YO", "ZE",
];

/// Big cities whose postcode prefix is cheap to check (first two digits).
const CITY_PREFIX: &[(&str, &str, &[&str])] = &[
    ("FR", "paris", &["75"]),
    ("FR", "marseille", &["13"]),
    ("FR", "lyon", &["69"]),
    ("FR", "toulouse", &["31"]),
    ("FR", "nice", &["06"]),
    ("FR", "nantes", &["44"]),
    ("FR", "strasbourg", &["67"]),
    ("FR", "montpellier", &["34"]),
    ("FR", "bordeaux", &["33"]),
    ("FR", "lille", &["59"]),
    ("FR", "rennes", &["35"]),
    ("DE", "berlin", &["10", "11", "12", "13", "14"]),
    ("DE", "hamburg", &["20", "21", "22"]),
    ("DE", "münchen", &["80", "81"]),
    ("DE", "köln", &["50", "51"]),
    ("DE", "frankfurt am main", &["60", "65"]),
    ("DE", "stuttgart", &["70"]),
    ("DE", "düsseldorf", &["40"]),
    ("IT", "roma", &["00"]),
    ("IT", "milano", &["20"]),
    ("IT", "napoli", &["80"]),
    ("IT", "torino", &["10"]),
    ("IT", "firenze", &["50"]),
    ("IT", "bologna", &["40"]),
    ("IT", "venezia", &["30"]),
    ("ES", "madrid", &["28"]),
    ("ES", "barcelona", &["08"]),
    ("ES", "valencia", &["46"]),
    ("ES", "sevilla", &["41"]),
    ("ES", "zaragoza", &["50"]),
    ("ES", "málaga", &["29"]),
    ("ES", "bilbao", &["48"]),
];

fn lookup<T: Copy>(table: &[(&str, T)], key: &str) -> Option<T> {
    table.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
}

fn in_ranges(ranges: Ranges, v: u32) -> bool {
    ranges.iter().any(|&(lo, hi)| lo <= v && v <= hi)
}

fn parse_u32(s: &str) -> u32 {
    s.parse().unwrap_or(u32::MAX)
}

fn trim_end_byte(s: &str, c: char) -> &str {
    s.trim_end_matches(c)
}

fn zip_state_ok(state: &str, zip5: &str) -> bool {
    let Some(ranges) = lookup(US_ZIP3, state) else {
        return false;
    };
    if zip5 == "00000" || !num(zip5) || zip5.len() != 5 {
        return false;
    }
    in_ranges(ranges, parse_u32(&zip5[..3]))
}

/// The last `n` bytes of `s` if they are ASCII (so byte and character counts agree).
fn ascii_tail(s: &str, n: usize) -> Option<(&str, &str)> {
    if s.len() < n || !s.is_char_boundary(s.len() - n) {
        return None;
    }
    let (head, tail) = s.split_at(s.len() - n);
    tail.is_ascii().then_some((head, tail))
}

fn contact_address_us(m: &[u8]) -> bool {
    let Some(mut s) = text(m) else { return false };
    let b = s.as_bytes();
    if b.len() > 11 && b[b.len() - 5] == b'-' {
        // ZIP+4: the add-on is never 0000.
        let add = &s[s.len() - 4..];
        if add == "0000" || !num(add) {
            return false;
        }
        s = &s[..s.len() - 5];
    }
    let Some((head, zip5)) = ascii_tail(s, 5) else {
        return false;
    };
    let head = trim_end_byte(trim_end_byte(head, ' '), ',');
    match ascii_tail(head, 2) {
        Some((_, state)) => zip_state_ok(state, zip5),
        None => false,
    }
}

fn ca_postal_ok(code: &str) -> bool {
    let c: Vec<u8> = code.bytes().filter(|&b| b != b' ' && b != b'-').collect();
    if c.len() != 6 {
        return false;
    }
    let letters = [c[0], c[2], c[4]];
    if letters.iter().any(|l| b"DFIOQU".contains(l)) || c[0] == b'W' || c[0] == b'Z' {
        return false;
    }
    letters.iter().all(u8::is_ascii_uppercase) && [c[1], c[3], c[5]].iter().all(u8::is_ascii_digit)
}

fn contact_address_ca(m: &[u8]) -> bool {
    let Some(s) = text(m) else { return false };
    let b = s.as_bytes();
    let n = if b.len() >= 7 && b[b.len() - 4] == b' ' { 7 } else { 6 };
    let Some((head, code)) = ascii_tail(s, n) else {
        return false;
    };
    let head = trim_end_byte(trim_end_byte(trim_end_byte(head, ' '), ','), ')');
    let Some((_, prov)) = ascii_tail(head, 2) else {
        return false;
    };
    match lookup(CA_PROVINCE_LETTERS, prov) {
        Some(letters) => ca_postal_ok(code) && letters.as_bytes().contains(&code.as_bytes()[0]),
        None => false,
    }
}

fn uk_postcode_ok(pc: &str) -> bool {
    let pc: String = pc.chars().filter(|&c| c != ' ').collect();
    if pc.len() < 5 || pc.len() > 7 || !pc.is_ascii() {
        return false;
    }
    let (out, inward) = pc.split_at(pc.len() - 3);
    let iw = inward.as_bytes();
    if !(iw[0].is_ascii_digit() && iw[1..].iter().all(|c| !b"CIKMOV".contains(c) && c.is_ascii_uppercase())) {
        return false;
    }
    let ob = out.as_bytes();
    let area_len = if ob.len() > 1 && ob[1].is_ascii_uppercase() { 2 } else { 1 };
    let area = &out[..area_len];
    if !UK_AREAS.contains(&area) {
        return false;
    }
    let district = &ob[area_len..];
    match district.len() {
        1 => district[0].is_ascii_digit(),
        2 if district[0].is_ascii_digit() => {
            if district[1].is_ascii_digit() {
                return true;
            }
            // A9A and AA9A districts (central London) use restricted letters.
            let allowed: &[u8] = if area_len == 1 { b"ABCDEFGHJKPSTUW" } else { b"ABEHMNPRVWXY" };
            allowed.contains(&district[1])
        }
        _ => false,
    }
}

fn contact_address_uk(m: &[u8]) -> bool {
    let Some(s) = text(m) else { return false };
    // The postcode is the last one or two groups (outward, inward); UK matches are ASCII.
    if !s.is_ascii() {
        return false;
    }
    let tail = &s[s.len().saturating_sub(8)..];
    let cut = [',', '\n', '\t'].iter().filter_map(|&c| tail.rfind(c)).max();
    let tail = match cut {
        Some(k) => &tail[k + 1..],
        None => tail,
    };
    let tail = tail.trim_matches(' ');
    let parts: Vec<&str> = tail.split(' ').collect();
    let last = parts[parts.len() - 1];
    let pc = if parts.len() >= 2 && last.chars().count() == 3 {
        format!("{}{}", parts[parts.len() - 2], last)
    } else {
        last.to_string()
    };
    uk_postcode_ok(&pc)
}

fn contact_address_au(m: &[u8]) -> bool {
    let Some(s) = text(m) else { return false };
    let Some((head, pc)) = ascii_tail(s, 4) else {
        return false;
    };
    let head = trim_end_byte(trim_end_byte(head, ' '), ',');
    let word = head.rsplit(' ').next().unwrap_or("");
    let state = word.rsplit(',').next().unwrap_or("").to_uppercase();
    if !num(pc) {
        return false;
    }
    match lookup(AU_POSTCODES, &state) {
        Some(ranges) => in_ranges(ranges, parse_u32(pc)),
        None => false,
    }
}

/// The last 5-digit postcode followed by a space, and the text after it.
fn eu_code_and_city(s: &str) -> Option<(&str, &str)> {
    let b = s.as_bytes();
    if b.len() < 6 {
        return None;
    }
    (0..=b.len() - 6).rev().find_map(|i| {
        let ok = b[i..i + 5].iter().all(u8::is_ascii_digit)
            && b[i + 5] == b' '
            && (i == 0 || !b[i - 1].is_ascii_digit());
        ok.then(|| (&s[i..i + 5], &s[i + 6..]))
    })
}

fn city_ok(country: &str, code: &str, city: &str) -> bool {
    let lower = city.to_lowercase();
    let words: Vec<&str> = lower.split(' ').collect();
    let known = cities();
    // The longest leading run of words that is a known city (trailing words are tolerated).
    for n in (1..=words.len()).rev() {
        let name = words[..n].join(" ");
        if known.contains(&name) {
            return match CITY_PREFIX.iter().find(|(c, k, _)| *c == country && *k == name) {
                Some((_, _, prefixes)) => prefixes.contains(&&code[..2]),
                None => true,
            };
        }
    }
    false
}

fn strip_suffixes(mut city: &str) -> &str {
    for marker in [" (", " Cedex", " CEDEX"] {
        if let Some(k) = city.find(marker) {
            if k > 0 {
                city = &city[..k];
            }
        }
    }
    city
}

fn contact_address_eu(country: &str, m: &[u8]) -> bool {
    let Some(s) = text(m) else { return false };
    let Some((code, city)) = eu_code_and_city(s) else {
        return false;
    };
    let mut city = strip_suffixes(city);
    if country == "IT" {
        // "Roma RM": drop the province abbreviation.
        if let Some((head, prov)) = city.rsplit_once(' ') {
            if !head.is_empty() && prov.len() == 2 && upper_ascii(prov) {
                city = trim_end_byte(head, ',');
            }
        }
    }
    let n = parse_u32(code);
    let p2 = parse_u32(&code[..2]);
    let ok = match country {
        "FR" => (1..=95).contains(&p2) || (p2 == 97 && (b'1'..=b'6').contains(&code.as_bytes()[2])),
        "DE" => n >= 1001 && !["00", "05", "43", "62"].contains(&&code[..2]),
        "IT" => (10..=98168).contains(&n),
        _ => (1..=52).contains(&p2) && n >= 1001,
    };
    ok && city_ok(country, code, city)
}

fn contact_address_fr(m: &[u8]) -> bool {
    contact_address_eu("FR", m)
}

fn contact_address_de(m: &[u8]) -> bool {
    contact_address_eu("DE", m)
}

fn contact_address_it(m: &[u8]) -> bool {
    contact_address_eu("IT", m)
}

fn contact_address_es(m: &[u8]) -> bool {
    contact_address_eu("ES", m)
}

// ---------------------------------------------------------------------------------------------
// DATE_OF_BIRTH

const MONTHS: [&str; 12] = [
    "january jan janvier janv januar jänner enero ene gennaio gen",
    "february feb febr février fevrier févr fevr februar febrero febbraio",
    "march mar mars märz maerz marzo",
    "april apr avril avr abril abr aprile",
    "may mai mayo maggio mag",
    "june jun juin juni junio giugno giu",
    "july jul juillet juil juli julio luglio lug",
    "august aug août aout agosto ago",
    "september sep sept septembre settembre set setiembre septiembre",
    "october oct octobre oktober okt octubre ottobre ott",
    "november nov novembre noviembre",
    "december dec décembre decembre déc dezember dez diciembre dic dicembre",
];

const DATE_FILLERS: &[&str] = &["st", "nd", "rd", "th", "er", "de", "º"];
const DATE_SEPS: &str = " /.-,";
const MIN_BIRTH_YEAR: u32 = 1900;
const MAX_BIRTH_YEAR: u32 = 2026;

fn month_number(word: &str) -> Option<u32> {
    let w = word.to_lowercase();
    (1u32..).zip(MONTHS.iter()).find(|(_, names)| names.split(' ').any(|n| n == w)).map(|(i, _)| i)
}

fn days_in_month(y: u32, mo: u32) -> u32 {
    match mo {
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn date_ok(y: u32, mo: u32, d: u32) -> bool {
    (MIN_BIRTH_YEAR..=MAX_BIRTH_YEAR).contains(&y)
        && (1..=12).contains(&mo)
        && d >= 1
        && d <= days_in_month(y, mo)
}

fn years(tok: &str) -> Vec<u32> {
    match tok.len() {
        4 => vec![parse_u32(tok)],
        // Two-digit year: either century, whichever is plausible.
        2 => vec![1900 + parse_u32(tok), 2000 + parse_u32(tok)],
        _ => vec![],
    }
}

fn dmy_ok(day: &str, month: u32, year: &str) -> bool {
    day.len() <= 2 && years(year).into_iter().any(|y| date_ok(y, month, parse_u32(day)))
}

/// Digit runs and other runs (words), plus the separator runs between tokens.
fn date_tokens(s: &str) -> (Vec<String>, Vec<String>) {
    let mut toks = Vec::new();
    let mut seps = Vec::new();
    let mut cur = String::new();
    let mut sep = String::new();
    for ch in s.chars() {
        let kind = if DATE_SEPS.contains(ch) {
            0
        } else if ch.is_ascii_digit() {
            1
        } else {
            2
        };
        if kind == 0 {
            if !cur.is_empty() {
                toks.push(std::mem::take(&mut cur));
            }
            sep.push(ch);
            continue;
        }
        if !cur.is_empty() && (kind == 1) != cur.starts_with(|c: char| c.is_ascii_digit()) {
            toks.push(std::mem::take(&mut cur));
        }
        if cur.is_empty() && !toks.is_empty() {
            seps.push(std::mem::take(&mut sep));
        }
        sep.clear();
        cur.push(ch);
    }
    if !cur.is_empty() {
        toks.push(cur);
    }
    (toks, seps)
}

fn contact_dob(m: &[u8]) -> bool {
    let Some(s) = text(m) else { return false };
    let (toks, seps) = date_tokens(s);
    if toks.len() == 1 && toks[0].len() == 8 && num(&toks[0]) {
        // YYYYMMDD
        let t = &toks[0];
        return date_ok(parse_u32(&t[..4]), parse_u32(&t[4..6]), parse_u32(&t[6..]));
    }
    if toks.iter().all(|t| num(t)) {
        if toks.len() != 3 || seps.len() != 2 || seps[0] != seps[1] {
            return false;
        }
        let (a, b, c) = (&toks[0], &toks[1], &toks[2]);
        if a.len() == 4 {
            return b.len() <= 2 && c.len() <= 2 && date_ok(parse_u32(a), parse_u32(b), parse_u32(c));
        }
        if a.len() > 2 || b.len() > 2 || !(c.len() == 2 || c.len() == 4) {
            return false;
        }
        if c.len() == 2 && seps[0] == " " {
            // "06 12 34" is a phone fragment far more often.
            return false;
        }
        return dmy_ok(a, parse_u32(b), c) || dmy_ok(b, parse_u32(a), c);
    }
    let words: Vec<&String> =
        toks.iter().filter(|t| !DATE_FILLERS.contains(&t.to_lowercase().as_str())).collect();
    if words.len() != 3 {
        return false;
    }
    let (a, b, c) = (words[0], words[1], words[2]);
    if !num(c) {
        return false;
    }
    if num(a) && !num(b) {
        return month_number(b).is_some_and(|mo| dmy_ok(a, mo, c));
    }
    if num(b) && !num(a) {
        return month_number(a).is_some_and(|mo| c.len() == 4 && dmy_ok(b, mo, c));
    }
    false
}

// ---------------------------------------------------------------------------------------------
// LATITUDE_LONGITUDE

fn degrees_ok(v: &str, limit: u32) -> bool {
    let v = v.trim_matches(' ').trim_start_matches(['+', '-']);
    let Some((whole, frac)) = v.split_once('.') else {
        return false;
    };
    if !num(whole) || !num(frac) {
        return false;
    }
    let w = parse_u32(whole);
    w < limit || (w == limit && frac.bytes().all(|b| b == b'0'))
}

fn contact_lat_long(m: &[u8]) -> bool {
    let Some(s) = text(m) else { return false };
    let Some((lat, lon)) = s.split_once(',') else {
        return false;
    };
    if lon.contains(',') || !degrees_ok(lat, 90) || !degrees_ok(lon, 180) {
        return false;
    }
    // 0.0000,0.0000 ("null island") is a placeholder, not a position.
    s.chars().any(|c| !"0.+- ,".contains(c))
}

// ---------------------------------------------------------------------------------------------
// Phone numbers

/// The part after +CC / 00CC, one separator and an optional (0); None if no country code.
fn strip_cc<'a>(s: &'a str, cc: &str) -> Option<&'a str> {
    let sep = |r: &'a str| r.strip_prefix([' ', '.', '-']).unwrap_or(r);
    for prefix in ["+", "00"] {
        if let Some(rest) = s.strip_prefix(prefix).and_then(|r| r.strip_prefix(cc)) {
            let rest = sep(rest);
            return Some(match rest.strip_prefix("(0)") {
                Some(r) => sep(r),
                None => rest,
            });
        }
    }
    None
}

/// The non-digit runs between digit runs of `body`.
fn seps(body: &str) -> Vec<&str> {
    let b = body.as_bytes();
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut seen_digit = false;
    for (i, c) in b.iter().enumerate() {
        if c.is_ascii_digit() {
            if let (Some(st), true) = (start, seen_digit) {
                out.push(&body[st..i]);
            }
            start = None;
            seen_digit = true;
        } else if start.is_none() {
            start = Some(i);
        }
    }
    out
}

fn uniform(body: &str) -> bool {
    let s = seps(body);
    s.iter().all(|x| *x == s[0])
}

fn contact_phone_nanp(m: &[u8]) -> bool {
    let Some(s) = text(m) else { return false };
    let mut body = match strip_cc(s, "1") {
        Some(b) => b,
        None if digits(m).len() == 11 && s.starts_with('1') => s[1..].trim_start_matches([' ', '.', '-']),
        None => s,
    };
    let d = digits(body.as_bytes());
    if d.len() != 10 || all_same(&d) {
        return false;
    }
    if body.starts_with('(') {
        if let Some(k) = body.find(')') {
            body = body[k + 1..].trim_start_matches(' ');
        }
    }
    if !uniform(body) {
        return false;
    }
    // Area code NXX (not N11, not N9X reserved), exchange NXX (not N11).
    if d[0] < 2 || (d[1] == 1 && d[2] == 1) || d[1] == 9 {
        return false;
    }
    d[3] >= 2 && !(d[4] == 1 && d[5] == 1)
}

fn national_body<'a>(s: &'a str, cc: &str) -> (&'a str, bool) {
    match strip_cc(s, cc) {
        Some(b) => (b, true),
        None => (s, false),
    }
}

fn contact_phone_fr(m: &[u8]) -> bool {
    let Some(s) = text(m) else { return false };
    let (body, intl) = national_body(s, "33");
    let d = digits(body.as_bytes());
    let nsn = if intl { &d[..] } else { d.get(1..).unwrap_or(&[]) };
    if nsn.len() != 9 || nsn[0] == 0 || all_same(&nsn[1..]) {
        return false;
    }
    uniform(body)
}

const UK_2: &[u8] = &[20, 23, 24, 28, 29, 30, 33, 34, 37, 80, 84, 87, 90, 91, 98];

fn contact_phone_uk(m: &[u8]) -> bool {
    let Some(s) = text(m) else { return false };
    let (body, intl) = national_body(s, "44");
    let owned: String;
    let body = if !intl && body.starts_with('(') {
        if body.matches(')').count() != 1 {
            return false;
        }
        owned = body[1..].replace(')', "");
        owned.as_str()
    } else if body.contains([')', '(']) {
        return false;
    } else {
        body
    };
    let d = digits(body.as_bytes());
    let nsn = if intl { &d[..] } else { d.get(1..).unwrap_or(&[]) };
    if nsn.is_empty() || all_same(&nsn[1..]) {
        return false;
    }
    let two = if nsn.len() > 1 { nsn[0] * 10 + nsn[1] } else { 0 };
    let ok = match nsn[0] {
        1 => nsn.len() == 9 || nsn.len() == 10,
        7 => nsn.len() == 10,
        // 0800 freephone: 9 or 10 digits.
        _ if two == 80 && nsn.len() > 2 && nsn[2] == 0 => nsn.len() == 9 || nsn.len() == 10,
        _ => UK_2.contains(&two) && nsn.len() == 10,
    };
    ok && uniform(body)
}

fn contact_phone_de(m: &[u8]) -> bool {
    let Some(s) = text(m) else { return false };
    let (body, intl) = national_body(s, "49");
    if !intl && body.starts_with('(') {
        if body.matches(')').count() != 1 {
            return false;
        }
    } else if body.contains(')') {
        return false;
    }
    let d = digits(body.as_bytes());
    let nsn = if intl { &d[..] } else { d.get(1..).unwrap_or(&[]) };
    if nsn.len() < 7 || nsn.len() > 11 || nsn[0] == 0 || all_same(&nsn[1..]) {
        return false;
    }
    if nsn[0] == 1 {
        // 15x/16x/17x mobile, 18x services; 10-14 and 19 are not subscriber numbers.
        return (5..=8).contains(&nsn[1]) && nsn.len() >= 10;
    }
    true
}

fn contact_phone_it(m: &[u8]) -> bool {
    let Some(s) = text(m) else { return false };
    let (body, _) = national_body(s, "39");
    let d = digits(body.as_bytes());
    if d.is_empty() || all_same(&d[1..]) {
        return false;
    }
    let ok = match d[0] {
        // Landline: the 0 belongs to the number, also after +39.
        0 => (6..=11).contains(&d.len()),
        3 => (d.len() == 9 || d.len() == 10) && d[1] != 0,
        8 => (d.len() == 9 || d.len() == 10) && d[1] == 0,
        _ => false,
    };
    ok && uniform(body)
}

const ES_GROUPS: &[&[usize]] = &[&[9], &[3, 3, 3], &[3, 2, 2, 2], &[2, 3, 2, 2], &[3, 6]];

fn contact_phone_es(m: &[u8]) -> bool {
    let Some(s) = text(m) else { return false };
    let (body, _) = national_body(s, "34");
    let d = digits(body.as_bytes());
    if d.len() != 9 || all_same(&d[1..]) {
        return false;
    }
    if !(6..=9).contains(&d[0]) || (d[0] == 7 && !(1..=4).contains(&d[1])) {
        return false;
    }
    let groups: Vec<usize> = body.split([' ', '.', '-']).map(|g| g.chars().count()).collect();
    ES_GROUPS.contains(&groups.as_slice()) && uniform(body)
}

const BR_DDD: &[u8] = &[
    11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 24, 27, 28, 31, 32, 33, 34, 35, 37, 38, 41, 42, 43, 44, 45,
    46, 47, 48, 49, 51, 53, 54, 55, 61, 62, 63, 64, 65, 66, 67, 68, 69, 71, 73, 74, 75, 77, 79, 81, 82, 83,
    84, 85, 86, 87, 88, 89, 91, 92, 93, 94, 95, 96, 97, 98, 99,
];

fn contact_phone_br(m: &[u8]) -> bool {
    let Some(s) = text(m) else { return false };
    let (body, intl) = national_body(s, "55");
    let mut d = digits(body.as_bytes());
    let special = d.len() == 11 && d[0] == 0 && d[2] == 0 && d[3] == 0;
    if !intl && special && !body.starts_with('(') {
        // 0800/0300/0500/0900 services.
        return [3, 5, 8, 9].contains(&d[1]) && !all_same(&d[4..]);
    }
    if !intl && d.first() == Some(&0) {
        // Trunk 0 before the area code.
        d.remove(0);
    }
    if !(d.len() == 10 || d.len() == 11) || !BR_DDD.contains(&(d[0] * 10 + d[1])) {
        return false;
    }
    let sub = &d[2..];
    if all_same(sub) {
        return false;
    }
    // 9-digit numbers are mobiles (leading 9); 8-digit ones are landlines (2-5).
    if sub.len() == 9 {
        sub[0] == 9
    } else {
        (2..=5).contains(&sub[0])
    }
}

// ---------------------------------------------------------------------------------------------
// USA_ZIP_CODE, CANADA_POSTAL_CODE

fn contact_us_zip(m: &[u8]) -> bool {
    let Some(s) = text(m) else { return false };
    if !(s.len() == 5 || s.len() == 10) || !s.is_ascii() {
        return false;
    }
    if s.len() == 10 && &s[6..] == "0000" {
        return false;
    }
    let z = &s[..5];
    if z == "00000" || !num(z) || (s.len() == 10 && (s.as_bytes()[5] != b'-' || !num(&s[6..]))) {
        return false;
    }
    let z3 = parse_u32(&z[..3]);
    US_ZIP3.iter().any(|(_, r)| in_ranges(r, z3))
}

fn contact_ca_postal(m: &[u8]) -> bool {
    text(m).is_some_and(ca_postal_ok)
}

pub const VALIDATORS: &[(&str, Validator)] = &[
    ("contact_full_name", contact_full_name),
    ("contact_address_us", contact_address_us),
    ("contact_address_ca", contact_address_ca),
    ("contact_address_uk", contact_address_uk),
    ("contact_address_au", contact_address_au),
    ("contact_address_fr", contact_address_fr),
    ("contact_address_de", contact_address_de),
    ("contact_address_it", contact_address_it),
    ("contact_address_es", contact_address_es),
    ("contact_dob", contact_dob),
    ("contact_lat_long", contact_lat_long),
    ("contact_phone_nanp", contact_phone_nanp),
    ("contact_phone_fr", contact_phone_fr),
    ("contact_phone_uk", contact_phone_uk),
    ("contact_phone_de", contact_phone_de),
    ("contact_phone_it", contact_phone_it),
    ("contact_phone_es", contact_phone_es),
    ("contact_phone_br", contact_phone_br),
    ("contact_us_zip", contact_us_zip),
    ("contact_ca_postal", contact_ca_postal),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn check(f: Validator, cases: &[(&str, bool)]) {
        for (i, (input, want)) in cases.iter().enumerate() {
            assert_eq!(f(input.as_bytes()), *want, "case #{i}");
        }
    }

    #[test]
    fn full_name() {
        check(
            contact_full_name,
            &[
                ("John Smith", true),
                ("Marie-Claire Dupont", true),
                ("John F. Kennedy", true),
                ("Maria da Silva", true),
                ("Maria García López", true),
                ("Hans Müller", true),
                ("JOHN SMITH", false),    // case-sensitive
                ("john smith", false),    // case-sensitive
                ("Smith John", false),    // surname first
                ("Grant Park", false),    // common words dropped from the lists
                ("John Smithson", false), // surname not on the list
                ("John  Smith", false),   // empty middle token
                ("John", false),
            ],
        );
    }

    #[test]
    fn addresses() {
        check(
            contact_address_us,
            &[
                ("742 Evergreen Terrace, Springfield, IL 62704", true),
                ("123 Main St Apt 4B, New York, NY 10001-1234", true),
                ("742 Evergreen Terrace, Springfield, IL 12704", false), // ZIP outside IL
                ("123 Main St, New York, NY 10001-0000", false),         // add-on 0000
                ("123 Main St, Nowhere, XX 10001", false),               // no such state
            ],
        );
        check(
            contact_address_ca,
            &[
                ("24 Sussex Drive, Ottawa, ON K1M 1M4", true),
                ("1234 rue Sainte-Catherine Ouest, Montréal, QC H3B 1A1", true),
                ("24 Sussex Drive, Ottawa, ON H1M 1M4", false), // H is Quebec
                ("24 Sussex Drive, Ottawa, ON K1M 1D4", false), // D never used
            ],
        );
        check(
            contact_address_uk,
            &[
                ("10 Downing Street, London SW1A 2AA", true),
                ("221B Baker Street, London NW1 6XE", true),
                ("10 Downing Street\nLondon\nSW1A2AA", true),
                ("10 Downing Street, London QW1A 2AA", false), // no area QW
                ("10 Downing Street, London SW1A 2AC", false), // C not in inward letters
            ],
        );
        check(
            contact_address_au,
            &[
                ("10 George Street, Sydney NSW 2000", true),
                ("10 George Street, Sydney VIC 2000", false),
                ("1 Smith Street, Darwin NT 0800", true),
            ],
        );
        check(
            contact_address_fr,
            &[
                ("12 rue de la Paix, 75002 Paris", true),
                ("8 avenue des Champs-Élysées, 75008 PARIS", true),
                ("12 rue de la Paix, 13002 Paris", false), // Paris is 75
                ("12 rue de la Paix, 96002 Lyon", false),  // no departement 96
                ("12 rue de la Paix, 75002 Atlantis", false),
            ],
        );
        check(
            contact_address_de,
            &[
                ("Musterstraße 12, 10115 Berlin", true),
                ("Hauptstr. 7, 80331 München", true),
                ("Musterstraße 12, 00115 Berlin", false),
                ("Musterstraße 12, 80115 Berlin", false),
            ],
        );
        check(
            contact_address_it,
            &[
                ("Via Roma 1, 00184 Roma (RM)", true),
                ("Piazza San Marco, 1 - 30124 Venezia", true),
                ("Via Roma 1, 00184 Roma RM", true),
                ("Via Roma 1, 99184 Roma", false),
            ],
        );
        check(
            contact_address_es,
            &[
                ("Calle Mayor 5, 28013 Madrid", true),
                ("Calle Mayor 5, 99013 Madrid", false),
                ("Calle Mayor 5, 08013 Madrid", false),
            ],
        );
    }

    #[test]
    fn dates_of_birth() {
        check(
            contact_dob,
            &[
                ("1990-01-31", true),
                ("31/01/1990", true),
                ("01/31/1990", true),
                ("31.01.1990", true),
                ("29-02-2000", true),
                ("01/31/90", true),
                ("19900131", true),
                ("31 January 1990", true),
                ("January 31, 1990", true),
                ("Jan 31st 1990", true),
                ("1er janvier 1990", true),
                ("31. Januar 1990", true),
                ("31 de enero de 1990", true),
                ("3 März 1977", true),
                ("31-Jan-90", true),
                ("29-02-1900", false), // 1900 is not a leap year
                ("31/04/1990", false),
                ("31-01/1990", false), // mixed separators
                ("1899-12-31", false), // implausible birth year
                ("2027-01-01", false),
                ("06 12 34", false), // space-separated two-digit year
                ("31 Foobar 1990", false),
                ("Feb 30, 1990", false),
                ("19901331", false),
            ],
        );
    }

    #[test]
    fn lat_long() {
        check(
            contact_lat_long,
            &[
                ("41.948614,-87.655311", true),
                ("-33.8688, 151.2093", true),
                ("90.0000,180.0000", true),
                ("90.0001,1.0000", false),
                ("45.0000,180.5000", false),
                ("0.0000,0.0000", false),
                ("41.9486", false),
            ],
        );
    }

    #[test]
    fn phones() {
        check(
            contact_phone_nanp,
            &[
                ("(555) 555-0199", true),
                ("555-555-0199", true),
                ("+1 555 555 0199", true),
                ("1-800-555-0199", true),
                ("555-555.0199", false), // mixed separators
                ("911-555-0199", false), // N11 area code
                ("555-911-0199", false), // N11 exchange
                ("595-555-0199", false), // N9X reserved
                ("555-155-0199", false), // exchange starts with 1
                ("222-222-2222", false),
            ],
        );
        check(
            contact_phone_fr,
            &[
                ("+33 6 12 34 56 78", true),
                ("06 12 34 56 78", true),
                ("+33 (0)1 23 45 67 89", true),
                ("06 12.34 56 78", false),
                ("00 12 34 56 78", false),
                ("06 00 00 00 00", false),
            ],
        );
        check(
            contact_phone_uk,
            &[
                ("+44 20 7946 0958", true),
                ("020 7946 0958", true),
                ("(020) 7946 0958", true),
                ("07700 900123", true),
                ("0800 123 456", true),
                ("020 7946 095", false),
                ("050 1234 5678", false),
                ("07700 90012", false),
            ],
        );
        check(
            contact_phone_de,
            &[
                ("+49 30 12345678", true),
                ("030 12345678", true),
                ("(030) 1234567", true),
                ("0171 1234567", true),
                ("0101 1234567", false),
                ("030 123", false),
            ],
        );
        check(
            contact_phone_it,
            &[
                ("+39 06 1234 5678", true),
                ("333 123 4567", true),
                ("800 123 456", true),
                ("303 123 4567", false),
                ("06 1", false),
            ],
        );
        check(
            contact_phone_es,
            &[
                ("+34 612 345 678", true),
                ("91 123 45 67", true),
                ("612345678", true),
                ("512 345 678", false),
                ("61 234 5678", false),
                ("612 345.678", false),
            ],
        );
        check(
            contact_phone_br,
            &[
                ("+55 11 91234-5678", true),
                ("(11) 91234-5678", true),
                ("(11) 3333-4444", true),
                ("0800 123 4567", true),
                ("(10) 91234-5678", false), // no DDD 10
                ("(11) 81234-5678", false), // 9-digit mobiles start with 9
                ("(11) 9333-4444", false),  // 8-digit landlines start with 2-5
            ],
        );
    }

    #[test]
    fn zip_and_postal() {
        check(
            contact_us_zip,
            &[
                ("20500", true),
                ("10001-1234", true),
                ("00000", false),
                ("00123", false), // prefix 001 unassigned
                ("10001-0000", false),
                ("1000a", false),
            ],
        );
        check(
            contact_ca_postal,
            &[
                ("K1A 0B1", true),
                ("K1A0B1", true),
                ("H3B-1A1", true),
                ("W1A 0B1", false),
                ("Z1A 1A1", false),
                ("K1A 0D1", false),
                ("K1O 0B1", false),
            ],
        );
    }
}
