"""Type stubs for the Rust extension (checked against the binary by mypy.stubtest in CI)."""

from typing import Any, final

__all__ = [
    "Engine",
    "EngineError",
    "PatternError",
    "check_regex",
    "normalize_context",
    "validate",
    "validator_names",
]

class EngineError(ValueError): ...
class PatternError(EngineError): ...

@final
class Engine:
    def __new__(
        cls,
        keyword_groups: list[list[str]],
        patterns: list[dict[str, Any]],
        allow_words: list[str] = ...,
        allow_regexes: list[str] = ...,
    ) -> Engine: ...
    def scan(self, data: bytes, context: list[str] = ...) -> list[tuple[int, int, int, int, int]]: ...
    def scan_str(self, text: str, context: list[str] = ...) -> list[tuple[int, int, int, int, int]]: ...
    def scan_many(
        self, segments: list[bytes], contexts: list[list[str]] | None = None
    ) -> list[tuple[int, int, int, int]]: ...
    @property
    def pattern_count(self) -> int: ...

def validate(name: str, data: bytes) -> bool: ...
def validator_names() -> list[str]: ...
def check_regex(pattern: str) -> int | None: ...
def normalize_context(context: str) -> str: ...
