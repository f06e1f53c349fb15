//! End to end: the real binary against the sandbox, every Thin Client
//! operation, each test checking the state it leaves behind.
// Helpers outside #[test] functions panic on purpose: a failed setup is a
// failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use common::{TestEnv, stderr_of, stdout_of};
use serde_json::Value;
use wsfleet_sandbox::Config;

const DESKTOP_ARN: &str = "arn:aws:workspaces:us-east-1:123456789012:directory/d-1234567890";
/// A well-formed device ID no sandbox device has.
const UNKNOWN_DEVICE: &str = "zzzzzzzzzzzzzzzzzzzzzzzz";

/// A sandbox whose transitions (DEREGISTERING) finish quickly.
fn quick_sandbox() -> TestEnv {
    TestEnv::with(Config {
        transition: Duration::from_millis(200),
        ..Config::default()
    })
}

fn run(sb: &TestEnv, args: &[&str]) -> std::process::Output {
    sb.wsfleet().args(args).output().expect("wsfleet runs")
}

/// Runs with `-o json`, expecting success, and parses stdout.
fn json(sb: &TestEnv, args: &[&str]) -> Value {
    let out = sb
        .wsfleet()
        .args(args)
        .args(["-o", "json"])
        .output()
        .expect("wsfleet runs");
    assert!(out.status.success(), "{args:?} failed: {}", stderr_of(&out));
    serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {}", stdout_of(&out)))
}

fn device(sb: &TestEnv, id: &str) -> Value {
    json(sb, &["devices", "get", id])
}

fn text<'a>(value: &'a Value, key: &str) -> &'a str {
    value[key].as_str().unwrap_or_default()
}

fn device_ids_with_status(sb: &TestEnv, status: &str) -> Vec<String> {
    json(sb, &["devices", "list", "--status", status])
        .as_array()
        .expect("a list")
        .iter()
        .map(|d| text(d, "id").to_owned())
        .collect()
}

fn exit_code(out: &std::process::Output) -> i32 {
    out.status.code().unwrap_or(-1)
}

fn mutating_requests(sb: &TestEnv) -> Vec<String> {
    sb.requests()
        .into_iter()
        .filter(|r| r.method != "GET")
        .map(|r| r.operation)
        .collect()
}

// ---- devices -------------------------------------------------------------

#[test]
fn devices_list_json_uses_the_api_member_names() {
    let sb = TestEnv::start();
    let devices = json(&sb, &["devices", "list"]);
    let devices = devices.as_array().expect("an array");
    assert_eq!(devices.len(), Config::default().devices);
    let keys: HashSet<&str> = devices
        .iter()
        .flat_map(|d| d.as_object().expect("objects").keys().map(String::as_str))
        .collect();
    for key in [
        "id",
        "serialNumber",
        "lastUserId",
        "softwareSetUpdateSchedule",
        "environmentId",
        "currentSoftwareSetId",
        "lastPostureAt",
        "arn",
    ] {
        assert!(keys.contains(key), "no {key} in {keys:?}");
    }
    assert!(
        keys.iter().all(|k| !k.contains('_')),
        "snake_case key in {keys:?}"
    );
}

#[test]
fn devices_get_shows_the_detail_fields() {
    let sb = TestEnv::start();
    let id = &device_ids_with_status(&sb, "registered")[0];
    let got = device(&sb, id);
    assert_eq!(text(&got, "id"), id);
    assert!(got.get("softwareSetComplianceStatus").is_some(), "{got}");
    assert!(got.get("currentSoftwareSetVersion").is_some(), "{got}");
    assert_eq!(sb.requests_for("GetDevice").len(), 1);

    let out = run(&sb, &["devices", "get", UNKNOWN_DEVICE]);
    assert_eq!(exit_code(&out), 1);
    assert!(stderr_of(&out).contains("ResourceNotFoundException"));
    let out = run(&sb, &["devices", "get", "ws-not-a-device"]);
    assert_eq!(exit_code(&out), 2);
}

#[test]
fn devices_list_filters_by_tag() {
    let sb = TestEnv::start();
    let id = device_ids_with_status(&sb, "registered")[1].clone();
    let out = run(&sb, &["devices", "tag", &id, "wsfleet-test=picked"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let found = json(&sb, &["devices", "list", "--tag", "wsfleet-test=picked"]);
    let ids: Vec<&str> = found
        .as_array()
        .expect("a list")
        .iter()
        .map(|d| text(d, "id"))
        .collect();
    assert_eq!(ids, [id.as_str()]);
}

#[test]
fn devices_update_changes_only_the_named_fields() {
    let sb = TestEnv::start();
    let id = device_ids_with_status(&sb, "registered")[0].clone();
    let before = device(&sb, &id);

    let out = run(
        &sb,
        &["devices", "update", &id, "--set-name", "Lobby kiosk 9"],
    );
    assert!(out.status.success(), "{}", stderr_of(&out));
    let after = device(&sb, &id);
    assert_eq!(text(&after, "name"), "Lobby kiosk 9");
    for unchanged in [
        "desiredSoftwareSetId",
        "softwareSetUpdateSchedule",
        "environmentId",
        "serialNumber",
        "status",
    ] {
        assert_eq!(before[unchanged], after[unchanged], "{unchanged} changed");
    }

    let schedule = if text(&before, "softwareSetUpdateSchedule") == "APPLY_IMMEDIATELY" {
        "USE_MAINTENANCE_WINDOW"
    } else {
        "APPLY_IMMEDIATELY"
    };
    let out = run(
        &sb,
        &["devices", "update", &id, "--set-update-schedule", schedule],
    );
    assert!(out.status.success(), "{}", stderr_of(&out));
    let after_schedule = device(&sb, &id);
    assert_eq!(text(&after_schedule, "softwareSetUpdateSchedule"), schedule);
    assert_eq!(text(&after_schedule, "name"), "Lobby kiosk 9");

    let sets = json(&sb, &["software-sets", "list"]);
    let set = text(&sets[0], "id").to_owned();
    let out = run(&sb, &["devices", "update", &id, "--set-software-set", &set]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(text(&device(&sb, &id), "desiredSoftwareSetId"), set);
    assert_eq!(sb.requests_for("UpdateDevice").len(), 3);

    // Nothing to change, or one name for many: refused before any request.
    sb.clear_requests();
    let out = run(&sb, &["devices", "update", &id]);
    assert_eq!(exit_code(&out), 2);
    assert!(sb.requests().is_empty());
}

#[test]
fn devices_deregister_waits_until_the_target_status() {
    let sb = quick_sandbox();
    let registered = device_ids_with_status(&sb, "registered");
    let (archive, plain) = (&registered[0], &registered[1]);

    let out = run(
        &sb,
        &[
            "devices",
            "deregister",
            archive,
            "--target-status",
            "ARCHIVED",
            "--yes",
            "--wait",
            "--wait-timeout",
            "20",
        ],
    );
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(text(&device(&sb, archive), "status"), "ARCHIVED");

    let out = run(&sb, &["devices", "deregister", plain, "--yes", "--wait"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(text(&device(&sb, plain), "status"), "DEREGISTERED");

    let calls = sb.requests_for("DeregisterDevice");
    assert_eq!(calls.len(), 2);
    assert!(calls.iter().all(|r| r.client_token.is_some()), "{calls:?}");
}

#[test]
fn devices_deregister_by_filters_touches_only_the_matching_devices() {
    let sb = quick_sandbox();
    let all = json(&sb, &["devices", "list"]);
    let all = all.as_array().expect("a list");
    let environment = all
        .iter()
        .find(|d| text(d, "status") == "REGISTERED")
        .map(|d| text(d, "environmentId").to_owned())
        .expect("a registered device");
    let expected: HashSet<String> = all
        .iter()
        .filter(|d| text(d, "status") == "REGISTERED" && text(d, "environmentId") == environment)
        .map(|d| text(d, "id").to_owned())
        .collect();

    let out = run(
        &sb,
        &[
            "devices",
            "deregister",
            "--environment",
            &environment,
            "--status",
            "registered",
            "--yes",
            "--wait",
        ],
    );
    assert!(out.status.success(), "{}", stderr_of(&out));
    let touched: HashSet<String> = sb
        .requests_for("DeregisterDevice")
        .into_iter()
        .filter_map(|r| r.resource)
        .collect();
    assert_eq!(touched, expected);
    for id in &expected {
        assert_eq!(text(&device(&sb, id), "status"), "DEREGISTERED");
    }
}

#[test]
fn devices_delete_removes_a_deregistered_device() {
    let sb = TestEnv::start();
    let id = device_ids_with_status(&sb, "deregistered")[0].clone();
    let out = run(&sb, &["devices", "delete", &id, "--yes"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let out = run(&sb, &["devices", "get", &id]);
    assert_eq!(exit_code(&out), 1);
    assert!(stderr_of(&out).contains("ResourceNotFoundException"));
    let listed = json(&sb, &["devices", "list"]);
    assert!(
        listed
            .as_array()
            .expect("a list")
            .iter()
            .all(|d| text(d, "id") != id)
    );

    // A registered device cannot be deleted: the plan leaves it out, says
    // why, and sends nothing (not a failure: exit 0).
    let registered = device_ids_with_status(&sb, "registered")[0].clone();
    let out = run(&sb, &["devices", "delete", &registered, "--yes"]);
    assert_eq!(exit_code(&out), 0);
    assert!(
        stdout_of(&out).contains("REGISTERED (delete needs DEREGISTERED or ARCHIVED)"),
        "{}",
        stdout_of(&out)
    );
    assert_eq!(text(&device(&sb, &registered), "status"), "REGISTERED");
}

#[test]
fn tags_are_listed_set_and_removed_by_id_or_arn() {
    let sb = TestEnv::start();
    let id = device_ids_with_status(&sb, "registered")[0].clone();
    let arn = text(&device(&sb, &id), "arn").to_owned();

    let out = run(&sb, &["devices", "tag", &id, "team=support", "site=Dublin"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let tags = json(&sb, &["devices", "tags", &arn]);
    assert_eq!(tags["tags"]["team"], "support");
    assert_eq!(tags["tags"]["site"], "Dublin");

    let table = stdout_of(&run(&sb, &["devices", "tags", &id]));
    assert!(table.contains("KEY") && table.contains("team") && table.contains("support"));

    let out = run(&sb, &["devices", "untag", &arn, "team"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let tags = json(&sb, &["devices", "tags", &id]);
    assert!(tags["tags"].get("team").is_none(), "{tags}");
    assert_eq!(tags["tags"]["site"], "Dublin");

    // Bad tags never leave the machine.
    sb.clear_requests();
    for bad in ["aws:reserved=x", "novalue", "semi;colon=x"] {
        let out = run(&sb, &["devices", "tag", &id, bad]);
        assert_eq!(exit_code(&out), 2, "{bad}");
    }
    assert!(sb.requests().is_empty());
}

/// `--dry-run` says what `tag` and `untag` would do and sends nothing.
#[test]
fn tagging_dry_runs_change_nothing() {
    let sb = TestEnv::start();
    let id = device_ids_with_status(&sb, "registered")[0].clone();
    sb.clear_requests();
    for (args, said) in [
        (
            vec!["devices", "tag", &id, "team=a", "site=b", "--dry-run"],
            "would tag 1 device(s) with 2 tag(s)",
        ),
        (
            vec!["devices", "untag", &id, "team", "--dry-run"],
            "would remove 1 tag(s) from 1 device(s)",
        ),
    ] {
        let out = run(&sb, &args);
        assert!(out.status.success(), "{}", stderr_of(&out));
        assert!(stderr_of(&out).contains(said), "{}", stderr_of(&out));
    }
    assert!(sb.requests().is_empty(), "{:?}", sb.requests());
}

// ---- safety --------------------------------------------------------------

#[test]
fn deregister_without_yes_or_terminal_refuses_before_any_request() {
    let sb = TestEnv::start();
    let id = device_ids_with_status(&sb, "registered")[0].clone();
    sb.clear_requests();
    let out = run(&sb, &["devices", "deregister", &id]);
    assert_eq!(exit_code(&out), 2);
    assert!(stderr_of(&out).contains("--yes"), "{}", stderr_of(&out));
    assert!(sb.requests().is_empty(), "{:?}", sb.requests());

    let out = run(&sb, &["devices", "delete", &id]);
    assert_eq!(exit_code(&out), 2);
    let out = run(&sb, &["environments", "delete", "abc123xyz"]);
    assert_eq!(exit_code(&out), 2);
    assert!(sb.requests().is_empty(), "{:?}", sb.requests());
}

#[test]
fn dry_run_prints_the_plan_and_changes_nothing() {
    let sb = TestEnv::start();
    let registered = device_ids_with_status(&sb, "registered");
    sb.clear_requests();
    let plan = json(
        &sb,
        &[
            "devices",
            "deregister",
            "--status",
            "registered",
            "--dry-run",
        ],
    );
    let planned: Vec<&str> = plan
        .as_array()
        .expect("the plan")
        .iter()
        .map(|d| text(d, "id"))
        .collect();
    assert_eq!(planned, registered);
    assert!(
        mutating_requests(&sb).is_empty(),
        "{:?}",
        mutating_requests(&sb)
    );
    assert_eq!(device_ids_with_status(&sb, "registered"), registered);

    let out = run(&sb, &["devices", "delete", &registered[0], "--dry-run"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let out = run(
        &sb,
        &[
            "devices",
            "update",
            &registered[0],
            "--set-name",
            "x",
            "--dry-run",
        ],
    );
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(
        mutating_requests(&sb).is_empty(),
        "{:?}",
        mutating_requests(&sb)
    );
    assert_eq!(device_ids_with_status(&sb, "registered"), registered);
}

#[test]
fn every_mutating_verb_honours_dry_run_and_an_empty_selection_is_no_error() {
    let sb = TestEnv::start();
    let device = device_ids_with_status(&sb, "registered")[0].clone();
    let environment = text(&json(&sb, &["environments", "list"])[0], "id").to_owned();
    let set = text(&json(&sb, &["software-sets", "list"])[0], "id").to_owned();
    sb.clear_requests();
    for args in [
        vec!["devices", "tag", &device, "k=v"],
        vec!["devices", "untag", &device, "k"],
        vec!["environments", "update", &environment, "--name", "x"],
        vec!["environments", "delete", &environment],
        vec!["environments", "create", "--desktop-arn", DESKTOP_ARN],
        vec![
            "software-sets",
            "update",
            &set,
            "--validation-status",
            "validated",
        ],
    ] {
        let out = sb
            .wsfleet()
            .args(&args)
            .arg("--dry-run")
            .output()
            .expect("runs");
        assert!(out.status.success(), "{args:?}: {}", stderr_of(&out));
        assert!(
            stderr_of(&out).contains("dry run"),
            "{args:?}: {}",
            stderr_of(&out)
        );
    }
    assert!(
        mutating_requests(&sb).is_empty(),
        "{:?}",
        mutating_requests(&sb)
    );

    // Filters that match nothing: nothing to do, said on stderr, exit 0.
    let out = run(
        &sb,
        &[
            "devices",
            "deregister",
            "--environment",
            "nothere00",
            "--yes",
        ],
    );
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("no devices match"),
        "{}",
        stderr_of(&out)
    );
    assert!(
        mutating_requests(&sb).is_empty(),
        "{:?}",
        mutating_requests(&sb)
    );
}

// ---- bulk ----------------------------------------------------------------

#[test]
fn two_hundred_devices_deregister_through_throttling_and_failures() {
    let sb = TestEnv::with(Config {
        devices: 300,
        transition: Duration::from_millis(100),
        rate_limit: Some(60.0),
        fail_rate: 0.05,
        ..Config::default()
    });
    let registered = device_ids_with_status(&sb, "registered");
    assert!(
        registered.len() >= 200,
        "only {} registered",
        registered.len()
    );
    let targets = &registered[..200];
    sb.clear_requests();
    let out = sb
        .wsfleet()
        .args([
            "devices",
            "deregister",
            "--ids-from",
            "-",
            "--concurrency",
            "16",
            "--yes",
            "-o",
            "json",
        ])
        .write_stdin(targets.join("\n"))
        .timeout(Duration::from_secs(120))
        .output()
        .expect("wsfleet runs");
    assert_eq!(exit_code(&out), 0, "{}", stderr_of(&out));
    assert!(
        stderr_of(&out).contains("deregister: 200 done, 0 failed, 0 not started"),
        "{}",
        stderr_of(&out)
    );
    let results: Value = serde_json::from_slice(&out.stdout).expect("JSON results");
    let results = results.as_array().expect("an array");
    assert_eq!(results.len(), 200);
    assert!(results.iter().all(|r| r["outcome"] == "done"));

    // The knobs really bit: some requests were throttled, some failed.
    let statuses: HashSet<u16> = sb.requests().iter().map(|r| r.status).collect();
    assert!(statuses.contains(&429), "no throttling seen: {statuses:?}");
    assert!(
        statuses.contains(&500),
        "no injected failure seen: {statuses:?}"
    );

    // Every retry of a target carried its first token.
    let mut tokens: HashMap<String, HashSet<String>> = HashMap::new();
    for request in sb.requests_for("DeregisterDevice") {
        if let (Some(id), Some(token)) = (request.resource, request.client_token) {
            tokens.entry(id).or_default().insert(token);
        }
    }
    assert_eq!(tokens.len(), 200);
    assert!(tokens.values().all(|t| t.len() == 1));

    std::thread::sleep(Duration::from_millis(300));
    let list = sb
        .wsfleet()
        .args(["devices", "list", "-o", "json"])
        .timeout(Duration::from_secs(60))
        .output()
        .expect("wsfleet runs");
    assert!(list.status.success(), "{}", stderr_of(&list));
    let listed: Value = serde_json::from_slice(&list.stdout).expect("JSON");
    let status: HashMap<&str, &str> = listed
        .as_array()
        .expect("a list")
        .iter()
        .map(|d| (text(d, "id"), text(d, "status")))
        .collect();
    for id in targets {
        assert_eq!(status.get(id.as_str()), Some(&"DEREGISTERED"), "{id}");
    }
}

#[test]
fn targets_that_fail_for_good_are_in_the_summary_and_exit_1() {
    let sb = TestEnv::start();
    let registered = device_ids_with_status(&sb, "registered");
    let out = sb
        .wsfleet()
        .args(["devices", "deregister", "--ids-from", "-", "--yes"])
        .write_stdin(format!(
            "{}\n{UNKNOWN_DEVICE}\n{}\n",
            registered[0], registered[1]
        ))
        .output()
        .expect("wsfleet runs");
    assert_eq!(exit_code(&out), 1);
    let stdout = stdout_of(&out);
    assert!(stdout.contains(UNKNOWN_DEVICE), "{stdout}");
    assert!(stdout.contains("ResourceNotFoundException"), "{stdout}");
    assert!(
        stderr_of(&out).contains("deregister: 2 done, 1 failed, 0 not started"),
        "{}",
        stderr_of(&out)
    );
    assert_ne!(text(&device(&sb, &registered[0]), "status"), "REGISTERED");
}

// ---- environments ----------------------------------------------------------

fn create_environment(sb: &TestEnv, extra: &[&str]) -> Value {
    let mut args = vec!["environments", "create", "--desktop-arn", DESKTOP_ARN];
    args.extend_from_slice(extra);
    json(sb, &args)
}

#[test]
fn environments_list_and_get_nest_the_maintenance_window() {
    let sb = TestEnv::start();
    let list = json(&sb, &["environments", "list"]);
    let list = list.as_array().expect("a list");
    assert!(!list.is_empty());
    let custom = list
        .iter()
        .find(|e| e["maintenanceWindow"]["type"] == "CUSTOM")
        .expect("a seeded custom window");
    let id = text(custom, "id");

    let got = json(&sb, &["environments", "get", id]);
    let window = got["maintenanceWindow"].as_object().expect("nested window");
    for key in [
        "type",
        "startTimeHour",
        "endTimeHour",
        "daysOfTheWeek",
        "applyTimeOf",
    ] {
        assert!(window.contains_key(key), "no {key} in {window:?}");
    }
    assert!(got.get("activationCode").is_some(), "{got}");
    assert!(got.get("registeredDevicesCount").is_some(), "{got}");
    assert!(got.get("softwareSetComplianceStatus").is_some(), "{got}");

    let table = stdout_of(&run(&sb, &["environments", "get", id]));
    assert!(table.contains("Maintenance window: custom: "), "{table}");
    assert!(table.contains("activationCode"), "{table}");
}

#[test]
fn environments_create_with_a_custom_window_and_tags() {
    let sb = TestEnv::start();
    let created = create_environment(
        &sb,
        &[
            "--name",
            "Front desk",
            "--maintenance-window",
            "custom,MONDAY-FRIDAY,22:00-04:30,device",
            "--update-schedule",
            "apply_immediately",
            "--tag",
            "team=support",
            "--device-creation-tag",
            "site=Dublin",
            "--wait",
        ],
    );
    let id = text(&created, "id").to_owned();
    assert!(created.get("activationCode").is_some(), "{created}");
    let got = json(&sb, &["environments", "get", &id]);
    assert_eq!(got["name"], "Front desk");
    assert_eq!(got["softwareSetUpdateSchedule"], "APPLY_IMMEDIATELY");
    let window = &got["maintenanceWindow"];
    assert_eq!(window["type"], "CUSTOM");
    assert_eq!(window["startTimeHour"], 22);
    assert_eq!(window["endTimeMinute"], 30);
    assert_eq!(window["applyTimeOf"], "DEVICE");
    assert_eq!(
        window["daysOfTheWeek"],
        serde_json::json!(["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"])
    );
    assert_eq!(got["deviceCreationTags"]["site"], "Dublin");
    let tags = json(&sb, &["environments", "tags", &id]);
    assert_eq!(tags["tags"]["team"], "support");
    let calls = sb.requests_for("CreateEnvironment");
    assert_eq!(calls.len(), 1);
    assert!(calls[0].client_token.is_some());
}

#[test]
fn a_bad_maintenance_window_names_the_bad_part_and_sends_nothing() {
    let sb = TestEnv::start();
    for (spec, part) in [
        ("custom,MONDAY-FRIDAY,24:00-04:00,utc", "hour 24"),
        ("custom,MON-FRY,22:00-04:00", "unknown day 'FRY'"),
        ("custom,MON-FRI,22:75-04:00", "minute 75"),
    ] {
        let out = run(
            &sb,
            &[
                "environments",
                "create",
                "--desktop-arn",
                DESKTOP_ARN,
                "--maintenance-window",
                spec,
            ],
        );
        assert_eq!(exit_code(&out), 2, "{spec}");
        assert!(
            stderr_of(&out).contains(part),
            "{spec}: {}",
            stderr_of(&out)
        );
    }
    assert!(sb.requests().is_empty(), "{:?}", sb.requests());
}

#[test]
fn environments_update_changes_only_the_given_fields() {
    let sb = TestEnv::start();
    let created = create_environment(
        &sb,
        &[
            "--name",
            "Lab",
            "--maintenance-window",
            "custom,SAT+SUN,01:00-05:00,utc",
        ],
    );
    let id = text(&created, "id").to_owned();
    let before = json(&sb, &["environments", "get", &id]);

    let out = run(
        &sb,
        &[
            "environments",
            "update",
            &id,
            "--window-time",
            "23:15-03:00",
        ],
    );
    assert!(out.status.success(), "{}", stderr_of(&out));
    let after = json(&sb, &["environments", "get", &id]);
    let window = &after["maintenanceWindow"];
    assert_eq!(window["startTimeHour"], 23);
    assert_eq!(window["startTimeMinute"], 15);
    assert_eq!(window["endTimeHour"], 3);
    assert_eq!(
        window["daysOfTheWeek"],
        before["maintenanceWindow"]["daysOfTheWeek"]
    );
    assert_eq!(window["applyTimeOf"], "UTC");
    assert_eq!(after["name"], "Lab");

    let out = run(&sb, &["environments", "update", &id, "--name", "Lab 2"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let renamed = json(&sb, &["environments", "get", &id]);
    assert_eq!(renamed["name"], "Lab 2");
    assert_eq!(renamed["maintenanceWindow"], after["maintenanceWindow"]);
    assert_eq!(
        renamed["softwareSetUpdateMode"],
        after["softwareSetUpdateMode"]
    );
    assert_eq!(renamed["desktopArn"], after["desktopArn"]);

    let out = run(
        &sb,
        &[
            "environments",
            "update",
            &id,
            "--maintenance-window",
            "system",
        ],
    );
    assert!(out.status.success(), "{}", stderr_of(&out));
    let system = json(&sb, &["environments", "get", &id]);
    assert_eq!(system["maintenanceWindow"]["type"], "SYSTEM");
    assert_eq!(system["name"], "Lab 2");
}

#[test]
fn environments_delete_removes_an_empty_environment() {
    let sb = TestEnv::start();
    let id = text(&create_environment(&sb, &["--name", "Doomed"]), "id").to_owned();
    let out = run(&sb, &["environments", "delete", &id, "--yes"]);
    assert!(out.status.success(), "{}", stderr_of(&out));
    let out = run(&sb, &["environments", "get", &id]);
    assert_eq!(exit_code(&out), 1);
    let calls = sb.requests_for("DeleteEnvironment");
    assert_eq!(calls.len(), 1);
    assert!(calls[0].client_token.is_some());

    // One with registered devices stays, and the failure says why.
    let busy = json(&sb, &["devices", "list", "--status", "registered"])[0]["environmentId"]
        .as_str()
        .expect("an environment")
        .to_owned();
    let out = run(&sb, &["environments", "delete", &busy, "--yes"]);
    assert_eq!(exit_code(&out), 1);
    assert!(
        stdout_of(&out).contains("ConflictException"),
        "{}",
        stdout_of(&out)
    );
    assert_eq!(
        json(&sb, &["environments", "get", &busy])["id"],
        busy.as_str()
    );
}

// ---- software sets ---------------------------------------------------------

#[test]
fn software_sets_list_get_and_update() {
    let sb = TestEnv::start();
    let sets = json(&sb, &["software-sets", "list"]);
    let sets = sets.as_array().expect("a list");
    assert!(sets.len() >= 2);
    let set = sets
        .iter()
        .find(|s| s["validationStatus"] == "NOT_VALIDATED")
        .expect("an unvalidated set");
    let id = text(set, "id").to_owned();

    let got = json(&sb, &["software-sets", "get", &id]);
    let software = got["software"].as_array().expect("the software list");
    assert!(
        software
            .iter()
            .all(|s| s.get("name").is_some() && s.get("version").is_some())
    );
    let table = stdout_of(&run(&sb, &["software-sets", "get", &id]));
    assert!(
        table.contains("SOFTWARE") && table.contains("VERSION"),
        "{table}"
    );
    let first_name = software[0]["name"].as_str().expect("a name");
    assert!(table.contains(first_name), "{table}");

    let out = run(
        &sb,
        &[
            "software-sets",
            "update",
            &id,
            "--validation-status",
            "VALIDATED",
        ],
    );
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(
        json(&sb, &["software-sets", "get", &id])["validationStatus"],
        "VALIDATED"
    );
    let tags = run(&sb, &["software-sets", "tag", &id, "channel=pilot"]);
    assert!(tags.status.success(), "{}", stderr_of(&tags));
    assert_eq!(
        json(&sb, &["software-sets", "tags", &id])["tags"]["channel"],
        "pilot"
    );
}

// ---- snapshots -------------------------------------------------------------

/// Columns the seed fixes whatever the day (timestamps move with it).
const STABLE_COLUMNS: &str =
    "id,name,serialNumber,model,environmentId,status,currentSoftwareSetId,lastUserId";

#[test]
fn devices_list_snapshots_in_every_format() {
    let sb = TestEnv::start();
    for format in ["table", "json", "ndjson", "csv"] {
        let out = run(
            &sb,
            &["devices", "list", "--columns", STABLE_COLUMNS, "-o", format],
        );
        assert!(out.status.success(), "{}", stderr_of(&out));
        insta::assert_snapshot!(format!("devices_list_{format}"), stdout_of(&out));
    }
}
