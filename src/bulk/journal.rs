//! The bulk journal: each target's outcome appended as it happens, so an
//! interrupted or partly failed bulk change can be finished with `--resume`
//! without touching what was already done, and with the same client tokens
//! (a request that did land before the interruption is then a no-op).
//!
//! A journal is NDJSON: a `start` line saying which command it journals
//! (the resource kind, the action and its parameters), written before any
//! request so a journal that cannot be written stops the run first; a
//! `targets` line with each target and its client token, written when the
//! targets are settled; then one `result` line a target.

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use serde::{Deserialize, Serialize};

use super::invocation::Invocation;
use super::targets::Named;
use crate::bulk::{Outcome, TargetResult};
use crate::error::{AppError, Result};
use crate::validate::printable;

/// Bumped when the journal's shape or the meaning of what it records
/// changes incompatibly. 3: the flag rule (filters select, `--set-…` sets);
/// a format-2 journal of `devices update --name=x` meant "rename to x", and
/// read now it would select the devices named x.
const FORMAT: u32 = 3;

/// The earlier format still read: its journals mean today what they meant
/// then, except those of [`changed_meaning`].
const FORMAT_BEFORE_FLAG_RULE: u32 = 2;

/// A format-2 journal whose flags mean otherwise now: `devices update`
/// then set the name and software set with `--name`/`--software-set`,
/// which now select. The other verbs whose flags were renamed fail to
/// parse, which says so on its own.
fn changed_meaning(invocation: &Invocation) -> bool {
    invocation.resource == "devices" && invocation.action == "update"
}

/// The longest journal line read: the targets line of a fleet of 100,000 is
/// well under it, and a file that is not a journal (`/dev/zero`) fails fast.
pub const MAX_LINE_BYTES: usize = 16 * 1024 * 1024;

/// Finished journals in the default directory older than this are deleted.
pub const KEEP_FINISHED: Duration = Duration::from_secs(30 * 24 * 3600);

/// The suffix a default-directory journal takes when every target is done.
const FINISHED_SUFFIX: &str = ".finished.ndjson";

#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
enum Line {
    /// First line: which command, with which parameters.
    Start {
        format: u32,
        #[serde(flatten)]
        invocation: Invocation,
    },
    /// Second line: the targets, with the token each one's requests carry.
    Targets { targets: Vec<JournalTarget> },
    /// One line a target, when its outcome is final.
    Result {
        #[serde(flatten)]
        named: Named,
        outcome: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        code: Option<String>,
        #[serde(skip_serializing_if = "Option::is_none")]
        error: Option<String>,
    },
}

/// A target as journaled: its ID, where it lives when the run spanned
/// several regions or accounts, and the client token its requests carried.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct JournalTarget {
    #[serde(flatten)]
    pub named: Named,
    pub client_token: String,
}

/// What a journal says of an earlier run.
#[derive(Debug, Clone)]
pub struct Resume {
    pub path: PathBuf,
    /// The command it journals, with its parameters.
    pub invocation: Invocation,
    /// Every target of the earlier run, in order, with its token.
    pub targets: Vec<JournalTarget>,
    /// The targets that run finished.
    pub done: HashSet<Named>,
}

impl Resume {
    /// The earlier run's targets that are not done yet.
    pub fn remaining(&self) -> Vec<&Named> {
        self.targets
            .iter()
            .filter(|t| !self.done.contains(&t.named))
            .map(|t| &t.named)
            .collect()
    }

    #[cfg(test)]
    pub fn token_for(&self, id: &str) -> Option<&str> {
        self.targets
            .iter()
            .find(|t| t.named.id == id)
            .map(|t| t.client_token.as_str())
    }
}

/// Reads one line of at most [`MAX_LINE_BYTES`]; `None` at the end.
/// Whether the line ended with a newline comes back too: only the last line
/// may be cut short (by a crash while it was written).
fn bounded_line(reader: &mut impl BufRead, number: usize) -> Result<Option<(String, bool)>> {
    let mut bytes = Vec::new();
    reader
        .by_ref()
        .take(MAX_LINE_BYTES as u64 + 1)
        .read_until(b'\n', &mut bytes)
        .map_err(|e| AppError::usage(format!("line {number}: cannot read: {e}")))?;
    if bytes.is_empty() {
        return Ok(None);
    }
    if bytes.len() > MAX_LINE_BYTES {
        return Err(AppError::usage(format!(
            "line {number} is longer than {} MiB: not a wsfleet journal",
            MAX_LINE_BYTES / 1024 / 1024
        )));
    }
    let complete = bytes.last() == Some(&b'\n');
    let text = String::from_utf8(bytes)
        .map_err(|_| AppError::usage(format!("line {number} is not UTF-8 text")))?;
    Ok(Some((text.trim_end().to_owned(), complete)))
}

/// `--resume FILE`: what the journal says of the earlier run. A file that
/// cannot be read, is not a journal, or has any line out of place is a
/// usage error naming the line (the messages leave the file's name to clap,
/// which reads it as the command line is parsed).
pub fn read(path: &Path) -> Result<Resume> {
    let file = File::open(path).map_err(|e| AppError::usage(format!("cannot read: {e}")))?;
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        return Err(AppError::usage("is a directory, not a journal"));
    }
    let mut reader = BufReader::new(file);
    let parse = |text: &str, number: usize| {
        serde_json::from_str::<Line>(text)
            .map_err(|e| AppError::usage(format!("line {number} is not a journal line: {e}")))
    };
    let invocation = match bounded_line(&mut reader, 1)? {
        Some((text, _)) => match serde_json::from_str::<Line>(&text) {
            Ok(Line::Start { format, invocation }) if format == FORMAT => invocation,
            Ok(Line::Start { format, invocation })
                if format == FORMAT_BEFORE_FLAG_RULE && !changed_meaning(&invocation) =>
            {
                invocation
            }
            Ok(Line::Start { format, .. }) if format < FORMAT => {
                return Err(AppError::usage(format!(
                    "journal format {format} is of an earlier wsfleet, whose flags mean \
                     otherwise now (`devices update --name` then set the name): it cannot be \
                     resumed; run the command again"
                )));
            }
            Ok(Line::Start { format, .. }) => {
                return Err(AppError::usage(format!(
                    "line 1: journal format {format}; this wsfleet reads format {FORMAT}"
                )));
            }
            _ => return Err(AppError::usage("not a wsfleet journal (no start line)")),
        },
        None => return Err(AppError::usage("not a wsfleet journal (empty)")),
    };
    let targets = match bounded_line(&mut reader, 2)? {
        Some((text, true)) => match parse(&text, 2)? {
            Line::Targets { targets } => targets,
            _ => return Err(AppError::usage("line 2 is not the targets line")),
        },
        _ => {
            return Err(AppError::usage(
                "line 2: no targets line: that run stopped before it started; run the command afresh",
            ));
        }
    };
    check_targets(&targets)?;
    let known: HashSet<&Named> = targets.iter().map(|t| &t.named).collect();
    let mut done = HashSet::new();
    let mut number = 2;
    while let Some((text, complete)) = bounded_line(&mut reader, number + 1)? {
        number += 1;
        if text.is_empty() {
            continue;
        }
        let line = match parse(&text, number) {
            Ok(line) => line,
            // The line being written when the process died may be cut short.
            Err(_) if !complete => break,
            Err(err) => return Err(err),
        };
        let Line::Result { named, outcome, .. } = line else {
            return Err(AppError::usage(format!(
                "line {number}: a second start or targets line"
            )));
        };
        if !known.contains(&named) {
            return Err(AppError::usage(format!(
                "line {number}: {} is not one of the journal's targets",
                printable(&named.describe())
            )));
        }
        match outcome.as_str() {
            "done" => {
                done.insert(named);
            }
            // A skipped target is planned again: its state may have changed.
            "failed" | "not-started" | "skipped" => {
                done.remove(&named);
            }
            other => {
                return Err(AppError::usage(format!(
                    "line {number}: unknown outcome '{}' (done, failed, not-started or skipped)",
                    printable(other)
                )));
            }
        }
    }
    Ok(Resume {
        path: path.to_path_buf(),
        invocation,
        targets,
        done,
    })
}

/// Every target once, each with a token of its own: a hand-edited journal
/// that shares tokens would make the service treat two changes as one.
fn check_targets(targets: &[JournalTarget]) -> Result<()> {
    let mut names = HashSet::new();
    let mut tokens: HashMap<&str, &Named> = HashMap::new();
    for target in targets {
        let token = target.client_token.as_str();
        if token.is_empty() || token.len() > 64 || !token.chars().all(|c| c.is_ascii_graphic()) {
            return Err(AppError::usage(format!(
                "line 2: {} has an invalid client token",
                printable(&target.named.describe())
            )));
        }
        if !names.insert(&target.named) {
            return Err(AppError::usage(format!(
                "line 2: {} is listed twice",
                printable(&target.named.describe())
            )));
        }
        if let Some(other) = tokens.insert(token, &target.named) {
            return Err(AppError::usage(format!(
                "line 2: {} and {} share one client token",
                printable(&other.describe()),
                printable(&target.named.describe())
            )));
        }
    }
    Ok(())
}

/// Appends to a journal, one flushed line a target, so what is on disk is
/// true however the process ends.
#[derive(Debug)]
pub struct JournalWriter {
    file: File,
    pub path: PathBuf,
    /// In the default directory: renamed when finished, pruned later.
    in_default_directory: bool,
    started: bool,
}

impl JournalWriter {
    /// Creates the journal (0600) and writes its start line, before any
    /// request: a journal that cannot be written refuses the run (exit 2),
    /// naming the file and the way around it.
    pub fn create(
        path: &Path,
        invocation: &Invocation,
        in_default_directory: bool,
    ) -> Result<JournalWriter> {
        let refuse = |e: &dyn std::fmt::Display| {
            AppError::usage(format!("journal {}: cannot write: {e}", path.display()))
                .with_hint("give --journal FILE with a file wsfleet can write")
        };
        if path.is_dir() {
            return Err(refuse(&"is a directory"));
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| refuse(&e))?;
        }
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(path).map_err(|e| refuse(&e))?;
        let start = Line::Start {
            format: FORMAT,
            invocation: invocation.clone(),
        };
        let text = serde_json::to_string(&start).map_err(|e| refuse(&e))?;
        writeln!(file, "{text}").map_err(|e| refuse(&e))?;
        Ok(JournalWriter {
            file,
            path: path.to_path_buf(),
            in_default_directory,
            started: false,
        })
    }

    /// The targets line, once they are settled.
    pub fn start(&mut self, targets: &[JournalTarget]) -> Result<()> {
        let line = Line::Targets {
            targets: targets.to_vec(),
        };
        let text = serde_json::to_string(&line).map_err(std::io::Error::from)?;
        writeln!(self.file, "{text}").map_err(|e| self.write_error(&e))?;
        self.started = true;
        Ok(())
    }

    pub fn record(&mut self, result: &TargetResult) -> std::io::Result<()> {
        let (code, error) = match &result.outcome {
            Outcome::Failed { code, message } => (Some(code.clone()), Some(message.clone())),
            Outcome::Skipped { reason } => (None, Some(reason.clone())),
            _ => (None, None),
        };
        let line = Line::Result {
            named: result.named(),
            outcome: result.outcome.word().to_owned(),
            code,
            error,
        };
        writeln!(self.file, "{}", serde_json::to_string(&line)?)
    }

    /// A failed write, naming the file and the way around it.
    pub fn write_error(&self, error: &dyn std::fmt::Display) -> AppError {
        AppError::usage(format!(
            "journal {}: cannot write: {error}",
            self.path.display()
        ))
        .with_hint("give --journal FILE with a file wsfleet can write")
    }

    /// Every target done: a default-directory journal is marked finished,
    /// which makes it one that [`prune`] deletes once it is old. Returns
    /// where the journal is now.
    pub fn finished(self) -> PathBuf {
        if !self.in_default_directory {
            return self.path.clone();
        }
        let name = self.path.to_string_lossy();
        let Some(stem) = name.strip_suffix(".ndjson") else {
            return self.path.clone();
        };
        let finished = PathBuf::from(format!("{stem}{FINISHED_SUFFIX}"));
        match std::fs::rename(&self.path, &finished) {
            Ok(()) => finished,
            Err(_) => self.path.clone(),
        }
    }
}

impl Drop for JournalWriter {
    /// A journal whose run never started (declined, nothing matched, an
    /// error while the targets were looked up) says nothing worth keeping.
    fn drop(&mut self) {
        if !self.started {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// The directory journals go to when `--journal` is not given.
pub fn default_directory() -> Option<PathBuf> {
    let dir = dirs::state_dir().or_else(dirs::data_local_dir)?;
    Some(dir.join("wsfleet").join("journal"))
}

/// Where a journal goes when `--journal` is not given: the user's state
/// directory, one file a run.
pub fn default_path(action: &str) -> Option<PathBuf> {
    let stamp = SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or_default();
    let action: String = action
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    Some(default_directory()?.join(format!("{stamp}-{action}.ndjson")))
}

/// Deletes the finished journals in `dir` last changed more than
/// [`KEEP_FINISHED`] ago. Journals with targets left are never deleted.
pub fn prune(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let now = SystemTime::now();
    for entry in entries.flatten() {
        let path = entry.path();
        let finished = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().ends_with(FINISHED_SUFFIX));
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|modified| now.duration_since(modified).ok())
            .is_some_and(|age| age > KEEP_FINISHED);
        if finished && old {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// The tokens of a resumed run, by target.
pub fn tokens(resume: Option<&Resume>) -> HashMap<Named, String> {
    resume
        .map(|r| {
            r.targets
                .iter()
                .map(|t| (t.named.clone(), t.client_token.clone()))
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn invocation() -> Invocation {
        Invocation {
            resource: "devices".into(),
            action: "deregister".into(),
            parameters: Vec::new(),
            targets_from_file: false,
        }
    }

    fn target(id: &str) -> JournalTarget {
        JournalTarget {
            named: Named::id(id),
            client_token: format!("token-{id}"),
        }
    }

    #[test]
    fn a_journal_round_trips_and_a_torn_last_line_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("j.ndjson");
        let mut journal = JournalWriter::create(&path, &invocation(), false).unwrap();
        journal
            .start(&[target("a"), target("b"), target("c")])
            .unwrap();
        journal
            .record(&TargetResult {
                target: crate::bulk::Target {
                    id: "a".into(),
                    client_token: "t-a".into(),
                    place: crate::scope::PlaceId(0),
                },
                at: None,
                outcome: Outcome::Done,
                attempts: 1,
                name: None,
            })
            .unwrap();
        journal
            .record(&TargetResult {
                target: crate::bulk::Target {
                    id: "b".into(),
                    client_token: "t-b".into(),
                    place: crate::scope::PlaceId(0),
                },
                at: None,
                outcome: Outcome::Failed {
                    code: "ConflictException".into(),
                    message: "busy".into(),
                },
                attempts: 1,
                name: None,
            })
            .unwrap();
        drop(journal);
        // A line cut short by a crash.
        let mut file = std::fs::OpenOptions::new()
            .append(true)
            .open(&path)
            .unwrap();
        write!(file, "{{\"kind\":\"result\",\"id\":\"c\",\"outc").unwrap();

        let resume = read(&path).unwrap();
        assert_eq!(resume.invocation, invocation());
        let remaining: Vec<&str> = resume.remaining().iter().map(|n| n.id.as_str()).collect();
        assert_eq!(remaining, ["b", "c"]);
        assert_eq!(resume.token_for("c"), Some("token-c"));
    }

    #[test]
    fn a_file_that_is_not_a_journal_is_a_usage_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("ids.txt");
        std::fs::write(&path, "abc\n").unwrap();
        let err = read(&path).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        assert!(err.to_string().contains("not a wsfleet journal"), "{err}");
        assert_eq!(
            read(&dir.path().join("missing")).unwrap_err().exit_code(),
            2
        );
    }
}
