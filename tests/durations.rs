//! One duration syntax for every time option, and one enum style for every
//! enum flag, through the real binary against the sandbox.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::HashSet;
use std::time::{Duration, Instant};

use common::{Run, TestEnv};
use serde_json::Value;
use wsfleet_sandbox::Config;

const DESKTOP_ARN: &str = "arn:aws:workspaces:us-east-1:123456789012:directory/d-1234567890";

/// Every form the syntax has.
const EVERY_FORM: [&str; 8] = ["90", "90s", "10m", "2h", "30d", "2w", "1h30m", "1h 30m"];

/// Never a duration here: zero, negative, not a number, unknown unit.
const REFUSED: [&str; 4] = ["0", "-5", "abc", "10x"];

fn small() -> Config {
    Config {
        devices: 8,
        workspaces: 8,
        ..Config::default()
    }
}

fn json(sb: &TestEnv, args: &[&str]) -> Value {
    let mut all = vec!["-o", "json"];
    all.extend_from_slice(args);
    let run = sb.run(&all);
    assert_eq!(run.code, 0, "{args:?}: {}", run.stderr);
    run.json()
}

/// `args` then `--option=value`.
fn with_setting(sb: &TestEnv, args: &[&str], option: &str, value: &str) -> Run {
    let setting = format!("{option}={value}");
    let mut all = args.to_vec();
    all.push(&setting);
    sb.run(&all)
}

/// `args` then each spelling lists what the first lists (and something).
fn same_for_every_spelling(sb: &TestEnv, args: &[&str], spellings: &[&str]) {
    let with = |spelling: &str| {
        let mut all = args.to_vec();
        all.push(spelling);
        json(sb, &all)
    };
    let first = with(spellings[0]);
    assert!(!first.as_array().unwrap().is_empty(), "{args:?}");
    for spelling in &spellings[1..] {
        assert_eq!(with(spelling), first, "{args:?} {spelling}");
    }
}

/// `--option=value` for each value, after `args`: each is accepted (exit 0).
fn accepts(sb: &TestEnv, args: &[&str], option: &str, values: &[&str]) {
    for value in values {
        let run = with_setting(sb, args, option, value);
        assert_eq!(run.code, 0, "{args:?} {option}={value}: {}", run.stderr);
    }
}

/// Each value is exit 2 with one line naming the option and the value (and
/// `expected` when given), before any request.
fn refuses(sb: &TestEnv, args: &[&str], option: &str, values: &[&str], expected: &str) {
    for value in values {
        sb.clear_requests();
        let run = with_setting(sb, args, option, value);
        let all = format!("{args:?} {option}={value}");
        let stderr = &run.stderr;
        assert_eq!(run.code, 2, "{all}: {stderr}");
        let first = stderr.lines().next().unwrap_or_default();
        assert!(
            first.starts_with(&format!(
                "error: invalid value '{value}' for '{option} <DURATION>'"
            )),
            "{all}: {stderr}"
        );
        assert!(first.contains(expected), "{all}: {stderr}");
        assert!(sb.requests().is_empty(), "{all}: {:?}", sb.requests());
    }
}

fn first_id(sb: &TestEnv, args: &[&str], key: &str) -> String {
    let items = json(sb, args);
    items.as_array().unwrap()[0][key]
        .as_str()
        .unwrap()
        .to_owned()
}

#[test]
fn call_timeouts_take_the_syntax_within_their_bounds() {
    let sb = TestEnv::with(small());
    let list = ["devices", "list"];
    for (option, within, beyond, range) in [
        (
            "--timeout",
            &["90", "90s", "10m", "1h", "30m15s", "30m 15s"][..],
            &["2h", "30d", "2w", "1h30m"][..],
            "must be between 1s and 1h (3600 seconds)",
        ),
        (
            "--connect-timeout",
            &["90", "90s", "10m", "5m30s", "5m 30s"],
            &["2h", "30d", "2w", "1h30m"],
            "must be between 1s and 10m (600 seconds)",
        ),
    ] {
        accepts(&sb, &list, option, within);
        refuses(&sb, &list, option, &REFUSED, "");
        refuses(&sb, &list, option, beyond, range);
    }
}

#[test]
fn timeout_bounds_each_call() {
    let sb = TestEnv::with(Config {
        latency: Duration::from_secs(3),
        ..small()
    });
    let started = Instant::now();
    let run = sb.run(&["--timeout", "1s", "devices", "list"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("within 1s (--timeout)"),
        "{}",
        run.stderr
    );
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[test]
fn report_periods_take_every_form() {
    let sb = TestEnv::with(small());
    for option in ["--stale", "--within"] {
        accepts(&sb, &["report", "-o", "json"], option, &EVERY_FORM);
        refuses(&sb, &["report"], option, &REFUSED, "");
    }
}

/// The IDs of a report section's rows.
fn listed(report: &Value, section: &str, key: &str) -> HashSet<String> {
    report
        .pointer(section)
        .and_then(Value::as_array)
        .unwrap()
        .iter()
        .map(|row| row[key].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[test]
fn report_periods_take_effect_and_bare_numbers_are_seconds() {
    let sb = TestEnv::start();
    let stale = |period: &str| {
        let report = json(&sb, &["report", "--stale", period]);
        assert!(report["stale"].is_string());
        listed(&report, "/devices/stale", "id")
    };
    let (minute, month) = (stale("1m"), stale("30d"));
    assert!(minute.len() > month.len(), "{minute:?} vs {month:?}");
    assert!(month.is_subset(&minute));
    assert_eq!(stale("60"), minute);
    assert_eq!(stale("2592000"), month);
    assert_eq!(stale("4w 2d"), month);

    let within = |period: &str| {
        let report = json(&sb, &["report", "--within", period]);
        listed(&report, "/softwareSets/endingSupport", "id")
    };
    let (soon, later) = (within("1m"), within("52w"));
    assert!(later.len() > soon.len(), "{soon:?} vs {later:?}");
    assert_eq!(within("60"), soon);
}

#[test]
fn wait_timeout_takes_every_form_on_every_verb_that_waits() {
    let sb = TestEnv::with(small());
    let device = first_id(&sb, &["devices", "list"], "id");
    let workspace = first_id(&sb, &["workspaces", "list"], "WorkspaceId");
    let image = first_id(&sb, &["images", "list"], "ImageId");
    let verbs: [Vec<&str>; 5] = [
        vec![
            "devices",
            "deregister",
            &device,
            "--yes",
            "--dry-run",
            "--wait",
        ],
        vec![
            "environments",
            "create",
            "--desktop-arn",
            DESKTOP_ARN,
            "--dry-run",
            "--wait",
        ],
        vec!["workspaces", "start", &workspace, "--dry-run", "--wait"],
        vec![
            "applications",
            "deploy",
            "--workspace",
            &workspace,
            "--dry-run",
            "--wait",
        ],
        vec![
            "images",
            "create-updated",
            &image,
            "--name",
            "n",
            "--description",
            "d",
            "--dry-run",
            "--wait",
        ],
    ];
    for verb in &verbs {
        accepts(&sb, verb, "--wait-timeout", &EVERY_FORM);
        refuses(&sb, verb, "--wait-timeout", &REFUSED, "");
    }
    // Zero is refused rather than sending the change and giving up at once.
    let reboot = ["workspaces", "reboot", &workspace, "--yes", "--wait"];
    refuses(
        &sb,
        &reboot,
        "--wait-timeout",
        &["0"],
        "must be more than zero",
    );
}

#[test]
fn wait_timeout_bounds_the_wait() {
    // Transitions outlast the test: only --wait-timeout ends these waits.
    let sb = TestEnv::with(Config {
        transition: Duration::from_secs(3600),
        ..small()
    });
    let available = ["workspaces", "list", "--state", "available"];
    let workspace = first_id(&sb, &available, "WorkspaceId");
    let device = first_id(&sb, &["devices", "list", "--status", "registered"], "id");
    for (args, gave_up) in [
        (
            vec![
                "workspaces",
                "reboot",
                &workspace,
                "--yes",
                "--wait",
                "--wait-timeout",
                "1",
            ],
            format!(
                "gave up waiting after 1s: 1 of 1 WorkSpaces did not become AVAILABLE: {workspace}"
            ),
        ),
        (
            vec![
                "devices",
                "deregister",
                &device,
                "--yes",
                "--wait",
                "--wait-timeout",
                "1s",
            ],
            format!(
                "gave up waiting after 1s: 1 of 1 devices did not reach DEREGISTERED: {device}"
            ),
        ),
    ] {
        let started = Instant::now();
        let run = sb.run(&args);
        let stderr = &run.stderr;
        assert_eq!(run.code, 1, "{args:?}: {stderr}");
        assert!(stderr.contains(gave_up.as_str()), "{args:?}: {stderr}");
        let took = started.elapsed();
        assert!(
            (Duration::from_secs(1)..Duration::from_secs(10)).contains(&took),
            "{took:?}"
        );
    }
}

#[test]
fn enum_flags_take_either_spelling_in_any_case() {
    let sb = TestEnv::with(small());
    // Thin Client: client-side filters, and a value sent to the API.
    let status = ["devices", "list", "--status"];
    same_for_every_spelling(&sb, &status, &["registered", "REGISTERED", "Registered"]);
    let compliance = ["devices", "list", "--compliance"];
    same_for_every_spelling(
        &sb,
        &compliance,
        &[
            "not-compliant",
            "NOT_COMPLIANT",
            "Not_Compliant",
            "not_compliant",
        ],
    );
    let environment = first_id(&sb, &["environments", "list"], "id");
    for (spelling, schedule) in [
        ("apply-immediately", "APPLY_IMMEDIATELY"),
        ("USE_MAINTENANCE_WINDOW", "USE_MAINTENANCE_WINDOW"),
        ("Apply_Immediately", "APPLY_IMMEDIATELY"),
    ] {
        let update = ["environments", "update", &environment];
        let run = with_setting(&sb, &update, "--update-schedule", spelling);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let now = json(&sb, &["environments", "get", &environment]);
        assert_eq!(now["softwareSetUpdateSchedule"], schedule, "{spelling}");
    }

    // WorkSpaces: a filter the API applies, and a property sent to it.
    let os = ["applications", "list", "--os"];
    same_for_every_spelling(
        &sb,
        &os,
        &["windows-11", "WINDOWS_11", "Windows_11", "windows_11"],
    );
    // An ALWAYS_ON one, so each spelling below changes the mode: the plan
    // leaves out a modification to the value a WorkSpace already has.
    let workspaces = json(&sb, &["workspaces", "list", "--state", "available"]);
    let workspace = workspaces
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["WorkspaceProperties"]["RunningMode"] == "ALWAYS_ON")
        .and_then(|w| w["WorkspaceId"].as_str())
        .expect("an ALWAYS_ON WorkSpace")
        .to_owned();
    for (spelling, mode) in [
        ("auto-stop", "AUTO_STOP"),
        ("ALWAYS_ON", "ALWAYS_ON"),
        ("Auto_Stop", "AUTO_STOP"),
    ] {
        sb.clear_requests();
        let modify = ["workspaces", "modify", &workspace];
        let run = with_setting(&sb, &modify, "--set-running-mode", spelling);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert_eq!(sb.requests_for("ModifyWorkspaceProperties").len(), 1);
        let now = json(&sb, &["workspaces", "get", &workspace]);
        assert_eq!(
            now["WorkspaceProperties"]["RunningMode"], mode,
            "{spelling}"
        );
    }
}

#[test]
fn a_mistyped_enum_is_exit_2_listing_the_one_spelling() {
    let sb = TestEnv::with(small());
    for (args, listed) in [
        (
            &["devices", "list", "--status", "registerd"][..],
            "[possible values: archived, deregistered, deregistering, registered]",
        ),
        (
            &[
                "environments",
                "update",
                "abcdefghi",
                "--update-mode",
                "desired",
            ],
            "[possible values: use-desired, use-latest]",
        ),
        (
            &["workspaces", "list", "--running-mode", "always"],
            "always-on",
        ),
        (
            &["workspaces", "list", "--os", "WINDOWS11"],
            "windows-server-2022",
        ),
    ] {
        let run = sb.run(args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(listed), "{args:?}: {}", run.stderr);
        assert!(
            !run.stderr.contains("WINDOWS_SERVER") && !run.stderr.contains("USE_"),
            "{}",
            run.stderr
        );
        assert!(run.stdout.is_empty());
    }
    assert!(sb.requests().is_empty(), "{:?}", sb.requests());
}
