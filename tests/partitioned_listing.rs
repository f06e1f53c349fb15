//! `workspaces list` reads each directory's WorkSpaces at once: every
//! WorkSpace once, directory by directory in the order
//! DescribeWorkspaceDirectories lists them, one DescribeWorkspaces listing
//! per directory.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on what they did not expect

mod common;

use std::collections::BTreeSet;

use common::TestEnv;
use wsfleet_sandbox::Config;

fn ids(rows: &serde_json::Value, member: &str) -> Vec<String> {
    rows.as_array()
        .unwrap()
        .iter()
        .map(|row| row[member].as_str().unwrap().to_owned())
        .collect()
}

/// A sandbox of `workspaces` WorkSpaces over `directories` directories,
/// and the directories in the order DescribeWorkspaceDirectories lists them.
fn fleet(workspaces: usize, directories: usize) -> (TestEnv, Vec<String>) {
    let env = TestEnv::with(Config {
        workspaces,
        directories: Some(directories),
        ..Config::default()
    });
    let listed = env
        .run(&["directories", "list", "-o", "json"])
        .success()
        .json();
    let order = ids(&listed, "DirectoryId");
    (env, order)
}

/// The rows' directories come one after another, in the listed order.
fn assert_directory_by_directory(row_directories: &[String], directory_order: &[String]) {
    let mut seen = row_directories.to_vec();
    seen.dedup();
    let expected: Vec<String> = directory_order
        .iter()
        .filter(|d| row_directories.contains(d))
        .cloned()
        .collect();
    assert_eq!(seen, expected);
}

#[test]
fn listing_is_partitioned_by_directory_in_a_stable_order() {
    // 130 WorkSpaces over 5 directories: 26 each, two pages of 25 each.
    let (env, directory_order) = fleet(130, 5);
    env.clear_requests();

    let listed = env
        .run(&["workspaces", "list", "-o", "json", "--concurrency", "3"])
        .success()
        .json();
    let workspace_ids = ids(&listed, "WorkspaceId");
    assert_eq!(workspace_ids.len(), 130);
    let unique: BTreeSet<&String> = workspace_ids.iter().collect();
    assert_eq!(unique.len(), 130, "every WorkSpace once");

    // Directory by directory, in the listed order; within one, the API's order.
    let row_directories = ids(&listed, "DirectoryId");
    assert_directory_by_directory(&row_directories, &directory_order);
    for directory in &directory_order {
        let within: Vec<&String> = workspace_ids
            .iter()
            .zip(&row_directories)
            .filter(|(_, d)| *d == directory)
            .map(|(w, _)| w)
            .collect();
        assert!(within.windows(2).all(|w| w[0] < w[1]));
    }

    // One unfiltered first page, asked beside the directories (it shows the
    // fleet is larger than a page); then each DescribeWorkspaces names one
    // directory, each directory read whole (two pages).
    let calls = env.requests_for("DescribeWorkspaces");
    let unfiltered = calls.iter().filter(|c| c.resource.is_none()).count();
    assert_eq!(unfiltered, 1, "{calls:?}");
    for directory in &directory_order {
        let pages = calls
            .iter()
            .filter(|c| c.resource.as_deref() == Some(directory.as_str()))
            .count();
        let expected = if row_directories.contains(directory) {
            2
        } else {
            1
        };
        assert_eq!(pages, expected, "pages of {directory}");
    }
    assert_eq!(env.requests_for("DescribeWorkspaceDirectories").len(), 1);

    // The same order again, and in CSV.
    let again = env
        .run(&["workspaces", "list", "-o", "json"])
        .success()
        .json();
    assert_eq!(ids(&again, "WorkspaceId"), workspace_ids);
    let csv = env
        .run(&[
            "workspaces",
            "list",
            "-o",
            "csv",
            "--columns",
            "WorkspaceId",
            "--no-headers",
        ])
        .success();
    let csv_ids: Vec<&str> = csv.stdout.lines().collect();
    assert_eq!(csv_ids, workspace_ids);

    // A narrower filter the API applies goes as one listing.
    env.clear_requests();
    let one = &directory_order[0];
    env.run(&["workspaces", "list", "--directory", one, "-o", "json"])
        .success();
    let calls = env.requests_for("DescribeWorkspaces");
    assert!(
        calls
            .iter()
            .all(|c| c.resource.as_deref() == Some(one.as_str()))
    );
    assert!(env.requests_for("DescribeWorkspaceDirectories").is_empty());
}

#[test]
fn a_fleet_of_one_page_is_read_in_one_call_in_directory_order() {
    // 20 WorkSpaces over 3 directories: one page of the whole listing.
    let (env, directory_order) = fleet(20, 3);
    let partitioned = env
        .run(&[
            "workspaces",
            "list",
            "-o",
            "json",
            "--directory",
            &directory_order[0],
        ])
        .success()
        .json();
    env.clear_requests();

    let listed = env
        .run(&["workspaces", "list", "-o", "json"])
        .success()
        .json();
    assert_eq!(ids(&listed, "WorkspaceId").len(), 20);
    // Directory by directory, as the partitioned listing gives them.
    let row_directories = ids(&listed, "DirectoryId");
    assert_directory_by_directory(&row_directories, &directory_order);
    let first_directory: Vec<String> = ids(&listed, "WorkspaceId")
        .into_iter()
        .zip(&row_directories)
        .filter(|(_, d)| **d == directory_order[0])
        .map(|(w, _)| w)
        .collect();
    assert_eq!(first_directory, ids(&partitioned, "WorkspaceId"));
    // One round trip: the whole listing's one page beside the directories.
    let calls = env.requests_for("DescribeWorkspaces");
    assert_eq!(calls.len(), 1, "{calls:?}");
    assert!(calls[0].resource.is_none());
    assert_eq!(env.requests_for("DescribeWorkspaceDirectories").len(), 1);
}
