//! Several accounts and regions at once: two sandboxes stand for two
//! accounts in two regions, reached through two profiles.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on what they did not expect

mod common;

use common::{TestEnv, isolated_wsfleet, stderr_of, stdout_of};
use wsfleet_sandbox::Config;

fn sandbox(devices: usize, account: &str) -> TestEnv {
    TestEnv::with(Config {
        devices,
        workspaces: 5,
        account_id: account.to_owned(),
        ..Config::default()
    })
}

fn write_profiles(home: &tempfile::TempDir, profiles: &[(&str, &str, &str)]) {
    let mut config = String::new();
    for (name, region, endpoint) in profiles {
        config.push_str(&format!(
            "[profile {name}]\nregion = {region}\nendpoint_url = {endpoint}\n\n"
        ));
    }
    std::fs::write(home.path().join("aws-config"), config).unwrap();
    std::fs::write(home.path().join("aws-credentials"), "").unwrap();
}

fn wsfleet(home: &tempfile::TempDir) -> assert_cmd::Command {
    let mut cmd = isolated_wsfleet(home);
    cmd.env(
        "AWS_SHARED_CREDENTIALS_FILE",
        home.path().join("aws-credentials"),
    );
    cmd
}

fn rows(output: &std::process::Output) -> Vec<serde_json::Value> {
    serde_json::from_str(&stdout_of(output)).unwrap()
}

#[test]
fn list_reads_every_profile_and_tags_rows_with_region_and_account() {
    let east = sandbox(7, "111111111111");
    let west = sandbox(4, "222222222222");
    let home = tempfile::tempdir().unwrap();
    write_profiles(
        &home,
        &[
            ("east", "us-east-1", &east.endpoint),
            ("west", "eu-west-1", &west.endpoint),
        ],
    );
    let output = wsfleet(&home)
        .args([
            "--profile",
            "east",
            "--profile",
            "west",
            "devices",
            "list",
            "-o",
            "json",
        ])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));
    let rows = rows(&output);
    assert_eq!(rows.len(), 11);
    let count = |region: &str, account: &str| {
        rows.iter()
            .filter(|r| r["region"] == region && r["account"] == account)
            .count()
    };
    assert_eq!(count("us-east-1", "111111111111"), 7);
    assert_eq!(count("eu-west-1", "222222222222"), 4);
    // Each sandbox was asked once who it is, and listed its own devices.
    assert_eq!(east.requests_for("GetCallerIdentity").len(), 1);
    assert_eq!(west.requests_for("ListDevices").len(), 1);

    // The table leads with the location columns.
    let table = wsfleet(&home)
        .args(["--profile", "east,west", "workspaces", "list"])
        .output()
        .unwrap();
    assert!(table.status.success(), "{}", stderr_of(&table));
    let header = stdout_of(&table).lines().next().unwrap().to_owned();
    assert!(
        header.starts_with("REGION") && header.contains("ACCOUNT"),
        "{header}"
    );
    assert_eq!(stdout_of(&table).lines().count(), 1 + 10);
}

#[test]
fn a_failing_account_is_reported_while_the_others_rows_are_complete() {
    let east = sandbox(6, "111111111111");
    let home = tempfile::tempdir().unwrap();
    let dead = common::unreachable_endpoint();
    write_profiles(
        &home,
        &[
            ("east", "us-east-1", &east.endpoint),
            ("gone", "ap-south-1", &dead),
        ],
    );
    let output = wsfleet(&home)
        .args([
            "--profile",
            "east",
            "--profile",
            "gone",
            "devices",
            "list",
            "-o",
            "ndjson",
        ])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout_of(&output).lines().count(), 6);
    let err = stderr_of(&output);
    assert!(err.contains("profile gone"), "{err}");
    assert!(err.contains("1 of 2"), "{err}");
}

#[test]
fn one_region_verbs_refuse_several() {
    let east = sandbox(3, "111111111111");
    let output = east
        .wsfleet()
        .args(["--region", "us-east-1", "--region", "eu-west-1"])
        .args(["devices", "get", "000000000000000000000000"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr_of(&output).contains("one region"));
    assert!(east.requests().is_empty());
}
