//! The map against the facts: the operations of the SDK crates as built
//! (Cargo.lock's versions, found through `cargo metadata`), the API calls the
//! source makes, the command tree and the sandbox.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command as Process;
use std::sync::LazyLock;

use clap::CommandFactory;
use serde_json::Value;

use super::*;
use crate::cli::Cli;

/// The SDK crate behind each service.
fn crate_name(service: Service) -> &'static str {
    match service {
        Service::WorkSpaces => "aws-sdk-workspaces",
        Service::ThinClient => "aws-sdk-workspacesthinclient",
    }
}

/// One operation of an SDK crate.
#[derive(Debug, Clone)]
struct SdkOperation {
    service: Service,
    /// The API's name, as the crate sends it (`DescribeWorkspaces`).
    name: String,
    /// The client method that makes it (`describe_workspaces`): the
    /// operation's module name.
    method: String,
}

/// Everything the map is checked against.
struct Facts {
    sdk: Vec<SdkOperation>,
    /// Client methods the source calls.
    called_methods: BTreeSet<String>,
    command_tree: clap::Command,
    sandbox_workspaces: BTreeSet<&'static str>,
}

static FACTS: LazyLock<Facts> = LazyLock::new(|| Facts {
    sdk: sdk_operations(),
    called_methods: called_methods(&repository().join("src")),
    command_tree: Cli::command(),
    sandbox_workspaces: wsfleet_sandbox::workspaces::supported_operations()
        .iter()
        .copied()
        .collect(),
});

fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

// ------------------------------------------------------------ the SDK as built

fn host_triple() -> String {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_owned());
    let output = Process::new(rustc)
        .arg("-vV")
        .output()
        .expect("rustc -vV runs");
    let text = String::from_utf8(output.stdout).expect("utf-8");
    text.lines()
        .find_map(|line| line.strip_prefix("host: "))
        .expect("rustc -vV names the host")
        .to_owned()
}

/// Each SDK crate's source directory, at the version Cargo.lock resolves.
/// Only the host's packages are asked for: they are the ones a build has
/// downloaded, so this works offline.
fn sdk_crate_dirs() -> BTreeMap<Service, PathBuf> {
    let cargo = option_env!("CARGO").unwrap_or("cargo");
    let output = Process::new(cargo)
        .args(["metadata", "--format-version", "1", "--offline"])
        .args(["--filter-platform", &host_triple()])
        .arg("--manifest-path")
        .arg(repository().join("Cargo.toml"))
        .output()
        .expect("cargo metadata runs");
    assert!(
        output.status.success(),
        "cargo metadata failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: Value = serde_json::from_slice(&output.stdout).expect("cargo metadata's JSON");
    Service::ALL
        .into_iter()
        .map(|service| {
            let name = crate_name(service);
            let versions: Vec<&Value> = metadata["packages"]
                .as_array()
                .expect("packages")
                .iter()
                .filter(|package| package["name"] == name)
                .collect();
            assert_eq!(versions.len(), 1, "one {name} in the build: {versions:?}");
            let manifest = Path::new(
                versions[0]["manifest_path"]
                    .as_str()
                    .expect("manifest_path"),
            );
            (
                service,
                manifest.parent().expect("crate directory").to_owned(),
            )
        })
        .collect()
}

/// The operation name in an operation module's source: the first string
/// literal after `Metadata::new(` (`Metadata::new("DescribeWorkspaces", "WorkSpaces")`).
fn operation_name_in(source: &str) -> Option<String> {
    let (_, after) = source.split_once("Metadata::new(")?;
    let (_, literal) = after.split_once('"')?;
    let (name, _) = literal.split_once('"')?;
    Some(name.to_owned())
}

/// Every operation of the crate in `dir`: one `src/operation/<method>/`
/// folder each, its name read from `src/operation/<method>.rs`.
fn operations_of(service: Service, dir: &Path) -> Vec<SdkOperation> {
    let operations = dir.join("src").join("operation");
    let mut found: Vec<SdkOperation> = std::fs::read_dir(&operations)
        .unwrap_or_else(|e| panic!("{}: {e}", operations.display()))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.is_dir())
        .map(|path| {
            let method = path
                .file_name()
                .expect("module name")
                .to_string_lossy()
                .into_owned();
            let module = operations.join(format!("{method}.rs"));
            let source = std::fs::read_to_string(&module)
                .unwrap_or_else(|e| panic!("{}: {e}", module.display()));
            let name = operation_name_in(&source)
                .unwrap_or_else(|| panic!("no Metadata::new in {}", module.display()));
            SdkOperation {
                service,
                name,
                method,
            }
        })
        .collect();
    found.sort_by(|a, b| a.name.cmp(&b.name));
    found
}

fn sdk_operations() -> Vec<SdkOperation> {
    sdk_crate_dirs()
        .into_iter()
        .flat_map(|(service, dir)| operations_of(service, &dir))
        .collect()
}

// ------------------------------------------------------- what the source calls

fn is_ident_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// An identifier of Rust source with the non-space text just before and
/// just after it.
struct Token<'a> {
    ident: &'a str,
    before: &'a str,
    after: &'a str,
}

impl Token<'_> {
    /// `fn describe_workspaces(`: a definition, not a call.
    fn is_defined(&self) -> bool {
        self.before.rsplit(|c: char| !is_ident_char(c)).next() == Some("fn")
    }
}

fn tokens(source: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut rest_start = 0;
    while let Some(offset) = source[rest_start..].find(is_ident_char) {
        let start = rest_start + offset;
        let end = source[start..]
            .find(|c: char| !is_ident_char(c))
            .map_or(source.len(), |n| start + n);
        tokens.push(Token {
            ident: &source[start..end],
            before: source[..start].trim_end(),
            after: source[end..].trim_start(),
        });
        rest_start = end;
    }
    tokens
}

/// The source without `//` comments, so that prose naming a call does not
/// count as one.
fn without_comments(source: &str) -> String {
    source
        .lines()
        .map(|line| line.split_once("//").map_or(line, |(code, _)| code))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Identifiers the source at `src` calls as methods (`.describe_workspaces(`)
/// anywhere, or names in `src/api/` other than as a definition or a path
/// (an SDK call through a macro: `pages_of!(Device, list_devices, …)`).
/// This module's own files are left out: they name every operation.
fn called_methods(src: &Path) -> BTreeSet<String> {
    let mut called = BTreeSet::new();
    let mut pending = vec![src.to_owned()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).expect("source directory") {
            let path = entry.expect("directory entry").path();
            let relative = path.strip_prefix(src).expect("under src");
            if relative.starts_with("coverage") || relative == Path::new("coverage.rs") {
                continue;
            }
            if path.is_dir() {
                pending.push(path);
                continue;
            }
            if path.extension().is_none_or(|ext| ext != "rs") {
                continue;
            }
            let in_api = relative.starts_with("api");
            let source = without_comments(&std::fs::read_to_string(&path).expect("source"));
            for token in tokens(&source) {
                let method_call = token.before.ends_with('.') && token.after.starts_with('(');
                let named_in_api = in_api
                    && !token.is_defined()
                    && !token.before.ends_with("::")
                    && !token.after.starts_with("::");
                if method_call || named_in_api {
                    called.insert(token.ident.to_owned());
                }
            }
        }
    }
    called
}

// ------------------------------------------------------------------ the check

/// The command at `path` (`workspaces list`), following subcommand names;
/// a trailing `--flag` must be one of its options.
fn verb_problem(tree: &clap::Command, path: &str) -> Option<String> {
    let mut command = tree;
    for word in path.split_whitespace() {
        if let Some(long) = word.strip_prefix("--") {
            if !command.get_arguments().any(|a| a.get_long() == Some(long)) {
                return Some(format!("`{}` has no option --{long}", command.get_name()));
            }
            continue;
        }
        match command.get_subcommands().find(|c| c.get_name() == word) {
            Some(sub) if sub.is_hide_set() => return Some(format!("`{word}` is hidden")),
            Some(sub) => command = sub,
            None => {
                return Some(format!(
                    "`{}` has no subcommand `{word}`",
                    command.get_name()
                ));
            }
        }
    }
    (command.has_subcommands()).then(|| format!("`{path}` is a group, not a verb"))
}

/// What is wrong with `map`, each problem naming its operation.
fn problems(map: &[Operation], facts: &Facts) -> Vec<String> {
    let mut problems = Vec::new();
    let mut rows: BTreeMap<(Service, &str), usize> = BTreeMap::new();
    for op in map {
        *rows.entry((op.service, op.name)).or_default() += 1;
    }
    for sdk in &facts.sdk {
        match rows.get(&(sdk.service, sdk.name.as_str())) {
            None => problems.push(format!(
                "{} {} is not in the map: add it to src/coverage.rs, covered by its verb or not covered with a reason",
                sdk.service.name(),
                sdk.name
            )),
            Some(&n) if n > 1 => problems.push(format!(
                "{} {} is in the map {n} times",
                sdk.service.name(),
                sdk.name
            )),
            Some(_) => {}
        }
    }
    for op in map {
        let Some(sdk) = facts
            .sdk
            .iter()
            .find(|sdk| sdk.service == op.service && sdk.name == op.name)
        else {
            problems.push(format!(
                "{} {} is in the map but {} has no such operation",
                op.service.name(),
                op.name,
                crate_name(op.service)
            ));
            continue;
        };
        let called = facts.called_methods.contains(&sdk.method);
        match op.status {
            Status::Covered { verb } => {
                if let Some(problem) = verb_problem(&facts.command_tree, verb) {
                    problems.push(format!("{} is covered by `{verb}`, but {problem}", op.name));
                }
                if !called {
                    problems.push(format!(
                        "{} is marked covered, but nothing in src/ calls .{}()",
                        op.name, sdk.method
                    ));
                }
                if op.service == Service::WorkSpaces && !facts.sandbox_workspaces.contains(op.name)
                {
                    problems.push(format!(
                        "{} is marked covered, but the sandbox does not serve it",
                        op.name
                    ));
                }
            }
            Status::NotCovered { reason } => {
                if called {
                    problems.push(format!(
                        "{} is marked not covered ({reason}), but the source calls .{}()",
                        op.name, sdk.method
                    ));
                }
                if reason.trim().is_empty() {
                    problems.push(format!("{} is not covered without a reason", op.name));
                }
            }
        }
    }
    problems
}

fn assert_no_problems(map: &[Operation]) {
    let problems = problems(map, &FACTS);
    assert!(
        problems.is_empty(),
        "the coverage map (src/coverage.rs) is not true to the SDK and the code:\n  {}",
        problems.join("\n  ")
    );
}

/// The problems of `MAP` changed by `change`.
fn problems_after(change: impl FnOnce(&mut Vec<Operation>)) -> Vec<String> {
    let mut map = MAP.to_vec();
    change(&mut map);
    problems(&map, &FACTS)
}

fn position(map: &[Operation], name: &str) -> usize {
    map.iter()
        .position(|op| op.name == name)
        .unwrap_or_else(|| panic!("{name} in the map"))
}

// ---------------------------------------------------------------------- tests

#[test]
fn every_sdk_operation_is_mapped_once_and_the_map_claims_only_what_the_code_does() {
    assert_no_problems(MAP);
}

#[test]
fn the_sdk_crates_as_built_have_91_and_16_operations() {
    let count = |service| FACTS.sdk.iter().filter(|op| op.service == service).count();
    // When an SDK update adds an operation, the test above names it; place
    // it in the map, then update these figures and the README's.
    assert_eq!(count(Service::WorkSpaces), 91);
    assert_eq!(count(Service::ThinClient), 16);
    let describe = FACTS
        .sdk
        .iter()
        .find(|op| op.name == "DescribeWorkspacesConnectionStatus")
        .expect("read from its module");
    assert_eq!(describe.method, "describe_workspaces_connection_status");
}

#[test]
fn no_method_name_is_shared_by_the_two_crates() {
    // Calls are found by method name alone; a name both clients have would
    // need the file's client to tell them apart.
    let mut seen = BTreeSet::new();
    for op in &FACTS.sdk {
        assert!(
            seen.insert(&op.method),
            "{} is in both SDK crates",
            op.method
        );
    }
}

#[test]
fn removing_an_operation_from_the_map_is_reported_by_name() {
    for name in ["DescribeWorkspaces", "CreateIpGroup", "ListDevices"] {
        let problems = problems_after(|map| {
            map.remove(position(map, name));
        });
        assert!(
            problems
                .iter()
                .any(|p| p.contains(name) && p.contains("is not in the map")),
            "{name}: {problems:?}"
        );
    }
}

#[test]
fn a_duplicate_or_unknown_operation_is_reported() {
    let problems = problems_after(|map| {
        map.push(not_covered(WS, "CreateIpGroup", "twice"));
        map.push(not_covered(WS, "DescribeNothing", "no such operation"));
    });
    assert!(
        problems
            .iter()
            .any(|p| p.contains("CreateIpGroup is in the map 2 times"))
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("DescribeNothing is in the map but"))
    );
}

#[test]
fn the_map_cannot_claim_what_the_code_does_not_do() {
    // Code that no longer calls a covered operation, and a sandbox that no
    // longer serves it.
    let facts = Facts {
        sdk: FACTS.sdk.clone(),
        called_methods: FACTS
            .called_methods
            .iter()
            .filter(|method| *method != "create_connection_alias")
            .cloned()
            .collect(),
        command_tree: FACTS.command_tree.clone(),
        sandbox_workspaces: FACTS
            .sandbox_workspaces
            .iter()
            .copied()
            .filter(|op| *op != "CreateConnectionAlias")
            .collect(),
    };
    let problems = problems(MAP, &facts);
    assert!(
        problems.iter().any(|p| p.contains(
            "CreateConnectionAlias is marked covered, but nothing in src/ calls .create_connection_alias()"
        )),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("CreateConnectionAlias is marked covered, but the sandbox"))
    );

    let problems = problems_after(|map| {
        let at = position(map, "StartWorkspaces");
        map[at] = not_covered(WS, "StartWorkspaces", "pretend");
    });
    assert!(
        problems
            .iter()
            .any(|p| p.contains("StartWorkspaces is marked not covered (pretend), but the source calls .start_workspaces()")),
        "{problems:?}"
    );
}

#[test]
fn a_covered_verb_must_exist_and_be_visible() {
    let problems = problems_after(|map| {
        for (name, verb) in [
            ("StartWorkspaces", "workspaces begin"),
            ("StopWorkspaces", "workspaces"),
            (
                "DescribeWorkspaceDirectories",
                "workspaces list --directories",
            ),
            ("DescribeWorkspaces", "generate-assets"),
        ] {
            let at = position(map, name);
            map[at] = covered(WS, name, verb);
        }
    });
    for expected in [
        "StartWorkspaces is covered by `workspaces begin`, but `workspaces` has no subcommand `begin`",
        "StopWorkspaces is covered by `workspaces`, but `workspaces` is a group, not a verb",
        "DescribeWorkspaceDirectories is covered by `workspaces list --directories`, but `list` has no option --directories",
        "DescribeWorkspaces is covered by `generate-assets`, but `generate-assets` is hidden",
    ] {
        assert!(
            problems.iter().any(|p| p == expected),
            "{expected:?} not in {problems:?}"
        );
    }
}

#[test]
fn calls_are_found_through_method_chains_and_macros_but_not_in_prose() {
    let dir = tempfile::tempdir().expect("temp dir");
    let api = dir.path().join("api");
    std::fs::create_dir_all(&api).expect("api dir");
    std::fs::write(
        api.join("x.rs"),
        "use aws_sdk_workspaces::operation::create_tags::CreateTagsError;\n\
         pub async fn delete_tags() {}\n\
         pages_of!(Device, list_devices, devices);\n\
         fn f() { client\n    .describe_workspaces()\n    .send(); }\n\
         // .restore_workspace() is for later\n",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("complete.rs"),
        "fn g() { session.workspaces().describe_workspace_directories().send(); migrate_workspace(); }",
    )
    .expect("write");
    let called = called_methods(dir.path());
    for expected in [
        "describe_workspaces",
        "list_devices",
        "describe_workspace_directories",
    ] {
        assert!(called.contains(expected), "{expected} in {called:?}");
    }
    for not_a_call in [
        "create_tags",
        "delete_tags",
        "restore_workspace",
        "migrate_workspace",
    ] {
        assert!(!called.contains(not_a_call), "{not_a_call} in {called:?}");
    }
}

#[test]
fn the_map_is_ordered_by_service_then_operation() {
    for pair in MAP.windows(2) {
        assert!(
            (pair[0].service, pair[0].name) < (pair[1].service, pair[1].name),
            "{} should come after {}",
            pair[0].name,
            pair[1].name
        );
    }
}

#[test]
fn summary_and_document_count_from_the_map() {
    let map = [
        covered(WS, "DescribeWorkspaces", "workspaces list"),
        not_covered(WS, "CreateIpGroup", "later"),
        covered(TC, "ListDevices", "devices list"),
    ];
    assert_eq!(summary(&map), "WorkSpaces 1 of 2, Thin Client 1 of 1");
    let doc = markdown(&map);
    assert!(doc.contains("## Amazon WorkSpaces (1 of 2)"), "{doc}");
    assert!(
        doc.contains("| DescribeWorkspaces | `workspaces list` |  |"),
        "{doc}"
    );
    assert!(doc.contains("| CreateIpGroup |  | later |"), "{doc}");
    assert!(
        doc.contains("## Amazon WorkSpaces Thin Client (1 of 1)"),
        "{doc}"
    );
    assert!(doc.contains("1 of 2 Amazon WorkSpaces operations and 1 of 1 WorkSpaces Thin Client"));
}

#[test]
fn the_readme_states_the_maps_figures() {
    let readme = std::fs::read_to_string(repository().join("README.md")).expect("README.md");
    // Line breaks are the README's business, not the claim's.
    let words: Vec<&str> = readme.split_whitespace().collect();
    let claim = readme_claim(MAP);
    assert!(
        words.join(" ").contains(&claim),
        "README.md should say \"{claim}\" (the coverage map's figures)"
    );
    // No other "N of 91" left behind by an earlier edit.
    let (covered, total) = count(MAP, Service::WorkSpaces);
    let number = |word: &str| word.trim_matches(|c: char| !c.is_ascii_digit()).to_owned();
    for said in words.windows(3) {
        if said[1] == "of" && number(said[2]) == total.to_string() && !number(said[0]).is_empty() {
            assert_eq!(
                number(said[0]),
                covered.to_string(),
                "README.md says \"{}\"",
                said.join(" ")
            );
        }
    }
}
