//! Which command a bulk run is, as its journal records it: the resource
//! kind, the action and the parameters given on the command line. A
//! `--resume` is bound to it: a command that disagrees with the journal is
//! refused before any request, naming the difference, and a parameter the
//! command leaves out is taken from the journal, so `--resume FILE` with just
//! the verb finishes the run as it was started.

use std::ffi::OsString;

use clap::parser::ValueSource;
use clap::{ArgAction, ArgMatches, FromArgMatches};
use serde::{Deserialize, Serialize};

use super::journal::{self, JournalWriter, Resume};
use crate::cli::Cli;
use crate::error::{AppError, Result};
use crate::validate::printable;

/// A bulk command's options that steer the run rather than say what it
/// changes: they may differ between a run and its resume. The targets
/// (`ids`, `--ids-from`) are compared on their own, with the journal's.
const RUN_OPTIONS: &[&str] = &[
    "ids",
    "ids_from",
    "journal",
    "resume",
    "requests",
    "yes",
    "dry_run",
    "wait",
    "wait_timeout",
    "help",
];

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invocation {
    /// The command group: the kind of resource changed (`devices`).
    pub resource: String,
    /// The verb (`update`).
    pub action: String,
    /// Every parameter given on the command line, in the command's order.
    pub parameters: Vec<Parameter>,
    /// The targets came from `--ids-from`: a resume with just the verb reads
    /// them from the journal the same way.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub targets_from_file: bool,
}

/// One parameter as given: its argument's name and the words that give it
/// again (`--name=Lobby`, or a positional's values).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Parameter {
    pub name: String,
    /// The long flag (`--name`); none for a positional argument.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flag: Option<String>,
    pub words: Vec<String>,
}

impl Parameter {
    fn shown(&self) -> String {
        printable(&self.words.join(" "))
    }

    fn label(&self) -> String {
        self.flag
            .clone()
            .unwrap_or_else(|| self.name.to_uppercase())
    }
}

/// The leaf command and its matches: the verb that runs.
fn leaf<'a>(
    mut command: &'a clap::Command,
    mut matches: &'a ArgMatches,
) -> (Vec<String>, &'a clap::Command, &'a ArgMatches) {
    let mut path = Vec::new();
    while let Some((name, sub)) = matches.subcommand() {
        let Some(found) = command.find_subcommand(name) else {
            break;
        };
        path.push(name.to_owned());
        command = found;
        matches = sub;
    }
    (path, command, matches)
}

fn is_bulk_verb(command: &clap::Command) -> bool {
    command.get_arguments().any(|a| a.get_id() == "resume")
}

/// The invocation of a bulk verb; `None` for any other command.
fn of(root: &clap::Command, matches: &ArgMatches) -> Option<Invocation> {
    let (path, command, matches) = leaf(root, matches);
    if !is_bulk_verb(command) {
        return None;
    }
    let (resource, action) = path.split_first()?;
    let given = |id: &str| matches.value_source(id) == Some(ValueSource::CommandLine);
    let mut parameters = Vec::new();
    for arg in command.get_arguments() {
        let id = arg.get_id().as_str();
        if RUN_OPTIONS.contains(&id) || !given(id) {
            continue;
        }
        let values: Vec<String> = matches
            .try_get_raw(id)
            .ok()
            .flatten()
            .map(|raw| raw.map(|v| v.to_string_lossy().into_owned()).collect())
            .unwrap_or_default();
        let flag = arg.get_long().map(|long| format!("--{long}"));
        let words = match (&flag, arg.get_action()) {
            (None, _) => values,
            (Some(flag), ArgAction::SetTrue | ArgAction::SetFalse) => vec![flag.clone()],
            (Some(flag), ArgAction::Count) => {
                vec![flag.clone(); usize::from(matches.get_count(id))]
            }
            (Some(flag), ArgAction::Append) => {
                values.iter().map(|v| format!("{flag}={v}")).collect()
            }
            (Some(flag), _) if values.len() == 1 => vec![format!("{flag}={}", values[0])],
            (Some(flag), _) => std::iter::once(flag.clone()).chain(values).collect(),
        };
        parameters.push(Parameter {
            name: id.to_owned(),
            flag,
            words,
        });
    }
    Some(Invocation {
        resource: resource.clone(),
        action: action.join(" "),
        parameters,
        targets_from_file: given("ids_from"),
    })
}

/// The `--resume` journal a command line names, read; `None` when it names
/// none or the journal cannot be read (the parse then says why).
fn resume_named(argv: &[OsString]) -> Option<Resume> {
    let mut words = argv.iter().map(|w| w.to_string_lossy());
    while let Some(word) = words.next() {
        if word == "--" {
            return None;
        }
        let path = match word.strip_prefix("--resume") {
            Some("") => words.next()?.into_owned(),
            Some(rest) => rest.strip_prefix('=')?.to_owned(),
            None => continue,
        };
        return journal::read(std::path::Path::new(&path)).ok();
    }
    None
}

/// Whether the command line runs the journaled command (its group, then its
/// verb's words).
fn names_command(argv: &[OsString], invocation: &Invocation) -> bool {
    let words: Vec<String> = std::iter::once(invocation.resource.clone())
        .chain(invocation.action.split(' ').map(str::to_owned))
        .collect();
    argv.windows(words.len()).any(|window| {
        window
            .iter()
            .zip(&words)
            .all(|(w, expected)| w == expected.as_str())
    })
}

/// The command line with what a `--resume` journal recorded and the command
/// leaves out: its parameters and, when it read its targets from a file, the
/// journal as `--ids-from` (which then reads the journal's targets).
/// `present` says whether the command line gives a parameter.
fn restored(
    argv: &[OsString],
    resume: &Resume,
    present: impl Fn(&Parameter) -> bool,
    names_targets: bool,
) -> Option<Vec<OsString>> {
    let mut extra: Vec<OsString> = Vec::new();
    for parameter in &resume.invocation.parameters {
        if !present(parameter) {
            extra.extend(parameter.words.iter().map(OsString::from));
        }
    }
    if resume.invocation.targets_from_file && !names_targets {
        extra.push("--ids-from".into());
        extra.push(resume.path.clone().into_os_string());
    }
    if extra.is_empty() {
        return None;
    }
    // Before a `--`, so the words are read as options.
    let end = argv.iter().position(|w| w == "--").unwrap_or(argv.len());
    let mut line = argv[..end].to_vec();
    line.extend(extra);
    line.extend_from_slice(&argv[end..]);
    Some(line)
}

/// Parses the command line. With `--resume`, what the journal recorded and
/// the command line leaves out is added first, so just the verb is enough.
/// The command tree comes back unbuilt, for [`open_journal`]: making it is
/// most of a start-up's parsing, so it is made once. The line as parsed
/// comes back too.
pub fn parse(argv: Vec<OsString>) -> (Cli, ArgMatches, clap::Command, Vec<OsString>) {
    let command = crate::cli::command();
    let first = command.clone().try_get_matches_from(&argv);
    let second = match &first {
        Ok(matches) => {
            let (_, leaf_command, leaf_matches) = leaf(&command, matches);
            // A journal of another command adds nothing: `open_journal`
            // refuses it, naming the command it is of.
            let resume = is_bulk_verb(leaf_command)
                .then(|| leaf_matches.get_one::<Resume>("resume"))
                .flatten()
                .filter(|resume| names_command(&argv, &resume.invocation));
            resume.and_then(|resume| {
                // A journal of an older version may name a parameter this
                // verb no longer has (asking clap of an unknown id panics).
                let given = |id: &str| {
                    leaf_command.get_arguments().any(|arg| arg.get_id() == id)
                        && leaf_matches.value_source(id) == Some(ValueSource::CommandLine)
                };
                let names_targets = given("ids") || given("ids_from");
                restored(&argv, resume, |p| given(&p.name), names_targets)
            })
        }
        // Just the verb may miss a required parameter: the journal has it.
        Err(_) => resume_named(&argv).and_then(|resume| {
            if !names_command(&argv, &resume.invocation) {
                clap::Error::raw(
                    clap::error::ErrorKind::ValueValidation,
                    format!(
                        "--resume {}: that journal is of `{} {}`, not this command\n",
                        resume.path.display(),
                        printable(&resume.invocation.resource),
                        printable(&resume.invocation.action)
                    ),
                )
                .exit();
            }
            let said = |flag: &str| {
                argv.iter().any(|w| {
                    let w = w.to_string_lossy();
                    w == flag || w.starts_with(&format!("{flag}="))
                })
            };
            let names_targets = said("--ids-from");
            restored(
                &argv,
                &resume,
                |p| p.flag.as_deref().is_some_and(said),
                names_targets,
            )
        }),
    };
    let line = second.clone().unwrap_or_else(|| argv.clone());
    let matches = match second {
        Some(line) => match command.clone().try_get_matches_from(line) {
            Ok(matches) => Ok(matches),
            // The command as typed explains itself better.
            Err(err) => first.and(Err(err)),
        },
        None => first,
    };
    let matches = matches.unwrap_or_else(|err| crate::resources::exit_on_parse_error(err));
    let cli = Cli::from_arg_matches(&matches)
        .unwrap_or_else(|err| crate::resources::exit_on_parse_error(err));
    (cli, matches, command, line)
}

/// For a bulk verb, before any request: a `--resume` journal of another
/// command, or with other parameters, is refused naming the difference; then
/// the run's journal is created (none under `--dry-run`). Old finished
/// journals in the default directory are pruned.
/// `root` is the command tree [`parse`] gives back.
pub fn open_journal(root: &clap::Command, matches: &ArgMatches) -> Result<Option<JournalWriter>> {
    let Some(invocation) = of(root, matches) else {
        return Ok(None);
    };
    let (_, _, leaf_matches) = leaf(root, matches);
    if let Some(resume) = leaf_matches.get_one::<Resume>("resume") {
        check_resume(resume, &invocation)?;
    }
    if leaf_matches.try_get_one::<bool>("dry_run").ok().flatten() == Some(&true) {
        return Ok(None);
    }
    let given = leaf_matches
        .try_get_one::<std::path::PathBuf>("journal")
        .ok()
        .flatten();
    let (path, in_default_directory) = match given {
        Some(path) => (path.clone(), false),
        None => {
            let action = format!("{}-{}", invocation.resource, invocation.action);
            let Some(path) = journal::default_path(&action) else {
                return Ok(None);
            };
            if let Some(dir) = journal::default_directory() {
                journal::prune(&dir);
            }
            (path, true)
        }
    };
    JournalWriter::create(&path, &invocation, in_default_directory).map(Some)
}

/// The command must be the journal's, with the journal's parameters.
fn check_resume(resume: &Resume, now: &Invocation) -> Result<()> {
    let refuse = |difference: String| {
        AppError::usage(format!("--resume {}: {difference}", resume.path.display()))
            .with_hint("give just the verb with --resume FILE: the journal supplies the rest")
    };
    let then = &resume.invocation;
    if (&then.resource, &then.action) != (&now.resource, &now.action) {
        return Err(refuse(format!(
            "that journal is of `{} {}`, not `{} {}`",
            printable(&then.resource),
            printable(&then.action),
            now.resource,
            now.action
        )));
    }
    for parameter in &now.parameters {
        match then.parameters.iter().find(|p| p.name == parameter.name) {
            None => {
                return Err(refuse(format!(
                    "{} {} was not part of the journaled run",
                    parameter.label(),
                    parameter.shown()
                )));
            }
            Some(recorded) if recorded.words != parameter.words => {
                return Err(refuse(format!(
                    "{}: the journaled run had {}, this command {}",
                    parameter.label(),
                    recorded.shown(),
                    parameter.shown()
                )));
            }
            Some(_) => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn invocation_of(line: &[&str]) -> Invocation {
        let root = Cli::command();
        let matches = root.clone().try_get_matches_from(line).unwrap();
        of(&root, &matches).unwrap()
    }

    #[test]
    fn parameters_are_recorded_and_run_options_are_not() {
        let invocation = invocation_of(&[
            "wsfleet",
            "devices",
            "update",
            "0123456789abcdefghijklmn",
            "--name",
            "Lobby",
            "--concurrency",
            "3",
            "--journal",
            "j.ndjson",
        ]);
        assert_eq!(invocation.resource, "devices");
        assert_eq!(invocation.action, "update");
        assert_eq!(invocation.parameters.len(), 1);
        assert_eq!(invocation.parameters[0].words, ["--name=Lobby"]);
        assert!(!invocation.targets_from_file);
        let root = Cli::command();
        let matches = root.try_get_matches_from(["wsfleet", "report"]).unwrap();
        assert!(of(&Cli::command(), &matches).is_none());
    }

    #[test]
    fn a_command_that_disagrees_with_the_journal_is_refused_naming_the_difference() {
        let resume = |invocation: Invocation| Resume {
            path: "j.ndjson".into(),
            invocation,
            targets: Vec::new(),
            done: Default::default(),
        };
        let tagged = invocation_of(&["wsfleet", "devices", "tag", "a", "k=v"]);
        let other = invocation_of(&["wsfleet", "environments", "tag", "a", "k=v"]);
        let err = check_resume(&resume(tagged.clone()), &other).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        assert!(err.to_string().contains("`devices tag`"), "{err}");

        let named = invocation_of(&["wsfleet", "devices", "update", "x", "--name", "A"]);
        let renamed = invocation_of(&["wsfleet", "devices", "update", "x", "--name", "B"]);
        let err = check_resume(&resume(named.clone()), &renamed).unwrap_err();
        assert!(err.to_string().contains("--name"), "{err}");
        assert!(check_resume(&resume(named), &tagged).is_err());
    }
}
