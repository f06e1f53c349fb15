//! End-to-end: the filters of `workspaces list` (several values a filter,
//! tags, time since the last connection) and its connection columns, and
//! the same filters selecting the targets of the verbs over many WorkSpaces.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on what they did not expect

mod common;

use std::collections::BTreeSet;

use common::TestEnv;
use serde_json::Value;

fn listed(sb: &TestEnv, filters: &[&str]) -> Vec<Value> {
    let mut args = vec!["workspaces", "list", "-o", "json"];
    args.extend_from_slice(filters);
    sb.run(&args).success().json().as_array().unwrap().clone()
}

fn ids(rows: &[Value]) -> BTreeSet<String> {
    rows.iter()
        .map(|w| w["WorkspaceId"].as_str().unwrap().to_owned())
        .collect()
}

fn epoch_seconds(rfc3339: &str) -> i64 {
    aws_smithy_types::DateTime::from_str(rfc3339, aws_smithy_types::date_time::Format::DateTime)
        .unwrap()
        .secs()
}

fn epoch_seconds_now() -> i64 {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap();
    i64::try_from(now.as_secs()).unwrap()
}

#[test]
fn a_filter_takes_several_values_comma_separated_or_repeated() {
    let sb = TestEnv::start();
    let all = listed(&sb, &[]);
    // Two states the seeded fleet has, other than AVAILABLE.
    let states: BTreeSet<String> = all
        .iter()
        .map(|w| w["State"].as_str().unwrap().to_owned())
        .filter(|s| s != "AVAILABLE")
        .collect();
    let mut states = states.iter();
    let (first, second) = (states.next().unwrap(), states.next().unwrap());
    let one = ids(&listed(&sb, &["--state", first]));
    let other = ids(&listed(&sb, &["--state", second]));
    assert!(!one.is_empty() && !other.is_empty());
    let both: BTreeSet<String> = one.union(&other).cloned().collect();
    let comma = format!("{},{}", first.to_lowercase(), second);
    assert_eq!(ids(&listed(&sb, &["--state", &comma])), both);
    assert_eq!(
        ids(&listed(&sb, &["--state", first, "--state", second])),
        both
    );
    let modes = listed(&sb, &["--running-mode", "always-on,auto_stop"]);
    assert_eq!(
        modes.len(),
        listed(&sb, &[]).len() - listed(&sb, &["--running-mode", "manual"]).len()
    );

    sb.clear_requests();
    for bad in [
        &["--state", "stopped,sometimes"][..],
        &["--tag", "aws:owner"][..],
        &["--tag", "=x"][..],
        &["--not-connected-for", "soon"][..],
        &["--not-connected-for", "0"][..],
    ] {
        let mut args = vec!["workspaces", "list"];
        args.extend_from_slice(bad);
        let out = sb.run(&args);
        assert_eq!(out.code, 2, "{bad:?}: {}", out.stderr);
    }
    assert!(sb.requests().is_empty(), "{:?}", sb.requests());
}

/// `--tag k=v` and key-only `--tag k`: one DescribeTags a WorkSpace the
/// other filters kept, and the same filters select a bulk verb's targets.
#[test]
fn tags_filter_the_list_and_select_the_targets_of_bulk_verbs() {
    let sb = TestEnv::start();
    let available: Vec<String> = ids(&listed(&sb, &["--state", "available"]))
        .into_iter()
        .collect();
    let (red, blue, other) = (&available[0], &available[1], &available[2]);
    sb.run(&["workspaces", "tag", red, "wsf-team=red"])
        .success();
    sb.run(&["workspaces", "tag", blue, "wsf-team=blue"])
        .success();
    sb.run(&["workspaces", "tag", other, "wsf-owner=x"])
        .success();

    sb.clear_requests();
    let team = ids(&listed(&sb, &["--state", "available", "--tag", "wsf-team"]));
    assert_eq!(team, BTreeSet::from([red.clone(), blue.clone()]));
    // Tags are read only of the WorkSpaces the state filter kept.
    assert_eq!(sb.requests_for("DescribeTags").len(), available.len());
    let red_only = ids(&listed(&sb, &["--tag", "wsf-team=red"]));
    assert_eq!(red_only, BTreeSet::from([red.clone()]));
    assert!(listed(&sb, &["--tag", "wsf-team=red", "--tag", "wsf-owner"]).is_empty());

    // The table says nothing matched, on stderr.
    let none = sb
        .run(&["workspaces", "list", "--tag", "wsf-team=green"])
        .success();
    assert!(none.stdout.trim().is_empty(), "{}", none.stdout);

    // As target selectors: a plan of exactly the tagged ones, nothing sent.
    sb.clear_requests();
    let plan = sb
        .run(&[
            "workspaces",
            "stop",
            "--tag",
            "wsf-team",
            "--dry-run",
            "-o",
            "json",
        ])
        .success()
        .json();
    assert_eq!(ids(plan.as_array().unwrap()), team);
    assert!(sb.requests_for("StopWorkspaces").is_empty());
    let out = sb
        .run(&[
            "workspaces",
            "reboot",
            "--tag",
            "wsf-team=red",
            "--yes",
            "-o",
            "json",
        ])
        .success()
        .json();
    assert_eq!(out.as_array().unwrap().len(), 1, "{out}");
    assert_eq!(out[0]["id"], red.as_str());
    let snapshots = sb
        .run(&["workspaces", "snapshots", "--tag", "wsf-team", "-o", "json"])
        .success()
        .json();
    assert_eq!(ids(snapshots.as_array().unwrap()), team);
    let connections = sb
        .run(&[
            "workspaces",
            "connections",
            "--tag",
            "wsf-owner",
            "-o",
            "json",
        ])
        .success()
        .json();
    assert_eq!(connections[0]["WorkspaceId"], other.as_str());
}

/// `--not-connected-for`: from DescribeWorkspacesConnectionStatus (25 a
/// call); the table shows the last connection, and never-connected
/// WorkSpaces are counted in a note. The connection columns are fetched
/// only when asked for.
#[test]
fn not_connected_for_and_the_connection_columns() {
    let sb = TestEnv::start();
    let all = listed(&sb, &[]);
    // One call a page of the listing, which is read directory by directory.
    let mut per_directory = std::collections::BTreeMap::<&str, usize>::new();
    for workspace in &all {
        *per_directory
            .entry(workspace["DirectoryId"].as_str().unwrap())
            .or_default() += 1;
    }
    let pages: usize = per_directory.values().map(|n| n.div_ceil(25)).sum();

    sb.clear_requests();
    let idle = listed(&sb, &["--not-connected-for", "30d"]);
    assert!(!idle.is_empty());
    assert_eq!(
        sb.requests_for("DescribeWorkspacesConnectionStatus").len(),
        pages
    );
    let month_ago = epoch_seconds_now() - 30 * 24 * 3600;
    let never: Vec<&Value> = idle
        .iter()
        .filter(|w| w.get("LastKnownUserConnectionTimestamp").is_none())
        .collect();
    assert!(!never.is_empty(), "the seed has never-connected WorkSpaces");
    for row in &idle {
        if let Some(at) = row["LastKnownUserConnectionTimestamp"].as_str() {
            assert!(epoch_seconds(at) < month_ago, "{row}");
        }
    }
    // Every other WorkSpace connected within the 30 days.
    let statuses = sb
        .run(&["workspaces", "connections", "-o", "json"])
        .success()
        .json();
    let recent = statuses
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| {
            s["LastKnownUserConnectionTimestamp"]
                .as_str()
                .is_some_and(|at| epoch_seconds(at) >= month_ago)
        })
        .count();
    assert_eq!(idle.len() + recent, all.len());

    let table = sb
        .run(&["workspaces", "list", "--not-connected-for", "30d"])
        .success();
    assert!(table.stdout.contains("LAST CONNECTED"), "{}", table.stdout);
    assert!(
        table.stderr.contains(&format!(
            "{} of these WorkSpaces were never connected to",
            never.len()
        )),
        "{}",
        table.stderr
    );

    // Connection columns: fetched only when asked for, 25 WorkSpaces a call.
    sb.clear_requests();
    listed(&sb, &[]);
    sb.run(&["workspaces", "list"]).success();
    assert!(
        sb.requests_for("DescribeWorkspacesConnectionStatus")
            .is_empty()
    );
    let rows = listed(
        &sb,
        &[
            "--columns",
            "WorkspaceId,ConnectionState,ConnectionStateCheckTimestamp,LastKnownUserConnectionTimestamp",
        ],
    );
    assert_eq!(
        sb.requests_for("DescribeWorkspacesConnectionStatus").len(),
        pages
    );
    assert!(
        rows.iter().all(|r| r["ConnectionState"].is_string()),
        "{rows:?}"
    );
    assert!(rows.iter().all(|r| r.get("State").is_none()), "{rows:?}");
    let csv = sb
        .run(&[
            "workspaces",
            "list",
            "--columns",
            "WorkspaceId,ConnectionState",
            "-o",
            "csv",
        ])
        .success()
        .stdout;
    assert!(csv.starts_with("WorkspaceId,ConnectionState\n"), "{csv}");
}
