//! Column declarations: each resource names its fields once (API name, table
//! header, getter, shown by default or not) and every format is rendered
//! from that list.

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Map, Value};

use super::fit::Give;
use crate::error::{AppError, Result};
use crate::scope::Place;

/// One field of a resource. `name` is the API's member name, dotted for
/// nested members (`maintenanceWindow.type`); JSON output nests by the dots.
pub struct Column<T> {
    pub name: &'static str,
    /// Table header; the name when not given.
    pub header: Option<&'static str>,
    /// Shown in a table when `--columns` is not given.
    pub default: bool,
    /// Only the detail call (e.g. GetDevice) returns it: asking for it in a
    /// `list` makes the list fetch each item's details.
    pub detail: bool,
    /// Kept in a table that must fit a narrow terminal while any column
    /// that is not essential can be left out (the first column, a state or
    /// a status are essential without saying so).
    pub essential: bool,
    /// The command groups of the kinds whose IDs it holds (`environments`):
    /// a table shows each by its name. Several when the kind varies by row
    /// (an association's resource); the ID's shape tells which.
    pub refers: &'static [&'static str],
    pub get: fn(&T) -> Option<Value>,
}

impl<T> Column<T> {
    pub const fn new(name: &'static str, get: fn(&T) -> Option<Value>) -> Self {
        Column {
            name,
            header: None,
            default: false,
            detail: false,
            essential: false,
            refers: &[],
            get,
        }
    }

    /// Holds IDs of these kinds (their command groups): a table shows the
    /// name, while `--columns`, JSON and CSV keep the API's ID.
    pub const fn refers_to(mut self, kinds: &'static [&'static str]) -> Self {
        self.refers = kinds;
        self
    }

    /// Shown by default in tables, under this header.
    pub const fn shown(mut self, header: &'static str) -> Self {
        self.header = Some(header);
        self.default = true;
        self
    }

    pub const fn detail(mut self) -> Self {
        self.detail = true;
        self
    }

    /// Kept when a table is cut to fit the terminal (see [`Give`]).
    pub const fn essential(mut self) -> Self {
        self.essential = true;
        self
    }

    /// The declared header, else the name in words
    /// (`maintenanceWindow.startTimeHour` reads `MAINTENANCE WINDOW START TIME HOUR`).
    pub fn header(&self) -> String {
        match self.header {
            Some(header) => header.to_owned(),
            None => header_words(self.name),
        }
    }
}

/// A field name as a table header: words split at each capital and dot,
/// in capitals (`lastConnectedAt` reads `LAST CONNECTED AT`).
pub fn header_words(name: &str) -> String {
    let mut text = String::with_capacity(name.len() + 4);
    let mut previous_lower = false;
    for c in name.chars() {
        if c == '.' || c == '_' {
            text.push(' ');
            previous_lower = false;
            continue;
        }
        if c.is_uppercase() && previous_lower {
            text.push(' ');
        }
        previous_lower = c.is_lowercase() || c.is_ascii_digit();
        text.push(c);
    }
    text.to_uppercase()
}

/// A kind of thing wsfleet lists: its columns, declared once.
pub trait Resource: Sized + 'static {
    /// Singular, for messages ("device").
    const KIND: &'static str;
    fn columns() -> &'static [Column<Self>];
}

/// Whether a command lists many items or shows one in full.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// A `list`: tables show the default columns; detail-only columns are
    /// available only when `details` is set.
    List { details: bool },
    /// A `get`: every column.
    Detail,
}

/// The columns a command will render, chosen from `--columns` or the view.
pub struct Selection<T: 'static> {
    pub columns: Vec<&'static Column<T>>,
    /// Rows carry the region and account they came from (several regions or
    /// accounts at once, or `--columns region,account`).
    pub located: bool,
    /// The columns are the view's own, not `--columns`: a table shows the
    /// names of the IDs of other kinds. Columns asked for by their API
    /// names show what those names say: the IDs.
    pub named: bool,
}

// By hand: a derive would ask `T: Clone`, and only references to columns are copied.
impl<T: 'static> Clone for Selection<T> {
    fn clone(&self) -> Self {
        Selection {
            columns: self.columns.clone(),
            located: self.located,
            named: self.named,
        }
    }
}

/// The location columns' names, which come first when rows are located.
pub const LOCATION_COLUMNS: [&str; 2] = ["region", "account"];

impl<T: Resource> Selection<T> {
    /// Resolves `--columns` (case-insensitive API names) against the
    /// resource's declaration. An unknown name is a usage error listing the
    /// valid ones, raised before any request is sent.
    pub fn resolve(requested: Option<&[String]>, view: View, table: bool) -> Result<Self> {
        let all = T::columns();
        let Some(requested) = requested else {
            let columns = all
                .iter()
                .filter(|c| match view {
                    View::Detail => true,
                    View::List { details } => {
                        if table {
                            c.default && (details || !c.detail)
                        } else {
                            details || !c.detail
                        }
                    }
                })
                .collect();
            return Ok(Selection {
                columns,
                located: false,
                named: true,
            });
        };
        let mut columns = Vec::new();
        let mut located = false;
        for name in requested.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
            if LOCATION_COLUMNS
                .iter()
                .any(|l| l.eq_ignore_ascii_case(name))
                && !all.iter().any(|c| c.name.eq_ignore_ascii_case(name))
            {
                located = true;
                continue;
            }
            let found = all.iter().find(|c| c.name.eq_ignore_ascii_case(name));
            // A parent name (`maintenanceWindow`) stands for all its members.
            let children: Vec<_> = all
                .iter()
                .filter(|c| {
                    c.name.len() > name.len()
                        && c.name.as_bytes()[name.len()] == b'.'
                        && c.name[..name.len()].eq_ignore_ascii_case(name)
                })
                .collect();
            match (found, children.is_empty()) {
                (Some(column), _) => columns.push(column),
                (None, false) => columns.extend(children),
                (None, true) => {
                    let valid: Vec<_> =
                        all.iter().map(|c| c.name).chain(LOCATION_COLUMNS).collect();
                    return Err(AppError::usage(format!(
                        "unknown column '{name}' for {}; valid columns: {}",
                        T::KIND,
                        valid.join(", ")
                    )));
                }
            }
        }
        if columns.is_empty() && !located {
            return Err(AppError::usage("--columns names no column"));
        }
        Ok(Selection {
            columns,
            located,
            named: false,
        })
    }
}

impl<T: 'static> Selection<T> {
    /// Some chosen column is returned only by the detail call.
    pub fn needs_details(&self) -> bool {
        self.columns.iter().any(|c| c.detail)
    }

    /// The item as a JSON object with the API's member names, nested by the
    /// dots, absent fields omitted.
    pub fn to_json(&self, item: &T, place: Option<&Place>) -> Value {
        let mut root = Map::new();
        if let Some(place) = place.filter(|_| self.located) {
            root.insert("region".to_owned(), Value::from(place.region.clone()));
            root.insert("account".to_owned(), Value::from(place.account.clone()));
        }
        for column in &self.columns {
            if let Some(value) = (column.get)(item) {
                insert_dotted(&mut root, column.name, value);
            }
        }
        Value::Object(root)
    }

    /// Whether [`Selection::flat_json`] writes the object [`Selection::to_json`]
    /// builds: no dotted (nested) name, and no name twice, the location
    /// columns' included.
    pub fn is_flat(&self) -> bool {
        let mut names: Vec<&str> = LOCATION_COLUMNS.to_vec();
        self.columns.iter().all(|column| {
            let fresh = !column.name.contains('.') && !names.contains(&column.name);
            names.push(column.name);
            fresh
        })
    }

    /// The object [`Selection::to_json`] builds, serialized as the getters
    /// give its values: no map of owned keys made and dropped for each row of
    /// a streamed list. Only for a selection that [`Selection::is_flat`].
    pub fn flat_json<'a>(&'a self, item: &'a T, place: Option<&'a Place>) -> FlatJson<'a, T> {
        FlatJson {
            selection: self,
            item,
            place,
        }
    }

    /// The item's cells in column order (`None` where the field is absent).
    pub fn values(&self, item: &T, place: Option<&Place>) -> Vec<Option<Value>> {
        let mut values = Vec::with_capacity(self.columns.len() + 2);
        if self.located {
            values.push(place.map(|p| Value::from(p.region.clone())));
            values.push(place.map(|p| Value::from(p.account.clone())));
        }
        values.extend(self.columns.iter().map(|c| (c.get)(item)));
        values
    }

    /// The kinds each cell holds IDs of, in the order of [`Selection::values`]
    /// (empty for a cell of plain data, and for every cell under `--columns`).
    pub fn refers(&self) -> Vec<&'static [&'static str]> {
        let location = if self.located { 2 } else { 0 };
        (0..location)
            .map(|_| &[][..])
            .chain(
                self.columns
                    .iter()
                    .map(|c| if self.named { c.refers } else { &[] }),
            )
            .collect()
    }

    /// Column names in order, the location ones first when rows are located.
    pub fn names(&self) -> Vec<&'static str> {
        let location = if self.located {
            &LOCATION_COLUMNS[..]
        } else {
            &[]
        };
        location
            .iter()
            .copied()
            .chain(self.columns.iter().map(|c| c.name))
            .collect()
    }

    /// Table headers in order.
    pub fn headers(&self) -> Vec<String> {
        let location = if self.located {
            &["REGION", "ACCOUNT"][..]
        } else {
            &[]
        };
        location
            .iter()
            .map(|h| (*h).to_owned())
            .chain(self.columns.iter().map(|c| c.header()))
            .collect()
    }

    /// How each column gives way in a table too wide for the terminal, in
    /// the order of [`Selection::headers`]. The region and account stay
    /// whole but are not essential.
    pub fn gives(&self) -> Vec<Give> {
        let location = if self.located { 2 } else { 0 };
        (0..location)
            .map(|_| Give::default())
            .chain(self.columns.iter().enumerate().map(|(i, c)| {
                let give = Give::by_name(c.name, i == 0);
                Give {
                    essential: give.essential || c.essential,
                    ..give
                }
            }))
            .collect()
    }
}

/// An item as a flat JSON object (see [`Selection::flat_json`]).
pub struct FlatJson<'a, T: 'static> {
    selection: &'a Selection<T>,
    item: &'a T,
    place: Option<&'a Place>,
}

impl<T: 'static> Serialize for FlatJson<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        if let Some(place) = self.place.filter(|_| self.selection.located) {
            map.serialize_entry("region", &place.region)?;
            map.serialize_entry("account", &place.account)?;
        }
        for column in &self.selection.columns {
            if let Some(value) = (column.get)(self.item) {
                map.serialize_entry(column.name, &value)?;
            }
        }
        map.end()
    }
}

fn insert_dotted(root: &mut Map<String, Value>, name: &str, value: Value) {
    match name.split_once('.') {
        None => {
            root.insert(name.to_owned(), value);
        }
        Some((head, rest)) => {
            let child = root
                .entry(head.to_owned())
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(map) = child {
                insert_dotted(map, rest, value);
            }
        }
    }
}

/// Getters' small helpers: each turns an SDK accessor's result into a JSON value.
pub mod get {
    use aws_smithy_types::DateTime;
    use aws_smithy_types::date_time::Format;
    use serde_json::Value;

    pub fn text(s: Option<&str>) -> Option<Value> {
        s.map(|s| Value::String(s.to_owned()))
    }

    /// RFC 3339 UTC, as the output contract promises.
    pub fn time(t: Option<&DateTime>) -> Option<Value> {
        t.and_then(|t| t.fmt(Format::DateTime).ok())
            .map(Value::String)
    }

    pub fn int(n: Option<i32>) -> Option<Value> {
        n.map(Value::from)
    }

    pub fn boolean(b: Option<bool>) -> Option<Value> {
        b.map(Value::Bool)
    }

    /// An SDK enum, by the value the API uses.
    pub fn enumeration<E: AsRef<str>>(e: Option<&E>) -> Option<Value> {
        e.map(|e| Value::String(e.as_ref().to_owned()))
    }

    pub fn list<I, S>(items: I) -> Option<Value>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let items: Vec<Value> = items
            .into_iter()
            .map(|s| Value::String(s.as_ref().to_owned()))
            .collect();
        (!items.is_empty()).then_some(Value::Array(items))
    }

    pub fn map<'a, I>(entries: Option<I>) -> Option<Value>
    where
        I: IntoIterator<Item = (&'a String, &'a String)>,
    {
        entries.map(|entries| {
            Value::Object(
                entries
                    .into_iter()
                    .map(|(k, v)| (k.clone(), Value::String(v.clone())))
                    .collect(),
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    struct Thing {
        id: &'static str,
        kind: &'static str,
        secret: Option<&'static str>,
    }

    impl Resource for Thing {
        const KIND: &'static str = "thing";
        fn columns() -> &'static [Column<Self>] {
            const COLUMNS: &[Column<Thing>] = &[
                Column::new("id", |t: &Thing| get::text(Some(t.id))).shown("ID"),
                Column::new("window.type", |t: &Thing| get::text(Some(t.kind))),
                Column::new("window.hidden", |t: &Thing| get::text(t.secret)).detail(),
            ];
            COLUMNS
        }
    }

    const THING: Thing = Thing {
        id: "t-1",
        kind: "CUSTOM",
        secret: None,
    };

    #[test]
    fn dotted_names_nest_and_absent_fields_are_omitted() {
        let selection = Selection::<Thing>::resolve(None, View::Detail, false).unwrap();
        assert_eq!(
            selection.to_json(&THING, None),
            json!({"id": "t-1", "window": {"type": "CUSTOM"}})
        );
    }

    #[test]
    fn a_flat_selection_serializes_as_its_json_object_and_a_nested_one_is_not_flat() {
        let nested = Selection::<Thing>::resolve(None, View::Detail, false).unwrap();
        assert!(!nested.is_flat());
        let requested = vec!["id".to_owned()];
        let mut flat = Selection::<Thing>::resolve(Some(&requested), View::Detail, false).unwrap();
        assert!(flat.is_flat());
        let place = Place {
            region: "eu-west-1".to_owned(),
            account: "111122223333".to_owned(),
        };
        for located in [false, true] {
            flat.located = located;
            let streamed = serde_json::to_string(&flat.flat_json(&THING, Some(&place))).unwrap();
            assert_eq!(streamed, flat.to_json(&THING, Some(&place)).to_string());
        }
        assert_eq!(
            serde_json::to_string(&flat.flat_json(&THING, Some(&place))).unwrap(),
            r#"{"region":"eu-west-1","account":"111122223333","id":"t-1"}"#
        );
        // The same name twice would be a key twice: the map keeps one.
        let twice = vec!["id".to_owned(), "ID".to_owned()];
        let twice = Selection::<Thing>::resolve(Some(&twice), View::Detail, false).unwrap();
        assert!(!twice.is_flat());
    }

    #[test]
    fn columns_resolve_case_insensitively_by_parent_or_leaf() {
        let requested = vec!["WINDOW.TYPE".to_owned(), "Id".to_owned()];
        let selection =
            Selection::<Thing>::resolve(Some(&requested), View::List { details: false }, true)
                .unwrap();
        let names: Vec<_> = selection.columns.iter().map(|c| c.name).collect();
        assert_eq!(names, ["window.type", "id"]);

        let parent = vec!["window".to_owned()];
        let selection =
            Selection::<Thing>::resolve(Some(&parent), View::List { details: false }, true)
                .unwrap();
        assert!(selection.needs_details());
        assert_eq!(selection.columns.len(), 2);
    }

    #[test]
    fn undeclared_headers_are_the_name_in_words() {
        assert_eq!(header_words("lastConnectedAt"), "LAST CONNECTED AT");
        assert_eq!(
            header_words("maintenanceWindow.startTimeHour"),
            "MAINTENANCE WINDOW START TIME HOUR"
        );
        assert_eq!(
            header_words("WorkspaceProperties.RunningMode"),
            "WORKSPACE PROPERTIES RUNNING MODE"
        );
    }

    #[test]
    fn unknown_column_lists_the_valid_ones() {
        let requested = vec!["nope".to_owned()];
        let Err(AppError::Usage(message)) =
            Selection::<Thing>::resolve(Some(&requested), View::Detail, true)
        else {
            panic!("expected a usage error");
        };
        assert!(message.contains("unknown column 'nope'"), "{message}");
        assert!(
            message.contains("id, window.type, window.hidden"),
            "{message}"
        );
    }

    #[test]
    fn list_views_hide_detail_columns_unless_asked() {
        let plain =
            Selection::<Thing>::resolve(None, View::List { details: false }, false).unwrap();
        assert!(!plain.needs_details());
        let table = Selection::<Thing>::resolve(None, View::List { details: false }, true).unwrap();
        assert_eq!(table.columns.len(), 1);
        let details =
            Selection::<Thing>::resolve(None, View::List { details: true }, false).unwrap();
        assert!(details.needs_details());
    }
}
