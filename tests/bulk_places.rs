//! Bulk verbs over several regions and accounts: targets from a file that
//! `list` wrote while reading two accounts are each changed in their own
//! account and region, and a record no `--profile` reaches stops the run
//! before anything changes. Two sandboxes stand for the two accounts; one
//! sandbox reached under two region names shows the region each request
//! was signed for.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on what they did not expect

mod accounts;
mod common;

use std::collections::BTreeSet;

use accounts::{EAST_ACCOUNT, TwoAccounts, WEST_ACCOUNT};
use common::{TestEnv, stderr_of, stdout_of};
use serde_json::Value;

fn json_rows(output: &std::process::Output) -> Vec<Value> {
    assert!(output.status.success(), "{}", stderr_of(output));
    serde_json::from_str(&stdout_of(output)).unwrap()
}

/// What the binary printed as JSON, with both profiles named.
fn both(fleet: &TwoAccounts, args: &[&str]) -> Vec<Value> {
    json_rows(&fleet.wsfleet().args(args).output().unwrap())
}

fn ids_where(rows: &[Value], key: &str, account: &str) -> BTreeSet<String> {
    rows.iter()
        .filter(|r| r["account"] == account)
        .map(|r| r[key].as_str().unwrap().to_owned())
        .collect()
}

fn resources(sandbox: &TestEnv, operation: &str) -> BTreeSet<String> {
    sandbox
        .requests_for(operation)
        .into_iter()
        .filter_map(|r| r.resource)
        .collect()
}

#[test]
fn deregister_from_a_two_account_listing_changes_each_device_in_its_own_account() {
    let fleet = TwoAccounts::start((9, 1), (6, 1));
    let listed = both(
        &fleet,
        &["devices", "list", "--status", "registered", "-o", "json"],
    );
    let east_ids = ids_where(&listed, "id", EAST_ACCOUNT);
    let west_ids = ids_where(&listed, "id", WEST_ACCOUNT);
    assert!(!east_ids.is_empty() && !west_ids.is_empty(), "{listed:?}");
    let file = fleet.home.path().join("registered.json");
    std::fs::write(&file, serde_json::to_string(&listed).unwrap()).unwrap();
    fleet.east.clear_requests();
    fleet.west.clear_requests();

    // The dry run's plan says where each device is, and changes nothing.
    let plan = json_rows(
        &fleet
            .wsfleet()
            .args([
                "-o",
                "json",
                "devices",
                "deregister",
                "--dry-run",
                "--ids-from",
            ])
            .arg(&file)
            .output()
            .unwrap(),
    );
    assert_eq!(plan.len(), listed.len());
    assert_eq!(ids_where(&plan, "id", WEST_ACCOUNT), west_ids);
    assert!(
        plan.iter()
            .all(|r| r["region"] == "us-east-1" || r["region"] == "eu-west-1")
    );
    assert!(resources(&fleet.east, "DeregisterDevice").is_empty());
    assert!(resources(&fleet.west, "DeregisterDevice").is_empty());

    fleet.east.clear_requests();
    fleet.west.clear_requests();
    let journal = fleet.home.path().join("deregister.ndjson");
    let output = fleet
        .wsfleet()
        .args(["-o", "json", "devices", "deregister", "--yes", "--journal"])
        .arg(&journal)
        .arg("--ids-from")
        .arg(&file)
        .output()
        .unwrap();
    let results = json_rows(&output);
    assert_eq!(results.len(), listed.len());
    assert!(
        results.iter().all(|r| r["outcome"] == "done"),
        "{results:?}"
    );
    assert_eq!(ids_where(&results, "id", EAST_ACCOUNT), east_ids);
    assert!(
        results
            .iter()
            .filter(|r| r["account"] == WEST_ACCOUNT)
            .all(|r| r["region"] == "eu-west-1")
    );
    // Each account was asked to deregister its own devices, and nothing
    // else, each request signed for the device's region.
    assert_eq!(resources(&fleet.east, "DeregisterDevice"), east_ids);
    assert_eq!(resources(&fleet.west, "DeregisterDevice"), west_ids);
    assert_eq!(
        fleet.east.requests_for("DeregisterDevice").len(),
        east_ids.len()
    );
    // Each account was asked who it is once: the answer that matched the
    // records also placed them.
    assert_eq!(fleet.east.requests_for("GetCallerIdentity").len(), 1);
    assert_eq!(fleet.west.requests_for("GetCallerIdentity").len(), 1);
    for (sandbox, region) in [(&fleet.east, "us-east-1"), (&fleet.west, "eu-west-1")] {
        assert!(
            sandbox
                .requests_for("DeregisterDevice")
                .iter()
                .all(|r| r.signed_region.as_deref() == Some(region))
        );
    }
    // The journal says where each target lives, so `--resume` alone finds
    // them all done and sends nothing.
    let journaled = std::fs::read_to_string(&journal).unwrap();
    let targets: Value = serde_json::from_str(journaled.lines().nth(1).unwrap()).unwrap();
    assert!(
        targets["targets"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["account"] == EAST_ACCOUNT || t["account"] == WEST_ACCOUNT)
    );
    fleet.east.clear_requests();
    fleet.west.clear_requests();
    let resumed = fleet
        .wsfleet()
        .args(["-o", "json", "devices", "deregister", "--yes", "--resume"])
        .arg(&journal)
        .output()
        .unwrap();
    let resumed = json_rows(&resumed);
    assert_eq!(resumed.len(), listed.len());
    assert!(resumed.iter().all(|r| r["outcome"] == "done"));
    assert!(fleet.east.requests_for("DeregisterDevice").is_empty());
    assert!(fleet.west.requests_for("DeregisterDevice").is_empty());
}

#[test]
fn a_record_in_an_account_no_profile_reaches_stops_the_run_before_any_change() {
    let fleet = TwoAccounts::start((4, 1), (3, 1));
    let listed = both(&fleet, &["devices", "list", "-o", "json"]);
    let mut records = listed.clone();
    records[0]["account"] = Value::from("333333333333");
    let file = fleet.home.path().join("stray.json");
    std::fs::write(&file, serde_json::to_string(&records).unwrap()).unwrap();

    let output = fleet
        .wsfleet()
        .args(["devices", "delete", "--yes", "--ids-from"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stderr_of(&output));
    let err = stderr_of(&output);
    assert!(err.contains("account 333333333333"), "{err}");
    assert!(err.contains("nothing was changed"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    for sandbox in [&fleet.east, &fleet.west] {
        assert!(sandbox.requests_for("DeleteDevice").is_empty());
    }

    // With several profiles a record must say which account it is in.
    let bare: Vec<Value> = listed
        .iter()
        .map(|r| serde_json::json!({"id": r["id"]}))
        .collect();
    std::fs::write(&file, serde_json::to_string(&bare).unwrap()).unwrap();
    let output = fleet
        .wsfleet()
        .args(["devices", "delete", "--yes", "--ids-from"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr_of(&output).contains("has no account"),
        "{}",
        stderr_of(&output)
    );
}

#[test]
fn filters_with_several_profiles_reach_every_account_and_batch_per_account() {
    let fleet = TwoAccounts::start((2, 12), (2, 9));
    let available = both(
        &fleet,
        &["workspaces", "list", "--state", "available", "-o", "json"],
    );
    let east_ids = ids_where(&available, "WorkspaceId", EAST_ACCOUNT);
    let west_ids = ids_where(&available, "WorkspaceId", WEST_ACCOUNT);
    assert!(
        !east_ids.is_empty() && !west_ids.is_empty(),
        "{available:?}"
    );
    fleet.east.clear_requests();
    fleet.west.clear_requests();

    let output = fleet
        .wsfleet()
        .args([
            "-o",
            "json",
            "workspaces",
            "reboot",
            "--yes",
            "--state",
            "available",
        ])
        .output()
        .unwrap();
    let results = json_rows(&output);
    assert_eq!(ids_where(&results, "id", EAST_ACCOUNT), east_ids);
    assert_eq!(ids_where(&results, "id", WEST_ACCOUNT), west_ids);
    assert!(
        results.iter().all(|r| r["outcome"] == "done"),
        "{results:?}"
    );
    // One RebootWorkspaces a account: a batch never mixes accounts.
    assert_eq!(fleet.east.requests_for("RebootWorkspaces").len(), 1);
    assert_eq!(fleet.west.requests_for("RebootWorkspaces").len(), 1);
}

#[test]
fn tagging_by_arn_reaches_the_account_and_region_each_arn_names() {
    let fleet = TwoAccounts::start((3, 1), (2, 1));
    let listed = both(&fleet, &["devices", "list", "-o", "json"]);
    // Only the ARNs: they alone say where each device is.
    let arns: Vec<String> = listed
        .iter()
        .map(|r| r["arn"].as_str().unwrap().to_owned())
        .collect();
    let file = fleet.home.path().join("arns.txt");
    std::fs::write(&file, arns.join("\n")).unwrap();
    let output = fleet
        .wsfleet()
        .args(["-o", "json", "devices", "tag", "--ids-from"])
        .arg(&file)
        .arg("site=Dublin")
        .output()
        .unwrap();
    let results = json_rows(&output);
    assert_eq!(results.len(), 5);
    let tagged = |sandbox: &TestEnv| resources(sandbox, "TagResource");
    let east_arns: BTreeSet<String> = arns
        .iter()
        .filter(|a| a.contains(EAST_ACCOUNT))
        .cloned()
        .collect();
    assert_eq!(east_arns.len(), 3);
    assert_eq!(tagged(&fleet.east), east_arns);
    assert_eq!(tagged(&fleet.west).len(), 2);
    assert!(
        tagged(&fleet.west)
            .iter()
            .all(|a| a.contains(":eu-west-1:"))
    );
}

#[test]
fn records_are_changed_in_the_region_they_name() {
    let sandbox = TestEnv::start();
    let listed = json_rows(
        &sandbox
            .wsfleet()
            .args(["devices", "list", "--status", "registered", "-o", "json"])
            .output()
            .unwrap(),
    );
    assert!(listed.len() >= 4);
    // Half the devices said to be in eu-west-1, the rest in us-east-1.
    let records: Vec<Value> = listed
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let region = if i % 2 == 0 { "eu-west-1" } else { "us-east-1" };
            serde_json::json!({"id": r["id"], "region": region})
        })
        .collect();
    let ndjson: String = records.iter().map(|r| format!("{r}\n")).collect();
    let file = sandbox.path("two-regions.ndjson");
    std::fs::write(&file, &ndjson).unwrap();

    // A region the command line rules out is refused before any request.
    let output = sandbox
        .wsfleet()
        .args([
            "--region",
            "us-east-1",
            "devices",
            "deregister",
            "--yes",
            "--ids-from",
        ])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr_of(&output).contains("outside --region us-east-1"),
        "{}",
        stderr_of(&output)
    );
    assert!(sandbox.requests_for("DeregisterDevice").is_empty());

    sandbox.clear_requests();
    let output = sandbox
        .wsfleet()
        .args(["-o", "json", "devices", "deregister", "--yes", "--ids-from"])
        .arg(&file)
        .output()
        .unwrap();
    let results = json_rows(&output);
    assert_eq!(results.len(), records.len());
    for request in sandbox.requests_for("DeregisterDevice") {
        let id = request.resource.clone().unwrap();
        let record = records.iter().find(|r| r["id"] == id.as_str()).unwrap();
        assert_eq!(
            request.signed_region.as_deref(),
            record["region"].as_str(),
            "{id}"
        );
        let result = results.iter().find(|r| r["id"] == id.as_str()).unwrap();
        assert_eq!(result["region"], record["region"]);
    }
    assert_eq!(
        sandbox.requests_for("DeregisterDevice").len(),
        records.len()
    );

    // With several --region, a bare ID does not say which region it is in.
    let bare = sandbox.path("bare.txt");
    std::fs::write(&bare, listed[0]["id"].as_str().unwrap()).unwrap();
    sandbox.clear_requests();
    let output = sandbox
        .wsfleet()
        .args(["--region", "us-east-1,eu-west-1"])
        .args(["devices", "delete", "--yes", "--ids-from"])
        .arg(&bare)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr_of(&output).contains("has no region"),
        "{}",
        stderr_of(&output)
    );
    assert!(sandbox.requests().is_empty());
}

#[test]
fn an_account_that_cannot_be_reached_stops_the_run_before_any_change() {
    let fleet = TwoAccounts::start((6, 1), (1, 1));
    fleet.add_unreachable_profile("gone");

    let output = fleet
        .wsfleet_without_profiles()
        .args(["--profile", "east,gone", "--connect-timeout", "1"])
        .args(["devices", "delete", "--yes", "--environment", "a1b2c3d4e"])
        .output()
        .unwrap();
    assert!(!output.status.success());
    let err = stderr_of(&output);
    assert!(err.contains("profile gone"), "{err}");
    // The reachable account was not touched: not even listed.
    assert!(fleet.east.requests_for("DeleteDevice").is_empty());
    assert!(fleet.east.requests_for("ListDevices").is_empty());
}
