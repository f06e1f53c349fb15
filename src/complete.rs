//! Completion of resource IDs at TAB: `wsfleet devices get <TAB>` offers the
//! account's device IDs, described by name and serial number.
//!
//! [`with_id_completers`] attaches a clap_complete `ArgValueCompleter` to
//! every argument of the tree that takes a kind's typed ID (see
//! [`crate::resources`]); the kind says how its IDs are listed.
//! They run inside the shell's completion call (`COMPLETE=<shell> wsfleet --
//! <words>`), so they must never prompt, never print, and give up within
//! [`BUDGET`] when the account cannot be reached: a completion that fails
//! offers nothing. What they fetch is cached for [`CACHE_TTL`] under the
//! user's cache directory, keyed by profile, region and endpoint, so repeated
//! TABs cost one request between them.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use clap::{CommandFactory, FromArgMatches};
use clap_complete::engine::CompletionCandidate;
use serde::{Deserialize, Serialize};

use crate::cli::{Cli, GlobalArgs};
use crate::context::Context;
use crate::error::AppError;
use crate::resources::Kind;
use crate::scope::{Session, SessionOptions};

/// The longest a TAB waits for the account, session loading included.
const BUDGET: Duration = Duration::from_millis(1500);
const CONNECT_TIMEOUT: Duration = Duration::from_millis(500);
const CALL_TIMEOUT: Duration = Duration::from_secs(1);
/// Long enough for the TABs of one command line, short enough that a
/// device registered a minute ago shows up.
const CACHE_TTL: Duration = Duration::from_secs(60);

/// The command tree with an ID completer on every argument that takes IDs:
/// those parsed into a kind's typed ID complete that kind, and a group's
/// bare `ID` and `ID_OR_ARN` arguments (targets, `tag`/`untag`'s `ID KEY`) the kind of
/// their group, so a new verb is completed without anyone wiring it.
pub fn with_id_completers(cli: clap::Command) -> clap::Command {
    with_completers_below(cli, None)
}

fn with_completers_below(command: clap::Command, group: Option<&'static Kind>) -> clap::Command {
    let wanted: Vec<(clap::Id, &'static Kind)> = command
        .get_arguments()
        .filter_map(|arg| {
            let kind = Kind::of_id_type(arg.get_value_parser()).or_else(|| {
                let value_name = arg.get_value_names()?.first()?.to_string();
                let takes_group_id = value_name == "ID"
                    || value_name.starts_with("ID ")
                    || value_name.starts_with("ID_OR_ARN");
                takes_group_id.then_some(group).flatten()
            })?;
            Some((arg.get_id().clone(), kind))
        })
        .collect();
    let command = wanted.into_iter().fold(command, |command, (id, kind)| {
        command.mut_arg(id, |arg| {
            arg.add(clap_complete::ArgValueCompleter::new(
                move |current: &OsStr| complete(kind, current),
            ))
        })
    });
    Kind::each_subcommand(command, group, with_completers_below)
}

/// One completion: the ID and what a person recognises it by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    id: String,
    /// What a person knows it by (name, serial number, ...), each cleaned,
    /// the present ones in order.
    parts: Vec<String>,
    description: String,
}

impl Entry {
    /// `None` for an ID that could not be typed back (missing, blank, or
    /// with whitespace or control characters). The description is the
    /// present parts joined, stripped of anything that would break a
    /// shell's completion list (names are untrusted).
    pub fn new<'a>(
        id: Option<&str>,
        parts: impl IntoIterator<Item = Option<&'a str>>,
    ) -> Option<Entry> {
        let id = id.filter(|id| {
            !id.is_empty() && !id.chars().any(|c| c.is_whitespace() || c.is_control())
        })?;
        let parts: Vec<String> = parts
            .into_iter()
            .flatten()
            .map(|part| {
                let visible: String = strip_ansi_escapes::strip_str(part)
                    .chars()
                    .filter(|c| !c.is_control())
                    .collect();
                crate::output::escape_invisible(visible.trim())
            })
            .filter(|part| !part.is_empty())
            .collect();
        Some(Entry {
            id: id.to_owned(),
            description: parts.join(", "),
            parts,
        })
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    /// Its name first (a device's, then its serial number), as the kind's
    /// registry entry lists them.
    pub fn parts(&self) -> &[String] {
        &self.parts
    }

    fn candidate(&self) -> CompletionCandidate {
        let help = (!self.description.is_empty()).then(|| self.description.clone().into());
        CompletionCandidate::new(&self.id).help(help)
    }
}

fn complete(kind: &Kind, current: &OsStr) -> Vec<CompletionCandidate> {
    // A non-UTF-8 prefix cannot begin any AWS ID.
    let Some(prefix) = current.to_str() else {
        return Vec::new();
    };
    let Some(line) = CompletedLine::parse(&words_being_completed()) else {
        return Vec::new();
    };
    let cache_dir = dirs::cache_dir().map(|dir| dir.join("wsfleet"));
    entries(kind, line, cache_dir.as_deref())
        .iter()
        .filter(|entry| entry.id.starts_with(prefix))
        .map(Entry::candidate)
        .collect()
}

/// The command line the shell is completing: under `COMPLETE`, the binary
/// runs as `wsfleet -- wsfleet <words>`.
fn words_being_completed() -> Vec<OsString> {
    std::env::args_os()
        .skip_while(|arg| arg != "--")
        .skip(1)
        .collect()
}

/// What the command line being completed says about where its requests go.
struct CompletedLine {
    /// As a real run of the line would have it (its own `--profile`,
    /// `--region` and `--endpoint-url`, wherever they are on the line, or
    /// their environment variables), with timeouts short enough for a TAB.
    context: Context,
    /// `--sandbox`: the IDs come from the emulator, started here as the
    /// command would start it.
    sandbox: bool,
}

impl CompletedLine {
    fn parse(words: &[OsString]) -> Option<CompletedLine> {
        // The line is unfinished by nature; take what parses.
        let matches = Cli::command()
            .ignore_errors(true)
            .try_get_matches_from(words)
            .ok()?;
        let global = GlobalArgs::from_arg_matches(&matches).ok()?;
        let printer = crate::output::Printer::new(&global);
        let mut context = Context::new(&global, printer);
        context.session_options.connect_timeout = CONNECT_TIMEOUT;
        context.session_options.timeout = CALL_TIMEOUT;
        Some(CompletedLine {
            context,
            sandbox: global.sandbox,
        })
    }
}

/// The cached entries when fresh, else whatever the account returns within
/// the budget (cached only when complete).
fn entries(kind: &Kind, mut line: CompletedLine, cache_dir: Option<&Path>) -> Vec<Entry> {
    let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    else {
        return Vec::new();
    };
    let mut found = Vec::new();
    runtime.block_on(async {
        let _ = tokio::time::timeout(
            BUDGET,
            cached_or_fetched(kind, &mut line, cache_dir, &mut found),
        )
        .await;
    });
    // Requests still in flight after the budget are abandoned, not awaited.
    runtime.shutdown_background();
    found
}

async fn cached_or_fetched(
    kind: &Kind,
    line: &mut CompletedLine,
    cache_dir: Option<&Path>,
    found: &mut Vec<Entry>,
) {
    if line.sandbox {
        return from_embedded_sandbox(kind, &mut line.context, found).await;
    }
    let options = &line.context.session_options;
    let Ok(session) = Session::load(options).await else {
        return;
    };
    let cache = cache_dir.map(|dir| Cache::new(kind, options, &session, dir));
    if let Some(entries) = cache.as_ref().and_then(Cache::read) {
        *found = entries;
        return;
    }
    if fetch(kind, &session, found).await.is_ok()
        && let Some(cache) = &cache
    {
        cache.write(found);
    }
}

/// Not cached: the emulator is local, and its port differs at each start.
async fn from_embedded_sandbox(kind: &Kind, context: &mut Context, found: &mut Vec<Entry>) {
    let Ok(sandbox) = crate::commands::sandbox::start_embedded(context).await else {
        return;
    };
    if let Ok(session) = Session::load(&context.session_options).await {
        let _ = fetch(kind, &session, found).await;
    }
    let _ = sandbox.shutdown().await;
}

/// A listing that stopped before its last page.
struct Incomplete;

impl From<AppError> for Incomplete {
    fn from(_: AppError) -> Self {
        Incomplete
    }
}

/// Every page of the kind's listing, appended to `found` as it arrives so
/// that a listing cut short by the budget still offers what it got.
async fn fetch(kind: &Kind, session: &Session, found: &mut Vec<Entry>) -> Result<(), Incomplete> {
    Ok((kind.labels)(session, found).await?)
}

/// One kind's entries for one account and place, in a file of the user's
/// cache directory. Any problem reading or writing it just means a request.
struct Cache {
    path: PathBuf,
    key: String,
}

#[derive(Serialize, Deserialize)]
struct CacheFile {
    key: String,
    written_at: u64,
    entries: Vec<Entry>,
}

impl Cache {
    fn new(kind: &Kind, options: &SessionOptions, session: &Session, dir: &Path) -> Cache {
        // The endpoint variables are read by the SDK, not by our options,
        // but decide just as much where the IDs come from.
        let endpoint_variables = [
            "AWS_ENDPOINT_URL",
            "AWS_ENDPOINT_URL_WORKSPACES",
            "AWS_ENDPOINT_URL_WORKSPACES_THIN_CLIENT",
        ]
        .map(|name| std::env::var(name).unwrap_or_default());
        let key = [
            kind.plural,
            options.profile.as_deref().unwrap_or_default(),
            session.region().unwrap_or_default(),
            options.endpoint_url.as_deref().unwrap_or_default(),
        ]
        .into_iter()
        .chain(endpoint_variables.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join("\n");
        let path = dir.join(format!(
            "complete-{}-{:016x}.json",
            kind.plural,
            fnv1a(&key)
        ));
        Cache { path, key }
    }

    fn read(&self) -> Option<Vec<Entry>> {
        let text = std::fs::read(&self.path).ok()?;
        let file: CacheFile = serde_json::from_slice(&text).ok()?;
        let age = now_secs()?.checked_sub(file.written_at)?;
        (file.key == self.key && age < CACHE_TTL.as_secs()).then_some(file.entries)
    }

    fn write(&self, entries: &[Entry]) {
        let Some(written_at) = now_secs() else {
            return;
        };
        let file = CacheFile {
            key: self.key.clone(),
            written_at,
            entries: entries.to_vec(),
        };
        let (Some(dir), Ok(json)) = (self.path.parent(), serde_json::to_vec(&file)) else {
            return;
        };
        // Written aside and renamed, so a concurrent TAB never reads half a file.
        let partial = self
            .path
            .with_extension(format!("{}.tmp", std::process::id()));
        let written = std::fs::create_dir_all(dir)
            .and_then(|()| std::fs::write(&partial, json))
            .and_then(|()| std::fs::rename(&partial, &self.path));
        if written.is_err() {
            let _ = std::fs::remove_file(&partial);
        }
    }
}

fn now_secs() -> Option<u64> {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .ok()
        .map(|d| d.as_secs())
}

/// A file name for the key that stays the same across runs and builds
/// (std's hasher promises neither).
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::resources::KINDS;

    fn words(line: &str) -> Vec<OsString> {
        line.split(' ').map(OsString::from).collect()
    }

    fn session_options(words: &[OsString]) -> SessionOptions {
        CompletedLine::parse(words)
            .expect("globals parse")
            .context
            .session_options
    }

    #[test]
    fn globals_are_read_wherever_they_are_on_the_line() {
        let options = session_options(&words(
            "wsfleet --profile ops devices get --region eu-west-1 --endpoint-url http://127.0.0.1:9 0a",
        ));
        assert_eq!(options.profile.as_deref(), Some("ops"));
        assert_eq!(options.region.as_deref(), Some("eu-west-1"));
        assert_eq!(options.endpoint_url.as_deref(), Some("http://127.0.0.1:9"));
        assert_eq!(options.timeout, CALL_TIMEOUT);
        let sandbox = CompletedLine::parse(&words("wsfleet devices get --sandbox 0a"));
        assert!(sandbox.is_some_and(|line| line.sandbox));
    }

    #[test]
    fn an_unfinished_line_still_gives_its_globals() {
        let options = session_options(&words("wsfleet --region ap-south-1 devices get"));
        assert_eq!(options.region.as_deref(), Some("ap-south-1"));
        let options = session_options(&words("wsfleet --region ap-south-1 devices --bogus x"));
        assert_eq!(options.region.as_deref(), Some("ap-south-1"));
    }

    #[test]
    fn entries_describe_by_present_parts_and_drop_untypeable_ids() {
        let entry = Entry::new(
            Some("abc"),
            [Some("lobby\u{1b}[31m-1\n"), None, Some("SN1")],
        )
        .expect("entry");
        assert_eq!(entry.description, "lobby-1, SN1");
        // A bidi override in a name is shown, not obeyed.
        let spoofed = Entry::new(Some("abc"), [Some("lobby\u{202e}exe.")]).expect("entry");
        assert_eq!(spoofed.description, "lobby\\u{202e}exe.");
        assert!(Entry::new(None, [Some("x")]).is_none());
        assert!(Entry::new(Some(""), [None]).is_none());
        assert!(Entry::new(Some("a b"), [None]).is_none());
        assert!(Entry::new(Some("a\tb"), [None]).is_none());
    }

    #[test]
    fn cache_answers_only_for_its_key_and_while_fresh() {
        let dir = tempfile::tempdir().expect("temp dir");
        let cache = Cache {
            path: dir.path().join("sub").join("complete-devices-x.json"),
            key: "devices\nops".to_owned(),
        };
        assert_eq!(cache.read(), None);
        let entries = vec![Entry::new(Some("d1"), [Some("one")]).expect("entry")];
        cache.write(&entries);
        assert_eq!(cache.read(), Some(entries.clone()));

        let other_key = Cache {
            path: cache.path.clone(),
            key: "devices\nprod".to_owned(),
        };
        assert_eq!(other_key.read(), None);

        let stale = CacheFile {
            key: cache.key.clone(),
            written_at: now_secs().expect("clock") - CACHE_TTL.as_secs(),
            entries,
        };
        std::fs::write(&cache.path, serde_json::to_vec(&stale).expect("json")).expect("write");
        assert_eq!(cache.read(), None);
    }

    /// Every kind's listing against the sandbox: the IDs its own API
    /// returns, each described.
    #[test]
    fn every_kind_lists_its_ids_from_the_sandbox() {
        let runtime = tokio::runtime::Runtime::new().expect("runtime");
        let sandbox = runtime
            .block_on(wsfleet_sandbox::Sandbox::start(
                wsfleet_sandbox::Config::default(),
            ))
            .expect("sandbox starts");
        let endpoint = sandbox.endpoint();
        let line = || {
            let words = [
                "wsfleet",
                "--region",
                "us-east-1",
                "--endpoint-url",
                &endpoint,
            ];
            let mut line = CompletedLine::parse(&words.map(OsString::from)).expect("line");
            line.context.session_options.static_credentials =
                Some(("AKIDCOMPLETETEST".to_owned(), "secret".to_owned()));
            line
        };

        let expected = [
            ("devices", "ListDevices", ""),
            ("environments", "ListEnvironments", ""),
            ("software-sets", "ListSoftwareSets", ""),
            ("workspaces", "DescribeWorkspaces", "ws-"),
            ("applications", "DescribeApplications", "wsa-"),
            ("images", "DescribeWorkspaceImages", "wsi-"),
            ("bundles", "DescribeWorkspaceBundles", "wsb-"),
            ("directories", "DescribeWorkspaceDirectories", ""),
            ("ip-groups", "DescribeIpGroups", "wsipg-"),
            ("pools", "DescribeWorkspacesPools", "wspool-"),
            ("connection-aliases", "DescribeConnectionAliases", "wsca-"),
        ];
        assert_eq!(KINDS.len(), expected.len(), "a kind without a case here");
        for (plural, operation, id_start) in expected {
            let kind = Kind::of_group(plural).expect("a registered kind");
            let found = entries(kind, line(), None);
            assert!(!found.is_empty(), "{plural}: nothing offered");
            for entry in &found {
                assert!(entry.id.starts_with(id_start), "{plural}: {entry:?}");
                assert!(!entry.description.is_empty(), "{plural}: {entry:?}");
            }
            assert!(
                sandbox.requests().iter().any(|r| r.operation == operation),
                "{plural} did not call {operation}"
            );
        }
        let bundle_listings = sandbox
            .requests()
            .iter()
            .filter(|r| r.operation == "DescribeWorkspaceBundles")
            .count();
        assert!(bundle_listings >= 2, "the account's and Amazon's bundles");
        let _ = runtime.block_on(sandbox.shutdown());
    }

    #[test]
    fn cache_file_names_are_stable() {
        assert_eq!(fnv1a(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a("a"), 0xaf63_dc4c_8601_ec8c);
    }
}
