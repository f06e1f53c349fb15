//! Writers for each format. Lists stream: JSON, NDJSON and CSV write each item
//! as it comes, so memory stays flat however large the fleet; only a table,
//! which must measure its columns, holds its rows.

use std::io::Write;

use comfy_table::{Attribute, Cell, ContentArrangement, Table, presets};
use serde_json::Value;

use std::time::SystemTime;

use super::ago::relative_time;
use super::cell::{cell_text, csv_cell, sanitize_for_terminal};
use super::columns::{Selection, header_words};
use super::fit::{Give, fit};
use super::names::{Names, Referred, referred_in};
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
    /// JSON rows can be written straight from the item ([`Selection::flat_json`]).
    flat: bool,
}

enum Sink<W: Write> {
    /// A table is drawn at the end, once its columns can be measured and
    /// fitted to the terminal.
    Table {
        out: W,
        rows: Vec<Vec<String>>,
    },
    Json {
        out: W,
    },
    /// `--query`: the document is held whole, for the expression to see.
    Query {
        out: W,
        items: Vec<Value>,
    },
    Ndjson {
        out: W,
    },
    Csv {
        out: Box<csv::Writer<W>>,
    },
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
            flat: selection.is_flat() && extra.is_empty(),
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

    /// The IDs of other kinds among the table's rows read so far from
    /// `place` (every row when `None` or the rows are not located), for
    /// their names to be looked up. None in JSON, NDJSON or CSV: they keep
    /// the API's IDs, and a run that shows no names asks for none.
    pub fn referred_from(&self, place: Option<&Place>) -> std::collections::BTreeSet<Referred> {
        match &self.sink {
            Some(Sink::Table { rows, .. }) => {
                let from = rows.iter().filter(|row| self.is_from(row, place));
                referred_in(&self.selection.refers(), from)
            }
            _ => std::collections::BTreeSet::new(),
        }
    }

    /// The table's rows read from `place` (every row when `None`) show the
    /// IDs `names` knows by their names.
    pub fn show_names(&mut self, place: Option<&Place>, names: &Names) {
        let refers = self.selection.refers();
        let Some(Sink::Table { rows, .. }) = &self.sink else {
            return;
        };
        let from: Vec<usize> = (0..rows.len())
            .filter(|i| self.is_from(&rows[*i], place))
            .collect();
        if let Some(Sink::Table { rows, .. }) = &mut self.sink {
            for i in from {
                names.rename_cells(&refers, &mut rows[i], Names::brief);
            }
        }
    }

    /// Whether a row was read from `place`: its leading region and account.
    fn is_from(&self, row: &[String], place: Option<&Place>) -> bool {
        match place {
            Some(place) if self.selection.located => {
                row.first() == Some(&place.region) && row.get(1) == Some(&place.account)
            }
            _ => true,
        }
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
            Format::Table => Sink::Table {
                out,
                rows: Vec::new(),
            },
            Format::Json if settings.query.is_some() => Sink::Query {
                out,
                items: Vec::new(),
            },
            Format::Json => Sink::Json { out },
            Format::Ndjson => Sink::Ndjson { out },
            Format::Csv => {
                let mut out = csv::Writer::from_writer(out);
                if settings.headers {
                    out.write_record(selection.names().into_iter().chain(extra.iter().copied()))
                        .map_err(csv_error)?;
                }
                Sink::Csv { out: Box::new(out) }
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
        if self.flat && self.write_flat(item, location)? {
            return Ok(());
        }
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
            (Sink::Table { rows, .. }, Row::Cells(values)) => {
                rows.push(
                    values
                        .iter()
                        .map(|v| v.as_ref().map(cell_text).unwrap_or_default())
                        .collect(),
                );
            }
            (Sink::Json { out }, Row::Object(object)) => {
                out.write_all(if first { b"[\n" } else { b",\n" })?;
                write_indented_json(out, &object)?;
            }
            (Sink::Query { items, .. }, Row::Object(object)) => items.push(object),
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

    /// A JSON or NDJSON row written as its getters give its values, the
    /// row's whole cost beyond them (listing 5,000 devices builds no map of
    /// 100,000 owned keys); false when the sink takes another format.
    fn write_flat(&mut self, item: &T, location: Option<&Place>) -> Result<bool> {
        self.sink()?;
        let row = self.selection.flat_json(item, location);
        match &mut self.sink {
            Some(Sink::Ndjson { out }) => {
                serde_json::to_writer(&mut *out, &row).map_err(std::io::Error::from)?;
                out.write_all(b"\n")?;
            }
            Some(Sink::Json { out }) => {
                out.write_all(if self.count == 0 { b"[\n" } else { b",\n" })?;
                write_indented_json(out, &row)?;
            }
            _ => return Ok(false),
        }
        self.count += 1;
        Ok(true)
    }

    /// Called after each page: what was written reaches the reader now, not
    /// when the last page arrives.
    pub fn flush(&mut self) -> Result<()> {
        match &mut self.sink {
            None | Some(Sink::Table { .. } | Sink::Query { .. }) => {}
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
            Some(Sink::Table { mut out, rows }) => {
                if count > 0 {
                    let headers = self
                        .selection
                        .headers()
                        .into_iter()
                        .chain(self.extra.iter().map(|h| h.to_uppercase()))
                        .collect();
                    let mut gives = self.selection.gives();
                    gives.extend(self.extra.iter().map(|name| Give::by_name(name, false)));
                    writeln!(out, "{}", draw_table(self.settings, headers, &gives, rows))?;
                }
                out.flush()?;
            }
            Some(Sink::Json { mut out }) => {
                out.write_all(if count == 0 { b"[]\n" } else { b"\n]\n" })?;
                out.flush()?;
            }
            Some(Sink::Query { mut out, items }) => {
                write_queried(&mut out, self.settings, &Value::Array(items))?;
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
    names: &Names,
    mut out: W,
) -> Result<()> {
    match settings.format {
        Format::Json => write_queried(&mut out, settings, &selection.to_json(item, None)),
        Format::Ndjson | Format::Csv => {
            let mut writer = ListWriter::new(selection.clone(), settings, out);
            writer.write(item)?;
            writer.finish().map(drop)
        }
        Format::Table => {
            let now = SystemTime::now();
            let rows = selection
                .columns
                .iter()
                .filter_map(|column| {
                    let mut text = [cell_text(&(column.get)(item)?)];
                    names.rename_cells(&[column.refers], &mut text, Names::full);
                    let [text] = text;
                    // A detail view has room for both: when, and how long ago.
                    let text = match relative_time(&text, now) {
                        Some(ago) => format!("{text} ({ago})"),
                        None => text,
                    };
                    Some(vec![column.name.to_owned(), text])
                })
                .collect();
            // A value is never cut or wrapped: an ARN longer than the
            // terminal runs on, whole, to be copied.
            let whole = OutputSettings {
                width: None,
                ..settings.clone()
            };
            let headers = vec!["FIELD".to_owned(), "VALUE".to_owned()];
            writeln!(out, "{}", draw_cells(&whole, headers, &[], rows))?;
            out.flush()?;
            Ok(())
        }
    }
}

/// A table of cells as text under fields' API names (a report's
/// summary), drawn as lists are.
pub fn text_table(settings: &OutputSettings, names: &[&str], rows: Vec<Vec<String>>) -> String {
    let headers = names.iter().map(|name| text_header(name)).collect();
    let gives: Vec<Give> = names
        .iter()
        .enumerate()
        .map(|(i, name)| Give::by_name(name, i == 0))
        .collect();
    draw_table(settings, headers, &gives, rows)
}

/// A report's header for a field: its words, but one name for one idea
/// across every table (`lastPostureAt` is LAST SEEN, as `devices list` says;
/// the last connection is LAST CONNECTED, as `workspaces list` says).
fn text_header(name: &str) -> String {
    match name {
        "lastPostureAt" => "LAST SEEN".to_owned(),
        // Shown by name where the name is known, as `devices list` does.
        "environmentId" => "ENVIRONMENT".to_owned(),
        "LastKnownUserConnectionTimestamp" => "LAST CONNECTED".to_owned(),
        _ => header_words(name),
    }
}

/// Draws a table for a person: timestamps as how long ago, then the
/// columns fitted to the terminal's width (none cut off a terminal).
fn draw_table(
    settings: &OutputSettings,
    headers: Vec<String>,
    gives: &[Give],
    rows: Vec<Vec<String>>,
) -> String {
    let now = SystemTime::now();
    let rows = rows
        .into_iter()
        .map(|row| {
            row.into_iter()
                .map(|cell| relative_time(&cell, now).unwrap_or(cell))
                .collect()
        })
        .collect();
    draw_cells(settings, headers, gives, rows)
}

/// The cells, made safe for a terminal and fitted to its width, as lines.
fn draw_cells(
    settings: &OutputSettings,
    headers: Vec<String>,
    gives: &[Give],
    rows: Vec<Vec<String>>,
) -> String {
    let clean = |cells: Vec<String>| -> Vec<String> {
        cells.iter().map(|c| sanitize_for_terminal(c)).collect()
    };
    let rows = rows.into_iter().map(clean).collect();
    let headers = headers.into_iter().map(|h| h.to_uppercase()).collect();
    let fitted = fit(headers, rows, gives, settings.width);
    let mut table = Table::new();
    table.load_style(presets::NOTHING);
    table.set_content_arrangement(ContentArrangement::Disabled);
    // comfy-table styles only what it finds to be a terminal itself:
    // `--color` has decided already (`always` in a pipe too).
    if settings.color {
        table.enforce_styling();
        // Padding outside the bold, so no line ends in styled spaces.
        table.style_text_only();
    } else {
        table.force_no_tty();
    }
    if settings.headers {
        table.set_header(fitted.headers.iter().map(|h| header_cell(h, settings)));
    }
    for row in fitted.rows {
        table.add_row(row.into_iter().map(Cell::new));
    }
    render_table(table)
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
    let cell = Cell::new(text);
    if settings.color {
        cell.add_attribute(Attribute::Bold)
    } else {
        cell
    }
}

/// The document through `--query` (none: as it is, pretty-printed JSON),
/// printed as `-o` asks.
fn write_queried<W: Write>(out: &mut W, settings: &OutputSettings, document: &Value) -> Result<()> {
    match settings.query.as_deref() {
        None => {
            serde_json::to_writer_pretty(&mut *out, document).map_err(std::io::Error::from)?;
            out.write_all(b"\n")?;
        }
        Some(expression) => {
            let result = super::query::apply(expression, document)?;
            out.write_all(super::query::render(settings, &result)?.as_bytes())?;
        }
    }
    out.flush()?;
    Ok(())
}

fn write_indented_json<W: Write>(
    out: &mut W,
    value: &impl serde::Serialize,
) -> std::io::Result<()> {
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
