//! Names for IDs, both ways, in one place keyed by the registry's kinds:
//! the names a table shows for the IDs it holds (one listing a kind a run,
//! only of the kinds a shown column needs), and the IDs a name given for
//! a target or a flag stands for.

use std::collections::{BTreeSet, HashMap};
use std::ffi::OsString;

use clap::{ArgMatches, FromArgMatches};

use super::{KINDS, Kind, label_pages};
use crate::api::workspaces as ws;
use crate::cli::{Cli, Command};
use crate::complete::Entry;
use crate::context::Context;
use crate::error::{AppError, Result};
use crate::output::{ItemWriter, ListWriter, Names, Printer, Referred};
use crate::scope::Session;
use crate::validate::printable;

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
    let mut kinds: Vec<&'static Kind> = match referred.kinds {
        ["*"] => KINDS.to_vec(),
        plurals => plurals.iter().filter_map(|p| Kind::of_group(p)).collect(),
    };
    kinds.retain(|kind| (kind.id.valid)(&referred.id));
    kinds.first().copied()
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

// ------------------------------------------------------------ names accepted

/// Which of a kind's labels (its registry `labels`, in order) a person may
/// type for its ID. None for a WorkSpace: a user name repeats across
/// directories, and WorkSpaces are picked by user with `--user`.
fn accepted_labels(kind: &Kind) -> &'static [usize] {
    match kind.plural {
        // Name, serial number.
        "devices" => &[0, 1],
        // Name, alias.
        "directories" => &[0, 1],
        "workspaces" => &[],
        "connection-aliases" => &[],
        _ => &[0],
    }
}

/// How WorkSpaces IDs start: a word so begun is a mistyped ID, not a name.
const ID_PREFIXES: &[&str] = &[
    "ws-", "wsa-", "wsi-", "wsb-", "d-", "wsd-", "wsipg-", "wspool-", "wsca-",
];

/// Whether `text`, given where an ID of the kind ruled by `rule` goes, is
/// a name to look up: not the ID's shape, nor the start of one, nor an
/// ARN, and nothing a name could not hold.
pub fn may_be_name(rule: &super::IdRule, text: &str) -> bool {
    let Some(kind) = KINDS
        .iter()
        .find(|kind| (kind.id.type_id)() == (rule.type_id)())
    else {
        return false;
    };
    is_name(kind, text)
}

fn is_name(kind: &Kind, text: &str) -> bool {
    let text = text.trim();
    !text.is_empty()
        && !(kind.id.valid)(text)
        && !accepted_labels(kind).is_empty()
        && !text.chars().any(char::is_control)
        && !text.starts_with("arn:")
        && !ID_PREFIXES.iter().any(|prefix| text.starts_with(prefix))
}

/// One name on the command line: the kind it stands for, as typed.
struct Given {
    kind: &'static Kind,
    name: String,
    /// Where clap says the value is on the line (not exact after `--flag=`).
    index: Option<usize>,
}

/// The command again with every name given for an ID replaced by the ID
/// it names: one listing of each kind named, before anything else is
/// sent. `None` when the line names nothing by name (nothing is asked). A
/// name that matches several is refused with the candidates (exit 2); one
/// that matches nothing fails as an unknown ID does.
pub async fn resolve(
    ctx: &Context,
    root: &clap::Command,
    line: &[OsString],
    matches: &ArgMatches,
) -> Result<Option<Command>> {
    let given = names_given(root, matches);
    if given.is_empty() {
        return Ok(None);
    }
    let session = ctx.session().await?;
    let mut listed: HashMap<&'static str, Vec<Entry>> = HashMap::new();
    let mut line = line.to_vec();
    let mut replaced = Vec::new();
    for one in &given {
        let entries = match listed.entry(one.kind.plural) {
            std::collections::hash_map::Entry::Occupied(found) => found.into_mut(),
            std::collections::hash_map::Entry::Vacant(slot) => {
                let mut found = Vec::new();
                (one.kind.labels)(session, &mut found).await?;
                slot.insert(found)
            }
        };
        let id = id_named(one.kind, &one.name, entries)?;
        replace_on_line(&mut line, one, &id, &mut replaced);
    }
    let matches = root
        .clone()
        .try_get_matches_from(&line)
        .map_err(|err| AppError::usage(err.to_string().trim().to_owned()))?;
    let cli = Cli::from_arg_matches(&matches)
        .map_err(|err| AppError::usage(err.to_string().trim().to_owned()))?;
    Ok(Some(cli.command))
}

/// The one item of `kind` whose accepted labels hold `name` (exactly, else
/// in any case).
fn id_named(kind: &Kind, name: &str, entries: &[Entry]) -> Result<String> {
    let name = name.trim();
    let labels = accepted_labels(kind);
    let named_by = |same: &dyn Fn(&str) -> bool| -> Vec<&Entry> {
        entries
            .iter()
            .filter(|entry| {
                labels
                    .iter()
                    .filter_map(|i| entry.parts().get(*i))
                    .any(|label| same(label))
            })
            .collect()
    };
    let mut found = named_by(&|label| label == name);
    if found.is_empty() {
        found = named_by(&|label| label.eq_ignore_ascii_case(name));
    }
    match found.as_slice() {
        [one] => Ok(one.id().to_owned()),
        [] => Err(AppError::Failed(format!(
            "no {} has the name '{}', nor is it an ID (expected {})",
            kind.singular,
            printable(name),
            kind.id.expected
        ))),
        several => {
            let candidates: Vec<String> = several
                .iter()
                .map(|entry| format!("{} ({})", entry.id(), entry.parts().join(", ")))
                .collect();
            Err(AppError::usage(format!(
                "name '{}' matches {} {}: {}",
                printable(name),
                several.len(),
                crate::output::plural(kind.singular),
                candidates.join(", ")
            ))
            .with_hint(format!("give the {} instead", kind.id.what)))
        }
    }
}

/// The names the verb's arguments were given, by kind: every argument
/// typed as an ID, and the targets of a verb of a kind's group. Not the
/// words of `tag` and `untag`, where a name could not be told from a tag.
fn names_given(root: &clap::Command, matches: &ArgMatches) -> Vec<Given> {
    let mut matches = matches;
    let mut group = None;
    let mut command = root;
    while let Some((name, sub)) = matches.subcommand() {
        let Some(found) = command.find_subcommand(name) else {
            break;
        };
        group.get_or_insert_with(|| name.to_owned());
        command = found;
        matches = sub;
    }
    let mut given = Vec::new();
    for arg in command.get_arguments() {
        let id = arg.get_id().as_str();
        // The targets of a bulk verb, and the one `tags` reads, are of its group's kind.
        let kind = Kind::of_id_type(arg.get_value_parser()).or_else(|| {
            ["ids", "resource"]
                .contains(&id)
                .then(|| group.as_deref().and_then(Kind::of_group))
                .flatten()
        });
        let Some(kind) = kind else {
            continue;
        };
        let Ok(Some(values)) = matches.try_get_raw(id) else {
            continue;
        };
        let indices: Vec<usize> = matches
            .indices_of(id)
            .map(Iterator::collect)
            .unwrap_or_default();
        for (i, value) in values.enumerate() {
            let Some(text) = value.to_str() else {
                continue;
            };
            if is_name(kind, text) {
                given.push(Given {
                    kind,
                    name: text.to_owned(),
                    index: indices.get(i).copied(),
                });
            }
        }
    }
    given
}

/// Puts `id` on the line where `one` gave its name: the word clap points
/// at when it is the name, else the first word not yet replaced that is
/// the name or ends `=name`.
fn replace_on_line(line: &mut [OsString], one: &Given, id: &str, replaced: &mut Vec<usize>) {
    let holds = |word: &OsString| {
        word.to_str().is_some_and(|w| {
            w == one.name || (w.starts_with('-') && w.ends_with(&format!("={}", one.name)))
        })
    };
    let at = one
        .index
        .filter(|i| line.get(*i).is_some_and(&holds) && !replaced.contains(i))
        .or_else(|| (1..line.len()).find(|i| !replaced.contains(i) && holds(&line[*i])));
    let Some(at) = at else {
        return;
    };
    let word = line[at].to_string_lossy().into_owned();
    line[at] = match word.strip_suffix(&one.name) {
        Some(flag) if word != one.name => format!("{flag}{id}").into(),
        _ => id.into(),
    };
    replaced.push(at);
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
pub const ANY: &[&str] = &["*"];

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
        ] {
            for plural in kinds {
                assert!(Kind::of_group(plural).is_some(), "{plural}");
            }
        }
        let any = |id: &str| {
            kind_of(&Referred {
                kinds: ANY,
                id: id.to_owned(),
            })
            .map(|kind| kind.plural)
        };
        assert_eq!(any("ws-abc12345"), Some("workspaces"));
        assert_eq!(any("abcdefghijklmnopqrstuvwx"), Some("devices"));
        assert_eq!(any("nothing like an ID"), None);
    }
}
