//! Snapshots (insta) of what a person reads: every command's `--help`, the
//! table and JSON of every read verb against the seeded sandbox, and the
//! one-line usage errors. A change to any of them shows up as a snapshot
//! diff to review (`INSTA_UPDATE=always cargo test --test cli_snapshots`
//! rewrites them; `cargo insta review` if installed).
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on what they did not expect

mod common;

use common::{Run, TestEnv, isolated_wsfleet, subcommands};

/// Timestamps move with the day the sandbox is seeded; everything else in
/// the seed is fixed.
fn with_stable_times(assertions: impl FnOnce()) {
    let mut settings = insta::Settings::clone_current();
    settings.add_filter(
        r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})",
        "[time]",
    );
    // Tables read them as how long ago, which moves with the hour of the day.
    settings.add_filter(
        r"(\d+ (year|month|day|hour|minute)s? ago|in \d+ (year|month|day|hour|minute)s?|just now) *",
        "[when] ",
    );
    settings.bind(assertions);
}

fn help_of(path: &[String]) -> String {
    let home = tempfile::tempdir().unwrap();
    let out = isolated_wsfleet(&home)
        .args(path)
        .arg("--help")
        .output()
        .unwrap();
    let run = Run::of(out);
    assert_eq!(run.code, 0, "{path:?} --help: {}", run.stderr);
    run.stdout
}

/// Walks the command tree from the top, so a new group or verb gets its
/// help snapshot (and must be reviewed) without touching this file.
#[test]
fn every_help_page() {
    let mut pending: Vec<Vec<String>> = vec![Vec::new()];
    let mut pages = 0;
    while let Some(path) = pending.pop() {
        let help = help_of(&path);
        for sub in subcommands(&help) {
            let mut child = path.clone();
            child.push(sub);
            pending.push(child);
        }
        let name = if path.is_empty() {
            "help".to_owned()
        } else {
            format!("help_{}", path.join("_"))
        };
        insta::assert_snapshot!(name, help);
        pages += 1;
    }
    assert!(pages > 40, "only {pages} help pages found");
}

/// A read verb's table and JSON, with timestamps made stable.
fn snapshot_read(sb: &TestEnv, name: &str, args: &[&str]) -> Run {
    let table = sb.run(args).success();
    let mut json_args = args.to_vec();
    json_args.extend(["-o", "json"]);
    let json = sb.run(&json_args).success();
    with_stable_times(|| {
        insta::assert_snapshot!(format!("{name}_table"), table.stdout);
        insta::assert_snapshot!(format!("{name}_json"), json.stdout);
    });
    json
}

/// The first listed item's ID, under the API's own key.
fn first_id(listed: &Run, key: &str) -> String {
    listed.json()[0][key]
        .as_str()
        .unwrap_or_else(|| panic!("no {key} in {}", listed.stdout))
        .to_owned()
}

#[test]
fn every_read_verb_in_table_and_json() {
    let sb = TestEnv::start();
    // (group, the ID's key in its JSON, whether it has `get`)
    let groups = [
        ("devices", "id", true),
        ("environments", "id", true),
        ("software-sets", "id", true),
        ("workspaces", "WorkspaceId", true),
        ("images", "ImageId", true),
        ("applications", "ApplicationId", false),
    ];
    for (group, key, has_get) in groups {
        let listed = snapshot_read(&sb, &format!("{group}_list"), &[group, "list"]);
        let id = first_id(&listed, key);
        if has_get {
            snapshot_read(&sb, &format!("{group}_get"), &[group, "get", &id]);
        }
    }
    let device = first_id(&sb.run(&["devices", "list", "-o", "json"]), "id");
    snapshot_read(&sb, "devices_tags", &["devices", "tags", &device]);
    let workspace = first_id(
        &sb.run(&["workspaces", "list", "-o", "json"]),
        "WorkspaceId",
    );
    snapshot_read(
        &sb,
        "workspaces_applications",
        &["workspaces", "applications", &workspace],
    );
    let application = first_id(
        &sb.run(&["applications", "list", "-o", "json"]),
        "ApplicationId",
    );
    snapshot_read(
        &sb,
        "applications_associations",
        &["applications", "associations", &application],
    );
    let image = first_id(&sb.run(&["images", "list", "-o", "json"]), "ImageId");
    snapshot_read(
        &sb,
        "images_applications",
        &["images", "applications", &image],
    );
}

/// Bad input: exit 2, one line naming the bad part, and nothing sent.
#[test]
fn usage_errors_are_one_line_and_send_nothing() {
    let sb = TestEnv::start();
    let cases: &[(&str, &[&str])] = &[
        ("bad_device_id", &["devices", "get", "ws-not-an-id"]),
        ("bad_workspace_id", &["workspaces", "get", "ws-bogus"]),
        ("bad_status", &["devices", "list", "--status", "sleeping"]),
        ("bad_column", &["devices", "list", "--columns", "id,nosuch"]),
        ("no_targets", &["workspaces", "reboot"]),
        (
            "no_yes_without_terminal",
            &["devices", "deregister", "aaaaaaaaaaaaaaaaaaaaaaa1"],
        ),
        (
            "bad_region",
            &["--region", "not a region", "devices", "list"],
        ),
        ("bad_duration", &["report", "--stale", "abc"]),
        (
            "bad_tag",
            &["devices", "tag", "aaaaaaaaaaaaaaaaaaaaaaa1", "=novalue"],
        ),
        (
            "bad_maintenance_window",
            &[
                "environments",
                "update",
                "aaaaaaaaa",
                "--maintenance-window",
                "custom,FUNDAY,22:00-04:00,utc",
            ],
        ),
    ];
    for (name, args) in cases {
        sb.clear_requests();
        let run = sb.run(args);
        assert_eq!(run.code, 2, "{name}: {args:?}: {}", run.stderr);
        assert!(
            sb.requests().is_empty(),
            "{name}: requests were sent: {:?}",
            sb.requests()
        );
        with_stable_times(|| insta::assert_snapshot!(format!("usage_{name}"), run.stderr));
    }
}

/// What every mutating verb shows before it changes anything: its
/// `--dry-run` plan in table and JSON; only reads are sent.
#[test]
fn every_mutating_verb_dry_run_plan() {
    let sb = TestEnv::start();
    let device = first_id(&sb.run(&["devices", "list", "-o", "json"]), "id");
    let environment = first_id(&sb.run(&["environments", "list", "-o", "json"]), "id");
    let software_set = first_id(&sb.run(&["software-sets", "list", "-o", "json"]), "id");
    let workspace = first_id(
        &sb.run(&["workspaces", "list", "-o", "json"]),
        "WorkspaceId",
    );
    let application = first_id(
        &sb.run(&["applications", "list", "-o", "json"]),
        "ApplicationId",
    );
    let image = first_id(&sb.run(&["images", "list", "-o", "json"]), "ImageId");
    let plans: &[(&str, &[&str])] = &[
        (
            "devices_update",
            &["devices", "update", &device, "--set-name", "renamed"],
        ),
        ("devices_deregister", &["devices", "deregister", &device]),
        ("devices_delete", &["devices", "delete", &device]),
        ("devices_tag", &["devices", "tag", &device, "team=kiosk"]),
        ("devices_untag", &["devices", "untag", &device, "team"]),
        (
            "environments_update",
            &["environments", "update", &environment, "--name", "renamed"],
        ),
        (
            "environments_delete",
            &["environments", "delete", &environment],
        ),
        (
            "software_sets_update",
            &[
                "software-sets",
                "update",
                &software_set,
                "--validation-status",
                "VALIDATED",
            ],
        ),
        (
            "workspaces_modify",
            &[
                "workspaces",
                "modify",
                &workspace,
                "--set-running-mode",
                "AUTO_STOP",
            ],
        ),
        ("workspaces_start", &["workspaces", "start", &workspace]),
        ("workspaces_stop", &["workspaces", "stop", &workspace]),
        ("workspaces_reboot", &["workspaces", "reboot", &workspace]),
        ("workspaces_rebuild", &["workspaces", "rebuild", &workspace]),
        (
            "workspaces_terminate",
            &["workspaces", "terminate", &workspace],
        ),
        (
            "applications_associate",
            &[
                "applications",
                "associate",
                "--workspace",
                &workspace,
                "--application",
                &application,
            ],
        ),
        (
            "applications_disassociate",
            &[
                "applications",
                "disassociate",
                "--workspace",
                &workspace,
                "--application",
                &application,
            ],
        ),
        ("images_delete", &["images", "delete", &image]),
    ];
    for (name, args) in plans {
        sb.clear_requests();
        let mut args = args.to_vec();
        args.push("--dry-run");
        let table = sb.run(&args);
        assert_eq!(table.code, 0, "{name}: {}", table.stderr);
        args.extend(["-o", "json"]);
        let json = sb.run(&args);
        assert_eq!(json.code, 0, "{name}: {}", json.stderr);
        let changes: Vec<String> = sb
            .requests()
            .into_iter()
            .map(|r| r.operation)
            .filter(|op| {
                !["Describe", "List", "Get"]
                    .iter()
                    .any(|read| op.starts_with(read))
            })
            .collect();
        assert!(changes.is_empty(), "{name} --dry-run sent {changes:?}");
        with_stable_times(|| {
            insta::assert_snapshot!(
                format!("dry_run_{name}"),
                format!(
                    "$ wsfleet {} --dry-run\n--- stdout (table)\n{}--- stderr (table)\n{}--- stdout (json)\n{}",
                    args[..args.len() - 3].join(" "),
                    table.stdout,
                    table.stderr,
                    json.stdout
                )
            );
        });
    }
}
