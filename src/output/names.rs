//! What a table shows for an ID of another kind: its name. The names are
//! looked up elsewhere (`resources::names`), once a kind a run; here they
//! are only drawn, so JSON, NDJSON and CSV keep the API's own IDs.

use std::collections::{BTreeSet, HashMap};

/// An ID a table would show, and the kinds (command groups) it may be of.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Referred {
    pub kinds: &'static [&'static str],
    pub id: String,
}

/// The IDs in `cells` of the columns that refer to other kinds, each once.
/// A cell holding a list (`a;b`) holds several.
pub fn referred_in<'a>(
    refers: &[&'static [&'static str]],
    rows: impl IntoIterator<Item = &'a Vec<String>>,
) -> BTreeSet<Referred> {
    let mut found = BTreeSet::new();
    for row in rows {
        for (kinds, cell) in refers.iter().zip(row) {
            if kinds.is_empty() {
                continue;
            }
            for id in cell.split(';').filter(|id| !id.is_empty()) {
                found.insert(Referred {
                    kinds,
                    id: id.to_owned(),
                });
            }
        }
    }
    found
}

/// The names of IDs, as a lookup found them.
#[derive(Debug, Default, Clone)]
pub struct Names {
    by_id: HashMap<String, Name>,
}

#[derive(Debug, Clone)]
struct Name {
    name: String,
    /// Another of its kind has the same name: the name alone would not say which.
    shared: bool,
}

impl Names {
    pub fn insert(&mut self, id: &str, name: &str, shared: bool) {
        self.by_id.insert(
            id.to_owned(),
            Name {
                name: name.to_owned(),
                shared,
            },
        );
    }

    pub fn name_of(&self, id: &str) -> Option<&str> {
        self.by_id.get(id).map(|n| n.name.as_str())
    }

    /// A list's cell: the name, or `name (id)` when the name is not
    /// unique; the ID itself when it has no name.
    pub fn brief(&self, id: &str) -> String {
        match self.by_id.get(id) {
            Some(found) if !found.shared => found.name.clone(),
            Some(found) => format!("{} ({id})", found.name),
            None => id.to_owned(),
        }
    }

    /// A detail view has room for both: `name (id)`.
    pub fn full(&self, id: &str) -> String {
        match self.by_id.get(id) {
            Some(found) => format!("{} ({id})", found.name),
            None => id.to_owned(),
        }
    }

    /// The cells of the referring columns with each ID shown as
    /// `show` says (lists element by element).
    pub fn rename_cells(
        &self,
        refers: &[&'static [&'static str]],
        row: &mut [String],
        show: fn(&Names, &str) -> String,
    ) {
        for (kinds, cell) in refers.iter().zip(row.iter_mut()) {
            if kinds.is_empty() || cell.is_empty() {
                continue;
            }
            *cell = cell
                .split(';')
                .map(|id| show(self, id))
                .collect::<Vec<_>>()
                .join(";");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shared_name_keeps_its_id_and_an_unknown_id_stays() {
        let mut names = Names::default();
        names.insert("abc123xyz", "Retail Kiosks", false);
        names.insert("def456uvw", "Lobby", true);
        assert_eq!(names.brief("abc123xyz"), "Retail Kiosks");
        assert_eq!(names.brief("def456uvw"), "Lobby (def456uvw)");
        assert_eq!(names.full("abc123xyz"), "Retail Kiosks (abc123xyz)");
        assert_eq!(names.brief("zzz"), "zzz");
        let refers: Vec<&'static [&'static str]> = vec![&[], &["environments"]];
        let mut row = vec!["abc123xyz".to_owned(), "abc123xyz;zzz".to_owned()];
        names.rename_cells(&refers, &mut row, Names::brief);
        assert_eq!(row, ["abc123xyz", "Retail Kiosks;zzz"]);
        let wanted = referred_in(&refers, [&row]);
        assert_eq!(wanted.len(), 2);
    }
}
