//! Names for IDs, both ways, in one place keyed by the registry's kinds:
//! the names a table shows for the IDs it holds (one listing a kind a run,
//! only of the kinds a shown column needs), and the IDs a name given for
//! a target or a flag stands for.

use std::collections::{BTreeSet, HashMap};
use std::ffi::OsString;

use aws_sdk_workspaces::types::Workspace;
use clap::parser::ValueSource;
use clap::{ArgMatches, FromArgMatches};

use super::{KINDS, Kind, label_pages};
use crate::api::workspaces as ws;
use crate::bulk::journal::Resume;
use crate::bulk::targets::{ReadAhead, parse_named, read_ahead, read_source};
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

/// A table shows the names of the IDs of other kinds it holds, each
/// place's rows named from that place: one lookup of a kind a place whose
/// rows hold its IDs (nothing is asked for JSON, NDJSON or CSV).
pub async fn show_names<T, W: std::io::Write>(
    printer: &Printer,
    writer: &mut ListWriter<'_, T, W>,
    sessions: &[Session],
) {
    for session in sessions {
        let place = session.place();
        let wanted = writer.referred_from(place.as_ref());
        if wanted.is_empty() {
            continue;
        }
        let mut names = Names::default();
        look_up(session, printer, &wanted, &mut names).await;
        writer.show_names(place.as_ref(), &names);
    }
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

/// What a person may type for a kind's ID besides the ID, as its help says
/// it; `None`: the ID only (a connection alias has no name of its own).
fn names_taken(kind: &Kind) -> Option<&'static str> {
    match kind.plural {
        "devices" => Some("name or serial number"),
        "directories" => Some("name or alias"),
        "workspaces" => Some("WorkSpace name or user name"),
        "software-sets" => Some("version"),
        "connection-aliases" => None,
        _ => Some("name"),
    }
}

/// Which of a kind's labels (its registry `labels`, in order) a name is
/// matched against. WorkSpaces are matched on their own fields
/// ([`workspace_ids`]).
fn accepted_labels(kind: &Kind) -> &'static [usize] {
    match kind.plural {
        // Name, serial number; name, alias.
        "devices" | "directories" => &[0, 1],
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
        && names_taken(kind).is_some()
        && !text.chars().any(char::is_control)
        // A name with a hidden character is a trap, not a name to look up.
        && crate::output::escape_invisible(text) == text
        && !text.starts_with("arn:")
        && !ID_PREFIXES.iter().any(|prefix| text.starts_with(prefix))
}

/// The arguments that take a verb's targets as its group's kind: the IDs
/// of a bulk verb, the one `tags` reads, and the first of `tag`'s and
/// `untag`'s words (the rest are tags).
const TARGET_ARGS: &[&str] = &["ids", "resource", "words"];

/// The kind an argument takes a name for: its typed ID's, or, for a
/// verb's targets, its group's; `None` when it takes no name.
fn kind_named_by(arg: &clap::Arg, group: Option<&'static Kind>) -> Option<&'static Kind> {
    let kind = Kind::of_id_type(arg.get_value_parser()).or_else(|| {
        TARGET_ARGS
            .contains(&arg.get_id().as_str())
            .then_some(group)
            .flatten()
    })?;
    names_taken(kind).is_some().then_some(kind)
}

/// The command tree with every argument that takes a name saying so in
/// its help (and so in the man pages).
pub fn say_names_taken(command: clap::Command) -> clap::Command {
    say_names_below(command, None)
}

fn say_names_below(command: clap::Command, group: Option<&'static Kind>) -> clap::Command {
    let notes: Vec<(clap::Id, String)> = command
        .get_arguments()
        .filter_map(|arg| {
            let id = arg.get_id().as_str();
            let (kind, taken_as) = match kind_named_by(arg, group) {
                Some(kind) if id == "words" => (kind, "; the ID may be a unique"),
                Some(kind) => (kind, " (ID or unique"),
                None if id == "ids_from" => (group?, "; a line may hold a unique"),
                None => return None,
            };
            let what = names_taken(kind)?;
            let close = if taken_as.starts_with(" (") { ")" } else { "" };
            Some((arg.get_id().clone(), format!("{taken_as} {what}{close}")))
        })
        .collect();
    // In place: `mut_arg` would move the argument last, and a positional
    // so moved would take another's place on the line.
    let command = command.mut_args(|arg| {
        let Some((_, note)) = notes.iter().find(|(id, _)| id == arg.get_id()) else {
            return arg;
        };
        let help = arg.get_help().map(|help| noted(&help.to_string(), note));
        let long = arg
            .get_long_help()
            .map(|help| noted(&help.to_string(), note));
        let arg = match help {
            Some(help) => arg.help(help),
            None => arg,
        };
        match long {
            Some(long) => arg.long_help(long),
            None => arg,
        }
    });
    Kind::each_subcommand(command, group, say_names_below)
}

/// `help` with `note` after it; a note in brackets joins the brackets
/// `help` ends with.
fn noted(help: &str, note: &str) -> String {
    match (help.strip_suffix(')'), note.strip_prefix(" (")) {
        (Some(open), Some(inner)) => format!("{open}; {inner}"),
        _ => format!("{help}{note}"),
    }
}

/// One name given for an ID: the kind it stands for, as typed.
struct Given {
    kind: &'static Kind,
    name: String,
    /// Where clap says the value is on the line (not exact after `--flag=`
    /// or in a comma-separated list); `None` for a line of `--ids-from`.
    index: Option<usize>,
}

/// The verb that runs: its group's kind, its command and its matches.
struct Verb<'a> {
    group: Option<&'static Kind>,
    command: &'a clap::Command,
    matches: &'a ArgMatches,
}

impl<'a> Verb<'a> {
    fn of(root: &'a clap::Command, matches: &'a ArgMatches) -> Verb<'a> {
        let (mut command, mut matches) = (root, matches);
        let mut group = None;
        while let Some((name, sub)) = matches.subcommand() {
            let Some(found) = command.find_subcommand(name) else {
                break;
            };
            group.get_or_insert_with(|| Kind::of_group(name));
            command = found;
            matches = sub;
        }
        Verb {
            group: group.flatten(),
            command,
            matches,
        }
    }

    fn given(&self, id: &str) -> bool {
        self.command.get_arguments().any(|arg| arg.get_id() == id)
            && self.matches.value_source(id) == Some(ValueSource::CommandLine)
    }

    /// `tag` and `untag` take their targets from `--ids-from` or a filter:
    /// every word is then a tag.
    fn words_are_tags(&self) -> bool {
        self.given("ids_from")
            || self.command.get_arguments().any(|arg| {
                arg.get_help_heading() == Some(crate::cli::FILTERS)
                    && self.given(arg.get_id().as_str())
            })
    }
}

/// The command again with every name given for an ID replaced by the ID
/// it names, on the line and in `--ids-from`: one lookup of each kind
/// named, before anything else is sent. `None` when the line names
/// nothing by name. A name that matches several is refused with the
/// candidates (exit 2); one that matches nothing fails as an unknown ID does.
pub async fn resolve(
    ctx: &Context,
    root: &clap::Command,
    line: &[OsString],
    matches: &ArgMatches,
) -> Result<Option<Command>> {
    let verb = Verb::of(root, matches);
    let given = names_given(&verb);
    let (read, in_file) = names_in_ids_from(&verb)?;
    let ids = if given.is_empty() && in_file.is_empty() {
        HashMap::new()
    } else {
        ids_named(ctx.session().await?, given.iter().chain(&in_file)).await?
    };
    let id_of = |one: &Given| ids.get(&(one.kind.plural, one.name.trim().to_owned()));
    if let Some(mut read) = read {
        for one in &in_file {
            if let Some(id) = id_of(one) {
                read.ids_of_names
                    .insert(one.name.trim().to_owned(), id.clone());
            }
        }
        read_ahead(read);
    }
    if given.is_empty() {
        return Ok(None);
    }
    let mut line = line.to_vec();
    let mut replaced = Vec::new();
    for one in &given {
        if let Some(id) = id_of(one) {
            replace_on_line(&mut line, one, id, &mut replaced);
        }
    }
    let matches = root
        .clone()
        .try_get_matches_from(&line)
        .map_err(|err| AppError::usage(err.to_string().trim().to_owned()))?;
    let cli = Cli::from_arg_matches(&matches)
        .map_err(|err| AppError::usage(err.to_string().trim().to_owned()))?;
    Ok(Some(cli.command))
}

/// The ID each name stands for, by kind and name: one lookup of each kind.
async fn ids_named<'a>(
    session: &Session,
    given: impl Iterator<Item = &'a Given>,
) -> Result<HashMap<(&'static str, String), String>> {
    let mut by_kind: Vec<(&'static Kind, Vec<&str>)> = Vec::new();
    for one in given {
        let name = one.name.trim();
        match by_kind
            .iter_mut()
            .find(|(kind, _)| kind.plural == one.kind.plural)
        {
            Some((_, names)) if names.contains(&name) => {}
            Some((_, names)) => names.push(name),
            None => by_kind.push((one.kind, vec![name])),
        }
    }
    let mut ids = HashMap::new();
    for (kind, names) in by_kind {
        let found = if kind.plural == super::WORKSPACES.plural {
            workspace_ids(session, &names).await?
        } else {
            let mut entries = Vec::new();
            (kind.labels)(session, &mut entries).await?;
            names
                .iter()
                .map(|name| Ok((name.to_string(), id_named(kind, name, &entries)?)))
                .collect::<Result<Vec<_>>>()?
        };
        for (name, id) in found {
            ids.insert((kind.plural, name), id);
        }
    }
    Ok(ids)
}

/// The one item of `kind` whose accepted labels hold `name` (exactly, else
/// in any case).
fn id_named(kind: &Kind, name: &str, entries: &[Entry]) -> Result<String> {
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
        [] => Err(unknown(kind, name)),
        several => Err(ambiguous(
            kind,
            name,
            several
                .iter()
                .map(|entry| format!("{} ({})", entry.id(), entry.parts().join(", ")))
                .collect(),
        )),
    }
}

/// A WorkspaceName as the API takes it: asking by another would be refused.
fn is_workspace_name(name: &str) -> bool {
    let mut chars = name.chars();
    let allowed =
        |c: char, more: &str| c.is_ascii_alphanumeric() || "_()".contains(c) || more.contains(c);
    chars.next().is_some_and(|c| allowed(c, ""))
        && (2..=64).contains(&name.chars().count())
        && chars.all(|c| allowed(c, ".-"))
}

/// The WorkSpace each name stands for: the one of that WorkSpace name,
/// else the one of that user name (across every directory listed),
/// exactly, else in any case. One name a WorkSpace name could be is
/// asked of the API by it (one call); what that does not settle is
/// matched in one listing of every WorkSpace.
async fn workspace_ids(session: &Session, names: &[&str]) -> Result<Vec<(String, String)>> {
    let client = session.workspaces();
    let mut held = Vec::new();
    if let [name] = names
        && is_workspace_name(name)
    {
        held = ws::workspaces_named(client, name).await?;
    }
    if held.is_empty() {
        held = ws::workspaces(client, ws::WorkspaceQuery::default())
            .all()
            .await?;
    }
    let mut ids = Vec::new();
    for name in names {
        match workspaces_of_name(name, &held).as_slice() {
            [one] => ids.push((
                name.to_string(),
                one.workspace_id().unwrap_or_default().to_owned(),
            )),
            [] => return Err(unknown(&super::WORKSPACES, name)),
            several => {
                let directories = ws::directories(client).all().await.unwrap_or_default();
                let directory = |id: Option<&str>| -> String {
                    directories
                        .iter()
                        .find(|d| d.directory_id().is_some() && d.directory_id() == id)
                        .and_then(|d| d.alias().or(d.directory_name()))
                        .or(id)
                        .unwrap_or_default()
                        .to_owned()
                };
                let candidates = several
                    .iter()
                    .map(|w| {
                        format!(
                            "{} ({}, {})",
                            w.workspace_id().unwrap_or_default(),
                            printable(w.user_name().unwrap_or("no user")),
                            printable(&directory(w.directory_id()))
                        )
                    })
                    .collect();
                return Err(ambiguous(&super::WORKSPACES, name, candidates));
            }
        }
    }
    Ok(ids)
}

/// The WorkSpaces `name` names: of that WorkSpace name, else of that
/// user name; exactly, else in any case. The first that finds any decides.
fn workspaces_of_name<'a>(name: &str, held: &'a [Workspace]) -> Vec<&'a Workspace> {
    let fields: [fn(&Workspace) -> Option<&str>; 2] =
        [Workspace::workspace_name, Workspace::user_name];
    let sameness: [fn(&str, &str) -> bool; 2] = [|a, b| a == b, str::eq_ignore_ascii_case];
    for field in fields {
        for same in sameness {
            let found: Vec<&Workspace> = held
                .iter()
                .filter(|w| w.workspace_id().is_some() && field(w).is_some_and(|v| same(v, name)))
                .collect();
            if !found.is_empty() {
                return found;
            }
        }
    }
    Vec::new()
}

fn unknown(kind: &Kind, name: &str) -> AppError {
    AppError::Failed(format!(
        "no {} has the name '{}', nor is it an ID (expected {})",
        kind.singular,
        printable(name),
        kind.id.expected
    ))
}

fn ambiguous(kind: &Kind, name: &str, candidates: Vec<String>) -> AppError {
    AppError::usage(format!(
        "name '{}' matches {} {}: {}",
        printable(name),
        candidates.len(),
        crate::output::plural(kind.singular),
        candidates.join(", ")
    ))
    .with_hint(format!("give the {} instead", kind.id.what))
}

/// The names the verb's arguments were given: every argument typed as an
/// ID, and the verb's targets (see [`TARGET_ARGS`]), each element of a
/// comma-separated list on its own.
fn names_given(verb: &Verb<'_>) -> Vec<Given> {
    let mut given = Vec::new();
    for arg in verb.command.get_arguments() {
        let id = arg.get_id().as_str();
        let Some(kind) = kind_named_by(arg, verb.group) else {
            continue;
        };
        if id == "words" && verb.words_are_tags() {
            continue;
        }
        let Ok(Some(values)) = verb.matches.try_get_raw(id) else {
            continue;
        };
        let indices: Vec<usize> = verb
            .matches
            .indices_of(id)
            .map(Iterator::collect)
            .unwrap_or_default();
        // Of `tag`'s words only the first names the target.
        let values = values.take(if id == "words" { 1 } else { usize::MAX });
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

/// The names among the targets of `--ids-from` (of a verb of a kind's
/// group), and the file as read, to be handed to the command: stdin is
/// read only once. Not a journal a `--resume` reads its targets from.
fn names_in_ids_from(verb: &Verb<'_>) -> Result<(Option<ReadAhead>, Vec<Given>)> {
    let Some(kind) = verb.group.filter(|kind| names_taken(kind).is_some()) else {
        return Ok((None, Vec::new()));
    };
    if !verb.given("ids_from") {
        return Ok((None, Vec::new()));
    }
    let Ok(Some(path)) = verb.matches.try_get_one::<String>("ids_from") else {
        return Ok((None, Vec::new()));
    };
    let resumed = verb
        .matches
        .try_get_one::<Resume>("resume")
        .ok()
        .flatten()
        .is_some_and(|resume| std::path::Path::new(path) == resume.path);
    if resumed {
        return Ok((None, Vec::new()));
    }
    let text = read_source("--ids-from", path)?;
    // A file the command would refuse is refused there, in its words.
    let listed = parse_named(&text, kind.id_keys, "--ids-from", path).unwrap_or_default();
    let given = listed
        .into_iter()
        .filter(|named| is_name(kind, &named.id))
        .map(|named| Given {
            kind,
            name: named.id,
            index: None,
        })
        .collect();
    let read = ReadAhead {
        path: path.clone(),
        text,
        ids_of_names: HashMap::new(),
    };
    Ok((Some(read), given))
}

/// Puts `id` on the line where `one` gave its name: in the word clap
/// points at when it holds the name, else in the first word that does,
/// as the whole value (`NAME`, `--flag=NAME`) or one element of a
/// comma-separated list, each place replaced once.
fn replace_on_line(
    line: &mut [OsString],
    one: &Given,
    id: &str,
    replaced: &mut Vec<(usize, usize)>,
) {
    let at_word = |at: usize, replaced: &[(usize, usize)]| -> Option<(usize, String)> {
        let word = line.get(at)?.to_str()?;
        let (flag, value) = match word.split_once('=') {
            Some((flag, value)) if word.starts_with('-') => (format!("{flag}="), value),
            _ => (String::new(), word),
        };
        if value == one.name && !replaced.contains(&(at, usize::MAX)) {
            return Some((usize::MAX, format!("{flag}{id}")));
        }
        let mut elements: Vec<&str> = value.split(',').collect();
        let element = (0..elements.len())
            .find(|i| elements[*i].trim() == one.name.trim() && !replaced.contains(&(at, *i)))?;
        elements[element] = id;
        Some((element, format!("{flag}{}", elements.join(","))))
    };
    let found = one
        .index
        .and_then(|at| at_word(at, replaced).map(|found| (at, found)))
        .or_else(|| (1..line.len()).find_map(|at| at_word(at, replaced).map(|found| (at, found))));
    if let Some((at, (element, word))) = found {
        line[at] = word.into();
        replaced.push((at, element));
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
