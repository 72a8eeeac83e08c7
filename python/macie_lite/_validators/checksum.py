"""Check-digit algorithms shared by several families (twin of checksum.rs)."""

from __future__ import annotations

from collections.abc import Callable, Iterable


def digits(m: bytes) -> list[int]:
    """The ASCII digits of ``m`` as ints, separators dropped."""
    return [b - 48 for b in m if 48 <= b <= 57]


def alnum_upper(m: bytes) -> bytes:
    """The ASCII alphanumerics of ``m``, upper-cased, separators dropped."""
    return bytes(b for b in m if (48 <= b <= 57) or (65 <= b <= 90) or (97 <= b <= 122)).upper()


def all_same(d: list[int] | bytes) -> bool:
    """True when every element is the same: placeholders such as 000000000."""
    return all(a == b for a, b in zip(d, d[1:]))


def luhn_digits(d: list[int]) -> bool:
    """Luhn (mod 10) over digit values, the last one being the check digit."""
    if len(d) < 2:
        return False
    total = 0
    for i, x in enumerate(reversed(d)):
        if i % 2 == 1:
            x *= 2
            if x > 9:
                x -= 9
        total += x
    return total % 10 == 0


def mod97(chars: Iterable[int]) -> int:
    """ISO 7064 MOD 97-10 remainder over alphanumeric byte values (A=10 .. Z=35)."""
    r = 0
    for c in chars:
        if 48 <= c <= 57:
            r = (r * 10 + c - 48) % 97
        elif 65 <= c <= 90:
            r = (r * 100 + c - 55) % 97
        elif 97 <= c <= 122:
            r = (r * 100 + c - 87) % 97
    return r


def iso7064_mod11_10(d: list[int]) -> bool:
    """ISO 7064 MOD 11-10, the last digit being the check digit."""
    if len(d) < 2:
        return False
    p = 10
    for x in d[:-1]:
        s = (x + p) % 10 or 10
        p = (2 * s) % 11
    return (11 - p) % 10 == d[-1]


_VERHOEFF_D = [
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
]
_VERHOEFF_P = [
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
    [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
    [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
    [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
    [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
    [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
    [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
    [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
]


def verhoeff(d: list[int]) -> bool:
    """Verhoeff dihedral check, the last digit being the check digit."""
    c = 0
    for i, x in enumerate(reversed(d)):
        c = _VERHOEFF_D[c][_VERHOEFF_P[i % 8][x]]
    return bool(d) and c == 0


def weighted_sum(d: list[int], w: list[int]) -> int:
    """sum(d[i] * w[i]) over the shorter of the two."""
    return sum(x * k for x, k in zip(d, w))


def _luhn(m: bytes) -> bool:
    return luhn_digits(digits(m))


VALIDATORS: dict[str, Callable[[bytes], bool]] = {"luhn": _luhn}
