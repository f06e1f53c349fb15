//! Everything the sandbox holds, and its state file.

use std::io;
use std::path::Path;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::config::Config;
use crate::thinclient::{ThinClientState, seed};
use crate::workspaces::WorkspacesState;

/// Bumped when the state file's shape changes incompatibly.
const FORMAT: u32 = 1;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SandboxState {
    pub format: u32,
    pub thinclient: ThinClientState,
    pub workspaces: WorkspacesState,
}

impl SandboxState {
    pub fn seed(config: &Config, now: DateTime<Utc>) -> Self {
        let mut thinclient = seed::seed(config.devices, config.seed, &config.region, now);
        // The resources' ARNs name the account STS answers with, so two
        // sandboxes standing for two accounts hand out ARNs of their own.
        thinclient.account = config.account_id.clone();
        SandboxState {
            format: FORMAT,
            thinclient,
            workspaces: WorkspacesState::seed(config.workspaces, config.seed, seed::anchor(now)),
        }
    }

    pub fn load(path: &Path) -> io::Result<Self> {
        let bytes = std::fs::read(path)?;
        let mut state: SandboxState = serde_json::from_slice(&bytes).map_err(|error| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!("{} is not a sandbox state file: {error}", path.display()),
            )
        })?;
        if state.format != FORMAT {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "{} has state format {}, this sandbox reads format {FORMAT}; reset it",
                    path.display(),
                    state.format
                ),
            ));
        }
        state.thinclient.reindex();
        Ok(state)
    }

    /// Writes the state beside `path` and renames it into place, so a crash
    /// mid-write never leaves a truncated state file.
    pub fn save(&self, path: &Path) -> io::Result<()> {
        let bytes = serde_json::to_vec(self).map_err(io::Error::other)?;
        if let Some(parent) = path.parent()
            && !parent.as_os_str().is_empty()
        {
            std::fs::create_dir_all(parent)?;
        }
        let mut temporary = path.as_os_str().to_owned();
        temporary.push(".tmp");
        std::fs::write(&temporary, bytes)?;
        std::fs::rename(&temporary, path)
    }
}
