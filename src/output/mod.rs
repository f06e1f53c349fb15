//! Rendering and the printer: every resource is drawn from its one column
//! declaration as a table, JSON, NDJSON or CSV, and every write goes through
//! the [`Printer`]. Nothing here calls the SDK.

mod ago;
mod cell;
mod columns;
mod fit;
mod printer;
pub mod query;
mod writer;

pub use cell::{cell_text, escape_invisible};
pub use columns::{Column, Resource, Selection, View, get as columns_get};
#[cfg(test)]
pub use printer::Captured;
pub use printer::{Out, Printer};
pub use writer::ListWriter;

use clap::ValueEnum;

/// A noun's plural as messages write it: "directories", "connection
/// aliases", "WorkSpaces", "devices".
pub fn plural(noun: &str) -> String {
    let consonant_y = noun
        .strip_suffix('y')
        .filter(|stem| !stem.ends_with(['a', 'e', 'o', 'u']));
    match consonant_y {
        Some(stem) => format!("{stem}ies"),
        None if noun.ends_with('s') || noun.ends_with('x') || noun.ends_with("sh") => {
            format!("{noun}es")
        }
        None => format!("{noun}s"),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned columns for people.
    Table,
    /// One JSON document: an array for `list`, an object for `get`.
    Json,
    /// One JSON object a line, written as each page arrives.
    Ndjson,
    /// RFC 4180 CSV with a header row.
    Csv,
}

/// How results are written: the global output options, resolved once.
#[derive(Debug, Clone)]
pub struct OutputSettings {
    pub format: Format,
    /// `--columns`, as typed.
    pub columns: Option<Vec<String>>,
    pub headers: bool,
    /// `--csv-raw`: leave cells that start like a formula as they are.
    pub csv_raw: bool,
    /// `--query`: a JMESPath expression the JSON document passes through.
    pub query: Option<String>,
    /// How the result of `--query` is printed (`-o`, JSON unless given).
    pub query_format: Format,
    pub color: bool,
    /// The terminal's width when the stream is one: tables are fitted to
    /// it. `None` (a pipe, a file) never cuts a cell.
    pub width: Option<usize>,
    /// Whether the stream is a terminal (its size may be unknown).
    pub terminal: bool,
}

impl Default for OutputSettings {
    fn default() -> Self {
        OutputSettings {
            format: Format::Table,
            columns: None,
            headers: true,
            csv_raw: false,
            query: None,
            query_format: Format::Json,
            color: false,
            width: None,
            terminal: false,
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn plurals_are_spelt_as_messages_write_them() {
        let plurals: Vec<String> = ["directory", "connection alias", "WorkSpace", "key"]
            .into_iter()
            .map(super::plural)
            .collect();
        assert_eq!(
            plurals,
            ["directories", "connection aliases", "WorkSpaces", "keys"]
        );
    }
}
