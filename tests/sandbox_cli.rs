//! `--sandbox`, `sandbox reset` and `sandbox serve` through the real binary.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on what they did not expect

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use common::{isolated_wsfleet, stderr_of, stdout_of};

fn device_count(home: &tempfile::TempDir) -> usize {
    let output = isolated_wsfleet(home)
        .args(["--sandbox", "devices", "list", "-o", "ndjson"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", stderr_of(&output));
    stdout_of(&output).lines().count()
}

#[test]
fn sandbox_state_persists_between_commands_and_reset_restores_a_seed() {
    let home = tempfile::tempdir().unwrap();
    // The default seed on first use.
    assert_eq!(device_count(&home), 60);
    let reset = isolated_wsfleet(&home)
        .args(["sandbox", "reset", "--devices", "7", "--workspaces", "3"])
        .output()
        .unwrap();
    assert!(reset.status.success(), "{}", stderr_of(&reset));
    // The next --sandbox command reads the state the reset wrote.
    assert_eq!(device_count(&home), 7);
    assert_eq!(device_count(&home), 7);
    assert!(home.path().join("data/wsfleet/sandbox-state.json").exists());
}

#[test]
fn a_change_made_with_sandbox_is_seen_by_the_next_command() {
    let home = tempfile::tempdir().unwrap();
    let listed = isolated_wsfleet(&home)
        .args([
            "--sandbox",
            "devices",
            "list",
            "--status",
            "registered",
            "-o",
            "ndjson",
        ])
        .output()
        .unwrap();
    let first = stdout_of(&listed).lines().next().unwrap().to_owned();
    let device: serde_json::Value = serde_json::from_str(&first).unwrap();
    let id = device["id"].as_str().unwrap().to_owned();

    let deregistered = isolated_wsfleet(&home)
        .args([
            "--sandbox",
            "devices",
            "deregister",
            &id,
            "--yes",
            "--target-status",
            "archived",
        ])
        .output()
        .unwrap();
    assert!(
        deregistered.status.success(),
        "{}",
        stderr_of(&deregistered)
    );

    let after = isolated_wsfleet(&home)
        .args(["--sandbox", "devices", "get", &id, "-o", "json"])
        .output()
        .unwrap();
    let device: serde_json::Value = serde_json::from_slice(&after.stdout).unwrap();
    let status = device["status"].as_str().unwrap();
    assert!(
        status == "DEREGISTERING" || status == "ARCHIVED",
        "the next command saw {status}"
    );
}

#[test]
fn sandbox_serve_prints_the_environment_and_answers_any_client() {
    let home = tempfile::tempdir().unwrap();
    let mut serve = Command::new(assert_cmd::cargo::cargo_bin("wsfleet"))
        .args(["sandbox", "serve", "--port", "0", "--devices", "12"])
        .env("HOME", home.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(serve.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let endpoint = first
        .strip_prefix("export AWS_ENDPOINT_URL=")
        .unwrap_or_else(|| panic!("unexpected first line: {first}"))
        .to_owned();
    assert!(endpoint.starts_with("http://127.0.0.1:"), "{endpoint}");
    let exports: Vec<String> = lines.by_ref().take(4).map(|l| l.unwrap()).collect();
    assert!(exports.contains(&"export AWS_DISABLE_HOST_PREFIX_INJECTION=true".to_owned()));

    let listed = isolated_wsfleet(&home)
        .args(["--endpoint-url", &endpoint, "--region", "us-east-1"])
        .args(["devices", "list", "-o", "ndjson"])
        .output()
        .unwrap();
    // Stop the server before asserting, so a failure leaves nothing running.
    let _ = serve.kill();
    let _ = serve.wait();
    assert!(listed.status.success(), "{}", stderr_of(&listed));
    assert_eq!(stdout_of(&listed).lines().count(), 12);
}

#[test]
fn sandbox_serve_rejects_bad_knobs() {
    let home = tempfile::tempdir().unwrap();
    let output = isolated_wsfleet(&home)
        .args(["sandbox", "serve", "--port", "0", "--fail-rate", "1.5"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr_of(&output).contains("--fail-rate"));
}
