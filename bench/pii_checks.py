"""The validations a plain regex scanner can add to the 26 PII patterns of peers.py: Luhn for
cards, the SSA rules for SSNs, octet range for IPv4 and ISO 7064 mod 97 for IBANs."""

from __future__ import annotations

from collections.abc import Callable


def luhn(value: bytes) -> bool:
    digits = [c - 48 for c in value if 48 <= c <= 57]
    if not 13 <= len(digits) <= 19:
        return False
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def ssn(value: bytes) -> bool:
    area, group, serial = value[:3], value[4:6], value[7:11]
    return area not in (b"000", b"666") and area[:1] != b"9" and group != b"00" and serial != b"0000"


def ipv4(value: bytes) -> bool:
    return all(int(octet) <= 255 for octet in value.split(b"."))


def iban(value: bytes) -> bool:
    compact = value.replace(b" ", b"").decode("ascii")
    if not 15 <= len(compact) <= 34:
        return False
    moved = compact[4:] + compact[:4]
    return int("".join(str(int(c, 36)) for c in moved)) % 97 == 1


# index in peers.PII_REGEXES -> check; patterns without an entry are kept as matched
CHECKS: dict[int, Callable[[bytes], bool]] = {0: luhn, 1: luhn, 2: luhn, 3: luhn, 4: luhn, 5: ssn, 8: ipv4, 15: iban}
