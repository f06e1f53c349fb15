//! `wsfleet export` against the seeded sandbox: every resource is in the
//! files with its details and tags, and the manifest's counts are the files'
//! and the sandbox's own.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on what they did not expect

mod accounts;
mod common;

use std::collections::HashSet;
use std::path::Path;

use common::{TestEnv, stderr_of, stdout_of};
use serde_json::Value;

const TAG_KEY: &str = "export-check";

fn json_of(sb: &TestEnv, args: &[&str]) -> Vec<Value> {
    let output = sb.wsfleet().args(args).output().unwrap();
    assert!(output.status.success(), "{args:?}: {}", stderr_of(&output));
    serde_json::from_str(&stdout_of(&output)).unwrap()
}

fn read_json(dir: &Path, name: &str) -> Value {
    serde_json::from_str(&std::fs::read_to_string(dir.join(name)).unwrap()).unwrap()
}

fn csv_records(dir: &Path, name: &str) -> (Vec<String>, Vec<csv::StringRecord>) {
    let mut reader = csv::Reader::from_path(dir.join(name)).unwrap();
    let headers = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let records = reader.records().map(Result::unwrap).collect();
    (headers, records)
}

/// An exported record without what `list` does not print for one scope.
fn as_listed(record: &Value) -> Value {
    let mut record = record.clone();
    let object = record.as_object_mut().unwrap();
    for key in ["region", "account", "tags"] {
        object.remove(key);
    }
    record
}

#[test]
fn export_writes_every_resource_with_details_and_tags() {
    let sb = TestEnv::start();
    let devices = json_of(&sb, &["devices", "list", "--details", "-o", "json"]);
    let device_id = devices[0]["id"].as_str().unwrap().to_owned();
    let tagged = sb
        .wsfleet()
        .args(["devices", "tag", &device_id, &format!("{TAG_KEY}=yes")])
        .output()
        .unwrap();
    assert!(tagged.status.success(), "{}", stderr_of(&tagged));
    let devices = json_of(&sb, &["devices", "list", "--details", "-o", "json"]);

    let out = sb.path("inventory");
    let output = sb
        .wsfleet()
        .args(["export", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));
    assert!(stdout_of(&output).is_empty(), "stdout carries no notes");

    let manifest = read_json(&out, "manifest.json");
    assert_eq!(manifest["wsfleetVersion"], env!("CARGO_PKG_VERSION"));
    assert_eq!(manifest["scopes"][0]["account"], "123456789012");
    assert_eq!(manifest["scopes"][0]["region"], "us-east-1");
    assert!(manifest["startedAt"].as_str().unwrap().ends_with('Z'));

    let listings: [(&str, Vec<Value>, &str); 7] = [
        ("devices", devices, "id"),
        (
            "environments",
            json_of(&sb, &["environments", "list", "--details", "-o", "json"]),
            "id",
        ),
        (
            "software-sets",
            json_of(&sb, &["software-sets", "list", "-o", "json"]),
            "id",
        ),
        (
            "workspaces",
            json_of(&sb, &["workspaces", "list", "-o", "json"]),
            "WorkspaceId",
        ),
        (
            "applications",
            json_of(&sb, &["applications", "list", "-o", "json"]),
            "ApplicationId",
        ),
        (
            "images",
            json_of(&sb, &["images", "list", "-o", "json"]),
            "ImageId",
        ),
        ("bundles", Vec::new(), "BundleId"),
    ];
    for (kind, listed, id_key) in &listings {
        let exported = read_json(&out, &format!("{kind}.json"));
        let exported = exported.as_array().unwrap();
        let (headers, records) = csv_records(&out, &format!("{kind}.csv"));
        let count = manifest["counts"][kind].as_u64().unwrap() as usize;
        assert_eq!(exported.len(), count, "{kind}.json");
        assert_eq!(records.len(), count, "{kind}.csv");
        assert!(count > 0, "{kind}");
        assert_eq!(&headers[..2], ["region", "account"], "{kind}");
        let id_column = headers.iter().position(|h| h == id_key).unwrap();
        let csv_ids: HashSet<&str> = records.iter().map(|r| &r[id_column]).collect();
        let json_ids: HashSet<&str> = exported
            .iter()
            .map(|r| r[id_key].as_str().unwrap())
            .collect();
        assert_eq!(csv_ids, json_ids, "{kind}");
        if kind == &"bundles" {
            continue;
        }
        assert_eq!(count, listed.len(), "{kind}: the sandbox's own count");
        let listed_ids: HashSet<&str> =
            listed.iter().map(|r| r[id_key].as_str().unwrap()).collect();
        assert_eq!(json_ids, listed_ids, "{kind}");
    }

    // Records are what `list` prints (with details), field for field.
    for kind in [
        "devices",
        "environments",
        "workspaces",
        "applications",
        "images",
    ] {
        let (_, listed, id_key) = listings.iter().find(|(k, _, _)| *k == kind).unwrap();
        let exported = read_json(&out, &format!("{kind}.json"));
        for record in exported.as_array().unwrap() {
            let listed = listed.iter().find(|l| l[id_key] == record[id_key]).unwrap();
            assert_eq!(&as_listed(record), listed, "{kind} {}", record[id_key]);
        }
    }

    // Details: compliance is only in GetDevice; software only in GetSoftwareSet.
    let exported_devices = read_json(&out, "devices.json");
    assert!(
        exported_devices
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["softwareSetComplianceStatus"].is_string())
    );
    let sets = read_json(&out, "software-sets.json");
    assert!(
        sets.as_array()
            .unwrap()
            .iter()
            .all(|s| s["software"].is_array())
    );

    // Tags: the one just added to a device, and the seed's WorkSpaces tags.
    let device = exported_devices
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == device_id.as_str())
        .unwrap();
    assert_eq!(device["tags"][TAG_KEY], "yes");
    let (headers, records) = csv_records(&out, "devices.csv");
    let tags_column = headers.iter().position(|h| h == "tags").unwrap();
    assert!(
        records
            .iter()
            .any(|r| r[tags_column] == format!("{TAG_KEY}=yes"))
    );
    let workspaces = read_json(&out, "workspaces.json");
    let tagged_workspaces = workspaces
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["tags"].as_object().is_some_and(|t| !t.is_empty()))
        .count();
    assert!(tagged_workspaces > 0);
    assert_eq!(
        sb.requests_for("DescribeTags").len(),
        [
            "workspaces",
            "images",
            "bundles",
            "directories",
            "ip-groups",
            "pools",
            "connection-aliases"
        ]
        .iter()
        .map(|k| manifest["counts"][k].as_u64().unwrap() as usize)
        .sum::<usize>()
    );
}

#[test]
fn a_non_empty_out_dir_is_refused_before_any_request_unless_forced() {
    let sb = TestEnv::start();
    let out = sb.path("taken");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("notes.txt"), "keep me").unwrap();
    let refused = sb
        .wsfleet()
        .args(["export", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2));
    assert!(
        stderr_of(&refused).contains("--force"),
        "{}",
        stderr_of(&refused)
    );
    assert!(sb.requests().is_empty());

    let forced = sb
        .wsfleet()
        .args(["export", "--force", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(forced.status.success(), "{}", stderr_of(&forced));
    assert!(out.join("manifest.json").exists());
    assert_eq!(
        std::fs::read_to_string(out.join("notes.txt")).unwrap(),
        "keep me"
    );
}

#[test]
fn export_covers_two_accounts() {
    let fleet = accounts::TwoAccounts::start((7, 5), (4, 3));
    let out = fleet.home.path().join("inventory");
    let output = fleet
        .wsfleet()
        .args(["export", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));
    let manifest = read_json(&out, "manifest.json");
    assert_eq!(manifest["scopes"].as_array().unwrap().len(), 2);
    assert_eq!(manifest["counts"]["devices"], 11);
    assert_eq!(manifest["counts"]["workspaces"], 8);
    let devices = read_json(&out, "devices.json");
    let in_account = |account: &str| {
        devices
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["account"] == account)
            .count()
    };
    assert_eq!(in_account(accounts::EAST_ACCOUNT), 7);
    assert_eq!(in_account(accounts::WEST_ACCOUNT), 4);
    let west = devices
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["account"] == accounts::WEST_ACCOUNT)
        .unwrap();
    assert_eq!(west["region"], "eu-west-1");
}

#[test]
fn a_failing_account_is_in_the_manifest_and_exit_1_while_the_other_is_exported() {
    let fleet = accounts::TwoAccounts::start((5, 2), (1, 1));
    fleet.add_unreachable_profile("gone");
    let out = fleet.home.path().join("partial");
    let output = fleet
        .wsfleet_without_profiles()
        .args([
            "--profile",
            "east,gone",
            "--connect-timeout",
            "2",
            "export",
            "--out",
        ])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{}", stderr_of(&output));
    let err = stderr_of(&output);
    assert!(err.contains("profile gone"), "{err}");
    let manifest = read_json(&out, "manifest.json");
    assert_eq!(manifest["counts"]["devices"], 5);
    assert_eq!(manifest["failures"].as_array().unwrap().len(), 1);
    assert!(
        manifest["failures"][0]["scope"]
            .as_str()
            .unwrap()
            .contains("gone")
    );
}

#[test]
fn without_a_terminal_only_the_closing_note_reaches_stderr_and_quiet_silences_it() {
    let sb = TestEnv::start();
    let noted = sb
        .wsfleet()
        .args(["export", "--out"])
        .arg(sb.path("noted"))
        .output()
        .unwrap();
    assert!(noted.status.success());
    let err = stderr_of(&noted);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.starts_with("exported 60 devices"), "{err}");
    let quiet = sb
        .wsfleet()
        .args(["-q", "export", "--out"])
        .arg(sb.path("quiet"))
        .output()
        .unwrap();
    assert!(quiet.status.success());
    assert!(stderr_of(&quiet).is_empty(), "{}", stderr_of(&quiet));
}
