//! macie-core: the matching engine of macie-lite, free of any Python binding.
//!
//! An [`Engine`] is compiled once from an [`EngineSpec`] (patterns, keyword lists, allow
//! lists) and then scans byte buffers from any number of threads. Matching is linear in the
//! input: regexes run on `regex-automata` (no backtracking), keywords on one Aho-Corasick
//! pass, and keyword-required patterns only inside windows around keyword hits.
//! `docs/DESIGN.md` states the exact semantics that the pure-Python reference engine shares.

pub mod allow;
pub mod classify;
pub mod engine;
pub mod error;
pub mod gates;
pub mod keywords;
pub mod offsets;
pub mod regex_check;
pub mod spec;
pub mod tokens;
pub mod validators;

pub use engine::{Detection, Engine};
pub use error::Error;
pub use spec::{EngineSpec, KeywordRule, PatternSpec, Proximity, ScanMode};
