//! `--query`: a JMESPath expression over the JSON a command writes, as AWS
//! admins type it to the AWS CLI (the `jmespath` crate).

use serde_json::{Map, Value};

use super::cell::{cell_text, csv_cell, sanitize_for_terminal};
use super::writer::text_table;
use super::{Format, OutputSettings};
use crate::error::{AppError, Result};

/// clap's check of `--query`: an expression that does not compile is a
/// usage error (exit 2) before any request is sent.
pub fn checked(expression: &str) -> std::result::Result<String, String> {
    jmespath::compile(expression)
        .map(|_| expression.to_owned())
        .map_err(|e| format!("not a JMESPath expression: {e}"))
}

/// The result of `expression` over `document`, as JSON.
pub fn apply(expression: &str, document: &Value) -> Result<Value> {
    let compiled = jmespath::compile(expression)
        .map_err(|e| AppError::usage(format!("--query: not a JMESPath expression: {e}")))?;
    let data = jmespath::Variable::from_json(&document.to_string())
        .map_err(|e| AppError::Other(anyhow::anyhow!("--query: {e}")))?;
    let found = compiled
        .search(data)
        .map_err(|e| AppError::usage(format!("--query: {e}")))?;
    serde_json::to_value(&*found).map_err(|e| AppError::Other(anyhow::anyhow!("--query: {e}")))
}

/// A query's result as `-o` asks (`settings.query_format`), ending in a
/// newline unless empty. JSON is pretty-printed; NDJSON is one line an
/// element of an array; a table and CSV take an array of objects as rows
/// under the objects' keys, an object as one row (FIELD/VALUE in a table),
/// an array of arrays as rows without a header, and scalars one a line.
pub fn render(settings: &OutputSettings, result: &Value) -> Result<String> {
    let text = match settings.query_format {
        Format::Json => serde_json::to_string_pretty(result).map_err(std::io::Error::from)?,
        Format::Ndjson => match result {
            Value::Array(items) => lines(items.iter().map(Value::to_string)),
            other => other.to_string(),
        },
        Format::Table => table(settings, result),
        Format::Csv => csv(settings, result)?,
    };
    Ok(if text.is_empty() || text.ends_with('\n') {
        text
    } else {
        text + "\n"
    })
}

/// What a table or CSV shows of a result: its column names (none: no
/// header) and its rows.
fn shaped(result: &Value) -> (Vec<String>, Vec<Vec<Value>>) {
    let rows_of = |objects: &[&Map<String, Value>]| {
        let mut keys: Vec<String> = Vec::new();
        for key in objects.iter().flat_map(|o| o.keys()) {
            if !keys.contains(key) {
                keys.push(key.clone());
            }
        }
        let rows = objects
            .iter()
            .map(|o| {
                keys.iter()
                    .map(|k| o.get(k).cloned().unwrap_or(Value::Null))
                    .collect()
            })
            .collect();
        (keys, rows)
    };
    match result {
        Value::Null => (Vec::new(), Vec::new()),
        Value::Object(object) => rows_of(&[object]),
        Value::Array(items) => {
            let objects: Vec<&Map<String, Value>> =
                items.iter().filter_map(Value::as_object).collect();
            if !items.is_empty() && objects.len() == items.len() {
                return rows_of(&objects);
            }
            let rows = items
                .iter()
                .map(|item| match item {
                    Value::Array(cells) => cells.clone(),
                    other => vec![other.clone()],
                })
                .collect();
            (Vec::new(), rows)
        }
        scalar => (Vec::new(), vec![vec![scalar.clone()]]),
    }
}

fn table(settings: &OutputSettings, result: &Value) -> String {
    if let Value::Object(object) = result {
        // One item: a field a line, as `get` draws it, never cut.
        let whole = OutputSettings {
            width: None,
            ..settings.clone()
        };
        let rows = object
            .iter()
            .map(|(field, value)| vec![field.clone(), cell_text(value)])
            .collect();
        return text_table(&whole, &["field", "value"], rows);
    }
    let (keys, rows) = shaped(result);
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|row| row.iter().map(cell_text).collect())
        .collect();
    if keys.is_empty() {
        // Scalars, or rows of them: one a line, cells two spaces apart.
        let width = rows.iter().map(Vec::len).max().unwrap_or(0);
        if width <= 1 {
            return lines(rows.iter().map(|row| sanitize_for_terminal(&row.concat())));
        }
        let names: Vec<String> = (1..=width).map(|i| format!("column{i}")).collect();
        let names: Vec<&str> = names.iter().map(String::as_str).collect();
        let headless = OutputSettings {
            headers: false,
            ..settings.clone()
        };
        let rows = rows
            .into_iter()
            .map(|mut row| {
                row.resize(width, String::new());
                row
            })
            .collect();
        return text_table(&headless, &names, rows);
    }
    let names: Vec<&str> = keys.iter().map(String::as_str).collect();
    text_table(settings, &names, rows)
}

fn csv(settings: &OutputSettings, result: &Value) -> Result<String> {
    let (keys, rows) = shaped(result);
    let mut out = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    let failed = |e: csv::Error| AppError::Other(anyhow::anyhow!("CSV: {e}"));
    if settings.headers && !keys.is_empty() {
        out.write_record(&keys).map_err(failed)?;
    }
    for row in &rows {
        out.write_record(row.iter().map(|v| csv_cell(v, settings.csv_raw)))
            .map_err(failed)?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| AppError::Other(anyhow::anyhow!("CSV: {e}")))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn lines(items: impl Iterator<Item = String>) -> String {
    items.map(|line| line + "\n").collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn expressions_select_from_the_json() {
        let devices =
            json!([{"id": "a", "status": "REGISTERED"}, {"id": "b", "status": "ARCHIVED"}]);
        assert_eq!(
            apply("[?status=='REGISTERED'].id", &devices).unwrap(),
            json!(["a"])
        );
        assert_eq!(apply("length(@)", &devices).unwrap(), json!(2));
        assert!(checked("[?status==").is_err());
    }

    fn rendered(format: Format, result: Value) -> String {
        let settings = OutputSettings {
            query_format: format,
            ..OutputSettings::default()
        };
        render(&settings, &result).unwrap()
    }

    #[test]
    fn a_result_prints_as_the_output_format_asks() {
        let objects = json!([{"id": "a", "n": 1}, {"id": "b", "tags": {"k": "v"}}]);
        let table = rendered(Format::Table, objects.clone());
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines.len(), 3, "{table}");
        assert!(
            lines[0].starts_with("ID") && lines[0].contains("TAGS"),
            "{table}"
        );
        assert!(
            lines[2].starts_with('b') && lines[2].ends_with("k=v"),
            "{table}"
        );
        assert_eq!(
            rendered(Format::Csv, objects.clone()),
            "id,n,tags\na,1,\nb,,k=v\n"
        );
        assert_eq!(
            rendered(Format::Ndjson, objects),
            "{\"id\":\"a\",\"n\":1}\n{\"id\":\"b\",\"tags\":{\"k\":\"v\"}}\n"
        );
        // Scalars one a line, unquoted; a lone scalar too; null is nothing.
        assert_eq!(rendered(Format::Table, json!(["a", "b", 3])), "a\nb\n3\n");
        assert_eq!(rendered(Format::Table, json!(42)), "42\n");
        assert_eq!(rendered(Format::Table, Value::Null), "");
        // Rows of values: columns, no header.
        let pairs = rendered(Format::Table, json!([["a", "x"], ["bb", "y"]]));
        assert_eq!(pairs, "a   x\nbb  y\n");
        // One object: a field a line.
        let one = rendered(Format::Table, json!({"id": "a", "serial": "S1"}));
        assert!(
            one.lines()
                .nth(1)
                .is_some_and(|l| l.starts_with("id") && l.ends_with("a")),
            "{one}"
        );
        assert_eq!(rendered(Format::Json, json!(["a"])), "[\n  \"a\"\n]\n");
    }
}
