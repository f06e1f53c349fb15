//! `devices list --details` asks for the next ListDevices page while the
//! current page's GetDevice calls run, so the listing's round trips do not
//! add to the details' (what the benchmark's details budget needs).
// Helpers outside #[test] functions panic on purpose: a failed setup is a
// failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use common::{TestEnv, stderr_of, stdout_of};
use wsfleet_sandbox::Config;

#[test]
fn the_next_page_is_listed_while_details_are_fetched() {
    let sb = TestEnv::with(Config {
        devices: 60,
        latency: Duration::from_millis(5),
        ..Config::default()
    });
    // One GetDevice at a time: the first page's 50 take 50 round trips, and
    // the second ListDevices, sent alongside them, is answered long before.
    let out = sb
        .wsfleet()
        .args(["devices", "list", "--details", "--concurrency", "1"])
        .args(["-o", "ndjson", "--columns", "id"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    assert_eq!(stdout_of(&out).lines().count(), 60);

    let operations: Vec<String> = sb.requests().into_iter().map(|r| r.operation).collect();
    let second_listing = operations
        .iter()
        .enumerate()
        .filter(|(_, op)| *op == "ListDevices")
        .nth(1)
        .map(|(at, _)| at)
        .expect("a second ListDevices");
    let details_before = operations[..second_listing]
        .iter()
        .filter(|op| *op == "GetDevice")
        .count();
    assert!(
        details_before < 25,
        "the second page was asked for only after {details_before} GetDevice calls"
    );
    assert_eq!(
        operations.iter().filter(|op| *op == "GetDevice").count(),
        60
    );
}
