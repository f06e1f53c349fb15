//! Writers for each format. Lists stream: JSON, NDJSON and CSV write each item
//! as it comes, so memory stays flat however large the fleet; only a table,
//! which must measure its columns, holds its rows.

use std::io::Write;

use comfy_table::{Attribute, Cell, ContentArrangement, Table, presets};
use serde_json::Value;

use super::cell::{cell_text, csv_cell, sanitize_for_terminal};
use super::columns::Selection;
use super::{Format, OutputSettings};
use crate::error::Result;
use crate::scope::Place;

/// Writes the items of a `list`, one at a time, in the chosen format.
/// Nothing is written until the first item (or the end), so whether rows
/// carry their region and account can be decided after the writer is made.
pub struct ListWriter<'a, T: 'static, W: Write> {
    selection: Selection<T>,
    settings: &'a OutputSettings,
    /// The stream, until the document starts.
    out: Option<W>,
    sink: Option<Sink<W>>,
    count: usize,
    /// Columns that are not the resource's own (an export's tags), after its columns.
    extra: &'a [&'static str],
}

enum Sink<W: Write> {
    Table { out: W, table: Table },
    Json { out: W },
    Ndjson { out: W },
    Csv { out: csv::Writer<W> },
}

impl<'a, T: 'static, W: Write> ListWriter<'a, T, W> {
    pub fn new(selection: Selection<T>, settings: &'a OutputSettings, out: W) -> Self {
        Self::with_extra(selection, settings, out, &[])
    }

    /// A writer whose rows also carry `extra` columns, given to [`ListWriter::write_with`].
    pub fn with_extra(
        selection: Selection<T>,
        settings: &'a OutputSettings,
        out: W,
        extra: &'a [&'static str],
    ) -> Self {
        ListWriter {
            selection,
            settings,
            out: Some(out),
            sink: None,
            count: 0,
            extra,
        }
    }

    /// Rows lead with their region and account (several regions or
    /// accounts). Only before the first item: the header is then fixed.
    pub fn locate(&mut self, located: bool) {
        if self.out.is_some() {
            self.selection.located |= located;
        }
    }

    pub fn is_located(&self) -> bool {
        self.selection.located
    }

    /// Some chosen column is returned only by the detail call.
    pub fn needs_details(&self) -> bool {
        self.selection.needs_details()
    }

    /// The document's start (a table's or CSV's header), written with the first item.
    fn sink(&mut self) -> Result<&mut Sink<W>> {
        if let Some(out) = self.out.take() {
            self.sink = Some(self.start(out)?);
        }
        self.sink.as_mut().ok_or_else(|| {
            std::io::Error::other("the list could not be started; nothing more is written").into()
        })
    }

    fn start(&self, out: W) -> Result<Sink<W>> {
        let (selection, settings, extra) = (&self.selection, self.settings, self.extra);
        Ok(match settings.format {
            Format::Table => {
                let mut table = new_table(settings);
                if settings.headers {
                    table.set_header(
                        selection
                            .headers()
                            .into_iter()
                            .chain(extra.iter().copied())
                            .map(|h| header_cell(h, settings)),
                    );
                }
                Sink::Table { out, table }
            }
            Format::Json => Sink::Json { out },
            Format::Ndjson => Sink::Ndjson { out },
            Format::Csv => {
                let mut out = csv::Writer::from_writer(out);
                if settings.headers {
                    out.write_record(selection.names().into_iter().chain(extra.iter().copied()))
                        .map_err(csv_error)?;
                }
                Sink::Csv { out }
            }
        })
    }

    pub fn write(&mut self, item: &T) -> Result<()> {
        self.write_at(item, None)
    }

    /// Writes an item read from `location` (several regions or accounts).
    pub fn write_at(&mut self, item: &T, location: Option<&Place>) -> Result<()> {
        self.write_with(item, location, Vec::new())
    }

    /// Writes an item with the values of the writer's extra columns, in
    /// their order (missing ones are absent).
    pub fn write_with(
        &mut self,
        item: &T,
        location: Option<&Place>,
        extra: Vec<Option<Value>>,
    ) -> Result<()> {
        let extra: Vec<Option<Value>> = (0..self.extra.len())
            .map(|i| extra.get(i).cloned().flatten())
            .collect();
        let row = match self.settings.format {
            Format::Json | Format::Ndjson => {
                let mut object = self.selection.to_json(item, location);
                if let Value::Object(map) = &mut object {
                    for (name, value) in self.extra.iter().zip(extra) {
                        if let Some(value) = value {
                            map.insert((*name).to_owned(), value);
                        }
                    }
                }
                Row::Object(object)
            }
            Format::Table | Format::Csv => {
                let mut values = self.selection.values(item, location);
                values.extend(extra);
                Row::Cells(values)
            }
        };
        let (first, raw) = (self.count == 0, self.settings.csv_raw);
        // CSV to a terminal is read there: no escape sequences from API data.
        let csv_to_terminal = self.settings.terminal;
        match (self.sink()?, row) {
            (Sink::Table { table, .. }, Row::Cells(values)) => {
                table.add_row(values.iter().map(|v| {
                    Cell::new(sanitize_for_terminal(
                        &v.as_ref().map(cell_text).unwrap_or_default(),
                    ))
                }));
            }
            (Sink::Json { out }, Row::Object(object)) => {
                out.write_all(if first { b"[\n" } else { b",\n" })?;
                write_indented_json(out, &object)?;
            }
            (Sink::Ndjson { out }, Row::Object(object)) => {
                serde_json::to_writer(&mut *out, &object).map_err(std::io::Error::from)?;
                out.write_all(b"\n")?;
            }
            (Sink::Csv { out }, Row::Cells(values)) => {
                out.write_record(
                    values
                        .iter()
                        .map(|v| v.as_ref().map(|v| csv_cell(v, raw)).unwrap_or_default())
                        .map(|cell| {
                            if csv_to_terminal {
                                sanitize_for_terminal(&cell)
                            } else {
                                cell
                            }
                        }),
                )
                .map_err(csv_error)?;
            }
            // The row is built for the sink's format above.
            _ => {}
        }
        self.count += 1;
        Ok(())
    }

    /// Called after each page: what was written reaches the reader now, not
    /// when the last page arrives.
    pub fn flush(&mut self) -> Result<()> {
        match &mut self.sink {
            None | Some(Sink::Table { .. }) => {}
            Some(Sink::Json { out } | Sink::Ndjson { out }) => out.flush()?,
            Some(Sink::Csv { out }) => out.flush()?,
        }
        Ok(())
    }

    /// Closes the document; returns how many items were written.
    pub fn finish(mut self) -> Result<usize> {
        self.sink()?;
        let count = self.count;
        match self.sink {
            Some(Sink::Table { mut out, table }) => {
                if count > 0 {
                    writeln!(out, "{}", render_table(table))?;
                }
                out.flush()?;
            }
            Some(Sink::Json { mut out }) => {
                out.write_all(if count == 0 { b"[]\n" } else { b"\n]\n" })?;
                out.flush()?;
            }
            Some(Sink::Ndjson { mut out }) => out.flush()?,
            Some(Sink::Csv { mut out }) => out.flush()?,
            None => {}
        }
        Ok(count)
    }
}

/// One item's values, shaped for the format.
enum Row {
    Object(Value),
    Cells(Vec<Option<Value>>),
}

/// Writes one item in full (a `get`): a JSON object, one NDJSON line, a CSV
/// header and row, or a FIELD/VALUE table.
pub fn write_one<T: 'static, W: Write>(
    selection: &Selection<T>,
    settings: &OutputSettings,
    item: &T,
    mut out: W,
) -> Result<()> {
    match settings.format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut out, &selection.to_json(item, None))
                .map_err(std::io::Error::from)?;
            out.write_all(b"\n")?;
            out.flush()?;
            Ok(())
        }
        Format::Ndjson | Format::Csv => {
            let mut writer = ListWriter::new(selection.clone(), settings, out);
            writer.write(item)?;
            writer.finish().map(drop)
        }
        Format::Table => {
            let mut table = new_table(settings);
            if settings.headers {
                table.set_header([
                    header_cell("FIELD", settings),
                    header_cell("VALUE", settings),
                ]);
            }
            for column in &selection.columns {
                if let Some(value) = (column.get)(item) {
                    table.add_row([
                        Cell::new(column.name),
                        Cell::new(sanitize_for_terminal(&cell_text(&value))),
                    ]);
                }
            }
            writeln!(out, "{}", render_table(table))?;
            out.flush()?;
            Ok(())
        }
    }
}

/// A table of already-formatted text (a report's summary), drawn as lists are.
pub fn text_table(settings: &OutputSettings, headers: &[String], rows: &[Vec<String>]) -> String {
    let mut table = new_table(settings);
    if settings.headers {
        table.set_header(headers.iter().map(|h| header_cell(h, settings)));
    }
    for row in rows {
        table.add_row(
            row.iter()
                .map(|cell| Cell::new(sanitize_for_terminal(cell))),
        );
    }
    render_table(table)
}

fn new_table(settings: &OutputSettings) -> Table {
    let mut table = Table::new();
    table.load_style(presets::NOTHING);
    table.set_content_arrangement(if settings.terminal {
        ContentArrangement::Dynamic
    } else {
        ContentArrangement::Disabled
    });
    table
}

/// Columns start at the margin and are two spaces apart; no line ends in
/// padding, so a table diffs and greps cleanly.
fn render_table(mut table: Table) -> String {
    for column in table.column_iter_mut() {
        column.set_padding((0, 2));
    }
    table.trim_fmt()
}

fn header_cell(text: &str, settings: &OutputSettings) -> Cell {
    let cell = Cell::new(text.to_uppercase());
    if settings.color {
        cell.add_attribute(Attribute::Bold)
    } else {
        cell
    }
}

fn write_indented_json<W: Write>(out: &mut W, value: &Value) -> std::io::Result<()> {
    let text = serde_json::to_string_pretty(value).map_err(std::io::Error::from)?;
    for (i, line) in text.lines().enumerate() {
        if i > 0 {
            out.write_all(b"\n")?;
        }
        out.write_all(b"  ")?;
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

fn csv_error(err: csv::Error) -> crate::error::AppError {
    match err.into_kind() {
        csv::ErrorKind::Io(io) => io.into(),
        other => anyhow::anyhow!("CSV: {other:?}").into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::{Column, Resource, View, columns_get as get};
    use serde_json::json;

    struct Thing(&'static str);

    impl Resource for Thing {
        const KIND: &'static str = "thing";
        fn columns() -> &'static [Column<Self>] {
            const COLUMNS: &[Column<Thing>] =
                &[Column::new("id", |t: &Thing| get::text(Some(t.0)))];
            COLUMNS
        }
    }

    fn written(format: Format) -> String {
        let selection = Selection::<Thing>::resolve(None, View::Detail, false).unwrap();
        let settings = OutputSettings {
            format,
            ..OutputSettings::default()
        };
        let mut out = Vec::new();
        let mut writer = ListWriter::with_extra(selection, &settings, &mut out, &["tags"]);
        writer
            .write_with(
                &Thing("a"),
                None,
                vec![Some(json!({"team": "x", "env": "=prod"}))],
            )
            .unwrap();
        writer.write_with(&Thing("b"), None, vec![None]).unwrap();
        writer.finish().unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn extra_columns_follow_the_resource_columns_in_every_format() {
        let rows: serde_json::Value = serde_json::from_str(&written(Format::Json)).unwrap();
        assert_eq!(
            rows,
            json!([{"id": "a", "tags": {"team": "x", "env": "=prod"}}, {"id": "b"}])
        );
        assert_eq!(written(Format::Csv), "id,tags\na,team=x;env==prod\nb,\n");
    }
}
