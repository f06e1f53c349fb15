//! Turning one field's JSON value into the text of a table or CSV cell.

use serde_json::Value;

/// The text of a cell: scalars as they are, lists joined by `;` (a list of
/// one-member structures, such as snapshots' `SnapshotTime`, by that
/// member), a map of scalars (tags) as `k=v;k=v`, anything deeper as
/// compact JSON.
pub fn cell_text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::Array(items) => items
            .iter()
            .map(|item| match item {
                Value::Object(map) if map.len() == 1 => match map.values().next() {
                    Some(only) if !only.is_object() && !only.is_array() => cell_text(only),
                    _ => item.to_string(),
                },
                Value::Object(_) | Value::Array(_) => item.to_string(),
                scalar => cell_text(scalar),
            })
            .collect::<Vec<_>>()
            .join(";"),
        Value::Object(map) if map.values().all(|v| !v.is_object() && !v.is_array()) => map
            .iter()
            .map(|(k, v)| format!("{k}={}", cell_text(v)))
            .collect::<Vec<_>>()
            .join(";"),
        Value::Object(_) => value.to_string(),
    }
}

/// Names and tags come from whoever registered the device: a name carrying
/// escape sequences must not repaint the admin's terminal. ANSI sequences and
/// C0 controls (CR, BEL) are removed; any other control character is drawn
/// as a space; invisible format characters are shown escaped.
pub fn sanitize_for_terminal(text: &str) -> String {
    let has_control = text.chars().any(char::is_control);
    if !has_control {
        return escape_invisible(text);
    }
    let stripped: String = strip_ansi_escapes::strip_str(text)
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    escape_invisible(&stripped)
}

/// Characters that draw nothing yet change the text around them: bidi
/// overrides and isolates (U+202E turns `abc` into `cba`), zero-width spaces
/// and joiners, the BOM, invisible separators and tag characters. An ID or
/// name can be made to look like another with them.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00ad}' | '\u{034f}' | '\u{061c}' | '\u{115f}' | '\u{1160}' | '\u{17b4}' | '\u{17b5}'
        | '\u{180b}'..='\u{180f}' | '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}'
        | '\u{2060}'..='\u{206f}' | '\u{3164}' | '\u{feff}' | '\u{ffa0}'
        | '\u{fff9}'..='\u{fffb}' | '\u{e0000}'..='\u{e007f}')
}

/// The text with each invisible character shown as `\u{202e}`, so it can
/// be seen rather than acted on. Everything else is left as it is.
pub fn escape_invisible(text: &str) -> String {
    if !text.chars().any(is_invisible) {
        return text.to_owned();
    }
    text.chars()
        .map(|c| {
            if is_invisible(c) {
                format!("\\u{{{:x}}}", u32::from(c))
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// OWASP CSV injection: a spreadsheet runs a cell that starts with one of
/// these as a formula. A leading `'` makes it text again.
pub fn csv_cell(value: &Value, raw: bool) -> String {
    let text = cell_text(value);
    if raw || !value.is_string() && !value.is_array() && !value.is_object() {
        return text;
    }
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn formulas_are_neutralised_unless_raw() {
        let formula = json!("=HYPERLINK(\"http://x\")");
        assert_eq!(csv_cell(&formula, false), "'=HYPERLINK(\"http://x\")");
        assert_eq!(csv_cell(&formula, true), "=HYPERLINK(\"http://x\")");
        assert_eq!(
            csv_cell(&json!("+cmd|' /C calc'!A0"), false),
            "'+cmd|' /C calc'!A0"
        );
        assert_eq!(csv_cell(&json!("@SUM(A1)"), false), "'@SUM(A1)");
        assert_eq!(csv_cell(&json!("\tx"), false), "'\tx");
        assert_eq!(csv_cell(&json!("plain"), false), "plain");
        // A number is data, not a formula.
        assert_eq!(csv_cell(&json!(-3), false), "-3");
    }

    #[test]
    fn control_sequences_are_stripped() {
        assert_eq!(sanitize_for_terminal("\u{1b}[31mred\u{1b}[0m"), "red");
        assert_eq!(sanitize_for_terminal("a\rb\u{7}c"), "abc");
        assert_eq!(sanitize_for_terminal("plain name"), "plain name");
        assert_eq!(
            sanitize_for_terminal("abc\u{202e}fed\u{200b}"),
            "abc\\u{202e}fed\\u{200b}"
        );
        // Emoji keep their variation selectors and joiners are escaped.
        assert_eq!(
            escape_invisible("ok \u{2764}\u{fe0f}"),
            "ok \u{2764}\u{fe0f}"
        );
    }

    #[test]
    fn lists_and_maps_flatten() {
        assert_eq!(cell_text(&json!(["MONDAY", "FRIDAY"])), "MONDAY;FRIDAY");
        assert_eq!(
            cell_text(&json!({"team": "a", "site": "b"})),
            "team=a;site=b"
        );
        assert_eq!(cell_text(&json!(null)), "");
    }
}
