//! Names for IDs, both ways, in one place keyed by the registry's kinds:
//! the names a table shows for the IDs it holds (one listing a kind a run,
//! only of the kinds a shown column needs), and the IDs a name given for
//! a target or a flag stands for.

use std::collections::{BTreeSet, HashMap};

use super::{KINDS, Kind, label_pages};
use crate::api::workspaces as ws;
use crate::complete::Entry;
use crate::context::Context;
use crate::error::Result;
use crate::output::{ItemWriter, ListWriter, Names, Printer, Referred};
use crate::scope::Session;

/// Writes one item (a `get`); a table shows the IDs of other kinds it
/// holds with their names.
pub async fn write_one<T>(ctx: &Context, writer: ItemWriter<'_, T>, item: &T) -> Result<()> {
    let wanted = writer.referred(item);
    if wanted.is_empty() {
        return writer.write(item);
    }
    let mut names = Names::default();
    look_up(ctx.session().await?, &ctx.printer, &wanted, &mut names).await;
    writer.show_names(names).write(item)
}

/// A table shows the names of the IDs of other kinds it holds, looked up
/// in each place listed (nothing is asked for JSON, NDJSON or CSV).
pub async fn show_names<T, W: std::io::Write>(
    printer: &Printer,
    writer: &mut ListWriter<'_, T, W>,
    sessions: &[Session],
) {
    let wanted = writer.referred();
    if wanted.is_empty() {
        return;
    }
    let mut names = Names::default();
    for session in sessions {
        look_up(session, printer, &wanted, &mut names).await;
    }
    writer.show_names(&names);
}

/// The kind an ID is of: the first of `kinds` whose ID pattern it matches.
fn kind_of(referred: &Referred) -> Option<&'static Kind> {
    referred
        .kinds
        .iter()
        .filter_map(|plural| Kind::of_group(plural))
        .find(|kind| (kind.id.valid)(&referred.id))
}

/// Adds to `names` the names of the `wanted` IDs that `session`'s place
/// holds: one listing of each kind wanted. A listing that fails leaves
/// its IDs bare with a one-line warning; it never fails the command.
pub async fn look_up(
    session: &Session,
    printer: &Printer,
    wanted: &BTreeSet<Referred>,
    names: &mut Names,
) {
    let mut by_kind: HashMap<&'static str, BTreeSet<&str>> = HashMap::new();
    for referred in wanted {
        if names.name_of(&referred.id).is_some() {
            continue;
        }
        if let Some(kind) = kind_of(referred) {
            by_kind.entry(kind.plural).or_default().insert(&referred.id);
        }
    }
    // In the registry's order, so the requests come in the same order each run.
    for kind in KINDS.iter().copied() {
        let Some(ids) = by_kind.get(kind.plural) else {
            continue;
        };
        match entries(session, kind, ids).await {
            Ok(entries) => add_names(names, &entries),
            Err(err) => printer.note(format!(
                "warning: could not look up {} names, showing IDs: {}",
                kind.singular,
                err.message().lines().next().unwrap_or_default()
            )),
        }
    }
}

/// Every item of `kind` with what a person knows it by. Bundles: Amazon's
/// are listed only when the account's own do not hold every ID wanted.
async fn entries(session: &Session, kind: &Kind, ids: &BTreeSet<&str>) -> Result<Vec<Entry>> {
    let mut found = Vec::new();
    if kind.plural != super::BUNDLES.plural {
        (kind.labels)(session, &mut found).await?;
        return Ok(found);
    }
    for owner in [None, Some("AMAZON")] {
        let pages = ws::bundles(session.workspaces(), owner);
        label_pages(pages, &mut found, |b| Entry::new(b.bundle_id(), [b.name()])).await?;
        if ids.iter().all(|id| found.iter().any(|e| e.id() == *id)) {
            break;
        }
    }
    Ok(found)
}

/// Each entry's name (its first label), marked shared where two of the
/// kind have it.
pub fn add_names(names: &mut Names, entries: &[Entry]) {
    let mut count: HashMap<&str, usize> = HashMap::new();
    for entry in entries {
        if let Some(name) = entry.parts().first() {
            *count.entry(name).or_default() += 1;
        }
    }
    for entry in entries {
        if let Some(name) = entry.parts().first() {
            names.insert(entry.id(), name, count.get(name.as_str()) > Some(&1));
        }
    }
}

// What columns refer to (`Column::refers_to`): command groups of the registry's kinds.
pub const ENVIRONMENTS: &[&str] = &["environments"];
pub const SOFTWARE_SETS: &[&str] = &["software-sets"];
pub const DIRECTORIES: &[&str] = &["directories"];
pub const BUNDLES: &[&str] = &["bundles"];
pub const IMAGES: &[&str] = &["images"];
/// An application association's resource: the ID's shape says which.
pub const ASSOCIATED: &[&str] = &["applications", "bundles", "images", "workspaces"];
/// A bulk verb's targets, whatever their kind: the ID's shape says which.
pub const ANY: &[&str] = &[
    "devices",
    "environments",
    "software-sets",
    "workspaces",
    "applications",
    "images",
    "bundles",
    "directories",
    "ip-groups",
    "pools",
    "connection-aliases",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_referred_to_is_in_the_registry() {
        for kinds in [
            ENVIRONMENTS,
            SOFTWARE_SETS,
            DIRECTORIES,
            BUNDLES,
            IMAGES,
            ASSOCIATED,
            ANY,
        ] {
            for plural in kinds {
                assert!(Kind::of_group(plural).is_some(), "{plural}");
            }
        }
        assert_eq!(ANY.len(), KINDS.len());
    }
}
