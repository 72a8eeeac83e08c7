//! One error type for everything that can go wrong while compiling an engine.

use std::fmt;

/// Why an engine could not be built. Messages name the field and the reason, and never
/// quote scanned data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// A regex was refused: where it came from (`pattern 3 (EMAIL_ADDRESS)`) and why.
    Pattern { owner: String, reason: String },
    /// A validator name in the data is not registered.
    UnknownValidator { owner: String, name: String },
    /// Anything else that makes a spec unusable.
    Spec(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Pattern { owner, reason } => write!(f, "{owner}: regex refused: {reason}"),
            Error::UnknownValidator { owner, name } => {
                write!(f, "{owner}: unknown validator {name:?}")
            }
            Error::Spec(msg) => f.write_str(msg),
        }
    }
}

impl std::error::Error for Error {}
