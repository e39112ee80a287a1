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
    /// Another tab keeps an older version of the database open, so it cannot be upgraded.
    #[error(
        "another Rampart tab holds an older version of the saved data open; close it and reload \
         (saved data is intact)"
    )]
    Blocked,
    /// The browser aborted the transaction; none of its writes happened.
    #[error(
        "the browser aborted the save; nothing from it was written and earlier saves are intact"
    )]
    Aborted,
    /// A stored record no longer has the shape this version of Rampart reads.
    #[error(
        "a saved record in `{store}` at key `{key}` could not be read ({detail}); it was skipped \
         and other records are intact"
    )]
    CorruptRecord {
        /// The object store holding the record.
        store: &'static str,
        /// The record's key, as text.
        key: String,
        /// What did not match.
        detail: String,
    },
    /// No record under that key.
    #[error("nothing is saved in `{store}` under `{key}`")]
    NotFound {
        /// The object store searched.
        store: &'static str,
        /// The key looked up.
        key: String,
    },
    /// Any other IndexedDB failure, with the browser's own description.
    #[error("browser storage failed: {0}")]
    Other(String),
}

impl StorageError {
    /// Maps a DOM exception by its name (`QuotaExceededError`, `AbortError`, …).
    pub fn from_dom_exception(exception: &web_sys::DomException) -> StorageError {
        match exception.name().as_str() {
            "QuotaExceededError" => StorageError::QuotaExceeded,
            "AbortError" => StorageError::Aborted,
            "UnknownError" if exception.message().to_lowercase().contains("quota") => {
                StorageError::QuotaExceeded
            }
            name => StorageError::Other(format!("{name}: {}", exception.message())),
        }
    }
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
            Error::DomException(exception) => {
                Self::from_dom_exception(&web_sys::DomException::from(exception))
            }
            other => Self::Other(other.to_string()),
        }
    }
}
