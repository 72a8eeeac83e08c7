"""Fixtures shared by the format tests."""

from __future__ import annotations

import pytest
from macie_lite import Scanner


@pytest.fixture(scope="module")
def scanner() -> Scanner:
    """Every managed identifier, compiled once per test module."""
    return Scanner(managed="ALL")
