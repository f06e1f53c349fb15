//! End-to-end: the real binary against the sandbox, for every verb of the
//! `account` group (dedicated tenancy for BYOL).
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on what they did not expect

mod common;

use std::time::Duration;

use common::TestEnv;
use wsfleet_sandbox::Config;

/// A sandbox whose modifications complete within the first polls of `--wait`.
fn quick() -> TestEnv {
    TestEnv::with(Config {
        transition: Duration::from_millis(150),
        ..Config::default()
    })
}

#[test]
fn get_modifications_and_ranges_in_table_and_json() {
    let sb = TestEnv::start();
    let table = sb.run(&["account", "get"]).success().stdout;
    assert!(table.contains("DISABLED"), "{table}");
    let account = sb.run(&["-o", "json", "account", "get"]).success().json();
    assert_eq!(account["DedicatedTenancySupport"], "DISABLED");

    let history = sb.run(&["account", "modifications"]).success().stdout;
    let header = history.lines().next().unwrap();
    assert!(
        header.contains("STATE") && header.contains("MANAGEMENT CIDR"),
        "{header}"
    );
    let history = sb
        .run(&["-o", "json", "account", "modifications"])
        .success()
        .json();
    let history = history.as_array().unwrap();
    assert_eq!(history.len(), 3);
    assert!(history.iter().all(|m| m["ModificationState"] == "FAILED"));

    sb.clear_requests();
    let ranges = sb
        .run(&[
            "-o",
            "json",
            "account",
            "management-cidrs",
            "--within",
            "10.0.0.0/8",
        ])
        .success()
        .json();
    let ranges = ranges.as_array().unwrap();
    assert_eq!(ranges.len(), 256, "every /16 of 10.0.0.0/8");
    assert_eq!(ranges[0]["ManagementCidrRange"], "10.0.0.0/16");
    let calls = sb.requests_for("ListAvailableManagementCidrRanges");
    assert!(calls.len() > 1, "read every page: {} calls", calls.len());
    let csv = sb
        .run(&[
            "-o",
            "csv",
            "account",
            "management-cidrs",
            "--within",
            "192.168.0.0/16",
        ])
        .success()
        .stdout;
    assert_eq!(csv, "ManagementCidrRange\n192.168.0.0/16\n");
    // The service's refusal: a public range.
    let public = sb.run(&["account", "management-cidrs", "--within", "8.8.0.0/16"]);
    assert_eq!(public.code, 1);
    assert!(
        public.stderr.contains("InvalidParameterValuesException"),
        "{}",
        public.stderr
    );
}

#[test]
fn modify_shows_the_plan_asks_and_waits_for_the_modification() {
    let sb = quick();
    let args = [
        "account",
        "modify",
        "--dedicated-tenancy",
        "enabled",
        "--management-cidr",
        "10.20.0.0/16",
    ];
    let dry = sb.run(&[&args[..], &["--dry-run"]].concat()).success();
    assert!(
        dry.stderr
            .contains("DedicatedTenancySupport: DISABLED -> ENABLED")
            && dry
                .stderr
                .contains("DedicatedTenancyManagementCidrRange: - -> 10.20.0.0/16"),
        "{}",
        dry.stderr
    );
    let refused = sb.run(&args);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(refused.stderr.contains("--yes"), "{}", refused.stderr);
    assert!(sb.requests_for("ModifyAccount").is_empty());

    sb.run(&[&args[..], &["--yes", "--wait"]].concat())
        .success();
    assert_eq!(sb.requests_for("ModifyAccount").len(), 1);
    let account = sb.run(&["-o", "json", "account", "get"]).success().json();
    assert_eq!(account["DedicatedTenancySupport"], "ENABLED");
    assert_eq!(
        account["DedicatedTenancyManagementCidrRange"],
        "10.20.0.0/16"
    );
    let history = sb
        .run(&["-o", "json", "account", "modifications"])
        .success()
        .json();
    assert_eq!(history.as_array().unwrap().len(), 4, "all pages: {history}");
    assert_eq!(history[3]["ModificationState"], "COMPLETED");

    // Enabled stays enabled: the service's error, exit 1.
    let again = sb.run(&[&args[..], &["--yes"]].concat());
    assert_eq!(again.code, 1);
    assert!(
        again.stderr.contains("InvalidResourceStateException"),
        "{}",
        again.stderr
    );
}

#[test]
fn bad_input_is_refused_before_any_request() {
    let sb = TestEnv::start();
    for args in [
        &[
            "account",
            "modify",
            "--management-cidr",
            "10.20.1.0/16",
            "--yes",
        ][..],
        &[
            "account",
            "modify",
            "--management-cidr",
            "10.20.0.0/24",
            "--yes",
        ],
        &[
            "account",
            "modify",
            "--dedicated-tenancy",
            "disabled",
            "--yes",
        ],
        &["account", "modify", "--yes"],
        &["account", "management-cidrs", "--within", "10.0.0.0/33"],
        &["account", "management-cidrs"],
    ] {
        let run = sb.run(args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
    }
    assert!(sb.requests().is_empty(), "{:?}", sb.requests());
}
