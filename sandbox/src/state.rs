//! Everything the sandbox holds, and its state file.

use std::collections::BTreeMap;
use std::fs::File;
use std::hash::{Hash, Hasher};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

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
    /// The fleets of the member accounts' regions that were used, by
    /// [`MemberPlace::key`]; the others are seeded when first asked for.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub members: BTreeMap<String, Fleet>,
}

/// The fleet of one region of one member account.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Fleet {
    pub thinclient: ThinClientState,
    pub workspaces: WorkspacesState,
}

/// A region of a member account, and how its fleet is seeded.
pub struct MemberPlace<'a> {
    pub account: &'a str,
    pub region: &'a str,
    pub fleet_size: usize,
    pub seed: u64,
}

impl MemberPlace<'_> {
    fn key(&self) -> String {
        format!("{}/{}", self.account, self.region)
    }

    /// The seed of this place's fleet: the run's seed mixed with the
    /// account and region (FNV-1a, the same on every platform and release).
    fn fleet_seed(&self) -> u64 {
        let mut hash: u64 = 0xCBF2_9CE4_8422_2325 ^ self.seed;
        for byte in self.key().bytes() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01B3);
        }
        hash
    }

    fn seed_fleet(&self, now: DateTime<Utc>) -> Fleet {
        let seed = self.fleet_seed();
        let mut thinclient = seed::seed(self.fleet_size, seed, self.region, now);
        thinclient.account = self.account.to_owned();
        Fleet {
            thinclient,
            workspaces: WorkspacesState::seed(self.fleet_size, seed, seed::anchor(now)),
        }
    }
}

impl SandboxState {
    pub fn seed(config: &Config, now: DateTime<Utc>) -> Self {
        let mut thinclient = seed::seed(config.devices, config.seed, &config.region, now);
        // The resources' ARNs name the account STS answers with, so two
        // sandboxes standing for two accounts hand out ARNs of their own.
        thinclient.account = config.account_id.clone();
        let mut workspaces =
            WorkspacesState::seed(config.workspaces, config.seed, seed::anchor(now));
        if let Some(count) = config.directories {
            workspaces.spread_over_directories(count);
        }
        SandboxState {
            format: FORMAT,
            thinclient,
            workspaces,
            members: BTreeMap::new(),
        }
    }

    /// The fleet a request is served from: the sandbox's own, or a member
    /// account's region (seeded now if it is its first use).
    pub fn fleet(
        &mut self,
        member: Option<&MemberPlace<'_>>,
        now: DateTime<Utc>,
    ) -> (&mut ThinClientState, &mut WorkspacesState) {
        match member {
            None => (&mut self.thinclient, &mut self.workspaces),
            Some(place) => {
                let fleet = self
                    .members
                    .entry(place.key())
                    .or_insert_with(|| place.seed_fleet(now));
                (&mut fleet.thinclient, &mut fleet.workspaces)
            }
        }
    }

    pub fn load(path: &Path) -> io::Result<Self> {
        let bytes = std::fs::read(path).map_err(|e| naming(path, e))?;
        Self::parse(path, &bytes)
    }

    fn parse(path: &Path, bytes: &[u8]) -> io::Result<Self> {
        let mut state: SandboxState = serde_json::from_slice(bytes).map_err(|error| {
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
        for fleet in state.members.values_mut() {
            fleet.thinclient.reindex();
        }
        Ok(state)
    }

    /// Writes the state to a temporary file of its own beside `path` and
    /// renames it into place, so a crash mid-write never leaves a truncated
    /// state file and two writers never share a temporary file.
    pub fn save(&self, path: &Path) -> io::Result<()> {
        let bytes = serde_json::to_vec(self).map_err(io::Error::other)?;
        write_atomically(path, &bytes)?;
        Ok(())
    }
}

/// An I/O error that says which file it is about.
fn naming(path: &Path, error: io::Error) -> io::Error {
    io::Error::new(error.kind(), format!("{}: {error}", path.display()))
}

fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let parent = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(parent).map_err(|e| naming(parent, e))?;
    let mut temporary = tempfile::NamedTempFile::new_in(parent).map_err(|e| naming(parent, e))?;
    temporary.write_all(bytes).map_err(|e| naming(path, e))?;
    temporary.persist(path).map_err(|e| naming(path, e.error))?;
    Ok(())
}

/// A state file that other processes change too (every `wsfleet --sandbox`
/// command is a sandbox of its own over one file). Each operation runs
/// under a lock on a file beside it, shared for a read and exclusive for a
/// change: the state is reloaded when another process saved since, and a
/// change is saved before it is answered, so no change is lost and a read
/// never writes.
#[derive(Debug)]
pub struct SharedFile {
    path: PathBuf,
    lock_path: PathBuf,
    /// A digest of the bytes the state in memory was loaded from or saved
    /// as; `None` when memory may differ from the file.
    known: Option<u64>,
}

/// Held while an operation runs; closing the file releases the lock.
pub struct FileLock {
    _file: File,
}

impl SharedFile {
    pub fn new(path: &Path) -> SharedFile {
        let mut lock_path = path.as_os_str().to_owned();
        lock_path.push(".lock");
        SharedFile {
            path: path.to_path_buf(),
            lock_path: PathBuf::from(lock_path),
            known: None,
        }
    }

    /// Waits for the lock: shared to read, exclusive to change.
    pub fn lock(&self, exclusive: bool) -> io::Result<FileLock> {
        if let Some(parent) = self.lock_path.parent()
            && !parent.as_os_str().is_empty()
        {
            std::fs::create_dir_all(parent).map_err(|e| naming(parent, e))?;
        }
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&self.lock_path)
            .map_err(|e| naming(&self.lock_path, e))?;
        let locked = if exclusive {
            file.lock()
        } else {
            file.lock_shared()
        };
        locked.map_err(|e| naming(&self.lock_path, e))?;
        Ok(FileLock { _file: file })
    }

    /// The state as the file has it now, if the file exists.
    pub fn load(&mut self) -> io::Result<Option<SandboxState>> {
        let mut state = None;
        self.refresh_into(&mut state)?;
        Ok(state)
    }

    /// Replaces `state` with the file's when the file changed since this
    /// process last read or wrote it. A missing file leaves `state` as it is.
    pub fn refresh(&mut self, state: &mut SandboxState) -> io::Result<()> {
        let mut fresh = None;
        self.refresh_into(&mut fresh)?;
        if let Some(fresh) = fresh {
            *state = fresh;
        }
        Ok(())
    }

    fn refresh_into(&mut self, state: &mut Option<SandboxState>) -> io::Result<()> {
        let bytes = match std::fs::read(&self.path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(naming(&self.path, e)),
        };
        let digest = digest(&bytes);
        if self.known != Some(digest) {
            *state = Some(SandboxState::parse(&self.path, &bytes)?);
            self.known = Some(digest);
        }
        Ok(())
    }

    /// Saves a change (under the exclusive lock).
    pub fn save(&mut self, state: &SandboxState) -> io::Result<()> {
        // Until the save succeeds, memory holds a change the file lacks:
        // the next operation reloads the file.
        self.known = None;
        let bytes = serde_json::to_vec(state).map_err(io::Error::other)?;
        write_atomically(&self.path, &bytes)?;
        self.known = Some(digest(&bytes));
        Ok(())
    }
}

fn digest(bytes: &[u8]) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut hasher);
    hasher.finish()
}
