//! End-to-end: the WorkSpace operations of issue 14 (restore, migrate,
//! maintenance, connections, snapshots, standby WorkSpaces, `--wait`) and
//! the safety of the state changes, through the real binary against the
//! sandbox.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on what they did not expect

mod common;

use std::time::Duration;

use common::TestEnv;
use serde_json::Value;
use wsfleet_sandbox::Config;

/// With no IDs, no `--ids-from` and no filter, no state change selects
/// every WorkSpace, `--yes` or not; a filter is how "all of them" is said.
#[test]
fn state_changes_refuse_to_select_every_workspace() {
    let sb = TestEnv::start();
    for verb in ["start", "stop", "reboot", "rebuild", "terminate"] {
        for extra in [&[][..], &["--yes"][..], &["--dry-run"][..]] {
            if verb == "start" && extra == ["--yes"] {
                continue; // start does not ask, so takes no --yes
            }
            let mut args = vec!["workspaces", verb];
            args.extend_from_slice(extra);
            let out = sb.run(&args);
            assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
            assert!(
                out.stderr
                    .contains(&format!("name the WorkSpaces to {verb}")),
                "{args:?}: {}",
                out.stderr
            );
        }
    }
    assert!(sb.requests().is_empty(), "{:?}", sb.requests());

    // A filter selects what it matches: planned, nothing changed.
    let out = sb
        .run(&["workspaces", "reboot", "--state", "available", "--dry-run"])
        .success();
    assert!(sb.requests_for("RebootWorkspaces").is_empty());
    assert!(!out.stdout.is_empty() || !out.stderr.is_empty());
}

fn ids_in_state(sb: &TestEnv, state: &str) -> Vec<String> {
    let listed = sb
        .run(&["workspaces", "list", "--state", state, "-o", "json"])
        .success()
        .json();
    listed
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["WorkspaceId"].as_str().unwrap().to_owned())
        .collect()
}

/// The failed rows of a bulk verb's `-o json` result table.
fn failed(results: &serde_json::Value) -> Vec<&serde_json::Value> {
    results
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["outcome"] == "failed")
        .collect()
}

/// The new WorkSpace a migration's note names.
fn migrated_to(stderr: &str, source_id: &str) -> String {
    let note = stderr
        .lines()
        .find(|l| l.contains(&format!("{source_id} migrated")))
        .unwrap_or_else(|| panic!("{stderr}"));
    note.rsplit(' ').next().unwrap().to_owned()
}

/// A sandbox whose transitions take 150 ms, for the `--wait` tests.
fn quick() -> TestEnv {
    TestEnv::with(Config {
        transition: Duration::from_millis(150),
        ..Config::default()
    })
}

fn state_of(sb: &TestEnv, id: &str) -> String {
    let got = sb
        .run(&["workspaces", "get", id, "-o", "json"])
        .success()
        .json();
    got["State"].as_str().unwrap_or_default().to_owned()
}

/// `maintenance on|off`: one ModifyWorkspaceState a WorkSpace; one in a
/// state the service refuses fails with its code while the others change.
#[test]
fn maintenance_on_and_off_change_each_workspace() {
    let sb = TestEnv::start();
    let available = ids_in_state(&sb, "available");
    let stopped = ids_in_state(&sb, "stopped");
    let (a, b, s) = (&available[0], &available[1], &stopped[0]);

    sb.clear_requests();
    let out = sb
        .run(&["workspaces", "maintenance", "on", a, s, "--dry-run"])
        .success();
    assert!(out.stderr.contains("dry run"), "{}", out.stderr);
    assert!(sb.requests_for("ModifyWorkspaceState").is_empty());

    let out = sb
        .run(&["workspaces", "maintenance", "on", a, s, "-o", "json"])
        .success();
    let results = out.json();
    assert_eq!(results.as_array().unwrap().len(), 2, "{results}");
    assert_eq!(sb.requests_for("ModifyWorkspaceState").len(), 2);
    assert_eq!(state_of(&sb, a), "ADMIN_MAINTENANCE");
    assert_eq!(state_of(&sb, s), "ADMIN_MAINTENANCE");

    // b was never in maintenance: the service refuses to take it out.
    let out = sb.run(&["workspaces", "maintenance", "off", a, b]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stdout.contains("InvalidResourceStateException"),
        "{}",
        out.stdout
    );
    assert_eq!(state_of(&sb, a), "AVAILABLE");
    assert_eq!(state_of(&sb, b), "AVAILABLE");

    sb.clear_requests();
    let out = sb.run(&["workspaces", "maintenance", "on", "ws-NOPE"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    let out = sb.run(&["workspaces", "maintenance", "on"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(sb.requests().is_empty(), "{:?}", sb.requests());
}

/// `restore` asks first, one RestoreWorkspace a WorkSpace; one in a state
/// restore does not start from fails with the service's code.
#[test]
fn restore_asks_then_restores_each_workspace() {
    let sb = TestEnv::start();
    let available = ids_in_state(&sb, "available");
    let stopped = ids_in_state(&sb, "stopped");
    let (a, s, m) = (&available[0], &stopped[0], &available[1]);
    sb.run(&["workspaces", "maintenance", "on", m]).success();

    sb.clear_requests();
    let out = sb.run(&["workspaces", "restore", a]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("--yes"), "{}", out.stderr);
    let out = sb.run(&["workspaces", "restore", a, "--dry-run"]).success();
    assert!(out.stdout.contains(a.as_str()) || out.stderr.contains(a.as_str()));
    let out = sb.run(&["workspaces", "restore", "ws-not-an-id", "--yes"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(sb.requests_for("RestoreWorkspace").is_empty());

    // The one in maintenance is left out by the plan, unsent, with the
    // reason; the others are restored.
    let out = sb.run(&["workspaces", "restore", a, s, m, "--yes", "-o", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(sb.requests_for("RestoreWorkspace").len(), 2);
    let results = out.json();
    let skipped: Vec<&Value> = results
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["outcome"] == "skipped")
        .collect();
    assert_eq!(skipped.len(), 1, "{results}");
    assert_eq!(skipped[0]["id"], m.as_str());
    assert!(
        skipped[0]["error"]
            .as_str()
            .unwrap()
            .starts_with("ADMIN_MAINTENANCE (restore needs"),
        "{results}"
    );
    assert_eq!(state_of(&sb, a), "RESTORING");
    assert_eq!(state_of(&sb, s), "RESTORING");
    assert_eq!(state_of(&sb, m), "ADMIN_MAINTENANCE");

    // RESTORING is not a state restore starts from: left out, nothing sent.
    sb.clear_requests();
    let table = sb.run(&["workspaces", "restore", a, "--yes"]);
    assert_eq!(table.code, 0, "{}", table.stderr);
    assert!(
        table.stdout.contains("RESTORING (restore needs"),
        "{}",
        table.stdout
    );
    assert!(sb.requests_for("RestoreWorkspace").is_empty());
}

/// `migrate --to-bundle`: one MigrateWorkspace a WorkSpace, asked first; a
/// WorkSpace of another operating system fails with the service's code
/// while the others move to new IDs.
#[test]
fn migrate_recreates_each_workspace_from_the_bundle() {
    let sb = TestEnv::start();
    let listed = sb
        .run(&["workspaces", "list", "-o", "json"])
        .success()
        .json();
    let all = listed.as_array().unwrap();
    let os = |w: &serde_json::Value| {
        w["WorkspaceProperties"]["OperatingSystemName"]
            .as_str()
            .unwrap_or_default()
            .starts_with("WINDOWS")
    };
    let usable = |w: &&serde_json::Value| {
        ["AVAILABLE", "STOPPED"].contains(&w["State"].as_str().unwrap_or_default())
    };
    let windows: Vec<&serde_json::Value> = all.iter().filter(|w| os(w)).filter(usable).collect();
    let linux = all
        .iter()
        .filter(|w| !os(w))
        .find(usable)
        .expect("a Linux WorkSpace");
    let source = windows[0];
    let bundle = windows
        .iter()
        .map(|w| w["BundleId"].as_str().unwrap())
        .find(|b| *b != source["BundleId"].as_str().unwrap())
        .expect("a second Windows bundle")
        .to_owned();
    let (source_id, linux_id) = (
        source["WorkspaceId"].as_str().unwrap(),
        linux["WorkspaceId"].as_str().unwrap(),
    );

    sb.clear_requests();
    let out = sb.run(&["workspaces", "migrate", source_id, "--to-bundle", &bundle]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("--yes"), "{}", out.stderr);
    sb.run(&[
        "workspaces",
        "migrate",
        source_id,
        "--to-bundle",
        &bundle,
        "--dry-run",
    ])
    .success();
    let out = sb.run(&[
        "workspaces",
        "migrate",
        source_id,
        "--to-bundle",
        "wsb-",
        "--yes",
    ]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    let out = sb.run(&["workspaces", "migrate", source_id, "--yes"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(sb.requests_for("MigrateWorkspace").is_empty());

    let out = sb.run(&[
        "workspaces",
        "migrate",
        source_id,
        linux_id,
        "--to-bundle",
        &bundle,
        "--yes",
        "-o",
        "json",
    ]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(sb.requests_for("MigrateWorkspace").len(), 2);
    let results = out.json();
    let failed = failed(&results);
    assert_eq!(failed.len(), 1, "{results}");
    assert_eq!(failed[0]["id"], linux_id);
    assert_eq!(failed[0]["code"], "InvalidParameterValuesException");
    let target = migrated_to(&out.stderr, source_id);
    let target = target.as_str();
    let migrated = sb
        .run(&["workspaces", "get", target, "-o", "json"])
        .success()
        .json();
    assert_eq!(migrated["BundleId"], bundle.as_str());
    assert_eq!(state_of(&sb, source_id), "TERMINATING");
}

/// `connections`: DescribeWorkspacesConnectionStatus of the named or
/// filtered WorkSpaces (every one without targets), in every format.
#[test]
fn connections_show_state_and_last_user_connection() {
    let sb = TestEnv::start();
    let available = ids_in_state(&sb, "available");
    let (a, b) = (&available[0], &available[1]);

    let out = sb
        .run(&["workspaces", "connections", a, b, "-o", "json"])
        .success();
    let rows = out.json();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(
        rows.iter().all(|r| r["ConnectionState"].is_string()),
        "{rows:?}"
    );
    assert_eq!(rows[0]["WorkspaceId"], a.as_str());

    let table = sb.run(&["workspaces", "connections", a]).success().stdout;
    assert!(
        table.contains("LAST CONNECTED") && table.contains(a.as_str()),
        "{table}"
    );
    let csv = sb
        .run(&[
            "workspaces",
            "connections",
            "--state",
            "available",
            "-o",
            "csv",
        ])
        .success()
        .stdout;
    assert_eq!(csv.lines().count(), available.len() + 1, "{csv}");

    let all = sb
        .run(&["workspaces", "connections", "-o", "json"])
        .success()
        .json();
    assert!(all.as_array().unwrap().len() >= available.len());

    sb.clear_requests();
    let out = sb.run(&["workspaces", "connections", "ws-NOPE"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(sb.requests().is_empty());
}

/// `--wait` of `create`, `modify` and `migrate`, through the one wait
/// engine: each returns once what it started has ended, polling
/// DescribeWorkspaces; `migrate` waits for the new WorkSpace, not the old.
#[test]
fn create_modify_and_migrate_wait_until_their_workspaces_settle() {
    let sb = quick();
    let listed = sb
        .run(&["workspaces", "list", "--state", "available", "-o", "json"])
        .success()
        .json();
    let first = &listed[0];
    let (directory, bundle) = (
        first["DirectoryId"].as_str().unwrap(),
        first["BundleId"].as_str().unwrap(),
    );

    sb.clear_requests();
    let out = sb
        .run(&[
            "workspaces",
            "create",
            "--directory",
            directory,
            "--user",
            "waited.for",
            "--bundle",
            bundle,
            "--wait",
            "-o",
            "json",
        ])
        .success();
    let created = out.json()[0]["WorkspaceId"].as_str().unwrap().to_owned();
    assert_eq!(state_of(&sb, &created), "AVAILABLE", "{}", out.stderr);
    assert!(out.stderr.contains("waited"), "{}", out.stderr);
    assert!(!sb.requests_for("DescribeWorkspaces").is_empty());

    // A compute change shows in ModificationStates until it is done.
    let compute = if first["WorkspaceProperties"]["ComputeTypeName"] == "POWER" {
        "performance"
    } else {
        "power"
    };
    let out = sb
        .run(&[
            "workspaces",
            "modify",
            &created,
            "--set-compute-type",
            compute,
            "--wait",
        ])
        .success();
    assert!(
        out.stderr.contains("finish their modifications"),
        "{}",
        out.stderr
    );
    let got = sb
        .run(&["workspaces", "get", &created, "-o", "json"])
        .success()
        .json();
    assert!(got.get("ModificationStates").is_none(), "{got}");

    // --wait-timeout needs --wait, and is checked before any request.
    sb.clear_requests();
    let out = sb.run(&[
        "workspaces",
        "modify",
        &created,
        "--set-compute-type",
        compute,
        "--wait-timeout",
        "5m",
    ]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(sb.requests().is_empty());

    // migrate --wait: the new WorkSpace is AVAILABLE when it returns.
    let windows: Vec<&serde_json::Value> = listed
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| {
            w["WorkspaceProperties"]["OperatingSystemName"]
                .as_str()
                .unwrap_or_default()
                .starts_with("WINDOWS")
        })
        .collect();
    let source = windows[0];
    let source_id = source["WorkspaceId"].as_str().unwrap();
    let to_bundle = windows
        .iter()
        .map(|w| w["BundleId"].as_str().unwrap())
        .find(|b| *b != source["BundleId"].as_str().unwrap())
        .expect("a second Windows bundle");
    let out = sb
        .run(&[
            "workspaces",
            "migrate",
            source_id,
            "--to-bundle",
            to_bundle,
            "--yes",
            "--wait",
        ])
        .success();
    let target = migrated_to(&out.stderr, source_id);
    let target = target.as_str();
    assert_eq!(state_of(&sb, target), "AVAILABLE", "{}", out.stderr);
    assert!(out.stderr.contains("become AVAILABLE"), "{}", out.stderr);
}

fn times(row: &Value, list: &str) -> Vec<String> {
    row[list]
        .as_array()
        .unwrap_or_else(|| panic!("no {list} in {row}"))
        .iter()
        .map(|s| s["SnapshotTime"].as_str().unwrap().to_owned())
        .collect()
}

/// `snapshots`: one DescribeWorkspaceSnapshots a WorkSpace, in the order
/// named, in every format; a restore adds the snapshot taken when it ends;
/// an unknown WorkSpace fails with the service's code while the others are
/// shown.
#[test]
fn snapshots_show_restore_and_rebuild_times_of_each_workspace() {
    let sb = quick();
    let stopped = ids_in_state(&sb, "stopped");
    let (a, b) = (&stopped[0], &stopped[1]);

    sb.clear_requests();
    let rows = sb
        .run(&["workspaces", "snapshots", b, a, "-o", "json"])
        .success()
        .json();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[0]["WorkspaceId"], b.as_str());
    assert_eq!(rows[1]["WorkspaceId"], a.as_str());
    let rebuild = times(&rows[1], "RebuildSnapshots");
    assert_eq!(rebuild.len(), 3, "{rows:?}");
    assert!(rebuild[0].ends_with('Z'), "RFC 3339 UTC: {rebuild:?}");
    assert_eq!(times(&rows[1], "RestoreSnapshots"), rebuild[..1]);
    assert_eq!(sb.requests_for("DescribeWorkspaceSnapshots").len(), 2);

    let table = sb.run(&["workspaces", "snapshots", a]).success().stdout;
    assert!(
        table.contains("RESTORE SNAPSHOT") && table.contains(&rebuild[0]),
        "{table}"
    );
    // One-member structures read as their member in a table cell.
    assert!(!table.contains("SnapshotTime"), "{table}");
    let csv = sb
        .run(&["workspaces", "snapshots", a, "-o", "csv"])
        .success()
        .stdout;
    assert!(
        csv.starts_with("WorkspaceId,RestoreSnapshots,RebuildSnapshots"),
        "{csv}"
    );

    // The restore's own snapshot, once it has ended.
    sb.run(&["workspaces", "restore", a, "--yes", "--wait"])
        .success();
    let after = sb
        .run(&["workspaces", "snapshots", a, "-o", "json"])
        .success()
        .json();
    let newest = times(&after[0], "RebuildSnapshots");
    assert_eq!(newest.len(), 4, "{after}");
    assert!(newest[0] > rebuild[0], "{newest:?} after {rebuild:?}");
    assert_eq!(times(&after[0], "RestoreSnapshots"), newest[..1]);

    // Filters select the WorkSpaces, one call each.
    sb.clear_requests();
    let filtered = sb
        .run(&[
            "workspaces",
            "snapshots",
            "--state",
            "stopped",
            "-o",
            "json",
        ])
        .success()
        .json();
    let stopped_now = ids_in_state(&sb, "stopped");
    assert_eq!(filtered.as_array().unwrap().len(), stopped_now.len());
    assert_eq!(
        sb.requests_for("DescribeWorkspaceSnapshots").len(),
        stopped_now.len()
    );

    // An unknown WorkSpace: the service's error for it, the others shown.
    let out = sb.run(&["workspaces", "snapshots", b, "ws-zzzzzzzzz", "-o", "json"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("ws-zzzzzzzzz") && out.stderr.contains("ResourceNotFoundException"),
        "{}",
        out.stderr
    );
    let shown = out.json();
    assert_eq!(shown.as_array().unwrap().len(), 1, "{shown}");
    assert_eq!(shown[0]["WorkspaceId"], b.as_str());

    // Bad input and nothing named are refused before any request.
    sb.clear_requests();
    for args in [
        &["workspaces", "snapshots", "ws-NOPE"][..],
        &["workspaces", "snapshots"][..],
        &["workspaces", "snapshots", a, "--concurrency", "0"][..],
    ] {
        let out = sb.run(args);
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
    }
    assert!(sb.requests().is_empty(), "{:?}", sb.requests());
}

/// AVAILABLE WorkSpaces without a standby or encrypted volumes.
fn standby_candidates(sb: &TestEnv) -> Vec<(String, String)> {
    let listed = sb
        .run(&["workspaces", "list", "--state", "available", "-o", "json"])
        .success()
        .json();
    listed
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w.get("StandbyWorkspacesProperties").is_none())
        .filter(|w| w["UserVolumeEncryptionEnabled"] == false)
        .map(|w| {
            (
                w["WorkspaceId"].as_str().unwrap().to_owned(),
                w["DirectoryId"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// `create-standby`: CreateStandbyWorkspaces in --standby-region for the
/// primaries of the command's Region, through the bulk executor: a plan on
/// --dry-run, bad input refused before any request, a primary that already
/// has a standby failed with the service's code while the others get one,
/// and --wait until the standbys have settled.
#[test]
fn create_standby_gives_each_primary_a_standby_in_another_region() {
    let sb = quick();
    let candidates = standby_candidates(&sb);
    let ((a, directory), (b, _), (d, _)) = (&candidates[0], &candidates[1], &candidates[2]);
    let standby = |extra: &[&str]| {
        let mut args = vec![
            "workspaces",
            "create-standby",
            "--standby-region",
            "us-west-2",
            "--standby-directory",
            directory.as_str(),
        ];
        args.extend_from_slice(extra);
        sb.run(&args)
    };

    sb.clear_requests();
    let plan = standby(&[a, b, "--dry-run", "-o", "json"]).success();
    let planned = plan.json();
    assert_eq!(planned.as_array().unwrap().len(), 2, "{planned}");
    assert!(plan.stderr.contains("dry run"), "{}", plan.stderr);
    for bad in [
        &[a.as_str(), "--data-replication", "sometimes"][..],
        &[a.as_str(), "--standby-tag", "aws:reserved=x"][..],
        &["ws-NOPE"][..],
        &[][..],
    ] {
        let out = standby(bad);
        assert_eq!(out.code, 2, "{bad:?}: {}", out.stderr);
    }
    for (region, directory) in [
        ("US_WEST_2", directory.as_str()),
        // The primaries' own Region.
        ("us-east-1", directory.as_str()),
        ("us-west-2", "d-xyz"),
    ] {
        let out = sb.run(&[
            "workspaces",
            "create-standby",
            a,
            "--standby-region",
            region,
            "--standby-directory",
            directory,
        ]);
        assert_eq!(out.code, 2, "{region} {directory}: {}", out.stderr);
    }
    assert!(
        sb.requests_for("CreateStandbyWorkspaces").is_empty(),
        "{:?}",
        sb.requests()
    );

    let out = standby(&[
        a,
        b,
        "--data-replication",
        "primary-as-source",
        "--standby-tag",
        "dr=yes",
        "--wait",
        "-o",
        "json",
    ])
    .success();
    // Both primaries in one call.
    assert_eq!(sb.requests_for("CreateStandbyWorkspaces").len(), 1);
    let results = out.json();
    assert!(
        results
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["outcome"] == "done"),
        "{results}"
    );
    let note = out
        .stderr
        .lines()
        .find(|l| l.starts_with(&format!("{a}: its standby is ")))
        .unwrap_or_else(|| panic!("{}", out.stderr));
    let standby_id = note.split_whitespace().nth(4).unwrap();
    let got = sb
        .run(&["workspaces", "get", standby_id, "-o", "json"])
        .success()
        .json();
    // --wait waited for the standby to settle.
    assert_eq!(got["State"], "STOPPED", "{got}");
    assert_eq!(got["RelatedWorkspaces"][0]["WorkspaceId"], a.as_str());
    assert_eq!(got["RelatedWorkspaces"][0]["Region"], "us-east-1");
    let primary = sb
        .run(&["workspaces", "get", a, "-o", "json"])
        .success()
        .json();
    assert_eq!(
        primary["StandbyWorkspacesProperties"][0]["DataReplication"],
        "PRIMARY_AS_SOURCE"
    );
    let tags = sb
        .run(&["workspaces", "tags", standby_id, "-o", "json"])
        .success()
        .json();
    assert_eq!(tags["tags"]["dr"], "yes", "{tags}");

    // a has its standby now: it fails with the service's code, d gets one.
    let out = standby(&[a, d]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stdout.contains("ResourceAlreadyExists") && out.stdout.contains(d.as_str()),
        "{}",
        out.stdout
    );
    assert!(
        out.stderr.contains(&format!("{d}: its standby is ")),
        "{}",
        out.stderr
    );
}
