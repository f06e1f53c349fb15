//! End-to-end: `--wait` on the pool changes (one wait engine), pools in
//! `export`, and an idle disconnect timeout of 0 (the API's minimum).
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on what they did not expect

mod common;

use std::time::Duration;

use common::TestEnv;
use serde_json::Value;
use wsfleet_sandbox::Config;

/// A sandbox whose pool transitions end within the first polls of `--wait`.
fn quick() -> TestEnv {
    TestEnv::with(Config {
        transition: Duration::from_millis(150),
        ..Config::default()
    })
}

fn pool_in(sb: &TestEnv, state: &str) -> String {
    let pools = sb.run(&["-o", "json", "pools", "list"]).success().json();
    pools
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["State"] == state)
        .and_then(|p| p["PoolId"].as_str())
        .expect("a pool in that state")
        .to_owned()
}

fn state_of(sb: &TestEnv, pool: &str) -> Value {
    sb.run(&["-o", "json", "pools", "get", pool])
        .success()
        .json()["State"]
        .clone()
}

#[test]
fn every_change_waits_for_the_state_it_leads_to() {
    let sb = quick();
    let running = pool_in(&sb, "RUNNING");
    let stop = sb
        .run(&["pools", "stop", &running, "--yes", "--wait"])
        .success();
    assert!(
        stop.stderr.contains("1 pools to become STOPPED"),
        "{}",
        stop.stderr
    );
    assert_eq!(state_of(&sb, &running), "STOPPED");

    let updated = sb
        .run(&[
            "-o",
            "json",
            "pools",
            "update",
            &running,
            "--idle-disconnect-timeout",
            "0",
            "--wait",
        ])
        .success()
        .json();
    assert_eq!(updated["State"], "STOPPED", "described again once settled");
    assert_eq!(
        updated["TimeoutSettings"]["IdleDisconnectTimeoutInSeconds"],
        0
    );

    let start = sb.run(&["pools", "start", &running, "--wait"]).success();
    assert!(
        start.stderr.contains("1 pools to become RUNNING"),
        "{}",
        start.stderr
    );
    assert_eq!(state_of(&sb, &running), "RUNNING");

    let directory = sb
        .run(&["-o", "json", "pools", "get", &running])
        .success()
        .json()["DirectoryId"]
        .as_str()
        .unwrap()
        .to_owned();
    let bundle = sb
        .run(&["-o", "json", "pools", "get", &running])
        .success()
        .json()["BundleId"]
        .as_str()
        .unwrap()
        .to_owned();
    let created = sb
        .run(&[
            "-o",
            "json",
            "pools",
            "create",
            "--name",
            "waited",
            "--description",
            "Waited",
            "--bundle",
            &bundle,
            "--directory",
            &directory,
            "--desired-sessions",
            "2",
            "--wait",
        ])
        .success()
        .json();
    assert_eq!(created["State"], "RUNNING");
    let new_pool = created["PoolId"].as_str().unwrap().to_owned();

    sb.run(&["pools", "stop", &new_pool, "--yes", "--wait"])
        .success();
    let gone = sb
        .run(&["pools", "terminate", &new_pool, "--yes", "--wait"])
        .success();
    assert!(
        gone.stderr.contains("1 pools to be deleted"),
        "{}",
        gone.stderr
    );
    let missing = sb.run(&["pools", "get", &new_pool]);
    assert_eq!(missing.code, 1, "{}", missing.stderr);
}

#[test]
fn export_writes_the_pools_with_their_tags() {
    let sb = TestEnv::start();
    let pool = pool_in(&sb, "RUNNING");
    sb.run(&["pools", "tag", &pool, "team=vdi"]).success();
    let out = sb.path("export");
    sb.run(&["export", "--out", out.to_str().unwrap()])
        .success();
    let exported: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("pools.json")).unwrap()).unwrap();
    let exported = exported.as_array().unwrap();
    assert_eq!(exported.len(), 4);
    let tagged = exported
        .iter()
        .find(|p| p["PoolId"] == pool.as_str())
        .unwrap();
    assert_eq!(tagged["tags"]["team"], "vdi", "{tagged}");
    assert!(
        tagged["TimeoutSettings"].is_object(),
        "every column: {tagged}"
    );
    let csv = std::fs::read_to_string(out.join("pools.csv")).unwrap();
    assert_eq!(csv.lines().count(), 5, "{csv}");
}

#[test]
fn the_idle_timeout_takes_zero_but_nothing_past_ten_hours() {
    let sb = TestEnv::start();
    let pool = pool_in(&sb, "RUNNING");
    for bad in ["10h1s", "-1", "soon"] {
        let run = sb.run(&["pools", "update", &pool, "--idle-disconnect-timeout", bad]);
        assert_eq!(run.code, 2, "{bad}: {}", run.stderr);
    }
    let run = sb.run(&["pools", "start", &pool, "--wait-timeout", "1m"]);
    assert_eq!(run.code, 2, "--wait-timeout needs --wait: {}", run.stderr);
    assert!(sb.requests_for("UpdateWorkspacesPool").is_empty());
    assert!(sb.requests_for("StartWorkspacesPool").is_empty());
    sb.run(&[
        "pools",
        "update",
        &pool,
        "--idle-disconnect-timeout",
        "0s",
        "--dry-run",
    ])
    .success();
    assert!(sb.requests_for("UpdateWorkspacesPool").is_empty());
}
