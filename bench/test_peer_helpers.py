"""Checks of the comparison's own measuring parts (recall, offsets, validations, planted spans),
so a peer's recall column means what it says. Run: python -m pytest -q bench/test_peer_helpers.py"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpus import PlantedAt, _generate, generate, planted_values
from peer_base import CharToByte, line_chunks, line_slice, recall
from pii_checks import iban, ipv4, luhn, ssn


def test_recall_counts_overlaps_only_within_the_scanned_prefix() -> None:
    planted = [PlantedAt("a", 10, 20), PlantedAt("b", 30, 40), PlantedAt("c", 50, 60)]
    assert recall([(0, 11), (39, 40), (60, 70)], planted, 100) == (2, 3)  # (60, 70) touches, no overlap
    assert recall([(0, 100)], planted, 45) == (2, 2)
    assert recall([], planted, 100) == (0, 3)


def test_char_to_byte_offsets_after_multibyte_characters() -> None:
    to_byte = CharToByte("aé€b")
    assert [to_byte(i) for i in range(5)] == [0, 1, 3, 6, 7]


def test_line_slice_cuts_at_a_newline() -> None:
    assert line_slice(b"ab\ncd\nef", 7) == b"ab\ncd"
    assert line_slice(b"ab", 7) == b"ab"


def test_line_chunks_cover_the_data_and_cut_after_newlines() -> None:
    data = b"aa\nbbbb\ncc\ndddddd\ne"
    chunks = line_chunks(data, 5)
    assert chunks == [(0, b"aa"), (3, b"bbbb"), (8, b"cc"), (11, b"ddddd"), (16, b"d\ne")]
    assert all(data[at : at + len(piece)] == piece for at, piece in chunks)


def test_validations_accept_valid_and_reject_altered_values() -> None:
    assert luhn(b"4532015112830366") and not luhn(b"4532015112830367")
    assert ssn(b"536-22-1234") and not ssn(b"666-22-1234") and not ssn(b"536-00-1234")
    assert ipv4(b"10.1.2.3") and not ipv4(b"300.1.2.3")
    assert iban(b"GB82 WEST 1234 5698 7654 32") and not iban(b"GB83 WEST 1234 5698 7654 32")


def test_planted_spans_point_at_planted_values_in_unchanged_bytes() -> None:
    data, planted, spans = _generate(200_000, 200, seed=7)
    assert generate(200_000, 200)[0] == data
    values = {p.value.encode() for p in planted_values()}
    assert len(spans) >= planted - 1 and len(spans) > 900
    misplaced = sum(1 for s in spans if data[s.start : s.end] not in values)
    assert misplaced == 0
