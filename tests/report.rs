//! `wsfleet report` against the seeded sandbox: every count equals what the
//! `list` verbs say with the matching filters.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on what they did not expect

mod accounts;
mod common;

use std::collections::{BTreeMap, HashSet};

use aws_smithy_types::DateTime;
use aws_smithy_types::date_time::Format;
use common::{TestEnv, stderr_of, stdout_of};
use serde_json::Value;

fn json_of(sb: &TestEnv, args: &[&str]) -> Value {
    let output = sb.wsfleet().args(args).output().unwrap();
    assert!(output.status.success(), "{args:?}: {}", stderr_of(&output));
    serde_json::from_str(&stdout_of(&output)).unwrap()
}

fn rows(value: &Value) -> &Vec<Value> {
    value.as_array().unwrap()
}

/// The report's `group.key` rows as {value of `field`: count}.
fn counts_by(report: &Value, group: &str, key: &str, field: &str) -> BTreeMap<String, u64> {
    rows(&report[group][key])
        .iter()
        .map(|r| {
            (
                r[field].as_str().unwrap_or("").to_owned(),
                r["count"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// {value of `field` (dotted for nesting): how many rows}.
fn tally(items: &[Value], field: &str) -> BTreeMap<String, u64> {
    let mut tally = BTreeMap::new();
    for item in items {
        let value = field.split('.').fold(item, |v, part| &v[part]);
        *tally
            .entry(value.as_str().unwrap_or("").to_owned())
            .or_default() += 1;
    }
    tally
}

fn seconds(rfc3339: &str) -> i64 {
    DateTime::from_str(rfc3339, Format::DateTime)
        .unwrap()
        .secs()
}

#[test]
fn report_counts_equal_what_list_returns() {
    let sb = TestEnv::start();
    let report = json_of(&sb, &["report", "-o", "json"]);
    // Compliance is only in GetDevice: one call a device.
    let devices = json_of(&sb, &["devices", "list", "--details", "-o", "json"]);
    let devices = rows(&devices);
    assert_eq!(devices.len(), 60);
    assert_eq!(sb.requests_for("GetDevice").len(), 2 * devices.len());

    assert_eq!(rows(&report["scopes"]).len(), 1);
    assert_eq!(report["scopes"][0]["devices"], 60);
    assert_eq!(report["scopes"][0]["workspaces"], 40);
    assert_eq!(report["scopes"][0]["account"], "123456789012");
    // Every kind the inventory reads is counted, as its `list` counts it.
    for (field, group) in [
        ("directories", "directories"),
        ("ipGroups", "ip-groups"),
        ("connectionAliases", "connection-aliases"),
        ("pools", "pools"),
    ] {
        let listed = json_of(&sb, &[group, "list", "-o", "json"]);
        assert!(!rows(&listed).is_empty(), "the seed has {group}");
        assert_eq!(
            report["scopes"][0][field],
            rows(&listed).len(),
            "{field}: {report}"
        );
    }

    let by_status = counts_by(&report, "devices", "byStatus", "status");
    assert_eq!(by_status, tally(devices, "status"));
    for (status, count) in &by_status {
        let listed = json_of(&sb, &["devices", "list", "--status", status, "-o", "json"]);
        assert_eq!(rows(&listed).len() as u64, *count, "{status}");
    }
    assert_eq!(
        counts_by(
            &report,
            "devices",
            "byCompliance",
            "softwareSetComplianceStatus"
        ),
        tally(devices, "softwareSetComplianceStatus")
    );
    let not_compliant = json_of(
        &sb,
        &[
            "devices",
            "list",
            "--compliance",
            "not-compliant",
            "-o",
            "json",
        ],
    );
    assert_eq!(
        counts_by(
            &report,
            "devices",
            "byCompliance",
            "softwareSetComplianceStatus"
        )["NOT_COMPLIANT"],
        rows(&not_compliant).len() as u64
    );
    assert_eq!(
        counts_by(&report, "devices", "byEnvironment", "environmentId"),
        tally(devices, "environmentId")
    );
    assert_eq!(
        counts_by(&report, "devices", "bySoftwareSet", "currentSoftwareSetId"),
        tally(devices, "currentSoftwareSetId")
    );

    // Stale: not seen for 30 days before the report was made (or never),
    // and still in the fleet (a deregistered or archived device is not).
    let now = seconds(report["generatedAt"].as_str().unwrap());
    let cutoff = now - 30 * 86_400;
    let retired = ["DEREGISTERED", "DEREGISTERING", "ARCHIVED"];
    assert!(
        devices
            .iter()
            .any(|d| retired.contains(&d["status"].as_str().unwrap())
                && d["lastPostureAt"]
                    .as_str()
                    .is_none_or(|t| seconds(t) < cutoff)),
        "the seed has retired devices not seen for long"
    );
    let expected_stale: HashSet<&str> = devices
        .iter()
        .filter(|d| !retired.contains(&d["status"].as_str().unwrap()))
        .filter(|d| {
            d["lastPostureAt"]
                .as_str()
                .is_none_or(|t| seconds(t) < cutoff)
        })
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    let stale: HashSet<&str> = rows(&report["devices"]["stale"])
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert!(!stale.is_empty());
    assert_eq!(stale, expected_stale);

    // Software sets leaving support within 30 days, with who is on them.
    let sets = json_of(&sb, &["software-sets", "list", "-o", "json"]);
    let environments = json_of(&sb, &["environments", "list", "-o", "json"]);
    let horizon = now + 30 * 86_400;
    let ending: Vec<&Value> = rows(&sets)
        .iter()
        .filter(|s| {
            s["supportedUntil"]
                .as_str()
                .is_some_and(|t| seconds(t) <= horizon)
        })
        .collect();
    let reported = rows(&report["softwareSets"]["endingSupport"]);
    assert!(!reported.is_empty());
    assert_eq!(reported.len(), ending.len());
    for set in reported {
        let id = set["id"].as_str().unwrap();
        let on_it: HashSet<&str> = devices
            .iter()
            .filter(|d| d["currentSoftwareSetId"] == id)
            .map(|d| d["id"].as_str().unwrap())
            .collect();
        let listed: HashSet<&str> = rows(&set["devices"])
            .iter()
            .map(|d| d.as_str().unwrap())
            .collect();
        assert_eq!(listed, on_it, "software set {id}");
        let environments_on_it = rows(&environments)
            .iter()
            .filter(|e| e["desiredSoftwareSetId"] == id)
            .count();
        assert_eq!(rows(&set["environments"]).len(), environments_on_it);
    }

    // Environments with updates pending.
    let pending: HashSet<&str> = rows(&environments)
        .iter()
        .filter(|e| e["pendingSoftwareSetId"].is_string())
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    let reported: HashSet<&str> = rows(&report["environments"]["updatesPending"])
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert!(!pending.is_empty());
    assert_eq!(reported, pending);

    // WorkSpaces by state equal `workspaces list --state`.
    let workspaces = json_of(&sb, &["workspaces", "list", "-o", "json"]);
    let by_state = counts_by(&report, "workspaces", "byState", "State");
    assert_eq!(by_state, tally(rows(&workspaces), "State"));
    for (state, count) in &by_state {
        let listed = json_of(&sb, &["workspaces", "list", "--state", state, "-o", "json"]);
        assert_eq!(rows(&listed).len() as u64, *count, "{state}");
    }
    for (key, field) in [
        ("byRunningMode", "RunningMode"),
        ("byComputeType", "ComputeTypeName"),
        ("byOperatingSystem", "OperatingSystemName"),
    ] {
        assert_eq!(
            counts_by(&report, "workspaces", key, field),
            tally(rows(&workspaces), &format!("WorkspaceProperties.{field}")),
            "{key}"
        );
    }
    // ERROR, IMPAIRED and UNHEALTHY are all listed; STOPPED only when nobody connected
    // within --stale (30d), which the seed gives some and not others.
    let in_state = |state: &str| {
        rows(&workspaces)
            .iter()
            .filter(|w| w["State"] == state)
            .count()
    };
    let attention = rows(&report["workspaces"]["needingAttention"]);
    let reported = |state: &str| attention.iter().filter(|w| w["State"] == state).count();
    assert_eq!(reported("ERROR"), in_state("ERROR"));
    assert_eq!(reported("UNHEALTHY"), in_state("UNHEALTHY"));
    assert!(
        in_state("IMPAIRED") > 0,
        "the seed has an IMPAIRED WorkSpace"
    );
    assert_eq!(reported("IMPAIRED"), in_state("IMPAIRED"));
    assert!(reported("STOPPED") > 0 && reported("STOPPED") < in_state("STOPPED"));
    assert_eq!(
        attention.len(),
        reported("ERROR") + reported("IMPAIRED") + reported("UNHEALTHY") + reported("STOPPED")
    );
    for stopped in attention.iter().filter(|w| w["State"] == "STOPPED") {
        let last = stopped["LastKnownUserConnectionTimestamp"].as_str();
        assert!(last.is_none_or(|t| seconds(t) < cutoff), "{stopped}");
    }
    // With --stale of a minute, every stopped WorkSpace is stopped for long.
    let strict = json_of(&sb, &["report", "--stale", "1m", "-o", "json"]);
    let strict_stopped = rows(&strict["workspaces"]["needingAttention"])
        .iter()
        .filter(|w| w["State"] == "STOPPED")
        .count();
    assert_eq!(strict_stopped, in_state("STOPPED"));

    // Images with updates, and the bundles built on them.
    let images = json_of(&sb, &["images", "list", "-o", "json"]);
    let updatable: HashSet<&str> = rows(&images)
        .iter()
        .filter(|i| i["Updates"]["UpdateAvailable"] == true)
        .map(|i| i["ImageId"].as_str().unwrap())
        .collect();
    let reported = rows(&report["images"]["updatesAvailable"]);
    assert_eq!(
        reported
            .iter()
            .map(|i| i["ImageId"].as_str().unwrap())
            .collect::<HashSet<_>>(),
        updatable
    );
    let finance = reported
        .iter()
        .find(|i| i["Name"] == "finance-win10-2024-06")
        .unwrap();
    let bundles = rows(&finance["BundleIds"]);
    assert_eq!(bundles.len(), 1);
    assert!(bundles[0].as_str().unwrap().starts_with("wsb-"));
}

#[test]
fn report_table_has_every_section() {
    let sb = TestEnv::start();
    let output = sb.wsfleet().args(["report"]).output().unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));
    let text = stdout_of(&output);
    for title in [
        "Regions and accounts: Thin Client",
        "Regions and accounts: WorkSpaces",
        "Regions and accounts: WorkSpaces directories and access",
        "Devices by status",
        "Devices by compliance",
        "Devices not seen recently",
        "Software sets leaving support",
        "Environments with updates pending",
        "WorkSpaces by state",
        "Images with updates available",
    ] {
        assert!(text.contains(title), "{title} missing:\n{text}");
    }
    // One scope: no region or account columns.
    assert!(!text.contains("REGION"), "{text}");
    // The counts of directories, IP groups and connection aliases, under
    // their headers, as `list` counts them.
    let lines: Vec<&str> = text.lines().collect();
    let header = lines
        .iter()
        .position(|l| {
            l.split_whitespace().collect::<Vec<_>>()
                == ["DIRECTORIES", "IP", "GROUPS", "CONNECTION", "ALIASES"]
        })
        .unwrap_or_else(|| panic!("no directories, IP groups and aliases table:\n{text}"));
    let counted: Vec<usize> = lines[header + 1]
        .split_whitespace()
        .map(|n| n.parse().unwrap())
        .collect();
    let listed: Vec<usize> = ["directories", "ip-groups", "connection-aliases"]
        .iter()
        .map(|group| rows(&json_of(&sb, &[group, "list", "-o", "json"])).len())
        .collect();
    assert_eq!(counted, listed, "{text}");
    assert!(
        text.lines()
            .any(|l| l.split_whitespace().collect::<Vec<_>>().first() == Some(&"REGISTERED")),
        "{text}"
    );
}

#[test]
fn bad_periods_and_formats_are_exit_2_before_any_request() {
    let sb = TestEnv::start();
    for args in [
        &["report", "--stale", "3x"][..],
        &["report", "--within", "30x"],
        &["report", "-o", "csv"],
    ] {
        let output = sb.wsfleet().args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(stderr_of(&output).contains("error:"), "{args:?}");
    }
    assert!(sb.requests().is_empty());
}

#[test]
fn report_covers_two_accounts_with_counts_for_each() {
    let fleet = accounts::TwoAccounts::start((7, 5), (4, 3));
    let output = fleet
        .wsfleet()
        .args(["report", "-o", "json", "--stale", "2w"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));
    // Progress is for terminals: none when stderr is a pipe.
    assert!(stderr_of(&output).is_empty(), "{}", stderr_of(&output));
    let report: Value = serde_json::from_str(&stdout_of(&output)).unwrap();
    let scopes = rows(&report["scopes"]);
    assert_eq!(scopes.len(), 2);
    let scope = |account: &str| scopes.iter().find(|s| s["account"] == account).unwrap();
    assert_eq!(scope(accounts::EAST_ACCOUNT)["region"], "us-east-1");
    assert_eq!(scope(accounts::EAST_ACCOUNT)["devices"], 7);
    assert_eq!(scope(accounts::EAST_ACCOUNT)["workspaces"], 5);
    assert_eq!(scope(accounts::WEST_ACCOUNT)["region"], "eu-west-1");
    assert_eq!(scope(accounts::WEST_ACCOUNT)["devices"], 4);
    assert_eq!(scope(accounts::WEST_ACCOUNT)["workspaces"], 3);
    // The breakdowns are per account and add up to each account's fleet.
    for (account, devices) in [(accounts::EAST_ACCOUNT, 7), (accounts::WEST_ACCOUNT, 4)] {
        let total: u64 = rows(&report["devices"]["byStatus"])
            .iter()
            .filter(|r| r["account"] == account)
            .map(|r| r["count"].as_u64().unwrap())
            .sum();
        assert_eq!(total, devices, "{account}");
    }
    assert_eq!(report["stale"], "2w");
    assert_eq!(fleet.east.requests_for("GetDevice").len(), 7);
    assert_eq!(fleet.west.requests_for("DescribeWorkspaces").len(), 1);
}
