//! Completion of resource IDs at TAB: `wsfleet devices get <TAB>` offers the
//! account's device IDs, described by name and serial number.
//!
//! Each pub fn here is a clap_complete `ArgValueCompleter`;
//! [`with_id_completers`] attaches them to every argument of the tree whose
//! value name says which kind of ID it takes, so a new verb is completed
//! without anyone remembering to wire it.
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
use crate::scope::{Session, SessionOptions};

/// The longest a TAB waits for the account, session loading included.
const BUDGET: Duration = Duration::from_millis(1500);
const CONNECT_TIMEOUT: Duration = Duration::from_millis(500);
const CALL_TIMEOUT: Duration = Duration::from_secs(1);
/// Long enough for the TABs of one command line, short enough that a
/// device registered a minute ago shows up.
const CACHE_TTL: Duration = Duration::from_secs(60);

/// WorkSpaces Thin Client device IDs, described by name and serial number.
pub fn device_ids(current: &OsStr) -> Vec<CompletionCandidate> {
    complete(Kind::Devices, current)
}

/// WorkSpaces Thin Client environment IDs, described by name.
pub fn environment_ids(current: &OsStr) -> Vec<CompletionCandidate> {
    complete(Kind::Environments, current)
}

/// WorkSpaces Thin Client software set IDs, described by version.
pub fn software_set_ids(current: &OsStr) -> Vec<CompletionCandidate> {
    complete(Kind::SoftwareSets, current)
}

/// WorkSpace IDs, described by user name and computer name.
pub fn workspace_ids(current: &OsStr) -> Vec<CompletionCandidate> {
    complete(Kind::Workspaces, current)
}

/// WorkSpaces application IDs, described by name.
pub fn application_ids(current: &OsStr) -> Vec<CompletionCandidate> {
    complete(Kind::Applications, current)
}

/// WorkSpaces image IDs, described by name.
pub fn image_ids(current: &OsStr) -> Vec<CompletionCandidate> {
    complete(Kind::Images, current)
}

/// WorkSpaces bundle IDs (the account's and Amazon's), described by name.
pub fn bundle_ids(current: &OsStr) -> Vec<CompletionCandidate> {
    complete(Kind::Bundles, current)
}

/// WorkSpaces directory IDs, described by directory name and alias.
pub fn directory_ids(current: &OsStr) -> Vec<CompletionCandidate> {
    complete(Kind::Directories, current)
}

type Completer = fn(&OsStr) -> Vec<CompletionCandidate>;

/// The command tree with an ID completer on every argument that takes IDs,
/// found by value name (`DEVICE_ID`, `WS_ID,...`); `ID` and `ID_OR_ARN`
/// take the kind of their group.
pub fn with_id_completers(cli: clap::Command) -> clap::Command {
    let groups: Vec<String> = cli
        .get_subcommands()
        .map(|g| g.get_name().to_owned())
        .collect();
    groups.into_iter().fold(cli, |cli, group| {
        let group_kind = completer_for_group(&group);
        cli.mut_subcommand(&group, |g| {
            let verbs: Vec<String> = g
                .get_subcommands()
                .map(|v| v.get_name().to_owned())
                .collect();
            verbs.into_iter().fold(g, |g, verb| {
                g.mut_subcommand(&verb, |v| {
                    let wanted: Vec<(clap::Id, Completer)> = v
                        .get_arguments()
                        .filter_map(|arg| {
                            let name = arg.get_value_names()?.first()?.to_string();
                            // `tag`/`untag` take the resource, then its tags.
                            let takes_group_id = name == "ID" || name.starts_with("ID_OR_ARN");
                            let completer = completer_for_value_name(&name)
                                .or(takes_group_id.then_some(group_kind).flatten())?;
                            Some((arg.get_id().clone(), completer))
                        })
                        .collect();
                    wanted.into_iter().fold(v, |v, (id, completer)| {
                        v.mut_arg(id, |a| {
                            a.add(clap_complete::ArgValueCompleter::new(completer))
                        })
                    })
                })
            })
        })
    })
}

fn completer_for_value_name(name: &str) -> Option<Completer> {
    let name = name.trim_end_matches(",...");
    Some(match name {
        "DEVICE_ID" => device_ids,
        "ENV_ID" => environment_ids,
        "SOFTWARE_SET_ID" => software_set_ids,
        "WS_ID" => workspace_ids,
        "APP_ID" => application_ids,
        "IMAGE_ID" | "SOURCE_IMAGE_ID" => image_ids,
        "BUNDLE_ID" => bundle_ids,
        "DIRECTORY_ID" => directory_ids,
        _ => return None,
    })
}

fn completer_for_group(group: &str) -> Option<Completer> {
    Some(match group {
        "devices" => device_ids,
        "environments" => environment_ids,
        "software-sets" => software_set_ids,
        "workspaces" => workspace_ids,
        "applications" => application_ids,
        "images" => image_ids,
        _ => return None,
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Devices,
    Environments,
    SoftwareSets,
    Workspaces,
    Applications,
    Images,
    Bundles,
    Directories,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Devices => "devices",
            Kind::Environments => "environments",
            Kind::SoftwareSets => "software-sets",
            Kind::Workspaces => "workspaces",
            Kind::Applications => "applications",
            Kind::Images => "images",
            Kind::Bundles => "bundles",
            Kind::Directories => "directories",
        }
    }
}

/// One completion: the ID and what a person recognises it by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Entry {
    id: String,
    description: String,
}

impl Entry {
    /// `None` for an ID that could not be typed back (missing, blank, or
    /// with whitespace or control characters). The description is the
    /// present parts joined, stripped of anything that would break a
    /// shell's completion list (names are untrusted).
    fn new<'a>(
        id: Option<&str>,
        parts: impl IntoIterator<Item = Option<&'a str>>,
    ) -> Option<Entry> {
        let id = id.filter(|id| {
            !id.is_empty() && !id.chars().any(|c| c.is_whitespace() || c.is_control())
        })?;
        let description = parts
            .into_iter()
            .flatten()
            .map(|part| {
                strip_ansi_escapes::strip_str(part)
                    .chars()
                    .filter(|c| !c.is_control())
                    .collect::<String>()
                    .trim()
                    .to_owned()
            })
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        Some(Entry {
            id: id.to_owned(),
            description,
        })
    }

    fn candidate(&self) -> CompletionCandidate {
        let help = (!self.description.is_empty()).then(|| self.description.clone().into());
        CompletionCandidate::new(&self.id).help(help)
    }
}

fn complete(kind: Kind, current: &OsStr) -> Vec<CompletionCandidate> {
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
fn entries(kind: Kind, mut line: CompletedLine, cache_dir: Option<&Path>) -> Vec<Entry> {
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
    kind: Kind,
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
async fn from_embedded_sandbox(kind: Kind, context: &mut Context, found: &mut Vec<Entry>) {
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
async fn fetch(kind: Kind, session: &Session, found: &mut Vec<Entry>) -> Result<(), Incomplete> {
    use crate::api::{thin_client, workspaces};
    let tc = session.thin_client();
    let ws = session.workspaces();
    match kind {
        Kind::Devices => {
            let pages = thin_client::devices(tc);
            entries_of(pages, found, |d| {
                Entry::new(d.id(), [d.name(), d.serial_number()])
            })
            .await
        }
        Kind::Environments => {
            let pages = thin_client::environments(tc);
            entries_of(pages, found, |e| Entry::new(e.id(), [e.name()])).await
        }
        Kind::SoftwareSets => {
            let pages = thin_client::software_sets(tc);
            entries_of(pages, found, |s| Entry::new(s.id(), [s.version()])).await
        }
        Kind::Workspaces => {
            let pages = workspaces::workspaces(ws, workspaces::WorkspaceQuery::default());
            entries_of(pages, found, |w| {
                Entry::new(w.workspace_id(), [w.user_name(), w.computer_name()])
            })
            .await
        }
        Kind::Applications => {
            let pages = workspaces::applications(ws, workspaces::ApplicationQuery::default());
            entries_of(pages, found, |a| Entry::new(a.application_id(), [a.name()])).await
        }
        Kind::Images => {
            let pages = workspaces::images(ws, workspaces::ImageQuery::default());
            entries_of(pages, found, |i| Entry::new(i.image_id(), [i.name()])).await
        }
        Kind::Bundles => {
            // The account's own bundles first: they are the ones people pick.
            for owner in [None, Some("AMAZON")] {
                let pages = workspaces::bundles(ws, owner);
                entries_of(pages, found, |b| Entry::new(b.bundle_id(), [b.name()])).await?;
            }
            Ok(())
        }
        Kind::Directories => {
            let pages = workspaces::directories(ws);
            entries_of(pages, found, |d| {
                Entry::new(d.directory_id(), [d.directory_name(), d.alias()])
            })
            .await
        }
    }
}

/// Each page's entries appended to `found` as the page arrives.
async fn entries_of<T: Send + 'static>(
    mut pages: crate::api::Pages<T>,
    found: &mut Vec<Entry>,
    entry: impl Fn(&T) -> Option<Entry>,
) -> Result<(), Incomplete> {
    while let Some(page) = pages.next_page().await? {
        found.extend(page.iter().filter_map(&entry));
    }
    Ok(())
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
    fn new(kind: Kind, options: &SessionOptions, session: &Session, dir: &Path) -> Cache {
        // The endpoint variables are read by the SDK, not by our options,
        // but decide just as much where the IDs come from.
        let endpoint_variables = [
            "AWS_ENDPOINT_URL",
            "AWS_ENDPOINT_URL_WORKSPACES",
            "AWS_ENDPOINT_URL_WORKSPACES_THIN_CLIENT",
        ]
        .map(|name| std::env::var(name).unwrap_or_default());
        let key = [
            kind.name(),
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
            kind.name(),
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

        for (kind, operation, id_start) in [
            (Kind::Devices, "ListDevices", ""),
            (Kind::Environments, "ListEnvironments", ""),
            (Kind::SoftwareSets, "ListSoftwareSets", ""),
            (Kind::Workspaces, "DescribeWorkspaces", "ws-"),
            (Kind::Applications, "DescribeApplications", "wsa-"),
            (Kind::Images, "DescribeWorkspaceImages", "wsi-"),
            (Kind::Bundles, "DescribeWorkspaceBundles", "wsb-"),
            (Kind::Directories, "DescribeWorkspaceDirectories", "d-"),
        ] {
            let found = entries(kind, line(), None);
            assert!(!found.is_empty(), "{kind:?}: nothing offered");
            for entry in &found {
                assert!(entry.id.starts_with(id_start), "{kind:?}: {entry:?}");
                assert!(!entry.description.is_empty(), "{kind:?}: {entry:?}");
            }
            assert!(
                sandbox.requests().iter().any(|r| r.operation == operation),
                "{kind:?} did not call {operation}"
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
