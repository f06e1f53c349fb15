//! `--yes`, `--dry-run`, `--journal`, `--resume` and `--concurrency` are
//! options of the verbs that use them, not of every command: anywhere else
//! they are a usage error. In `--help` a verb's own options come before the
//! global ones, and each group's help ends with examples.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on what they did not expect

mod common;

use common::{TestEnv, isolated_wsfleet, stderr_of, stdout_of};
use serde_json::Value;

const DEVICE: &str = "0123456789abcdefghijklmn";

#[test]
fn a_flag_given_to_a_command_that_does_not_take_it_is_a_usage_error() {
    let home = tempfile::tempdir().unwrap();
    for args in [
        vec!["devices", "get", DEVICE, "--yes"],
        vec!["devices", "list", "--dry-run"],
        vec!["devices", "update", DEVICE, "--name", "x", "--yes"],
        vec!["workspaces", "start", "ws-abc12345", "--yes"],
        vec!["report", "--journal", "run.ndjson"],
        vec!["report", "--dry-run"],
        vec!["completions", "bash", "--concurrency", "4"],
        vec!["environments", "get", "a1b2c3d4e", "--resume", "run.ndjson"],
        // Before the group, a verb's flag is not known yet.
        vec!["--yes", "devices", "deregister", DEVICE],
        vec!["--dry-run", "devices", "delete", DEVICE],
    ] {
        let out = isolated_wsfleet(&home)
            .args(&args)
            .env("AWS_ENDPOINT_URL", "http://127.0.0.1:9")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr_of(&out));
        assert!(
            stderr_of(&out).contains("unexpected argument"),
            "{args:?}: {}",
            stderr_of(&out)
        );
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn dry_run_after_a_verb_that_does_not_ask_prints_the_plan_and_sends_nothing() {
    let sb = TestEnv::start();
    let listed: Value = serde_json::from_slice(
        &sb.wsfleet()
            .args(["workspaces", "list", "-o", "json"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let id = listed[0]["WorkspaceId"].as_str().unwrap().to_owned();
    sb.clear_requests();

    let out = sb
        .wsfleet()
        .args(["workspaces", "start", &id, "--dry-run", "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let plan: Value = serde_json::from_slice(&out.stdout).unwrap();
    let planned: Vec<&str> = plan
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["WorkspaceId"].as_str().unwrap())
        .collect();
    assert_eq!(planned, [id.as_str()]);
    assert!(stderr_of(&out).contains("dry run"), "{}", stderr_of(&out));
    let sent: Vec<String> = sb
        .requests()
        .into_iter()
        .map(|r| r.operation)
        .filter(|op| !op.starts_with("Describe"))
        .collect();
    assert!(sent.is_empty(), "a dry run sent {sent:?}");
}

#[test]
fn a_verbs_own_options_come_before_the_global_ones() {
    let home = tempfile::tempdir().unwrap();
    let out = isolated_wsfleet(&home)
        .args(["devices", "deregister", "--help"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let help = stdout_of(&out);
    let position = |text: &str| {
        help.find(text)
            .unwrap_or_else(|| panic!("no {text:?} in\n{help}"))
    };
    let global = position("\nGlobal options:\n");
    for own in [
        "--yes",
        "--dry-run",
        "--journal",
        "--resume",
        "--concurrency",
    ] {
        assert!(position(own) < global, "{own} after the global heading");
    }
    assert!(position("--profile") > global, "{help}");
    assert!(position("--output") > global, "{help}");

    // `get` changes nothing: none of the change options are offered.
    let out = isolated_wsfleet(&home)
        .args(["devices", "get", "--help"])
        .output()
        .unwrap();
    let help = stdout_of(&out);
    for absent in [
        "--yes",
        "--dry-run",
        "--journal",
        "--resume",
        "--concurrency",
    ] {
        assert!(!help.contains(absent), "devices get offers {absent}");
    }
}

#[test]
fn every_group_help_ends_with_examples_to_paste() {
    let home = tempfile::tempdir().unwrap();
    for group in [
        "devices",
        "environments",
        "software-sets",
        "workspaces",
        "applications",
        "images",
        "bundles",
        "sandbox",
    ] {
        let out = isolated_wsfleet(&home)
            .args([group, "--help"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{group}: {}", stderr_of(&out));
        let help = stdout_of(&out);
        let (_, examples) = help
            .rsplit_once("\nExamples:\n")
            .unwrap_or_else(|| panic!("{group} --help has no examples:\n{help}"));
        let lines: Vec<&str> = examples.trim_end().lines().collect();
        assert!((2..=4).contains(&lines.len()), "{group}: {lines:?}");
        for line in lines {
            assert!(
                line.starts_with("  wsfleet ") && line.contains(&format!(" {group}")),
                "{group}: {line:?} is not a command line of the group"
            );
        }
    }
}
