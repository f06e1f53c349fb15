//! The real confirmation prompt, driven in a pseudo-terminal: a person
//! answering no changes nothing (exit 3), yes goes ahead, and above ten
//! targets the count must be typed.
// Helpers outside #[test] functions panic on purpose: a failed setup is a
// failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use common::TestEnv;
use common::pty::{exit_code, spawn};
use serde_json::Value;
use wsfleet_sandbox::Config;

fn registered_devices(sb: &TestEnv) -> Vec<Value> {
    let out = sb
        .wsfleet()
        .args(["devices", "list", "--status", "registered", "-o", "json"])
        .output()
        .expect("wsfleet runs");
    assert!(out.status.success());
    let devices: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    devices.as_array().expect("a list").clone()
}

fn status_of(sb: &TestEnv, id: &str) -> String {
    let out = sb
        .wsfleet()
        .args(["devices", "get", id, "-o", "json"])
        .output()
        .expect("wsfleet runs");
    let device: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    device["status"].as_str().unwrap_or_default().to_owned()
}

#[test]
fn answering_no_changes_nothing_and_yes_deregisters() {
    let sb = TestEnv::with(Config {
        transition: Duration::from_millis(100),
        ..Config::default()
    });
    let device = registered_devices(&sb)[0].clone();
    let id = device["id"].as_str().expect("an id").to_owned();
    let serial = device["serialNumber"]
        .as_str()
        .expect("a serial")
        .to_owned();
    sb.clear_requests();

    let mut session = spawn(&sb, &["devices", "deregister", &id]);
    session
        .exp_string("About to deregister 1 device")
        .expect("the plan");
    session
        .exp_string(&serial)
        .expect("the plan shows the serial");
    session
        .exp_string("deregister 1 target?")
        .expect("the question");
    session.send("n").expect("answer");
    session.flush().expect("flush");
    session.exp_eof().expect("the end");
    assert_eq!(exit_code(&session), 3);
    assert!(sb.requests_for("DeregisterDevice").is_empty());
    assert_eq!(status_of(&sb, &id), "REGISTERED");

    let mut session = spawn(&sb, &["devices", "deregister", &id]);
    session
        .exp_string("deregister 1 target?")
        .expect("the question");
    session.send("y").expect("answer");
    session.flush().expect("flush");
    session.exp_eof().expect("the end");
    assert_eq!(exit_code(&session), 0);
    assert_eq!(sb.requests_for("DeregisterDevice").len(), 1);
    assert_ne!(status_of(&sb, &id), "REGISTERED");
}

#[test]
fn above_ten_targets_the_count_must_be_typed() {
    let sb = TestEnv::start();
    let ids: Vec<String> = registered_devices(&sb)
        .iter()
        .take(12)
        .map(|d| d["id"].as_str().expect("an id").to_owned())
        .collect();
    let mut args = vec!["devices", "deregister"];
    args.extend(ids.iter().map(String::as_str));

    let mut session = spawn(&sb, &args);
    session
        .exp_string("Type 12 to confirm")
        .expect("the question");
    session.send_line("y").expect("answer");
    session.exp_eof().expect("the end");
    assert_eq!(exit_code(&session), 3);
    assert!(sb.requests_for("DeregisterDevice").is_empty());

    let mut session = spawn(&sb, &args);
    session
        .exp_string("Type 12 to confirm")
        .expect("the question");
    session.send_line("12").expect("answer");
    session.exp_eof().expect("the end");
    assert_eq!(exit_code(&session), 0);
    assert_eq!(sb.requests_for("DeregisterDevice").len(), 12);
}
