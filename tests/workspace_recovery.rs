//! End-to-end: a WorkSpace's snapshots and standby WorkSpaces (issue 14),
//! through the real binary against the sandbox.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on what they did not expect

mod common;

use std::time::Duration;

use common::TestEnv;
use serde_json::Value;
use wsfleet_sandbox::Config;

fn quick() -> TestEnv {
    TestEnv::with(Config {
        transition: Duration::from_millis(150),
        ..Config::default()
    })
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
