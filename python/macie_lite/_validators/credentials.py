"""Validators for the credentials identifier family (twin of rust/core/src/validators/credentials.rs).

Every function here must give the same verdict as its Rust twin on every input, so the
decoders (base64, a minimal JSON grammar, DER, OpenPGP armor) are hand-written the same
way in both languages instead of leaning on library parsers with different leniency.
"""

from __future__ import annotations

from collections.abc import Callable

_B64_STD = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
_B64_URL = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
_STD_MAP = {c: i for i, c in enumerate(_B64_STD)}
_URL_MAP = {c: i for i, c in enumerate(_B64_URL)}

# padding policy for _b64decode
_PAD_REQUIRED = 0
_PAD_OPTIONAL = 1
_PAD_FORBIDDEN = 2


def _b64decode(s: bytes, url: bool, pad: int) -> bytes | None:
    """Strict base64: alphabet only, '=' only at the end, canonical (zero) trailing bits."""
    table = _URL_MAP if url else _STD_MAP
    p = 0
    while p < 2 and p < len(s) and s[len(s) - 1 - p] == 0x3D:
        p += 1
    n = len(s) - p
    if n == 0 or n % 4 == 1:
        return None
    if p > 0 and (pad == _PAD_FORBIDDEN or (n + p) % 4 != 0):
        return None
    if p == 0 and pad == _PAD_REQUIRED and n % 4 != 0:
        return None
    out = bytearray()
    acc = 0
    bits = 0
    for c in s[:n]:
        v = table.get(c)
        if v is None:
            return None
        acc = (acc << 6) | v
        bits += 6
        if bits >= 8:
            bits -= 8
            out.append((acc >> bits) & 0xFF)
            acc &= (1 << bits) - 1
    if acc != 0:
        return None
    return bytes(out)


def _longest_run(s: bytes) -> int:
    """Length of the longest run of one repeated byte (placeholders: xxxxxxxx, 00000000)."""
    best = 0
    run = 0
    prev = -1
    for c in s:
        run = run + 1 if c == prev else 1
        prev = c
        best = max(best, run)
    return best


def _is_upper(c: int) -> bool:
    return 65 <= c <= 90


def _is_lower(c: int) -> bool:
    return 97 <= c <= 122


def _is_digit(c: int) -> bool:
    return 48 <= c <= 57


def _is_alnum(c: int) -> bool:
    return _is_upper(c) or _is_lower(c) or _is_digit(c)


def _is_hex(c: int) -> bool:
    return _is_digit(c) or 65 <= c <= 70 or 97 <= c <= 102


# ---------------------------------------------------------------- AWS, GCP, Stripe


def _aws_secret_key(m: bytes) -> bool:
    """40 base64 characters: random keys mix cases, so hex digests, words and camelCase fail."""
    if len(m) != 40 or any(c not in _STD_MAP for c in m):
        return False
    if m.endswith(b"EXAMPLEKEY"):
        return False  # AWS documentation example keys are never reported
    if not any(_is_upper(c) for c in m) or not any(_is_lower(c) for c in m):
        return False
    if not any(not (_is_upper(c) or _is_lower(c)) for c in m):
        return False  # letters only: identifiers and words, not a random key
    return _longest_run(m) < 5 and m.count(b"/") <= 6


def _gcp_api_key(m: bytes) -> bool:
    """keyString: "AIza" + 35 base64url characters, not a placeholder run."""
    if len(m) != 39 or not m.startswith(b"AIza"):
        return False
    body = m[4:]
    if any(c not in _URL_MAP for c in body):
        return False
    return _longest_run(body) < 5


def _stripe_key(m: bytes) -> bool:
    """sk_/rk_/pk_ + live_/test_ + 24-247 random alphanumerics of both cases."""
    if len(m) < 8 or m[:3] not in (b"sk_", b"rk_", b"pk_"):
        return False
    rest = m[3:]
    if rest.startswith(b"live_"):
        body = rest[5:]
    elif rest.startswith(b"test_"):
        body = rest[5:]
    else:
        return False
    if not 24 <= len(body) <= 247 or not all(_is_alnum(c) for c in body):
        return False
    if not any(_is_upper(c) for c in body) or not any(_is_lower(c) for c in body):
        return False
    return _longest_run(body) < 6


# ---------------------------------------------------------------- HTTP headers


def _lower(m: bytes) -> bytes:
    return m.lower()


def _http_basic_auth(m: bytes) -> bool:
    """(Proxy-)Authorization: Basic <base64 of user-id ":" password> (RFC 7617)."""
    low = _lower(m)
    if low.startswith(b"proxy-authorization:"):
        i = 20
    elif low.startswith(b"authorization:"):
        i = 14
    else:
        return False
    while i < len(m) and m[i] in (0x20, 0x09):
        i += 1
    if low[i : i + 5] != b"basic":
        return False
    i += 5
    j = i
    while j < len(m) and m[j] in (0x20, 0x09):
        j += 1
    if j == i:
        return False
    raw = _b64decode(m[j:], False, _PAD_OPTIONAL)
    if raw is None:
        return False
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in text):
        return False
    user, sep, password = text.partition(":")
    return sep == ":" and (len(user) > 0 or len(password) > 0)


# Set-Cookie attribute names: a "Cookie:" match carrying them is the tail of a Set-Cookie line
_COOKIE_ATTRS = frozenset((b"expires", b"max-age", b"domain", b"path", b"samesite", b"priority"))


def _http_cookie(m: bytes) -> bool:
    """Cookie:/Set-Cookie: header whose first pair is name=value with a non-empty value."""
    low = _lower(m)
    if low.startswith(b"set-cookie:"):
        i = 11
    elif low.startswith(b"cookie:"):
        i = 7
        for item in low[i:].split(b";"):
            if item.strip(b" \t").partition(b"=")[0] in _COOKIE_ATTRS:
                return False
    else:
        return False
    first = m[i:].split(b";", 1)[0].strip(b" \t")
    name, sep, value = first.partition(b"=")
    if sep != b"=" or len(name) == 0:
        return False
    if len(value) >= 2 and value[0] == 0x22 and value[-1] == 0x22:
        value = value[1:-1]
    return len(value) > 0 and 0x22 not in value


# ---------------------------------------------------------------- JSON Web Token

_JSON_WS = b" \t\r\n"


class _Json:
    """A strict RFC 8259 recogniser; it records the top-level object's string members."""

    def __init__(self, s: bytes) -> None:
        self.s = s
        self.top: list[tuple[bytes, bytes | None]] = []

    def ws(self, i: int) -> int:
        while i < len(self.s) and self.s[i] in _JSON_WS:
            i += 1
        return i

    def string(self, i: int) -> int:
        # i at the opening quote; returns the index after the closing quote or -1
        s = self.s
        i += 1
        while i < len(s):
            c = s[i]
            if c == 0x22:
                return i + 1
            if c < 0x20:
                return -1
            if c == 0x5C:
                if i + 1 >= len(s):
                    return -1
                e = s[i + 1]
                if e in b'"\\/bfnrt':
                    i += 2
                elif e == 0x75:
                    if i + 6 > len(s) or not all(_is_hex(h) for h in s[i + 2 : i + 6]):
                        return -1
                    i += 6
                else:
                    return -1
            else:
                i += 1
        return -1

    def number(self, i: int) -> int:
        s = self.s
        if i < len(s) and s[i] == 0x2D:
            i += 1
        if i >= len(s) or not _is_digit(s[i]):
            return -1
        if s[i] == 0x30:
            i += 1
        else:
            while i < len(s) and _is_digit(s[i]):
                i += 1
        if i < len(s) and s[i] == 0x2E:
            i += 1
            if i >= len(s) or not _is_digit(s[i]):
                return -1
            while i < len(s) and _is_digit(s[i]):
                i += 1
        if i < len(s) and s[i] in (0x65, 0x45):
            i += 1
            if i < len(s) and s[i] in (0x2B, 0x2D):
                i += 1
            if i >= len(s) or not _is_digit(s[i]):
                return -1
            while i < len(s) and _is_digit(s[i]):
                i += 1
        return i

    def value(self, i: int, depth: int) -> int:
        s = self.s
        if i >= len(s) or depth > 32:
            return -1
        c = s[i]
        if c == 0x7B:
            return self.obj(i, depth)
        if c == 0x5B:
            i = self.ws(i + 1)
            if i < len(s) and s[i] == 0x5D:
                return i + 1
            while True:
                i = self.value(self.ws(i), depth + 1)
                if i < 0:
                    return -1
                i = self.ws(i)
                if i < len(s) and s[i] == 0x2C:
                    i += 1
                    continue
                if i < len(s) and s[i] == 0x5D:
                    return i + 1
                return -1
        if c == 0x22:
            return self.string(i)
        for lit in (b"true", b"false", b"null"):
            if s.startswith(lit, i):
                return i + len(lit)
        return self.number(i)

    def obj(self, i: int, depth: int) -> int:
        s = self.s
        i = self.ws(i + 1)
        if i < len(s) and s[i] == 0x7D:
            return i + 1
        while True:
            if i >= len(s) or s[i] != 0x22:
                return -1
            k0 = i
            i = self.string(i)
            if i < 0:
                return -1
            key = s[k0 + 1 : i - 1]
            i = self.ws(i)
            if i >= len(s) or s[i] != 0x3A:
                return -1
            i = self.ws(i + 1)
            v0 = i
            i = self.value(i, depth + 1)
            if i < 0:
                return -1
            if depth == 0:
                sval = s[v0 + 1 : i - 1] if s[v0] == 0x22 else None
                self.top.append((key, sval))
            i = self.ws(i)
            if i < len(s) and s[i] == 0x2C:
                i = self.ws(i + 1)
                continue
            if i < len(s) and s[i] == 0x7D:
                return i + 1
            return -1


def _json_object(s: bytes) -> list[tuple[bytes, bytes | None]] | None:
    """The top-level members of a JSON object (string values raw), or None if not one."""
    try:
        s.decode("utf-8")
    except UnicodeDecodeError:
        return None
    p = _Json(s)
    i = p.ws(0)
    if i >= len(s) or s[i] != 0x7B:
        return None
    i = p.obj(i, 0)
    if i < 0 or p.ws(i) != len(s):
        return None
    return p.top


def _jwt_sig_len_ok(alg: bytes, n: int) -> bool:
    """Signature size that the JWA algorithm produces (RFC 7518), loose for unknown ones."""
    fixed = {
        b"HS256": (32,),
        b"HS384": (48,),
        b"HS512": (64,),
        b"ES256": (64,),
        b"ES256K": (64,),
        b"ES384": (96,),
        b"ES512": (132,),
        b"EdDSA": (64, 114),
        b"Ed25519": (64,),
        b"Ed448": (114,),
    }
    if alg in fixed:
        return n in fixed[alg]
    if alg[:2] in (b"RS", b"PS"):
        return 128 <= n <= 1024  # RSA signature = modulus size, 1024-8192 bits
    return 16 <= n <= 1024


def _jwt(m: bytes) -> bool:
    """JWS compact form: header and payload are base64url JSON objects, header has "alg"."""
    parts = m.split(b".")
    if len(parts) != 3:
        return False
    head = _b64decode(parts[0], True, _PAD_FORBIDDEN)
    body = _b64decode(parts[1], True, _PAD_FORBIDDEN)
    if head is None or body is None:
        return False
    members = _json_object(head)
    if members is None or _json_object(body) is None:
        return False
    algs = [v for k, v in members if k == b"alg"]
    if len(algs) != 1 or algs[0] is None or len(algs[0]) == 0:
        return False
    alg = algs[0]
    if alg == b"none":
        return len(parts[2]) == 0  # unsecured JWS: empty signature
    if len(parts[2]) == 0:
        return False
    sig = _b64decode(parts[2], True, _PAD_FORBIDDEN)
    return sig is not None and _jwt_sig_len_ok(alg, len(sig))


# ---------------------------------------------------------------- PEM-style private key blocks


def _armor_label(m: bytes) -> tuple[bytes, bytes] | None:
    """(label, body) of "-----BEGIN label-----body-----END label-----" with equal labels."""
    if not m.startswith(b"-----BEGIN ") or not m.endswith(b"-----"):
        return None
    e = m.find(b"-----", 11)
    if e < 0:
        return None
    label = m[11:e]
    tail = b"-----END " + label + b"-----"
    if not m.endswith(tail) or len(m) < e + 5 + len(tail):
        return None
    return label, m[e + 5 : len(m) - len(tail)]


def _body_lines(body: bytes) -> list[bytes] | None:
    """Lines of a PEM body, JSON-escaped newlines (\\n, \\r) accepted, blanks trimmed."""
    body = body.replace(b"\\r", b"\n").replace(b"\\n", b"\n").replace(b"\r", b"\n")
    if b"\\" in body:
        return None
    return [line.strip(b" \t") for line in body.split(b"\n")]


def _b64_lines(lines: list[bytes]) -> bytes | None:
    """Decode base64 spread over lines (spaces inside a flattened block allowed)."""
    joined = b"".join(line.replace(b" ", b"").replace(b"\t", b"") for line in lines)
    return _b64decode(joined, False, _PAD_REQUIRED)


def _der_sequence(d: bytes) -> int:
    """Offset of the content of a DER SEQUENCE spanning all of d, or -1."""
    if len(d) < 2 or d[0] != 0x30:
        return -1
    b = d[1]
    if b < 0x80:
        hl, n = 2, b
    else:
        k = b & 0x7F
        if k == 0 or k > 3 or len(d) < 2 + k:
            return -1
        n = int.from_bytes(d[2 : 2 + k], "big")
        hl = 2 + k
    return hl if hl + n == len(d) else -1


_PKCS_LABELS = (b"PRIVATE KEY", b"RSA PRIVATE KEY", b"EC PRIVATE KEY", b"DSA PRIVATE KEY")


def _pkcs_private_key(m: bytes) -> bool:
    """PKCS#1/#8/SEC1/DSA PEM: same labels, base64 body that is one DER SEQUENCE of key size."""
    parsed = _armor_label(m)
    if parsed is None:
        return False
    label, body = parsed
    lines = _body_lines(body)
    if lines is None:
        return False
    while lines and not lines[0]:
        lines.pop(0)
    block = 0
    if lines and lines[0].startswith(b"Proc-Type:"):
        # RFC 1421 encapsulated header of a legacy encrypted key: body is ciphertext, not DER
        if label == b"ENCRYPTED PRIVATE KEY" or len(lines) < 3:
            return False
        if lines[0].replace(b" ", b"") != b"Proc-Type:4,ENCRYPTED" or not lines[1].startswith(b"DEK-Info:"):
            return False
        alg, _, iv = lines[1][9:].strip(b" ").partition(b",")
        if not alg or len(iv) not in (16, 32) or not all(_is_hex(c) for c in iv):
            return False
        block = len(iv) // 2
        lines = lines[2:]
    data = _b64_lines(lines)
    if data is None or not 48 <= len(data) <= 16384:
        return False
    if block:
        return label in _PKCS_LABELS[1:] and len(data) % block == 0
    start = _der_sequence(data)
    if start < 0 or start >= len(data):
        return False
    if label == b"ENCRYPTED PRIVATE KEY":
        return data[start] == 0x30  # EncryptedPrivateKeyInfo starts with an AlgorithmIdentifier
    return label in _PKCS_LABELS and data[start] == 0x02  # starts with the version INTEGER


def _ssh_string(d: bytes, i: int) -> tuple[bytes, int] | None:
    """An SSH wire-format string (uint32 length + bytes) at i."""
    if i + 4 > len(d):
        return None
    n = int.from_bytes(d[i : i + 4], "big")
    if i + 4 + n > len(d):
        return None
    return d[i + 4 : i + 4 + n], i + 4 + n


def _printable_name(s: bytes) -> bool:
    return 0 < len(s) <= 64 and all(0x21 <= c <= 0x7E for c in s)


def _openssh_private_key(m: bytes) -> bool:
    """openssh-key-v1 container: magic, then cipher and KDF names as SSH strings."""
    parsed = _armor_label(m)
    if parsed is None or parsed[0] != b"OPENSSH PRIVATE KEY":
        return False
    lines = _body_lines(parsed[1])
    if lines is None:
        return False
    data = _b64_lines(lines)
    if data is None or not 64 <= len(data) <= 16384:
        return False
    magic = b"openssh-key-v1\x00"
    if not data.startswith(magic):
        return False
    cipher = _ssh_string(data, len(magic))
    if cipher is None or not _printable_name(cipher[0]):
        return False
    kdf = _ssh_string(data, cipher[1])
    return kdf is not None and _printable_name(kdf[0])


def _crc24(data: bytes) -> int:
    """OpenPGP armor checksum (RFC 4880 6.1)."""
    crc = 0xB704CE
    for b in data:
        crc ^= b << 16
        for _ in range(8):
            crc <<= 1
            if crc & 0x1000000:
                crc ^= 0x1864CFB
    return crc & 0xFFFFFF


def _pgp_private_key(m: bytes) -> bool:
    """ASCII-armored secret key: headers, base64 body, CRC-24 when present, Secret-Key packet."""
    parsed = _armor_label(m)
    if parsed is None or parsed[0] != b"PGP PRIVATE KEY BLOCK":
        return False
    lines = [line.strip(b" \t") for line in parsed[1].replace(b"\r", b"").split(b"\n")]
    while lines and not lines[0]:
        lines.pop(0)
    while lines and b":" in lines[0]:
        lines.pop(0)  # armor headers (Version:, Comment:, ...)
    lines = [line for line in lines if line]
    crc = None
    if lines and lines[-1].startswith(b"=") and len(lines[-1]) == 5:
        crc = _b64decode(lines[-1][1:], False, _PAD_REQUIRED)
        if crc is None:
            return False
        lines = lines[:-1]
    data = _b64_lines(lines)
    if data is None or not 64 <= len(data) <= 49152:
        return False
    if crc is not None and int.from_bytes(crc, "big") != _crc24(data):
        return False
    first = data[0]
    # packet tag 5 (Secret-Key): new format 0xC5, old format 0x94-0x97
    return first == 0xC5 or 0x94 <= first <= 0x97


def _putty_private_key(m: bytes) -> bool:
    """PPK v2/v3: line counts as declared, public blob names the header's algorithm, MAC size."""
    lines = m.replace(b"\r", b"").split(b"\n")
    if len(lines) < 7:
        return False
    head = lines[0]
    if head.startswith(b"PuTTY-User-Key-File-2: "):
        version = 2
    elif head.startswith(b"PuTTY-User-Key-File-3: "):
        version = 3
    else:
        return False
    alg = head[23:]
    enc = lines[1][12:] if lines[1].startswith(b"Encryption: ") else None
    if enc not in (b"none", b"aes256-cbc") or not lines[2].startswith(b"Comment: "):
        return False
    if not lines[3].startswith(b"Public-Lines: "):
        return False
    i = 4
    n_pub = int(lines[3][14:]) if lines[3][14:].isdigit() else -1
    if n_pub < 1 or i + n_pub > len(lines):
        return False
    pub = _b64_lines(lines[i : i + n_pub])
    i += n_pub
    if pub is None:
        return False
    name = _ssh_string(pub, 0)
    if name is None or name[0] != alg:
        return False
    if i < len(lines) and lines[i].startswith(b"Key-Derivation: "):
        # PPK v3 passphrase-protected keys carry Argon2 parameters
        if version != 3 or enc == b"none":
            return False
        i += 5
    elif version == 3 and enc != b"none":
        return False
    if i >= len(lines) or not lines[i].startswith(b"Private-Lines: "):
        return False
    n_priv = int(lines[i][15:]) if lines[i][15:].isdigit() else -1
    i += 1
    if n_priv < 1 or i + n_priv + 1 != len(lines):
        return False
    priv = _b64_lines(lines[i : i + n_priv])
    if priv is None or (enc != b"none" and len(priv) % 16 != 0):
        return False
    mac_line = lines[i + n_priv]
    if not mac_line.startswith(b"Private-MAC: "):
        return False
    mac = mac_line[13:]
    return len(mac) == (40 if version == 2 else 64) and all(_is_hex(c) for c in mac)


# ---------------------------------------------------------------- e-mail and IP addresses

# file extensions that are not delegated TLDs: "icon@2x.png" is an asset name, not an address
_NOT_TLDS = frozenset(b"png jpg jpeg gif svg webp bmp ico tif tiff css js json html htm xml txt log pdf".split())


def _email_address(m: bytes) -> bool:
    """local@domain: dot-atom local part up to 64, LDH labels, alphabetic TLD 2-63."""
    local, sep, domain = m.partition(b"@")
    if sep != b"@" or b"@" in domain:
        return False
    if not 1 <= len(local) <= 64 or local[0] == 0x2E or local[-1] == 0x2E or b".." in local:
        return False
    if not all(_is_alnum(c) or c in b"._%+-" for c in local):
        return False
    if not 4 <= len(domain) <= 253:
        return False
    labels = domain.split(b".")
    if len(labels) < 2:
        return False
    for label in labels:
        if not 1 <= len(label) <= 63 or not all(_is_alnum(c) or c == 0x2D for c in label):
            return False
        if label[0] == 0x2D or label[-1] == 0x2D:
            return False
    tld = labels[-1]
    if len(tld) < 2 or not all(_is_upper(c) or _is_lower(c) for c in tld):
        return False
    return tld.lower() not in _NOT_TLDS


def _ipv4_parts(s: bytes) -> bool:
    """Four decimal octets 0-255, no leading zeros (010 is octal to some parsers)."""
    parts = s.split(b".")
    if len(parts) != 4:
        return False
    for p in parts:
        if not 1 <= len(p) <= 3 or not all(_is_digit(c) for c in p):
            return False
        if len(p) > 1 and p[0] == 0x30:
            return False
        if int(p) > 255:
            return False
    return True


def _ipv4_address(m: bytes) -> bool:
    """Dotted quad; a fifth ".n" part (in the match) marks a version/OID string, not an address."""
    return _ipv4_parts(m)


def _ipv6_address(m: bytes) -> bool:
    """RFC 4291 text forms: 8 groups, or "::" once, optional dotted-quad tail."""
    if m.count(b"::") > 1 or b":::" in m:
        return False
    v4 = 0
    text = m
    last_colon = m.rfind(b":")
    if b"." in m[last_colon + 1 :]:
        if not _ipv4_parts(m[last_colon + 1 :]):
            return False
        v4 = 2
        text = m[: last_colon + 1] + b"0"  # placeholder group for the tail
    compressed = b"::" in text
    if compressed:
        head, _, tail = text.partition(b"::")
        groups = ([g for g in head.split(b":")] if head else []) + ([g for g in tail.split(b":")] if tail else [])
    else:
        groups = text.split(b":")
    for g in groups:
        if not 1 <= len(g) <= 4 or not all(_is_hex(c) for c in g):
            return False
    explicit = len(groups) + (v4 - 1 if v4 else 0)
    if compressed:
        if explicit > 7:
            return False
    elif explicit != 8:
        return False
    # "::", "::1" and code such as "Foo::add" carry no digits or one group: not worth reporting
    if explicit < 2 or not any(_is_digit(c) for c in m):
        return False
    if not compressed and not v4 and all(len(g) == 2 for g in groups):
        return False  # 8 two-digit groups: an EUI-64 / MAC-style byte dump
    return True


VALIDATORS: dict[str, Callable[[bytes], bool]] = {
    "aws_secret_key": _aws_secret_key,
    "gcp_api_key": _gcp_api_key,
    "stripe_key": _stripe_key,
    "http_basic_auth": _http_basic_auth,
    "http_cookie": _http_cookie,
    "jwt": _jwt,
    "pkcs_private_key": _pkcs_private_key,
    "openssh_private_key": _openssh_private_key,
    "pgp_private_key": _pgp_private_key,
    "putty_private_key": _putty_private_key,
    "email_address": _email_address,
    "ipv4_address": _ipv4_address,
    "ipv6_address": _ipv6_address,
}
