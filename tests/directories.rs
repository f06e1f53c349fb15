//! End-to-end: the real binary against the sandbox, for the verbs of the
//! `directories` group.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on what they did not expect

mod common;

use common::TestEnv;
use serde_json::Value;

fn directories(sb: &TestEnv) -> Vec<Value> {
    sb.run(&["directories", "list", "-o", "json"])
        .success()
        .json()
        .as_array()
        .unwrap()
        .clone()
}

fn id_of(directory: &Value) -> String {
    directory["DirectoryId"].as_str().unwrap().to_owned()
}

/// A seeded AD directory (with WorkSpaces) and the seeded `wsd-` one (without).
fn ad_and_pools(sb: &TestEnv) -> (String, String) {
    let listed = directories(sb);
    let ad = listed.iter().find(|d| id_of(d).starts_with("d-")).unwrap();
    let pools = listed
        .iter()
        .find(|d| id_of(d).starts_with("wsd-"))
        .unwrap();
    (id_of(ad), id_of(pools))
}

#[test]
fn list_and_get_show_alias_and_name_and_reach_every_field() {
    let sb = TestEnv::start();
    let listed = directories(&sb);
    assert!(listed.iter().any(|d| id_of(d).starts_with("d-")));
    assert!(listed.iter().any(|d| id_of(d).starts_with("wsd-")));
    let first = &listed[0];
    let id = id_of(first);
    let alias = first["Alias"].as_str().unwrap();
    let name = first["DirectoryName"].as_str().unwrap();

    let table = sb.run(&["directories", "list"]).success().stdout;
    let row = table.lines().find(|l| l.starts_with(&id)).unwrap();
    assert!(row.contains(alias) && row.contains(name), "{row}");

    let csv = sb
        .run(&[
            "directories",
            "list",
            "-o",
            "csv",
            "--columns",
            "DirectoryId,SelfservicePermissions.RestartWorkspace,WorkspaceAccessProperties.DeviceTypeWorkSpacesThinClient,WorkspaceCreationProperties.EnableInternetAccess",
        ])
        .success()
        .stdout;
    let line = csv.lines().find(|l| l.starts_with(&id)).unwrap();
    assert_eq!(line.split(',').count(), 4, "{line}");
    assert!(line.contains("ENABLED") && line.contains("ALLOW"), "{line}");

    let got = sb
        .run(&["directories", "get", &id, "-o", "json"])
        .success()
        .json();
    assert_eq!(got["Alias"], alias);
    assert_eq!(
        got["SelfservicePermissions"]["RestartWorkspace"],
        first["SelfservicePermissions"]["RestartWorkspace"]
    );
}

#[test]
fn modify_self_service_shows_before_and_after_and_fails_only_the_unknown_directory() {
    let sb = TestEnv::start();
    let (ad, pools) = ad_and_pools(&sb);
    let dry = sb
        .run(&[
            "directories",
            "modify-self-service",
            &ad,
            "--rebuild-workspace",
            "enabled",
            "--dry-run",
        ])
        .success();
    assert!(
        dry.stderr
            .contains("SelfservicePermissions.RebuildWorkspace: DISABLED -> ENABLED"),
        "{}",
        dry.stderr
    );
    assert!(sb.requests_for("ModifySelfservicePermissions").is_empty());

    let run = sb.run(&[
        "directories",
        "modify-self-service",
        &ad,
        &pools,
        "wsd-nothere01",
        "--rebuild-workspace",
        "enabled",
        "--switch-running-mode",
        "disabled",
        "-o",
        "json",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let results = run.json();
    let outcome = |id: &str| {
        results
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .cloned()
            .unwrap()
    };
    assert_eq!(outcome(&ad)["outcome"], "done");
    assert_eq!(outcome(&pools)["outcome"], "done");
    assert_eq!(
        outcome("wsd-nothere01")["code"],
        "ResourceNotFoundException"
    );
    for id in [&ad, &pools] {
        let got = sb
            .run(&["directories", "get", id, "-o", "json"])
            .success()
            .json();
        assert_eq!(got["SelfservicePermissions"]["RebuildWorkspace"], "ENABLED");
        assert_eq!(
            got["SelfservicePermissions"]["SwitchRunningMode"],
            "DISABLED"
        );
    }
}

#[test]
fn bad_settings_are_refused_before_any_request() {
    let sb = TestEnv::start();
    let (ad, _) = ad_and_pools(&sb);
    sb.clear_requests();
    for args in [
        vec![
            "directories",
            "modify-self-service",
            &ad,
            "--rebuild-workspace",
            "maybe",
        ],
        vec![
            "directories",
            "modify-self-service",
            &ad,
            "--reboot-workspace",
            "enabled",
        ],
        vec!["directories", "modify-self-service", &ad],
        vec!["directories", "get", "d-NOTHEX123"],
        vec!["directories", "deregister", "x-12345678", "--yes"],
    ] {
        let run = sb.run(&args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
    }
    assert!(sb.requests().is_empty(), "{:?}", sb.requests());
}

#[test]
fn deregister_asks_first_and_refuses_a_directory_with_workspaces() {
    let sb = TestEnv::start();
    let (ad, pools) = ad_and_pools(&sb);
    let refused = sb.run(&["directories", "deregister", &pools]);
    assert_eq!(refused.code, 2);
    assert!(refused.stderr.contains("--yes"), "{}", refused.stderr);
    sb.run(&["directories", "deregister", &pools, "--dry-run"])
        .success();
    assert!(sb.requests_for("DeregisterWorkspaceDirectory").is_empty());

    let run = sb.run(&[
        "directories",
        "deregister",
        &ad,
        &pools,
        "--yes",
        "-o",
        "json",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let results = run.json();
    let of = |id: &str| {
        results
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .cloned()
            .unwrap()
    };
    assert_eq!(of(&ad)["code"], "InvalidResourceStateException");
    assert_eq!(of(&pools)["outcome"], "done");
    let left: Vec<String> = directories(&sb).iter().map(id_of).collect();
    assert!(left.contains(&ad) && !left.contains(&pools), "{left:?}");
}

#[test]
fn directories_take_tags_by_id() {
    let sb = TestEnv::start();
    let (ad, pools) = ad_and_pools(&sb);
    for id in [&ad, &pools] {
        sb.run(&["directories", "tag", id, "owner=it"]).success();
    }
    for id in [&ad, &pools] {
        let tags = sb
            .run(&["directories", "tags", id, "-o", "json"])
            .success()
            .json();
        assert!(tags.to_string().contains("\"it\""), "{id}: {tags}");
    }
    sb.run(&["directories", "untag", &ad, "owner"]).success();
    let tags = sb
        .run(&["directories", "tags", &ad, "-o", "json"])
        .success()
        .json();
    assert!(!tags.to_string().contains("\"it\""), "{tags}");
}
