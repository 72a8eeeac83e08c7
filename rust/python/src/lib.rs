//! `macie_lite._core`: the thin pyo3 layer over `macie-core`.
//!
//! Arguments are converted and checked while holding the GIL; scanning then runs with the
//! GIL released, so threads scanning different buffers use every core. Panics are caught
//! here and raised as `EngineError`, never as a `PanicException`.

use std::panic::{catch_unwind, AssertUnwindSafe};

use macie_core::{
    offsets, validators, Engine as CoreEngine, EngineSpec, Error, KeywordRule, PatternSpec, Proximity,
    ScanMode,
};
use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

create_exception!(_core, EngineError, PyValueError, "The engine could not be built or could not scan.");
create_exception!(
    _core,
    PatternError,
    EngineError,
    "A regex was refused: unsupported construct or too large."
);

fn to_py(e: Error) -> PyErr {
    match e {
        Error::Pattern { .. } => PatternError::new_err(e.to_string()),
        _ => EngineError::new_err(e.to_string()),
    }
}

fn guarded<T>(f: impl FnOnce() -> T) -> PyResult<T> {
    catch_unwind(AssertUnwindSafe(f))
        .map_err(|_| EngineError::new_err("internal error in the scanning engine"))
}

/// Inputs below this size are scanned without releasing the GIL: releasing and re-taking it
/// costs more than scanning a log line, and other threads gain nothing from a microsecond.
const RELEASE_GIL_ABOVE: usize = 16 << 10;

/// Runs `f` with the GIL released when the input is large enough for that to pay.
fn released<T: Send>(py: Python<'_>, len: usize, f: impl FnOnce() -> T + Send) -> T {
    if len > RELEASE_GIL_ABOVE {
        py.detach(f)
    } else {
        f()
    }
}

/// A detection as Python receives it: (pattern, start, end, line, column).
type Located = (u32, usize, usize, usize, usize);

/// One pattern as the Python layer describes it (a dict with these keys).
#[derive(FromPyObject)]
#[pyo3(from_item_all)]
struct PatternArg {
    identifier: u32,
    name: String,
    regex: String,
    validator: Option<String>,
    keyword_rule: String,
    keyword_group: u32,
    proximity: String,
    distance: usize,
    scan: String,
    never_report: Vec<String>,
    ignore_words: Vec<String>,
    allow_exempt: bool,
    anchors: Vec<String>,
    anchor_digits: usize,
    run_requires: Vec<(String, usize)>,
}

impl PatternArg {
    fn into_spec(self) -> Result<PatternSpec, Error> {
        let bad = |field: &str, v: &str| Error::Spec(format!("{}: bad {field} {v:?}", self.name));
        let keyword_rule = match self.keyword_rule.as_str() {
            "none" => KeywordRule::None,
            "required" => KeywordRule::Required,
            "absent" => KeywordRule::Absent,
            v => return Err(bad("keyword_rule", v)),
        };
        let proximity = match self.proximity.as_str() {
            "around" => Proximity::Around(self.distance),
            "before" => Proximity::Before(self.distance),
            v => return Err(bad("proximity", v)),
        };
        let scan = match self.scan.as_str() {
            "tokens" => ScanMode::Tokens,
            "blocks" => ScanMode::Blocks,
            "plain" => ScanMode::Plain,
            v => return Err(bad("scan", v)),
        };
        Ok(PatternSpec {
            identifier: self.identifier,
            name: self.name,
            regex: self.regex,
            validator: self.validator,
            keyword_rule,
            keyword_group: self.keyword_group,
            proximity,
            scan,
            never_report: self.never_report.into_iter().map(String::into_bytes).collect(),
            ignore_words: self.ignore_words.into_iter().map(String::into_bytes).collect(),
            allow_exempt: self.allow_exempt,
            anchors: self.anchors,
            anchor_digits: self.anchor_digits,
            run_requires: self.run_requires.into_iter().map(|(t, n)| (t.into_bytes(), n)).collect(),
        })
    }
}

/// A compiled engine. Immutable once built; safe to share between threads.
#[pyclass(frozen, module = "macie_lite._core")]
struct Engine {
    inner: CoreEngine,
}

impl Engine {
    /// Scans and attaches line/column (and, for `str` input, character offsets) in one pass.
    fn located(&self, hay: &[u8], context: &[String], char_offsets: bool) -> Vec<Located> {
        let ctx: Vec<&str> = context.iter().map(String::as_str).collect();
        let found = self.inner.scan(hay, &ctx);
        let mut wanted = Vec::with_capacity(found.len() * 2);
        for d in &found {
            wanted.push(d.start);
            wanted.push(d.end);
        }
        let pos = offsets::positions(hay, &wanted);
        found
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let (s, e) = (pos[2 * i], pos[2 * i + 1]);
                let (start, end) = if char_offsets { (s.char_index, e.char_index) } else { (d.start, d.end) };
                (d.pattern, start, end, s.line, s.column)
            })
            .collect()
    }
}

#[pymethods]
impl Engine {
    #[new]
    #[pyo3(signature = (keyword_groups, patterns, allow_words=Vec::new(), allow_regexes=Vec::new()))]
    fn new(
        py: Python<'_>,
        keyword_groups: Vec<Vec<String>>,
        patterns: Vec<PatternArg>,
        allow_words: Vec<String>,
        allow_regexes: Vec<String>,
    ) -> PyResult<Self> {
        let patterns =
            patterns.into_iter().map(PatternArg::into_spec).collect::<Result<Vec<_>, _>>().map_err(to_py)?;
        let spec = EngineSpec { keyword_groups, patterns, allow_words, allow_regexes };
        let inner = py.detach(|| guarded(|| CoreEngine::new(spec)))?.map_err(to_py)?;
        Ok(Engine { inner })
    }

    /// Detections in `data` as `(pattern, start, end, line, column)`: byte offsets and
    /// 1-based line and character column, ordered by start.
    #[pyo3(signature = (data, context=None))]
    fn scan(&self, py: Python<'_>, data: &[u8], context: Option<Vec<String>>) -> PyResult<Vec<Located>> {
        let context = context.unwrap_or_default();
        released(py, data.len(), || guarded(|| self.located(data, &context, false)))
    }

    /// Detections in `text` as `(pattern, start, end, line, column)`: `str` indices and
    /// 1-based line and column.
    #[pyo3(signature = (text, context=None))]
    fn scan_str(&self, py: Python<'_>, text: &str, context: Option<Vec<String>>) -> PyResult<Vec<Located>> {
        let context = context.unwrap_or_default();
        released(py, text.len(), || guarded(|| self.located(text.as_bytes(), &context, true)))
    }

    /// Scans many segments in one call (one GIL release for the batch); returns
    /// `(segment, pattern, start, end, line, column)` with byte offsets into each segment.
    #[pyo3(signature = (segments, contexts=None))]
    fn scan_many(
        &self,
        py: Python<'_>,
        segments: Vec<Vec<u8>>,
        contexts: Option<Vec<Vec<String>>>,
    ) -> PyResult<Vec<(usize, Located)>> {
        if let Some(c) = &contexts {
            if c.len() != segments.len() {
                return Err(PyValueError::new_err("contexts must have one entry per segment"));
            }
        }
        py.detach(|| {
            guarded(|| {
                let mut out = Vec::new();
                let empty: Vec<String> = Vec::new();
                for (i, seg) in segments.iter().enumerate() {
                    let ctx = contexts.as_ref().map_or(&empty, |c| &c[i]);
                    out.extend(self.located(seg, ctx, false).into_iter().map(|d| (i, d)));
                }
                out
            })
        })
    }

    /// Seconds spent per stage of one scan of `data`: `("keywords", t)` then one entry per pattern.
    fn profile(&self, py: Python<'_>, data: &[u8]) -> PyResult<Vec<(String, f64)>> {
        let stages = py.detach(|| guarded(|| self.inner.profile(data)))?;
        Ok(stages.into_iter().map(|(name, ns)| (name, ns as f64 / 1e9)).collect())
    }

    #[getter]
    fn pattern_count(&self) -> usize {
        self.inner.pattern_count()
    }
}

/// Runs one named validator on `data` (for tests and `--explain`).
#[pyfunction]
fn validate(name: &str, data: &[u8]) -> PyResult<bool> {
    let v = validators::lookup(name)
        .ok_or_else(|| PyValueError::new_err(format!("unknown validator {name:?}")))?;
    guarded(|| v(data))
}

/// Every registered validator name.
#[pyfunction]
fn validator_names() -> Vec<&'static str> {
    validators::names().collect()
}

/// Checks a custom regex with the engine's dialect and limits; raises `PatternError` with
/// the reason, or returns its maximum match length in bytes (None when unbounded).
#[pyfunction]
fn check_regex(pattern: &str) -> PyResult<Option<usize>> {
    macie_core::regex_check::compile(pattern, macie_core::regex_check::CUSTOM_SIZE_LIMIT)
        .map_err(PatternError::new_err)?;
    macie_core::regex_check::max_len(pattern).map_err(PatternError::new_err)
}

/// Normalises a structured-context string the way the engine matches keywords in it.
#[pyfunction]
fn normalize_context(context: &str) -> String {
    macie_core::keywords::normalize_context(context)
}

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Engine>()?;
    m.add_function(wrap_pyfunction!(validate, m)?)?;
    m.add_function(wrap_pyfunction!(validator_names, m)?)?;
    m.add_function(wrap_pyfunction!(check_regex, m)?)?;
    m.add_function(wrap_pyfunction!(normalize_context, m)?)?;
    m.add("EngineError", m.py().get_type::<EngineError>())?;
    m.add("PatternError", m.py().get_type::<PatternError>())?;
    Ok(())
}
