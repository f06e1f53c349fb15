//! A resource's tags: one row a tag in tables and CSV; the API's own
//! `{"tags": {...}}` object in JSON.

use std::collections::HashMap;

use crate::output::{Column, Resource, columns_get as get};

pub struct Tag {
    pub key: String,
    pub value: String,
}

impl Resource for Tag {
    const KIND: &'static str = "tag";

    fn columns() -> &'static [Column<Self>] {
        const COLUMNS: &[Column<Tag>] = &[
            Column::new("key", |t: &Tag| get::text(Some(&t.key))).shown("KEY"),
            Column::new("value", |t: &Tag| get::text(Some(&t.value))).shown("VALUE"),
        ];
        COLUMNS
    }
}

/// ListTagsForResource's answer.
pub struct ResourceTags {
    pub tags: HashMap<String, String>,
}

impl Resource for ResourceTags {
    const KIND: &'static str = "tags";

    fn columns() -> &'static [Column<Self>] {
        const COLUMNS: &[Column<ResourceTags>] = &[Column::new("tags", |t: &ResourceTags| {
            get::map(Some(sorted(&t.tags)))
        })];
        COLUMNS
    }
}

/// Tags by key, so every listing of the same tags reads the same.
pub fn sorted(tags: &HashMap<String, String>) -> Vec<(&String, &String)> {
    let mut entries: Vec<_> = tags.iter().collect();
    entries.sort();
    entries
}
