//! What an engine is built from: plain data, filled by the Python layer from
//! `identifiers/*.toml` and custom identifier definitions.

/// When a keyword must (or must not) be near a match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeywordRule {
    /// No keyword rule.
    None,
    /// A keyword of the pattern's group must be near, or in the segment's context.
    Required,
    /// Reported only when no keyword of the group is near nor in the context.
    Absent,
}

/// How "near" is measured, in characters (UTF-8 code points).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Proximity {
    /// Managed identifiers: the gap between keyword and match, on either side, is at most N.
    Around(usize),
    /// Custom identifiers: the keyword precedes the match and at most N characters lie
    /// between the keyword's end and the match's end.
    Before(usize),
}

/// How candidates are enumerated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScanMode {
    /// Every token start where the regex matches gives a candidate (overlaps allowed);
    /// bounded length, token boundaries enforced.
    Tokens,
    /// Non-overlapping leftmost-first search; token boundaries enforced.
    Blocks,
    /// Non-overlapping leftmost-first search, no boundary rule (custom identifiers).
    Plain,
}

/// One regex of one identifier.
#[derive(Debug, Clone)]
pub struct PatternSpec {
    /// Index of the identifier this pattern reports (detections of one identifier never overlap).
    pub identifier: u32,
    /// Name used in error messages (`USA_SOCIAL_SECURITY_NUMBER/dashed`).
    pub name: String,
    pub regex: String,
    pub validator: Option<String>,
    pub keyword_rule: KeywordRule,
    /// Index into [`EngineSpec::keyword_groups`].
    pub keyword_group: u32,
    pub proximity: Proximity,
    pub scan: ScanMode,
    /// Values never reported, as their ASCII alphanumerics.
    pub never_report: Vec<Vec<u8>>,
    /// A match containing any of these (case-sensitive) is dropped.
    pub ignore_words: Vec<Vec<u8>>,
    /// Allow lists do not apply (Macie: mailing addresses cannot be allow-listed).
    pub allow_exempt: bool,
    /// Words of which every match contains at least one, as a whole word (ASCII
    /// case-insensitive). A speed hint only: the pattern runs just around their occurrences.
    pub anchors: Vec<String>,
    /// When non-zero, every match contains a token of exactly this many ASCII digits followed
    /// by a space (a postal code). A speed hint: the pattern runs just around such tokens.
    pub anchor_digits: usize,
    /// For a pattern searched in runs of its byte alphabet: a run can only hold a reported
    /// match if it contains, for one of these `(text, n)`, at least `n` occurrences of `text`
    /// (the validator must imply it). A speed hint: other runs are skipped.
    pub run_requires: Vec<(Vec<u8>, usize)>,
}

/// Everything an engine needs.
#[derive(Debug, Clone, Default)]
pub struct EngineSpec {
    pub keyword_groups: Vec<Vec<String>>,
    pub patterns: Vec<PatternSpec>,
    /// Predefined allow-list entries: exact, complete, case-insensitive.
    pub allow_words: Vec<String>,
    /// Allow-list regexes: the detected text must match completely.
    pub allow_regexes: Vec<String>,
}
