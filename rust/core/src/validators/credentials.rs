//! Validators for the credentials identifier family (see identifiers/credentials.toml).
//!
//! The Python twins in `python/macie_lite/_validators/credentials.py` must agree on every
//! input, so the decoders here (base64, a minimal JSON grammar, DER, OpenPGP armor) are
//! hand-written the same way in both languages.

use super::Validator;

pub const VALIDATORS: &[(&str, Validator)] = &[
    ("aws_secret_key", aws_secret_key),
    ("gcp_api_key", gcp_api_key),
    ("stripe_key", stripe_key),
    ("http_basic_auth", http_basic_auth),
    ("http_cookie", http_cookie),
    ("jwt", jwt),
    ("pkcs_private_key", pkcs_private_key),
    ("openssh_private_key", openssh_private_key),
    ("pgp_private_key", pgp_private_key),
    ("putty_private_key", putty_private_key),
    ("email_address", email_address),
    ("ipv4_address", ipv4_address),
    ("ipv6_address", ipv6_address),
];

// ------------------------------------------------------------------ base64 and helpers

#[derive(Clone, Copy, PartialEq)]
enum Pad {
    Required,
    Optional,
    Forbidden,
}

fn b64_value(c: u8, url: bool) -> Option<u32> {
    match c {
        b'A'..=b'Z' => Some(u32::from(c - b'A')),
        b'a'..=b'z' => Some(u32::from(c - b'a') + 26),
        b'0'..=b'9' => Some(u32::from(c - b'0') + 52),
        b'+' if !url => Some(62),
        b'/' if !url => Some(63),
        b'-' if url => Some(62),
        b'_' if url => Some(63),
        _ => None,
    }
}

/// Strict base64: alphabet only, '=' only at the end, canonical (zero) trailing bits.
fn b64decode(s: &[u8], url: bool, pad: Pad) -> Option<Vec<u8>> {
    let mut p = 0;
    while p < 2 && p < s.len() && s[s.len() - 1 - p] == b'=' {
        p += 1;
    }
    let n = s.len() - p;
    if n == 0 || n % 4 == 1 {
        return None;
    }
    if p > 0 && (pad == Pad::Forbidden || !(n + p).is_multiple_of(4)) {
        return None;
    }
    if p == 0 && pad == Pad::Required && !n.is_multiple_of(4) {
        return None;
    }
    let mut out = Vec::with_capacity(n * 3 / 4);
    let mut acc: u32 = 0;
    let mut bits = 0u32;
    for &c in &s[..n] {
        acc = (acc << 6) | b64_value(c, url)?;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(((acc >> bits) & 0xFF) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    if acc != 0 {
        return None;
    }
    Some(out)
}

/// Length of the longest run of one repeated byte (placeholders: xxxxxxxx, 00000000).
fn longest_run(s: &[u8]) -> usize {
    let mut best = 0;
    let mut run = 0;
    let mut prev: Option<u8> = None;
    for &c in s {
        run = if Some(c) == prev { run + 1 } else { 1 };
        prev = Some(c);
        best = best.max(run);
    }
    best
}

fn strip<'a>(s: &'a [u8], chars: &[u8]) -> &'a [u8] {
    let mut a = 0;
    let mut b = s.len();
    while a < b && chars.contains(&s[a]) {
        a += 1;
    }
    while b > a && chars.contains(&s[b - 1]) {
        b -= 1;
    }
    &s[a..b]
}

fn find(h: &[u8], n: &[u8], from: usize) -> Option<usize> {
    if from > h.len() || n.is_empty() {
        return None;
    }
    h[from..].windows(n.len()).position(|w| w == n).map(|i| i + from)
}

fn count(h: &[u8], n: &[u8]) -> usize {
    h.windows(n.len()).filter(|w| *w == n).count()
}

fn ascii_decimal(s: &[u8]) -> Option<u64> {
    if s.is_empty() || s.len() > 18 || !s.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(s.iter().fold(0u64, |a, &c| a * 10 + u64::from(c - b'0')))
}

// ------------------------------------------------------------------ AWS, GCP, Stripe

/// 40 base64 characters: random keys mix cases, so hex digests, words and camelCase fail.
fn aws_secret_key(m: &[u8]) -> bool {
    if m.len() != 40 || !m.iter().all(|&c| b64_value(c, false).is_some()) {
        return false;
    }
    if m.ends_with(b"EXAMPLEKEY") {
        return false; // AWS documentation example keys are never reported
    }
    if !m.iter().any(u8::is_ascii_uppercase) || !m.iter().any(u8::is_ascii_lowercase) {
        return false;
    }
    if m.iter().all(u8::is_ascii_alphabetic) {
        return false; // letters only: identifiers and words, not a random key
    }
    longest_run(m) < 5 && m.iter().filter(|&&c| c == b'/').count() <= 6
}

/// keyString: "AIza" + 35 base64url characters, not a placeholder run.
fn gcp_api_key(m: &[u8]) -> bool {
    if m.len() != 39 || !m.starts_with(b"AIza") {
        return false;
    }
    let body = &m[4..];
    body.iter().all(|&c| b64_value(c, true).is_some()) && longest_run(body) < 5
}

/// sk_/rk_/pk_ + live_/test_ + 24-247 random alphanumerics of both cases.
fn stripe_key(m: &[u8]) -> bool {
    if m.len() < 8 || !(m.starts_with(b"sk_") || m.starts_with(b"rk_") || m.starts_with(b"pk_")) {
        return false;
    }
    let rest = &m[3..];
    if !(rest.starts_with(b"live_") || rest.starts_with(b"test_")) {
        return false;
    }
    let body = &rest[5..];
    if !(24..=247).contains(&body.len()) || !body.iter().all(u8::is_ascii_alphanumeric) {
        return false;
    }
    if !body.iter().any(u8::is_ascii_uppercase) || !body.iter().any(u8::is_ascii_lowercase) {
        return false;
    }
    longest_run(body) < 6
}

// ------------------------------------------------------------------ HTTP headers

/// (Proxy-)Authorization: Basic <base64 of user-id ":" password> (RFC 7617).
fn http_basic_auth(m: &[u8]) -> bool {
    let low = m.to_ascii_lowercase();
    let mut i = if low.starts_with(b"proxy-authorization:") {
        20
    } else if low.starts_with(b"authorization:") {
        14
    } else {
        return false;
    };
    while i < m.len() && (m[i] == b' ' || m[i] == b'\t') {
        i += 1;
    }
    if !low[i..].starts_with(b"basic") {
        return false;
    }
    i += 5;
    let mut j = i;
    while j < m.len() && (m[j] == b' ' || m[j] == b'\t') {
        j += 1;
    }
    if j == i {
        return false;
    }
    let Some(raw) = b64decode(&m[j..], false, Pad::Optional) else {
        return false;
    };
    let Ok(text) = std::str::from_utf8(&raw) else {
        return false;
    };
    if text.chars().any(|ch| (ch as u32) < 0x20 || ch as u32 == 0x7F) {
        return false;
    }
    match text.split_once(':') {
        Some((user, password)) => !user.is_empty() || !password.is_empty(),
        None => false,
    }
}

// Set-Cookie attribute names: a "Cookie:" match carrying them is the tail of a Set-Cookie line
const COOKIE_ATTRS: [&[u8]; 6] = [b"expires", b"max-age", b"domain", b"path", b"samesite", b"priority"];

/// Cookie:/Set-Cookie: header whose first pair is name=value with a non-empty value.
fn http_cookie(m: &[u8]) -> bool {
    let low = m.to_ascii_lowercase();
    let i = if low.starts_with(b"set-cookie:") {
        11
    } else if low.starts_with(b"cookie:") {
        let attr = low[7..].split(|&c| c == b';').any(|item| {
            let item = strip(item, b" \t");
            let name = item.split(|&c| c == b'=').next().unwrap_or(b"");
            COOKIE_ATTRS.contains(&name)
        });
        if attr {
            return false;
        }
        7
    } else {
        return false;
    };
    let rest = &m[i..];
    let first = strip(rest.split(|&c| c == b';').next().unwrap_or(b""), b" \t");
    let Some(eq) = first.iter().position(|&c| c == b'=') else {
        return false;
    };
    if eq == 0 {
        return false;
    }
    let mut value = &first[eq + 1..];
    if value.len() >= 2 && value[0] == b'"' && value[value.len() - 1] == b'"' {
        value = &value[1..value.len() - 1];
    }
    !value.is_empty() && !value.contains(&b'"')
}

// ------------------------------------------------------------------ JSON Web Token

/// A strict RFC 8259 recogniser; it records the top-level object's string members.
struct Json<'a> {
    s: &'a [u8],
    top: Vec<(&'a [u8], Option<&'a [u8]>)>,
}

impl<'a> Json<'a> {
    fn ws(&self, mut i: usize) -> usize {
        while i < self.s.len() && matches!(self.s[i], b' ' | b'\t' | b'\r' | b'\n') {
            i += 1;
        }
        i
    }

    // i at the opening quote; returns the index after the closing quote
    fn string(&self, mut i: usize) -> Option<usize> {
        let s = self.s;
        i += 1;
        while i < s.len() {
            let c = s[i];
            if c == b'"' {
                return Some(i + 1);
            }
            if c < 0x20 {
                return None;
            }
            if c == b'\\' {
                let e = *s.get(i + 1)?;
                if b"\"\\/bfnrt".contains(&e) {
                    i += 2;
                } else if e == b'u' {
                    if i + 6 > s.len() || !s[i + 2..i + 6].iter().all(u8::is_ascii_hexdigit) {
                        return None;
                    }
                    i += 6;
                } else {
                    return None;
                }
            } else {
                i += 1;
            }
        }
        None
    }

    fn digits(&self, mut i: usize) -> usize {
        while i < self.s.len() && self.s[i].is_ascii_digit() {
            i += 1;
        }
        i
    }

    fn number(&self, mut i: usize) -> Option<usize> {
        let s = self.s;
        if s.get(i) == Some(&b'-') {
            i += 1;
        }
        if !s.get(i)?.is_ascii_digit() {
            return None;
        }
        i = if s[i] == b'0' { i + 1 } else { self.digits(i) };
        if s.get(i) == Some(&b'.') {
            i += 1;
            if !s.get(i)?.is_ascii_digit() {
                return None;
            }
            i = self.digits(i);
        }
        if matches!(s.get(i), Some(b'e' | b'E')) {
            i += 1;
            if matches!(s.get(i), Some(b'+' | b'-')) {
                i += 1;
            }
            if !s.get(i)?.is_ascii_digit() {
                return None;
            }
            i = self.digits(i);
        }
        Some(i)
    }

    fn value(&mut self, mut i: usize, depth: u32) -> Option<usize> {
        if i >= self.s.len() || depth > 32 {
            return None;
        }
        match self.s[i] {
            b'{' => self.obj(i, depth),
            b'[' => {
                i = self.ws(i + 1);
                if self.s.get(i) == Some(&b']') {
                    return Some(i + 1);
                }
                loop {
                    let j = self.ws(i);
                    let k = self.value(j, depth + 1)?;
                    i = self.ws(k);
                    match self.s.get(i) {
                        Some(b',') => i += 1,
                        Some(b']') => return Some(i + 1),
                        _ => return None,
                    }
                }
            }
            b'"' => self.string(i),
            _ => {
                for lit in [&b"true"[..], b"false", b"null"] {
                    if self.s[i..].starts_with(lit) {
                        return Some(i + lit.len());
                    }
                }
                self.number(i)
            }
        }
    }

    fn obj(&mut self, i: usize, depth: u32) -> Option<usize> {
        let s = self.s;
        let mut i = self.ws(i + 1);
        if s.get(i) == Some(&b'}') {
            return Some(i + 1);
        }
        loop {
            if s.get(i) != Some(&b'"') {
                return None;
            }
            let k0 = i;
            i = self.string(i)?;
            let key = &s[k0 + 1..i - 1];
            i = self.ws(i);
            if s.get(i) != Some(&b':') {
                return None;
            }
            i = self.ws(i + 1);
            let v0 = i;
            i = self.value(i, depth + 1)?;
            if depth == 0 {
                let sval = if s[v0] == b'"' { Some(&s[v0 + 1..i - 1]) } else { None };
                self.top.push((key, sval));
            }
            i = self.ws(i);
            match s.get(i) {
                Some(b',') => i = self.ws(i + 1),
                Some(b'}') => return Some(i + 1),
                _ => return None,
            }
        }
    }
}

type Members<'a> = Vec<(&'a [u8], Option<&'a [u8]>)>;

/// The top-level members of a JSON object (string values raw), or None if not one.
fn json_object(s: &[u8]) -> Option<Members<'_>> {
    std::str::from_utf8(s).ok()?;
    let mut p = Json { s, top: Vec::new() };
    let i = p.ws(0);
    if s.get(i) != Some(&b'{') {
        return None;
    }
    let end = p.obj(i, 0)?;
    if p.ws(end) != s.len() {
        return None;
    }
    Some(p.top)
}

/// Signature size that the JWA algorithm produces (RFC 7518), loose for unknown ones.
fn jwt_sig_len_ok(alg: &[u8], n: usize) -> bool {
    match alg {
        b"HS256" => n == 32,
        b"HS384" => n == 48,
        b"HS512" | b"ES256" | b"ES256K" | b"Ed25519" => n == 64,
        b"ES384" => n == 96,
        b"ES512" => n == 132,
        b"EdDSA" => n == 64 || n == 114,
        b"Ed448" => n == 114,
        // RSA signature = modulus size, 1024-8192 bits
        _ if alg.starts_with(b"RS") || alg.starts_with(b"PS") => (128..=1024).contains(&n),
        _ => (16..=1024).contains(&n),
    }
}

/// JWS compact form: header and payload are base64url JSON objects, header has "alg".
fn jwt(m: &[u8]) -> bool {
    let parts: Vec<&[u8]> = m.split(|&c| c == b'.').collect();
    if parts.len() != 3 {
        return false;
    }
    let (Some(head), Some(body)) =
        (b64decode(parts[0], true, Pad::Forbidden), b64decode(parts[1], true, Pad::Forbidden))
    else {
        return false;
    };
    let Some(members) = json_object(&head) else {
        return false;
    };
    if json_object(&body).is_none() {
        return false;
    }
    let algs: Vec<Option<&[u8]>> = members.iter().filter(|(k, _)| *k == b"alg").map(|(_, v)| *v).collect();
    let alg = match algs.as_slice() {
        [Some(a)] if !a.is_empty() => *a,
        _ => return false,
    };
    if alg == b"none" {
        return parts[2].is_empty(); // unsecured JWS: empty signature
    }
    if parts[2].is_empty() {
        return false;
    }
    match b64decode(parts[2], true, Pad::Forbidden) {
        Some(sig) => jwt_sig_len_ok(alg, sig.len()),
        None => false,
    }
}

// ------------------------------------------------------------------ PEM-style key blocks

/// (label, body) of "-----BEGIN label-----body-----END label-----" with equal labels.
fn armor_label(m: &[u8]) -> Option<(&[u8], &[u8])> {
    if !m.starts_with(b"-----BEGIN ") || !m.ends_with(b"-----") {
        return None;
    }
    let e = find(m, b"-----", 11)?;
    let label = &m[11..e];
    let mut tail = b"-----END ".to_vec();
    tail.extend_from_slice(label);
    tail.extend_from_slice(b"-----");
    if !m.ends_with(&tail) || m.len() < e + 5 + tail.len() {
        return None;
    }
    Some((label, &m[e + 5..m.len() - tail.len()]))
}

/// Lines of a PEM body, JSON-escaped newlines (\n, \r) accepted, blanks trimmed.
fn body_lines(body: &[u8]) -> Option<Vec<Vec<u8>>> {
    let mut norm = Vec::with_capacity(body.len());
    let mut i = 0;
    while i < body.len() {
        let c = body[i];
        if c == b'\\' && matches!(body.get(i + 1), Some(b'r' | b'n')) {
            norm.push(b'\n');
            i += 2;
        } else if c == b'\\' {
            return None;
        } else {
            norm.push(if c == b'\r' { b'\n' } else { c });
            i += 1;
        }
    }
    Some(norm.split(|&c| c == b'\n').map(|l| strip(l, b" \t").to_vec()).collect())
}

/// Decode base64 spread over lines (spaces inside a flattened block allowed).
fn b64_lines(lines: &[Vec<u8>]) -> Option<Vec<u8>> {
    let joined: Vec<u8> =
        lines.iter().flat_map(|l| l.iter().copied()).filter(|&c| c != b' ' && c != b'\t').collect();
    b64decode(&joined, false, Pad::Required)
}

/// Offset of the content of a DER SEQUENCE spanning all of d.
fn der_sequence(d: &[u8]) -> Option<usize> {
    if d.len() < 2 || d[0] != 0x30 {
        return None;
    }
    let b = d[1];
    let (hl, n) = if b < 0x80 {
        (2, usize::from(b))
    } else {
        let k = usize::from(b & 0x7F);
        if k == 0 || k > 3 || d.len() < 2 + k {
            return None;
        }
        (2 + k, d[2..2 + k].iter().fold(0usize, |a, &x| (a << 8) | usize::from(x)))
    };
    (hl + n == d.len()).then_some(hl)
}

const PKCS_LABELS: [&[u8]; 4] = [b"PRIVATE KEY", b"RSA PRIVATE KEY", b"EC PRIVATE KEY", b"DSA PRIVATE KEY"];

/// PKCS#1/#8/SEC1/DSA PEM: same labels, base64 body that is one DER SEQUENCE of key size.
fn pkcs_private_key(m: &[u8]) -> bool {
    let Some((label, body)) = armor_label(m) else {
        return false;
    };
    let Some(mut lines) = body_lines(body) else {
        return false;
    };
    let first = lines.iter().position(|l| !l.is_empty()).unwrap_or(lines.len());
    lines.drain(..first);
    let mut block = 0;
    if lines.first().is_some_and(|l| l.starts_with(b"Proc-Type:")) {
        // RFC 1421 encapsulated header of a legacy encrypted key: body is ciphertext, not DER
        if label == b"ENCRYPTED PRIVATE KEY" || lines.len() < 3 {
            return false;
        }
        let proc: Vec<u8> = lines[0].iter().copied().filter(|&c| c != b' ').collect();
        if proc != b"Proc-Type:4,ENCRYPTED" || !lines[1].starts_with(b"DEK-Info:") {
            return false;
        }
        let info = strip(&lines[1][9..], b" ");
        let (alg, iv) = match info.iter().position(|&c| c == b',') {
            Some(p) => (&info[..p], &info[p + 1..]),
            None => (info, &b""[..]),
        };
        if alg.is_empty() || !(iv.len() == 16 || iv.len() == 32) || !iv.iter().all(u8::is_ascii_hexdigit) {
            return false;
        }
        block = iv.len() / 2;
        lines.drain(..2);
    }
    let Some(data) = b64_lines(&lines) else {
        return false;
    };
    if !(48..=16384).contains(&data.len()) {
        return false;
    }
    if block > 0 {
        return PKCS_LABELS[1..].contains(&label) && data.len().is_multiple_of(block);
    }
    let Some(start) = der_sequence(&data) else {
        return false;
    };
    if start >= data.len() {
        return false;
    }
    if label == b"ENCRYPTED PRIVATE KEY" {
        return data[start] == 0x30; // EncryptedPrivateKeyInfo starts with an AlgorithmIdentifier
    }
    PKCS_LABELS.contains(&label) && data[start] == 0x02 // starts with the version INTEGER
}

/// An SSH wire-format string (uint32 length + bytes) at i.
fn ssh_string(d: &[u8], i: usize) -> Option<(&[u8], usize)> {
    let len = d.get(i..i + 4)?;
    let n = u32::from_be_bytes([len[0], len[1], len[2], len[3]]) as usize;
    let s = d.get(i + 4..(i + 4).checked_add(n)?)?;
    Some((s, i + 4 + n))
}

fn printable_name(s: &[u8]) -> bool {
    !s.is_empty() && s.len() <= 64 && s.iter().all(|&c| (0x21..=0x7E).contains(&c))
}

/// openssh-key-v1 container: magic, then cipher and KDF names as SSH strings.
fn openssh_private_key(m: &[u8]) -> bool {
    let Some((label, body)) = armor_label(m) else {
        return false;
    };
    if label != b"OPENSSH PRIVATE KEY" {
        return false;
    }
    let Some(data) = body_lines(body).and_then(|l| b64_lines(&l)) else {
        return false;
    };
    const MAGIC: &[u8] = b"openssh-key-v1\0";
    if !(64..=16384).contains(&data.len()) || !data.starts_with(MAGIC) {
        return false;
    }
    let Some((cipher, next)) = ssh_string(&data, MAGIC.len()) else {
        return false;
    };
    if !printable_name(cipher) {
        return false;
    }
    matches!(ssh_string(&data, next), Some((kdf, _)) if printable_name(kdf))
}

/// OpenPGP armor checksum (RFC 4880 6.1).
fn crc24(data: &[u8]) -> u32 {
    let mut crc: u32 = 0xB7_04CE;
    for &b in data {
        crc ^= u32::from(b) << 16;
        for _ in 0..8 {
            crc <<= 1;
            if crc & 0x100_0000 != 0 {
                crc ^= 0x186_4CFB;
            }
        }
    }
    crc & 0xFF_FFFF
}

/// ASCII-armored secret key: headers, base64 body, CRC-24 when present, Secret-Key packet.
fn pgp_private_key(m: &[u8]) -> bool {
    let Some((label, body)) = armor_label(m) else {
        return false;
    };
    if label != b"PGP PRIVATE KEY BLOCK" {
        return false;
    }
    let no_cr: Vec<u8> = body.iter().copied().filter(|&c| c != b'\r').collect();
    let all: Vec<&[u8]> = no_cr.split(|&c| c == b'\n').map(|l| strip(l, b" \t")).collect();
    let mut i = 0;
    while i < all.len() && all[i].is_empty() {
        i += 1;
    }
    while i < all.len() && all[i].contains(&b':') {
        i += 1; // armor headers (Version:, Comment:, ...)
    }
    let mut lines: Vec<Vec<u8>> = all[i..].iter().filter(|l| !l.is_empty()).map(|l| l.to_vec()).collect();
    let mut crc = None;
    if lines.last().is_some_and(|l| l.len() == 5 && l[0] == b'=') {
        let Some(c) = b64decode(&lines[lines.len() - 1][1..], false, Pad::Required) else {
            return false;
        };
        crc = Some(c);
        lines.pop();
    }
    let Some(data) = b64_lines(&lines) else {
        return false;
    };
    if !(64..=49152).contains(&data.len()) {
        return false;
    }
    if let Some(c) = crc {
        let want = (u32::from(c[0]) << 16) | (u32::from(c[1]) << 8) | u32::from(c[2]);
        if want != crc24(&data) {
            return false;
        }
    }
    // packet tag 5 (Secret-Key): new format 0xC5, old format 0x94-0x97
    data[0] == 0xC5 || (0x94..=0x97).contains(&data[0])
}

/// PPK v2/v3: line counts as declared, public blob names the header's algorithm, MAC size.
fn putty_private_key(m: &[u8]) -> bool {
    let no_cr: Vec<u8> = m.iter().copied().filter(|&c| c != b'\r').collect();
    let lines: Vec<Vec<u8>> = no_cr.split(|&c| c == b'\n').map(<[u8]>::to_vec).collect();
    if lines.len() < 7 {
        return false;
    }
    let version = if lines[0].starts_with(b"PuTTY-User-Key-File-2: ") {
        2
    } else if lines[0].starts_with(b"PuTTY-User-Key-File-3: ") {
        3
    } else {
        return false;
    };
    let alg = &lines[0][23..];
    let enc: &[u8] = match lines[1].strip_prefix(b"Encryption: ") {
        Some(e) if e == b"none" || e == b"aes256-cbc" => e,
        _ => return false,
    };
    if !lines[2].starts_with(b"Comment: ") {
        return false;
    }
    let Some(n_pub) = lines[3].strip_prefix(b"Public-Lines: ").and_then(ascii_decimal) else {
        return false;
    };
    let n_pub = n_pub as usize;
    let mut i = 4;
    if n_pub < 1 || i + n_pub > lines.len() {
        return false;
    }
    let Some(public) = b64_lines(&lines[i..i + n_pub]) else {
        return false;
    };
    i += n_pub;
    match ssh_string(&public, 0) {
        Some((name, _)) if name == alg => {}
        _ => return false,
    }
    if i < lines.len() && lines[i].starts_with(b"Key-Derivation: ") {
        // PPK v3 passphrase-protected keys carry Argon2 parameters
        if version != 3 || enc == b"none" {
            return false;
        }
        i += 5;
    } else if version == 3 && enc != b"none" {
        return false;
    }
    let Some(n_priv) = lines.get(i).and_then(|l| l.strip_prefix(b"Private-Lines: ")).and_then(ascii_decimal)
    else {
        return false;
    };
    let n_priv = n_priv as usize;
    i += 1;
    if n_priv < 1 || i + n_priv + 1 != lines.len() {
        return false;
    }
    let Some(private) = b64_lines(&lines[i..i + n_priv]) else {
        return false;
    };
    if enc != b"none" && !private.len().is_multiple_of(16) {
        return false;
    }
    let Some(mac) = lines[i + n_priv].strip_prefix(b"Private-MAC: ") else {
        return false;
    };
    mac.len() == if version == 2 { 40 } else { 64 } && mac.iter().all(u8::is_ascii_hexdigit)
}

// ------------------------------------------------------------------ e-mail and IP addresses

// file extensions that are not delegated TLDs: "icon@2x.png" is an asset name, not an address
const NOT_TLDS: [&[u8]; 19] = [
    b"png", b"jpg", b"jpeg", b"gif", b"svg", b"webp", b"bmp", b"ico", b"tif", b"tiff", b"css", b"js",
    b"json", b"html", b"htm", b"xml", b"txt", b"log", b"pdf",
];

/// local@domain: dot-atom local part up to 64, LDH labels, alphabetic TLD 2-63.
fn email_address(m: &[u8]) -> bool {
    let Some(at) = m.iter().position(|&c| c == b'@') else {
        return false;
    };
    let (local, domain) = (&m[..at], &m[at + 1..]);
    if domain.contains(&b'@') {
        return false;
    }
    if !(1..=64).contains(&local.len()) || local[0] == b'.' || local[local.len() - 1] == b'.' {
        return false;
    }
    if count(local, b"..") > 0 || !local.iter().all(|&c| c.is_ascii_alphanumeric() || b"._%+-".contains(&c)) {
        return false;
    }
    if !(4..=253).contains(&domain.len()) {
        return false;
    }
    let labels: Vec<&[u8]> = domain.split(|&c| c == b'.').collect();
    if labels.len() < 2 {
        return false;
    }
    for l in &labels {
        if !(1..=63).contains(&l.len()) || !l.iter().all(|&c| c.is_ascii_alphanumeric() || c == b'-') {
            return false;
        }
        if l[0] == b'-' || l[l.len() - 1] == b'-' {
            return false;
        }
    }
    let tld = labels[labels.len() - 1];
    if tld.len() < 2 || !tld.iter().all(u8::is_ascii_alphabetic) {
        return false;
    }
    !NOT_TLDS.contains(&tld.to_ascii_lowercase().as_slice())
}

/// Four decimal octets 0-255, no leading zeros (010 is octal to some parsers).
fn ipv4_parts(s: &[u8]) -> bool {
    let parts: Vec<&[u8]> = s.split(|&c| c == b'.').collect();
    parts.len() == 4
        && parts.iter().all(|p| {
            (1..=3).contains(&p.len())
                && !(p.len() > 1 && p[0] == b'0')
                && ascii_decimal(p).is_some_and(|v| v <= 255)
        })
}

/// Dotted quad; a fifth ".n" part (in the match) marks a version/OID string, not an address.
fn ipv4_address(m: &[u8]) -> bool {
    ipv4_parts(m)
}

/// RFC 4291 text forms: 8 groups, or "::" once, optional dotted-quad tail.
fn ipv6_address(m: &[u8]) -> bool {
    if count(m, b"::") > 1 || count(m, b":::") > 0 {
        return false;
    }
    let last_colon = m.iter().rposition(|&c| c == b':').map_or(0, |p| p + 1);
    let mut text = m.to_vec();
    let mut v4 = 0;
    if m[last_colon..].contains(&b'.') {
        if !ipv4_parts(&m[last_colon..]) {
            return false;
        }
        v4 = 2;
        text.truncate(last_colon);
        text.push(b'0'); // placeholder group for the tail
    }
    let compressed = count(&text, b"::") > 0;
    let groups: Vec<&[u8]> = if compressed {
        let p = find(&text, b"::", 0).unwrap_or(0);
        let (head, tail) = (&text[..p], &text[p + 2..]);
        let mut g: Vec<&[u8]> = Vec::new();
        if !head.is_empty() {
            g.extend(head.split(|&c| c == b':'));
        }
        if !tail.is_empty() {
            g.extend(tail.split(|&c| c == b':'));
        }
        g
    } else {
        text.split(|&c| c == b':').collect()
    };
    if !groups.iter().all(|g| (1..=4).contains(&g.len()) && g.iter().all(u8::is_ascii_hexdigit)) {
        return false;
    }
    let explicit = groups.len() + if v4 > 0 { v4 - 1 } else { 0 };
    if (compressed && explicit > 7) || (!compressed && explicit != 8) {
        return false;
    }
    // "::", "::1" and code such as "Foo::add" carry no digits or one group: not worth reporting
    if explicit < 2 || !m.iter().any(u8::is_ascii_digit) {
        return false;
    }
    // 8 two-digit groups: an EUI-64 / MAC-style byte dump
    !(!compressed && v4 == 0 && groups.iter().all(|g| g.len() == 2))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(f: Validator, good: &[&[u8]], bad: &[&[u8]]) {
        for (i, v) in good.iter().enumerate() {
            assert!(f(v), "valid value #{i} rejected");
        }
        for (i, v) in bad.iter().enumerate() {
            assert!(!f(v), "invalid value #{i} accepted");
        }
    }

    // Throwaway keys generated for these tests (openssl, ssh-keygen, gpg, a PPK writer).
    const EC_PEM: &str = "-----BEGIN EC PRIVATE KEY-----\n\
MHcCAQEEIErrtahDeHF0H4sON2UwB6t6Ad+EUfIF5bq2RBnQ9H96oAoGCCqGSM49\n\
AwEHoUQDQgAEab3IJsLMFPHjhe/ghf4SY5sL1iHnjhJXlJqDm915bwCWv0s5E1NF\n\
lQH/mSKD/1wTumCr/lsFsTByA0YrabCwAw==\n\
-----END EC PRIVATE KEY-----";
    const OPENSSH: &str = "-----BEGIN OPENSSH PRIVATE KEY-----\n\
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n\
QyNTUxOQAAACA0wu9vzxGJ+cpTnSSaRjct6HMCQIwIvWK0uXvqbqIFvAAAAIjRCRuI0Qkb\n\
iAAAAAtzc2gtZWQyNTUxOQAAACA0wu9vzxGJ+cpTnSSaRjct6HMCQIwIvWK0uXvqbqIFvA\n\
AAAEADJEk8gw5gJrJwLlAXP/sdN1RvF09fpa5tFt18qaVyOzTC72/PEYn5ylOdJJpGNy3o\n\
cwJAjAi9YrS5e+puogW8AAAAAAECAwQF\n\
-----END OPENSSH PRIVATE KEY-----";
    const PGP: &str = "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\
\n\
lFgEawcLGRYJKwYBBAHaRw8BAQdATj+pCVFGsWKrG0BH+93JGspfI1fpMnzGTQ5k\n\
1ehbpNgAAP99uolRugfpwGCabblFZIVAGDzYwRa/CdhbN8//edYAIRB7tB9UZXN0\n\
IEtleSA8dGVzdEBleGFtcGxlLmludmFsaWQ+iJAEExYIADgWIQRhRJ3M/eBB2Pkx\n\
GZzIbhfv+AuqxAUCawcLGQIbAwULCQgHAgYVCgkICwIEFgIDAQIeAQIXgAAKCRDI\n\
bhfv+AuqxID7AQC9l4pSh9xgK4e/rUFSLHLcUD+v5VJSvJvW7cjA3JGY7QD+JXTO\n\
9fvv+oIXWAxzu79kyAbs/bblOyP6IiNLKJcMEgM=\n\
=ZUA5\n\
-----END PGP PRIVATE KEY BLOCK-----";
    const PPK: &str = "PuTTY-User-Key-File-2: ssh-ed25519\n\
Encryption: none\n\
Comment: ed25519-key-20261125\n\
Public-Lines: 2\n\
AAAAC3NzaC1lZDI1NTE5AAAAIKYnjtxCr0NIh90Sq6zq2l4vSrWloqieK77b3c/6\n\
wGk2\n\
Private-Lines: 1\n\
AAAAIMOv3RxrkQzMyQAXL/j94OzyFmh7Ky6E4AwR5+/6tI7X\n\
Private-MAC: 960a337c2b38b738e41eddd60e09f43c7cd14611";

    fn swap(s: &str, from: &str, to: &str) -> Vec<u8> {
        s.replacen(from, to, 1).into_bytes()
    }

    #[test]
    fn base64_is_strict() {
        assert_eq!(b64decode(b"YWJj", false, Pad::Required).as_deref(), Some(&b"abc"[..]));
        assert_eq!(b64decode(b"YWI=", false, Pad::Required).as_deref(), Some(&b"ab"[..]));
        assert_eq!(b64decode(b"YWI", false, Pad::Optional).as_deref(), Some(&b"ab"[..]));
        assert!(b64decode(b"YWI", false, Pad::Required).is_none()); // padding missing
        assert!(b64decode(b"YWI=", true, Pad::Forbidden).is_none()); // padding in base64url JWS
        assert!(b64decode(b"YWJ=", false, Pad::Required).is_none()); // non-zero trailing bits
        assert!(b64decode(b"YWJjZ", false, Pad::Optional).is_none()); // impossible length
        assert!(b64decode(b"YW=j", false, Pad::Optional).is_none()); // '=' inside
    }

    #[test]
    fn aws() {
        all(
            aws_secret_key,
            &[b"575yx8xm5MslfY5ubiheyEd7P4zDL/ak6J0kGODK", b"dinZnLXicaBAg8WY1jzIRlNQb0prFmbh7+wy5yq1"],
            &[
                b"9f86d081884c7d659a2feaa0c55ad015a3bf4b1b",  // hex digest
                b"ThisIsAVeryLongCamelCaseIdentifierNameXy",  // letters only
                b"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",  // documentation example
                b"575yx8xm5MslfY5ubiheyEd7P4zDL/ak6J0kGOD",   // 39 characters
                b"575yx8xm5MslfY5ubiheyEd7P4zDL/ak6J0kGODKx", // 41 characters
                b"575yx8xm5MslfY5ubiheyEd7P4zDL/ak6J0aaaaa",  // placeholder run
                b"575yx8xm5MslfY5ubiheyEd7P4zDL-ak6J0kGODK",  // '-' is not base64
            ],
        );
    }

    #[test]
    fn gcp() {
        all(
            gcp_api_key,
            &[b"AIzaUr5Qrec8TNecj9iNOrjj5VfqRTk8j1d_bWW", b"AIzabjkloG1QX647kdNl9cDo_-GbVMszvR4_EPZ"],
            &[
                b"AIzaXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
                b"AIzaUr5Qrec8TNecj9iNOrjj5VfqRTk8j1d_bW",
                b"AIzbUr5Qrec8TNecj9iNOrjj5VfqRTk8j1d_bWW",
            ],
        );
    }

    #[test]
    fn stripe() {
        all(
            stripe_key,
            &[
                b"sk_live_CvJAXrF6bnZ3eBZclIvRY6iE",
                b"pk_test_mANb7qiSXbcmjoaRsuUwpNFg",
                b"rk_live_jH5UH1RSC84FL8SfWoCHJs1UJOkHG16JqtQy9235Nnt2j9IH",
            ],
            &[
                b"sk_live_xxxxxxxxxxxxxxxxxxxxxxxx", // placeholder
                b"sk_prod_CvJAXrF6bnZ3eBZclIvRY6iE", // no such mode
                b"sk_live_CvJAXrF6bnZ3eBZclIvRY6i",  // 23 characters
                b"sk_live_CVJAXRF6BNZ3EBZCLIVRY6IE", // one case only
            ],
        );
    }

    #[test]
    fn basic_auth() {
        all(
            http_basic_auth,
            &[
                b"Authorization: Basic YXBpOmszeS03Nzgx",
                b"Proxy-Authorization: Basic YXBpOmszeS03Nzgx",
                b"authorization:\tbasic YWxpY2U6d29uZGVyMWFuZA==",
                b"Authorization: Basic YWxpY2U6d29uZGVyMWFuZA", // padding left out
            ],
            &[
                b"Authorization: Basic bm9jb2xvbmhlcmU=", // "nocolonhere"
                b"Authorization: Bearer YXBpOmszeS03Nzgx",
                b"Authorization: BasicYXBpOmszeS03Nzgx",
                b"Authorization: Basic Og==",              // ":" alone
                b"Authorization: Basic Ym9iOgECcHc=",      // control characters
                b"Authorization: Basic YXBpOmszeS03NzgxQ", // not base64
            ],
        );
    }

    #[test]
    fn cookie() {
        all(
            http_cookie,
            &[
                b"Cookie: sessionid=8f3kQ2xVb71LmZp0; csrftoken=Yt5RwE9q",
                b"Set-Cookie: sid=a3F9kLmQ27xZ; Path=/; Secure",
                b"cookie: theme=\"dark\"",
            ],
            &[
                b"Cookie: sessionid=",
                b"Cookie: =abc123",
                b"Set-Cookie: sid=\"\"; Max-Age=0",
                b"Cookie: sid=a3F9kLmQ27xZ; Path=/", // tail of a Set-Cookie line
                b"Cookies: a=b",
            ],
        );
    }

    #[test]
    fn json_grammar() {
        let ok: &[&[u8]] =
            &[b"{}", b" {\"a\" : [1, -0.5e+3, true, null, {\"b\":\"\\u00e9\"}]} ", b"{\"alg\":\"\xc3\xa9\"}"];
        let bad: &[&[u8]] = &[
            b"[]",
            b"{\"a\":01}",
            b"{\"a\":1,}",
            b"{'a':1}",
            b"{\"a\":\"\\x\"}",
            b"{\"a\":1} x",
            b"{\"a\":\"\xff\"}",
            b"{\"a\":1.",
        ];
        for v in ok {
            assert!(json_object(v).is_some());
        }
        for v in bad {
            assert!(json_object(v).is_none());
        }
    }

    #[test]
    fn jwt_tokens() {
        all(
            jwt,
            &[
                b"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1LTQ4MjEiLCJpYXQiOjE3NjcyMjU2MDB9.iqE3pkGhoMrZ22SQ-qfkBP6gF6SDG8kiSHi6Z7nlb3Q",
                b"eyJhbGciOiJub25lIn0.eyJzdWIiOiJndWVzdCJ9.", // unsecured
                b"eyJhbGciOiJub25lIn0.e30.",                   // empty claims set
            ],
            &[
                // HS256 with a 31-byte signature
                b"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1LTQ4MjEiLCJpYXQiOjE3NjcyMjU2MDB9.iqE3pkGhoMrZ22SQ-qfkBP6gF6SDG8kiSHi6Z7nlbw",
                b"eyJhbGciOiJub25lIn0.eyJzdWIiOiJndWVzdCJ9.iqE3pkGhoMrZ22SQ", // "none" with a signature
                b"eyJ0eXAiOiJKV1QifQ.eyJzdWIiOiJndWVzdCJ9.",                  // no alg
                b"eyJhbGciOiJub25lIn0.eyJzdWIiOiJndWVzdCJ.",                  // payload is not JSON
                b"eyJhbGciOiJub25lIn0.eyJzdWIiOiJndWVzdCJ9",                  // two parts
            ],
        );
    }

    #[test]
    fn pkcs() {
        let crlf = EC_PEM.replace('\n', "\r\n");
        let json = EC_PEM.replace('\n', "\\n");
        let rsa_label = swap(EC_PEM, "END EC", "END RSA");
        let cert = EC_PEM.replace("EC PRIVATE KEY", "CERTIFICATE");
        let cut = swap(EC_PEM, "AwEHoUQDQgAEab3IJsLMFPHjhe/ghf4SY5sL1iHnjhJXlJqDm915bwCWv0s5E1NF\n", "");
        let der = swap(EC_PEM, "MHcC", "MHgC"); // DER length one more than the body
        all(
            pkcs_private_key,
            &[EC_PEM.as_bytes(), crlf.as_bytes(), json.as_bytes()],
            &[&rsa_label, cert.as_bytes(), &cut, &der],
        );
    }

    #[test]
    fn openssh() {
        let not_ssh = format!(
            "-----BEGIN OPENSSH PRIVATE KEY-----{}-----END OPENSSH PRIVATE KEY-----",
            &EC_PEM[30..EC_PEM.len() - 28]
        );
        let cut =
            swap(OPENSSH, "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n", "");
        all(openssh_private_key, &[OPENSSH.as_bytes()], &[not_ssh.as_bytes(), &cut]);
    }

    #[test]
    fn pgp() {
        let crc_line = PGP.lines().rev().nth(1).unwrap_or_default().to_string();
        let no_crc = PGP.replacen(&format!("{crc_line}\n"), "", 1);
        let bad_crc = PGP.replacen(&crc_line, "=AAAA", 1);
        let headers = PGP.replacen("BLOCK-----\n", "BLOCK-----\nVersion: test 1.0\nComment: a b-c (d)\n", 1);
        let public = PGP.replace("PRIVATE KEY BLOCK", "PUBLIC KEY BLOCK");
        all(
            pgp_private_key,
            &[PGP.as_bytes(), no_crc.as_bytes(), headers.as_bytes()],
            &[bad_crc.as_bytes(), public.as_bytes()],
        );
    }

    #[test]
    fn putty() {
        let crlf = PPK.replace('\n', "\r\n");
        all(
            putty_private_key,
            &[PPK.as_bytes(), crlf.as_bytes()],
            &[
                &swap(PPK, "Public-Lines: 2", "Public-Lines: 3"),
                &swap(PPK, "ssh-ed25519\n", "ssh-rsa\n"), // header and blob disagree
                &swap(PPK, "Encryption: none", "Encryption: aes256-cbc"), // ciphertext size
                &swap(PPK, "-File-2", "-File-3"),         // v3 MAC is 64 hex digits
            ],
        );
    }

    #[test]
    fn email() {
        all(
            email_address,
            &[b"jane.doe@example.com", b"ops+alerts@mail.example.co.uk", b"a_b-c%d@sub-domain.example.org"],
            &[
                b"john..doe@example.com",
                b"john.@example.com",
                b"icon@2x.png",
                b"scan@page2.pdf",
                b"user@localhost",
                b"user@exa_mple.com",
                b"user@-example.com",
                b"user@example.c0m",
                b"a@b@example.com",
            ],
        );
    }

    #[test]
    fn ip() {
        all(
            ipv4_address,
            &[b"192.0.2.10", b"0.0.0.0", b"255.255.255.255"],
            &[b"256.1.1.1", b"10.01.0.1", b"1.2.3", b"1.2.3.4.5", b"1..2.3"],
        );
        all(
            ipv6_address,
            &[
                b"2001:db8::8a2e:370:7334",
                b"2001:0db8:0000:0000:0000:ff00:0042:8329",
                b"::ffff:198.51.100.7",
                b"fe80::1",
                b"64:ff9b::192.0.2.33",
                b"1:2:3:4:5:6:1.2.3.4",
            ],
            &[
                b"::1", // loopback: one group
                b"::",
                b"Foo::add",           // no digit
                b"2001:db8::1::2",     // two "::"
                b"2001:db8:0:0:0:0:2", // seven groups, no "::"
                b"1:2:3:4:5:6:7:8:9",
                b"00:1a:2b:3c:4d:5e:6f:70", // EUI-64 byte dump
                b"12:30:45",
                b"::ffff:256.1.1.1",
                b"1:2:3:4:5:6:7:1.2.3.4", // nine groups' worth
                b"12345::1",
            ],
        );
    }
}
