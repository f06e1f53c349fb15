//! A first run with nothing configured: one line naming every way out,
//! without the SDK's account of each place it looked.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on what they did not expect

mod common;

use common::{Run, TestEnv};

fn assert_one_line_naming_the_ways_out(run: &Run) {
    assert_eq!(run.code, 4, "{}", run.stderr);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    for way in ["aws configure", "--profile", "--sandbox"] {
        assert!(run.stderr.contains(way), "{way}: {}", run.stderr);
    }
    assert!(!run.stderr.contains("WARN"), "{}", run.stderr);
}

#[test]
fn no_credentials_is_one_line() {
    let sb = TestEnv::start();
    let run = Run::of(
        sb.wsfleet()
            .env_remove("AWS_ACCESS_KEY_ID")
            .env_remove("AWS_SECRET_ACCESS_KEY")
            .args(["devices", "list"])
            .output()
            .unwrap(),
    );
    assert_one_line_naming_the_ways_out(&run);
    assert!(run.stderr.contains("no AWS credentials"), "{}", run.stderr);
    assert!(sb.requests().is_empty());
}

#[test]
fn no_region_is_one_line() {
    let sb = TestEnv::start();
    let run = Run::of(
        sb.wsfleet()
            .env_remove("AWS_REGION")
            .args(["workspaces", "list"])
            .output()
            .unwrap(),
    );
    assert_one_line_naming_the_ways_out(&run);
    assert!(run.stderr.contains("no AWS region"), "{}", run.stderr);
}
