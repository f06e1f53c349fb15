//! Where a mutating verb's targets come from: IDs as arguments, or
//! `--ids-from FILE|-` holding one ID a line or the JSON/NDJSON that
//! `list -o json` wrote. A record that carries `region` and `account` (as
//! `list` writes when it reads several) says where its target lives; the
//! target is then changed there (see [`crate::scope::route`]).

use std::collections::HashMap;
use std::io::Read;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::journal::Resume;
use crate::error::{AppError, Result};
use crate::validate::printable;

/// Refuse to read more than this from `--ids-from`: a fleet's worth of IDs is
/// far smaller, and a wrong file should fail fast, not fill memory.
const MAX_IDS_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// IDs as arguments, or from a file; shared by every bulk verb.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct TargetArgs {
    /// Target IDs, comma-separated or repeated
    #[arg(value_name = "ID", value_delimiter = ',')]
    pub ids: Vec<String>,

    /// Read target IDs from FILE (`-` for stdin): one a line, or the JSON/NDJSON `list` printed
    #[arg(long, value_name = "FILE")]
    pub ids_from: Option<String>,
}

/// One target as named: its ID, and where it lives when the record said so.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Named {
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
}

impl Named {
    pub fn id(id: impl Into<String>) -> Named {
        Named {
            id: id.into(),
            ..Named::default()
        }
    }

    /// Says where it lives (a region or an account).
    pub fn is_placed(&self) -> bool {
        self.region.is_some() || self.account.is_some()
    }

    /// How an error names this target: the ID, and where it lives if told.
    pub fn describe(&self) -> String {
        match (&self.region, &self.account) {
            // An ARN says where it is itself.
            _ if self.id.starts_with("arn:") => self.id.clone(),
            (None, None) => self.id.clone(),
            (region, account) => {
                let place: Vec<&str> = [region.as_deref(), account.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect();
                format!("{} ({})", self.id, place.join(", "))
            }
        }
    }
}

impl TargetArgs {
    /// No targets named: no IDs, no `--ids-from`, and no `--resume`
    /// journal to take them from.
    pub fn is_empty(&self, resume: Option<&Resume>) -> bool {
        self.ids.is_empty() && self.ids_from.is_none() && resume.is_none()
    }

    /// The targets named on the command line, in `--ids-from` or (alone)
    /// by the `--resume` journal, each ID
    /// checked by `check`, duplicates dropped, in the order given, with
    /// where each record says its target lives (`region`, `account`): the
    /// same ID in two places is two targets. `id_keys` are the JSON member
    /// names that hold the ID (`id`, `WorkspaceId`).
    pub fn collect_named(
        &self,
        resume: Option<&Resume>,
        id_keys: &[&str],
        check: impl Fn(&str) -> Result<String>,
    ) -> Result<Vec<Named>> {
        let mut raw: Vec<Named> = self.ids.iter().map(Named::id).collect();
        // `--ids-from` naming the journal itself (as a resume with just the
        // verb adds it) reads the journal's targets.
        let from_journal = resume.filter(|r| {
            self.ids_from
                .as_deref()
                .is_some_and(|path| std::path::Path::new(path) == r.path)
        });
        // `--resume` alone: the journal names the targets.
        let named_here =
            !self.ids.is_empty() || (self.ids_from.is_some() && from_journal.is_none());
        if !named_here && let Some(resume) = resume {
            raw = resume.targets.iter().map(|t| t.named.clone()).collect();
        }
        if let Some(path) = self.ids_from.as_ref().filter(|_| from_journal.is_none()) {
            let text = read_source("--ids-from", path)?;
            let mut listed = parse_named(&text, id_keys, "--ids-from", path)?;
            named_in_file(&mut listed);
            // `list -o json` of an empty fleet is `[]`: a nightly pipeline
            // has nothing to do, which is not a mistake.
            if listed.is_empty() && raw.is_empty() {
                let source = if path == "-" { "stdin" } else { path };
                return Err(AppError::NothingToDo(format!(
                    "--ids-from {source} lists no IDs: nothing to do"
                )));
            }
            raw.extend(listed);
        }
        let mut seen = std::collections::HashSet::new();
        let mut targets = Vec::with_capacity(raw.len());
        for mut named in raw {
            named.id = check(named.id.trim())?;
            if seen.insert(named.clone()) {
                targets.push(named);
            }
        }
        if named_here && let Some(resume) = resume {
            same_targets_as_journal(&targets, resume)?;
        }
        Ok(targets)
    }
}

/// A resume that names its targets must name the journal's: one naming
/// others would change what the run never had, and one leaving some out
/// would drop them silently.
fn same_targets_as_journal(targets: &[Named], resume: &Resume) -> Result<()> {
    let named: std::collections::HashSet<&str> = targets.iter().map(|t| t.id.as_str()).collect();
    let journaled: std::collections::HashSet<&str> =
        resume.targets.iter().map(|t| t.named.id.as_str()).collect();
    let listed = |ids: Vec<&str>| {
        let shown: Vec<String> = ids.iter().take(5).map(|id| printable(id)).collect();
        let more = ids.len().saturating_sub(5);
        if more > 0 {
            format!("{} and {more} more", shown.join(", "))
        } else {
            shown.join(", ")
        }
    };
    let refuse = |difference: String| {
        AppError::usage(format!("--resume {}: {difference}", resume.path.display()))
            .with_hint("give just the verb with --resume FILE: the journal names the targets")
    };
    let unknown = targets.iter().map(|t| t.id.as_str());
    let left_out = resume.remaining().into_iter().map(|n| n.id.as_str());
    for (ids, known, difference) in [
        (
            unknown.collect::<Vec<_>>(),
            &journaled,
            "the command names targets the journal does not have",
        ),
        (
            left_out.collect(),
            &named,
            "the command leaves out targets the journal has not finished",
        ),
    ] {
        let missing: Vec<&str> = ids.into_iter().filter(|id| !known.contains(id)).collect();
        if !missing.is_empty() {
            return Err(refuse(format!("{difference}: {}", listed(missing))));
        }
    }
    Ok(())
}

/// `--ids-from` as it was read before the command ran, to find the names
/// in it (stdin can be read only once), and the ID each of those names
/// stands for (`resources::names::resolve`).
#[derive(Debug, Default)]
pub struct ReadAhead {
    pub path: String,
    pub text: String,
    pub ids_of_names: HashMap<String, String>,
}

static READ_AHEAD: Mutex<Option<ReadAhead>> = Mutex::new(None);

/// Hands the command `--ids-from` as read before it ran.
pub fn read_ahead(read: ReadAhead) {
    if let Ok(mut held) = READ_AHEAD.lock() {
        *held = Some(read);
    }
}

/// Each target of `--ids-from` given by a name, as the ID it names.
fn named_in_file(listed: &mut [Named]) {
    let Ok(held) = READ_AHEAD.lock() else {
        return;
    };
    let Some(read) = held.as_ref() else {
        return;
    };
    for named in listed {
        if let Some(id) = read.ids_of_names.get(named.id.trim()) {
            named.id.clone_from(id);
        }
    }
}

/// The text of `path` (`-`: stdin) given to `flag`, checked to be text of
/// a size a list of IDs has.
pub fn read_source(flag: &str, path: &str) -> Result<String> {
    if flag == "--ids-from" {
        let held = READ_AHEAD.lock().ok();
        if let Some(read) = held
            .as_ref()
            .and_then(|h| h.as_ref())
            .filter(|r| r.path == path)
        {
            return Ok(read.text.clone());
        }
    }
    let mut bytes = Vec::new();
    let read = if path == "-" {
        std::io::stdin()
            .take(MAX_IDS_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path)
            .and_then(|f| f.take(MAX_IDS_FILE_BYTES + 1).read_to_end(&mut bytes))
    };
    let source = format!("{flag} {}", if path == "-" { "stdin" } else { path });
    read.map_err(|e| AppError::usage(format!("{source}: cannot read: {e}")))?;
    if bytes.len() as u64 > MAX_IDS_FILE_BYTES {
        return Err(AppError::usage(format!(
            "{source}: larger than {} MiB; not a list of IDs",
            MAX_IDS_FILE_BYTES / 1024 / 1024
        )));
    }
    if bytes.contains(&0) {
        return Err(AppError::usage(format!(
            "{source}: binary data, not a list of IDs"
        )));
    }
    // A byte order mark, as some editors write, is not part of the first ID.
    let text = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&bytes);
    String::from_utf8(text.to_vec())
        .map_err(|_| AppError::usage(format!("{source}: not UTF-8 text")))
}

/// One ID a line (blank lines and `#` comments skipped), a JSON array of IDs
/// or objects, or NDJSON objects, whose `region` and `account` members are
/// kept, checked.
pub fn parse_named(text: &str, id_keys: &[&str], flag: &str, path: &str) -> Result<Vec<Named>> {
    let source = format!("{flag} {}", if path == "-" { "stdin" } else { path });
    let source = source.as_str();
    let trimmed = text.trim_start();
    let targets = if trimmed.starts_with('[') {
        let value: Value = serde_json::from_str(trimmed)
            .map_err(|e| AppError::usage(format!("{source}: invalid JSON: {e}")))?;
        let Value::Array(items) = value else {
            return Err(AppError::usage(format!("{source}: expected a JSON array")));
        };
        items
            .iter()
            .enumerate()
            .map(|(i, item)| named_of(item, id_keys, source, i + 1))
            .collect::<Result<Vec<_>>>()?
    } else if trimmed.starts_with('{') {
        text.lines()
            .enumerate()
            .filter(|(_, line)| !line.trim().is_empty())
            .map(|(i, line)| {
                let item: Value = serde_json::from_str(line).map_err(|e| {
                    AppError::usage(format!("{source}: line {}: invalid JSON: {e}", i + 1))
                })?;
                named_of(&item, id_keys, source, i + 1)
            })
            .collect::<Result<Vec<_>>>()?
    } else if let Some(header) = csv_header(text, id_keys) {
        named_of_csv(text, &header, id_keys, source)?
    } else {
        text.lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
            .map(Named::id)
            .collect()
    };
    Ok(targets)
}

/// The header of the CSV `list -o csv` writes, when `text` starts with one:
/// a comma-separated first line naming an ID column. An ID never holds a
/// comma, so a list of IDs is never taken for CSV.
fn csv_header(text: &str, id_keys: &[&str]) -> Option<Vec<String>> {
    let first = text.lines().find(|line| !line.trim().is_empty())?;
    if !first.contains(',') {
        return None;
    }
    let header: Vec<String> = first.split(',').map(|h| h.trim().to_owned()).collect();
    header
        .iter()
        .any(|h| id_keys.contains(&h.as_str()))
        .then_some(header)
}

/// The rows of the tool's own CSV: the ID column, and `region` and
/// `account` where the rows carry them.
fn named_of_csv(
    text: &str,
    header: &[String],
    id_keys: &[&str],
    source: &str,
) -> Result<Vec<Named>> {
    let column = |name: &str| header.iter().position(|h| h == name);
    let Some(id_at) = id_keys.iter().find_map(|key| column(key)) else {
        return Ok(Vec::new());
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut targets = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record
            .map_err(|e| AppError::usage(format!("{source}: row {}: invalid CSV: {e}", i + 1)))?;
        let field = |at: Option<usize>| {
            at.and_then(|at| record.get(at))
                .map(str::trim)
                .filter(|f| !f.is_empty())
        };
        let Some(id) = field(Some(id_at)) else {
            continue;
        };
        let checked = |text: Option<&str>, check: fn(&str) -> Result<String>| {
            text.map(check)
                .transpose()
                .map_err(|e| AppError::usage(format!("{source}: row {}: {e}", i + 1)))
        };
        targets.push(Named {
            id: id.to_owned(),
            region: checked(field(column("region")), crate::validate::region)?,
            account: checked(field(column("account")), crate::validate::account_id)?,
        });
    }
    Ok(targets)
}

fn named_of(item: &Value, id_keys: &[&str], source: &str, position: usize) -> Result<Named> {
    let map = match item {
        Value::String(id) => return Ok(Named::id(id.clone())),
        Value::Object(map) => map,
        other => {
            return Err(AppError::usage(format!(
                "{source}: item {position} is not an ID: {}",
                printable(&other.to_string())
            )));
        }
    };
    let id = id_keys
        .iter()
        .find_map(|key| map.get(*key).and_then(Value::as_str))
        .ok_or_else(|| {
            AppError::usage(format!(
                "{source}: item {position} has no {} field",
                id_keys.join(" or ")
            ))
        })?;
    let text_field = |key: &str, check: fn(&str) -> Result<String>| -> Result<Option<String>> {
        match map.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(text)) => check(text)
                .map(Some)
                .map_err(|e| AppError::usage(format!("{source}: item {position}: {e}"))),
            Some(other) => Err(AppError::usage(format!(
                "{source}: item {position}: {key} is not text: {}",
                printable(&other.to_string())
            ))),
        }
    };
    Ok(Named {
        id: id.to_owned(),
        region: text_field("region", crate::validate::region)?,
        account: text_field("account", crate::validate::account_id)?,
    })
}

#[cfg(test)]
fn parse_ids(text: &str, id_keys: &[&str], source: &str) -> Result<Vec<String>> {
    Ok(parse_named(text, id_keys, "--ids-from", source)?
        .into_iter()
        .map(|named| named.id)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEYS: &[&str] = &["id"];

    #[test]
    fn lines_json_and_ndjson_are_read() {
        assert_eq!(
            parse_ids("a\n\n# note\n b \n", KEYS, "f").unwrap(),
            ["a", "b"]
        );
        assert_eq!(
            parse_ids(r#"[{"id":"a","name":"x"},"b"]"#, KEYS, "f").unwrap(),
            ["a", "b"]
        );
        assert_eq!(
            parse_ids("{\"id\":\"a\"}\n{\"id\":\"b\"}\n", KEYS, "f").unwrap(),
            ["a", "b"]
        );
    }

    #[test]
    fn the_tools_own_empty_output_lists_nothing() {
        for empty in ["", "[]\n", "\n", "id,name,status\n"] {
            assert!(parse_ids(empty, KEYS, "f").unwrap().is_empty(), "{empty:?}");
        }
    }

    #[test]
    fn the_tools_own_csv_is_read_by_its_id_column() {
        let csv = "region,account,id,name\neu-west-1,123456789012,a,\"Desk, 1\"\n,,b,\n";
        let named = parse_named(csv, KEYS, "--ids-from", "f").unwrap();
        assert_eq!(named.len(), 2);
        assert_eq!(named[0].id, "a");
        assert_eq!(named[0].region.as_deref(), Some("eu-west-1"));
        assert_eq!(named[0].account.as_deref(), Some("123456789012"));
        assert_eq!(
            (named[1].id.as_str(), named[1].region.as_deref()),
            ("b", None)
        );
    }

    #[test]
    fn bad_files_are_usage_errors_naming_the_problem() {
        for (text, expected) in [
            ("[{\"id\":\"a\"}", "invalid JSON"),
            ("[{\"name\":\"a\"}]", "has no id field"),
            ("{\"id\":\"a\"}\n{oops\n", "line 2: invalid JSON"),
            ("[1]", "is not an ID"),
        ] {
            let err = parse_ids(text, KEYS, "f").unwrap_err();
            assert_eq!(err.exit_code(), 2);
            assert!(err.to_string().contains(expected), "{text}: {err}");
        }
    }

    #[test]
    fn records_say_where_their_targets_live() {
        let text = concat!(
            r#"{"id":"a","region":"eu-west-1","account":"222222222222"}"#,
            "\n",
            r#"{"id":"a","region":"us-east-1","account":"111111111111"}"#,
            "\n",
            r#"{"id":"b"}"#,
            "\n"
        );
        let named = parse_named(text, KEYS, "--ids-from", "f").unwrap();
        assert_eq!(named[0].region.as_deref(), Some("eu-west-1"));
        assert_eq!(named[1].account.as_deref(), Some("111111111111"));
        assert!(!named[2].is_placed());
        assert_eq!(named[0].describe(), "a (eu-west-1, 222222222222)");
        for (bad, expected) in [
            (
                r#"[{"id":"a","region":"eu west"}]"#,
                "item 1: invalid region",
            ),
            (r#"[{"id":"a","account":"12"}]"#, "item 1: invalid account"),
            (r#"[{"id":"a","region":7}]"#, "region is not text"),
        ] {
            let err = parse_named(bad, KEYS, "--ids-from", "f").unwrap_err();
            assert_eq!(err.exit_code(), 2);
            assert!(err.to_string().contains(expected), "{bad}: {err}");
        }
    }

    #[test]
    fn ids_are_checked_and_deduplicated_in_order() {
        let args = TargetArgs {
            ids: vec!["b".into(), "a".into(), "b".into()],
            ids_from: None,
        };
        let ids: Vec<String> = args
            .collect_named(None, KEYS, |id| Ok(id.to_owned()))
            .unwrap()
            .into_iter()
            .map(|n| n.id)
            .collect();
        assert_eq!(ids, ["b", "a"]);
        let err = args
            .collect_named(None, KEYS, |id| Err(AppError::usage(format!("bad {id}"))))
            .unwrap_err();
        assert_eq!(err.to_string(), "bad b");
    }
}

#[cfg(test)]
mod proptests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn no_input_panics(text in "\\PC*", json_ish in "[\\[\\]{}\",:a-z0-9 \n]{0,60}") {
            let _ = parse_ids(&text, &["id"], "-");
            let _ = parse_ids(&json_ish, &["id", "WorkspaceId"], "f");
        }

        #[test]
        fn ids_round_trip_in_every_accepted_shape(
            ids in proptest::collection::vec("[A-Za-z0-9-]{1,30}", 1..40)
        ) {
            let objects: Vec<Value> = ids.iter().map(|id| serde_json::json!({"id": id, "name": "x"})).collect();
            let shapes = [
                ids.join("\n"),
                format!("# exported\n{}\n", ids.join("\n\n")),
                Value::from(ids.clone()).to_string(),
                Value::from(objects.clone()).to_string(),
                objects.iter().map(Value::to_string).collect::<Vec<_>>().join("\n"),
            ];
            for text in shapes {
                prop_assert_eq!(parse_ids(&text, &["id"], "f").unwrap(), ids.clone());
            }
        }
    }
}
