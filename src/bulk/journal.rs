//! The bulk journal: each target's outcome appended as it happens, so an
//! interrupted or partly failed bulk change can be finished with `--resume`
//! without touching what was already done, and with the same client tokens
//! (a request that did land before the interruption is then a no-op).

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::targets::Named;
use crate::bulk::{Outcome, TargetResult};
use crate::error::{AppError, Result};

#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
enum Line {
    /// First line: what was being done, to which targets, with which tokens.
    Start {
        action: String,
        targets: Vec<JournalTarget>,
    },
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
    pub action: String,
    /// Every target of the earlier run, in order, with its token.
    pub targets: Vec<JournalTarget>,
    /// The targets that run finished.
    pub done: HashSet<Named>,
}

#[cfg(test)]
impl Resume {
    pub fn token_for(&self, id: &str) -> Option<&str> {
        self.targets
            .iter()
            .find(|t| t.named.id == id)
            .map(|t| t.client_token.as_str())
    }

    /// The earlier run's targets that are not done yet.
    pub fn remaining(&self) -> Vec<String> {
        self.targets
            .iter()
            .filter(|t| !self.done.contains(&t.named))
            .map(|t| t.named.id.clone())
            .collect()
    }
}

/// `--resume FILE`: what the journal says of the earlier run; a file that
/// cannot be read or is not a journal is a usage error (the messages leave
/// the file's name to clap, which reads it as the command line is parsed).
pub fn read(path: &Path) -> Result<Resume> {
    let file = File::open(path).map_err(|e| AppError::usage(format!("cannot read: {e}")))?;
    let mut lines = BufReader::new(file).lines().enumerate();
    let start = match lines.next() {
        Some((_, Ok(line))) => serde_json::from_str::<Line>(&line).ok(),
        _ => None,
    };
    let Some(Line::Start { action, targets }) = start else {
        return Err(AppError::usage("not a wsfleet journal (no start line)"));
    };
    let mut done = HashSet::new();
    for (number, line) in lines {
        let line = line.map_err(|e| AppError::usage(format!("cannot read: {e}")))?;
        if line.trim().is_empty() {
            continue;
        }
        match serde_json::from_str::<Line>(&line) {
            Ok(Line::Result { named, outcome, .. }) if outcome == "done" => {
                done.insert(named);
            }
            Ok(_) => {}
            // The line being written when the process died may be cut short.
            Err(_) if number > 0 => break,
            Err(e) => {
                return Err(AppError::usage(format!("line {}: {e}", number + 1)));
            }
        }
    }
    Ok(Resume {
        path: path.to_path_buf(),
        action,
        targets,
        done,
    })
}

/// Appends to a journal, one flushed line a target, so what is on disk is
/// true however the process ends.
pub struct JournalWriter {
    file: File,
    pub path: PathBuf,
}

impl JournalWriter {
    pub fn create(path: &Path, action: &str, targets: &[JournalTarget]) -> Result<JournalWriter> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let mut file = File::create(path).map_err(|e| {
            AppError::usage(format!("--journal {}: cannot write: {e}", path.display()))
        })?;
        let start = Line::Start {
            action: action.to_owned(),
            targets: targets.to_vec(),
        };
        writeln!(
            file,
            "{}",
            serde_json::to_string(&start).map_err(std::io::Error::from)?
        )?;
        Ok(JournalWriter {
            file,
            path: path.to_path_buf(),
        })
    }

    pub fn record(&mut self, result: &TargetResult) -> std::io::Result<()> {
        let (code, error) = match &result.outcome {
            Outcome::Failed { code, message } => (Some(code.clone()), Some(message.clone())),
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
}

/// Where a journal goes when `--journal` is not given: the user's state
/// directory, one file a run.
pub fn default_path(action: &str) -> Option<PathBuf> {
    let dir = dirs::state_dir().or_else(dirs::data_local_dir)?;
    let stamp = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or_default();
    let action: String = action
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    Some(
        dir.join("wsfleet")
            .join("journal")
            .join(format!("{stamp}-{action}.ndjson")),
    )
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
        let mut journal = JournalWriter::create(
            &path,
            "deregister",
            &[target("a"), target("b"), target("c")],
        )
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
        assert_eq!(resume.action, "deregister");
        assert_eq!(resume.remaining(), ["b", "c"]);
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
