//! Ctrl-C in the middle of a bulk change, sent as a real SIGINT to the real
//! process: the first stops dispatching, lets what is in flight finish and
//! reports every target; the second aborts at once.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::HashSet;
use std::process::Child;
use std::time::{Duration, Instant};

use common::TestEnv;
use common::process::{all_device_ids, send_sigint, start_bulk, wait_for_requests};
use serde_json::Value;
use wsfleet_sandbox::Config;

/// Starts `devices update` of `ids` in the background.
fn start_update(sb: &TestEnv, ids: &[String], concurrency: &str) -> Child {
    start_update_with(sb, ids, concurrency, &[])
}

fn start_update_with(sb: &TestEnv, ids: &[String], concurrency: &str, more: &[&str]) -> Child {
    let args = [
        "devices",
        "update",
        "--update-schedule",
        "apply-immediately",
        "--concurrency",
        concurrency,
    ];
    start_bulk(sb, &[&args[..], more].concat(), ids)
}

/// The IDs whose update the sandbox applied (answered 2xx).
fn changed_by_sandbox(sb: &TestEnv) -> HashSet<String> {
    sb.requests_for("UpdateDevice")
        .into_iter()
        .filter(|r| (200..300).contains(&r.status))
        .filter_map(|r| r.resource)
        .collect()
}

#[test]
fn a_first_ctrl_c_stops_dispatching_finishes_what_is_in_flight_and_reports_all() {
    let sb = TestEnv::with(Config {
        devices: 500,
        latency: Duration::from_millis(30),
        ..Config::default()
    });
    let ids = all_device_ids(&sb);
    assert_eq!(ids.len(), 500);
    sb.clear_requests();

    let child = start_update(&sb, &ids, "4");
    wait_for_requests(&sb, "UpdateDevice", 40);
    send_sigint(&child);
    let signalled = Instant::now();
    let out = child.wait_with_output().unwrap();
    let after_signal = signalled.elapsed();

    let stderr = common::stderr_of(&out);
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    assert!(stderr.contains("interrupted: not starting"), "{stderr}");
    // Only the few requests in flight were waited for, not the 400-odd left.
    assert!(after_signal < Duration::from_secs(3), "{after_signal:?}");

    let results: Value = serde_json::from_slice(&out.stdout).expect("JSON results");
    let results = results.as_array().unwrap();
    assert_eq!(results.len(), 500, "every target is listed");
    let with = |outcome: &str| -> HashSet<String> {
        results
            .iter()
            .filter(|r| r["outcome"] == outcome)
            .map(|r| r["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let (done, failed, not_started) = (with("done"), with("failed"), with("not-started"));
    // Devices already on the schedule are left out by the plan, unsent.
    let skipped = with("skipped");
    assert!(failed.is_empty(), "{failed:?}");
    assert!(
        done.len() >= 40 && !not_started.is_empty(),
        "{}",
        done.len()
    );
    assert_eq!(done.len() + not_started.len() + skipped.len(), 500);
    let left_out = match skipped.len() {
        0 => String::new(),
        n => format!(", {n} left out"),
    };
    assert!(
        stderr.contains(&format!(
            "update: {} done, 0 failed, {} not started{left_out}",
            done.len(),
            not_started.len()
        )),
        "{stderr}"
    );

    // What the sandbox changed is exactly what is reported done, and no
    // request went out for a target reported not started.
    assert_eq!(changed_by_sandbox(&sb), done);
    let requested: HashSet<String> = sb
        .requests_for("UpdateDevice")
        .into_iter()
        .filter_map(|r| r.resource)
        .collect();
    assert!(requested.is_disjoint(&not_started));
    // Nothing is still on its way after the process ended.
    let answered = sb.requests().len();
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(sb.requests().len(), answered);
}

#[test]
fn a_second_ctrl_c_aborts_without_waiting_for_requests_in_flight() {
    let sb = TestEnv::with(Config {
        devices: 100,
        ..Config::default()
    });
    let ids = all_device_ids(&sb);
    sb.clear_requests();

    let child = start_update(&sb, &ids, "2");
    wait_for_requests(&sb, "UpdateDevice", 10);
    // From now on every request takes 10 s: the two in flight when Ctrl-C
    // comes would hold the first interruption for that long.
    sb.sandbox().set_latency(Duration::from_secs(10));
    std::thread::sleep(Duration::from_millis(300));
    send_sigint(&child);
    std::thread::sleep(Duration::from_millis(300));
    send_sigint(&child);
    let signalled = Instant::now();
    let out = child.wait_with_output().unwrap();

    let stderr = common::stderr_of(&out);
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    assert!(
        signalled.elapsed() < Duration::from_secs(3),
        "waited {:?}",
        signalled.elapsed()
    );
    assert!(stderr.contains("interrupted: not starting"), "{stderr}");
    assert!(stderr.contains("aborted"), "{stderr}");
}

#[test]
fn sigterm_is_a_first_ctrl_c_with_exit_143_and_a_journal_to_resume() {
    let sb = TestEnv::with(Config {
        devices: 300,
        latency: Duration::from_millis(30),
        ..Config::default()
    });
    let ids = all_device_ids(&sb);
    sb.clear_requests();
    let journal = sb.path("terminated.ndjson");
    let child = start_update_with(&sb, &ids, "4", &["--journal", journal.to_str().unwrap()]);
    wait_for_requests(&sb, "UpdateDevice", 20);
    let status = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    let stderr = common::stderr_of(&out);
    assert_eq!(out.status.code(), Some(143), "{stderr}");
    assert!(stderr.contains("terminated: not starting"), "{stderr}");
    assert!(stderr.contains("not started"), "the summary: {stderr}");
    assert!(stderr.contains("--resume"), "{stderr}");
    let results: Value = serde_json::from_slice(&out.stdout).expect("JSON results");
    let results = results.as_array().unwrap();
    assert_eq!(results.len(), ids.len());
    let done = results.iter().filter(|r| r["outcome"] == "done").count();
    assert_eq!(done, changed_by_sandbox(&sb).len());
    assert!(done >= 20 && done < ids.len(), "{done}");
    // The journal has each finished target's line.
    let journaled = std::fs::read_to_string(&journal).unwrap();
    assert_eq!(journaled.matches("\"outcome\":\"done\"").count(), done);
}
