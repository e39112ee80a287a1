//! `StorageError`: what went wrong with browser storage, in words a user can act on.

use indexed_db_futures::error::{DomException, Error, OpenDbError};

/// A failure of browser storage. Every message says what happened and what is still safe.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StorageError {
    /// The browser offers no IndexedDB (disabled, or a private mode that forbids it).
    #[error(
        "this browser does not let Rampart store data (IndexedDB is unavailable); the open model \
         is unchanged but cannot be saved here"
    )]
    Unavailable,
    /// The origin's storage quota is used up.
    #[error("browser storage is full; the last change was not saved and earlier saves are intact")]
    QuotaExceeded,
    /// The browser aborted the transaction; none of its writes happened.
    #[error(
        "the browser aborted the save; nothing from it was written and earlier saves are intact"
    )]
    Aborted,
    /// A stored record no longer has the shape this version of Rampart reads.
    #[error("a saved record in `{store}` could not be read ({detail}); other records are intact")]
    CorruptRecord {
        /// The object store holding the record.
        store: &'static str,
        /// What did not match.
        detail: String,
    },
    /// Any other IndexedDB failure, with the browser's own description.
    #[error("browser storage failed: {0}")]
    Other(String),
}

impl From<OpenDbError> for StorageError {
    fn from(err: OpenDbError) -> Self {
        match err {
            OpenDbError::UnsupportedEnvironment | OpenDbError::NullFactory => Self::Unavailable,
            OpenDbError::Base(err) => err.into(),
            other => Self::Other(other.to_string()),
        }
    }
}

impl From<Error> for StorageError {
    fn from(err: Error) -> Self {
        match err {
            Error::DomException(DomException::AbortError(_)) => Self::Aborted,
            Error::DomException(DomException::Other(exception))
                if exception.name() == "QuotaExceededError" =>
            {
                Self::QuotaExceeded
            }
            Error::DomException(exception) => {
                let sys = web_sys::DomException::from(exception);
                Self::Other(format!("{}: {}", sys.name(), sys.message()))
            }
            other => Self::Other(other.to_string()),
        }
    }
}
