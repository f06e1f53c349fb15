//! Thin Client software sets, and the software each one holds.

use aws_sdk_workspacesthinclient::types::{Software, SoftwareSet};
use serde_json::{Map, Value};

use crate::output::{Column, Resource, columns_get as get};

impl Resource for SoftwareSet {
    const KIND: &'static str = "software set";

    fn columns() -> &'static [Column<Self>] {
        COLUMNS
    }
}

/// The name of the column a `get` table shows as its own table instead.
pub const SOFTWARE_COLUMN: &str = "software";

const COLUMNS: &[Column<SoftwareSet>] = &[
    Column::new("id", |s: &SoftwareSet| get::text(s.id())).shown("ID"),
    Column::new("version", |s: &SoftwareSet| get::text(s.version())).shown("VERSION"),
    Column::new("releasedAt", |s: &SoftwareSet| get::time(s.released_at())).shown("RELEASED"),
    Column::new("supportedUntil", |s: &SoftwareSet| {
        get::time(s.supported_until())
    })
    .shown("SUPPORTED UNTIL"),
    Column::new("validationStatus", |s: &SoftwareSet| {
        get::enumeration(s.validation_status())
    })
    .shown("VALIDATION"),
    Column::new(SOFTWARE_COLUMN, |s: &SoftwareSet| {
        let items: Vec<Value> = s
            .software()
            .iter()
            .map(|software| {
                let mut item = Map::new();
                for (key, value) in [("name", software.name()), ("version", software.version())] {
                    if let Some(value) = value {
                        item.insert(key.to_owned(), Value::String(value.to_owned()));
                    }
                }
                Value::Object(item)
            })
            .collect();
        (!items.is_empty()).then_some(Value::Array(items))
    })
    .detail(),
    Column::new("arn", |s: &SoftwareSet| get::text(s.arn())),
];

impl Resource for Software {
    const KIND: &'static str = "software";

    fn columns() -> &'static [Column<Self>] {
        const SOFTWARE: &[Column<Software>] = &[
            Column::new("name", |s: &Software| get::text(s.name())).shown("SOFTWARE"),
            Column::new("version", |s: &Software| get::text(s.version())).shown("VERSION"),
        ];
        SOFTWARE
    }
}
