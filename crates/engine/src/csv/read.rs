//! The CSV reader (RFC 4180): quoted fields, doubled quotes, CRLF or LF line ends, a UTF-8 byte
//! order mark. Malformed quoting is an error naming the line and column, never a guess.

/// A CSV file read into cells: the header row and the rows under it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CsvTable {
    /// The first row, as written (not trimmed).
    pub headers: Vec<String>,
    /// Every row after the header, blank ones included, in file order.
    pub rows: Vec<CsvRow>,
}

/// One row under the header.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CsvRow {
    /// Row number as a spreadsheet shows it: the header is row 1, the first data row row 2.
    pub row: usize,
    /// Line of the file the row starts on (differs from `row` when a quoted field spans lines).
    pub line: usize,
    /// Its cells, as written.
    pub cells: Vec<String>,
}

impl CsvRow {
    /// Whether every cell is empty (a blank line, or only commas).
    pub fn is_blank(&self) -> bool {
        self.cells.iter().all(|c| c.trim().is_empty())
    }
}

/// Why a CSV file cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CsvError {
    /// Nothing but whitespace.
    #[error("the file is empty; its first row must name the columns")]
    Empty,
    /// A quoted field runs to the end of the file.
    #[error(
        "line {line}, column {column}: the quoted field that starts here is never closed \
         (help: end it with `\"` and double every `\"` inside it)"
    )]
    Unclosed {
        /// Line of the opening quote.
        line: usize,
        /// Character column of the opening quote (1 = first).
        column: usize,
    },
    /// Text between a closing quote and the next comma or line end.
    #[error(
        "line {line}, column {column}: `{found}` after the closing quote of a field \
         (help: a quoted field ends at a comma or the end of the line; write a `\"` inside it as `\"\"`)"
    )]
    AfterQuote {
        /// Line.
        line: usize,
        /// Character column of the unexpected character.
        column: usize,
        /// The character.
        found: char,
    },
    /// A quote in the middle of an unquoted field.
    #[error(
        "line {line}, column {column}: a `\"` inside an unquoted field \
         (help: quote the whole field and double the quote, as in `\"say \"\"hi\"\"\"`)"
    )]
    StrayQuote {
        /// Line.
        line: usize,
        /// Character column of the quote.
        column: usize,
    },
    /// The same column name twice in the header.
    #[error("column `{name}` is named twice in the header (columns {first} and {second})")]
    DuplicateHeader {
        /// The name.
        name: String,
        /// Its first position (1 = first column).
        first: usize,
        /// Its second position.
        second: usize,
    },
    /// A header without the columns a format needs.
    #[error("the first row must name the columns, starting `{expected}` (found `{found}`)")]
    MissingColumns {
        /// The columns expected.
        expected: String,
        /// The header found.
        found: String,
    },
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    /// At the start of a field.
    Start,
    /// Inside an unquoted field.
    Plain,
    /// Inside a quoted field.
    Quoted,
    /// Just after a quoted field's closing quote.
    Closed,
}

/// Reads `text` as CSV: the first row names the columns. A leading byte order mark is skipped;
/// a final line end does not start an empty row.
pub fn parse(text: &str) -> Result<CsvTable, CsvError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(CsvError::Empty);
    }
    let mut records: Vec<(usize, Vec<String>)> = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut cell = String::new();
    let mut state = State::Start;
    let (mut line, mut column) = (1_usize, 0_usize);
    let mut row_line = 1;
    let mut opened = (1, 1);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        column += 1;
        let end_of_line = c == '\n' || (c == '\r' && chars.peek() == Some(&'\n'));
        if state == State::Quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    column += 1;
                    cell.push('"');
                }
                '"' => state = State::Closed,
                '\n' => {
                    cell.push('\n');
                    line += 1;
                    column = 0;
                }
                c => cell.push(c),
            }
            continue;
        }
        if end_of_line {
            if c == '\r' {
                chars.next();
            }
            row.push(std::mem::take(&mut cell));
            records.push((row_line, std::mem::take(&mut row)));
            line += 1;
            column = 0;
            row_line = line;
            state = State::Start;
            continue;
        }
        match (state, c) {
            (_, ',') => {
                row.push(std::mem::take(&mut cell));
                state = State::Start;
            }
            (State::Start, '"') => {
                state = State::Quoted;
                opened = (line, column);
            }
            (State::Closed, found) => {
                return Err(CsvError::AfterQuote {
                    line,
                    column,
                    found,
                });
            }
            (_, '"') => return Err(CsvError::StrayQuote { line, column }),
            (_, c) => {
                cell.push(c);
                state = State::Plain;
            }
        }
    }
    match state {
        State::Quoted => {
            return Err(CsvError::Unclosed {
                line: opened.0,
                column: opened.1,
            });
        }
        State::Start if row.is_empty() && cell.is_empty() => {}
        _ => {
            row.push(cell);
            records.push((row_line, row));
        }
    }
    let mut records = records.into_iter();
    let (_, headers) = records.next().ok_or(CsvError::Empty)?;
    for (i, name) in headers.iter().enumerate() {
        let key = name.trim();
        if key.is_empty() {
            continue;
        }
        if let Some(j) = headers[..i].iter().position(|h| h.trim() == key) {
            return Err(CsvError::DuplicateHeader {
                name: key.to_string(),
                first: j + 1,
                second: i + 1,
            });
        }
    }
    let rows = records
        .enumerate()
        .map(|(i, (line, cells))| CsvRow {
            row: i + 2,
            line,
            cells,
        })
        .collect();
    Ok(CsvTable { headers, rows })
}

/// Appends one row ending in CRLF (RFC 4180 §2.1), each field quoted when it needs to be.
pub(crate) fn push_row<S: AsRef<str>>(out: &mut String, cells: impl IntoIterator<Item = S>) {
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        let cell = cell.as_ref();
        // Edge spaces are quoted too, so a reader that trims cannot lose them.
        if cell.contains([',', '"', '\r', '\n']) || cell.trim() != cell {
            out.push('"');
            out.push_str(&cell.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(cell);
        }
    }
    out.push_str("\r\n");
}
