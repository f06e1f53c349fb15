//! Whole organisations: `--assume-role` with `--account`, `--accounts-from`
//! or `--organization`, against one sandbox standing for an organisation
//! (its own account manages member accounts, each reached through STS
//! AssumeRole, each region of each with a fleet of its own).
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on what they did not expect

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::TestEnv;
use serde_json::Value;
use wsfleet_sandbox::{ACCOUNT_ID, Config, member_account};

const REGIONS: &str = "us-east-1,us-west-2";

/// An organisation of the sandbox's account and four members, the third of
/// which refuses the role. Transitions are long, so a change is still seen
/// when the test looks.
fn organisation() -> TestEnv {
    TestEnv::with(Config {
        member_accounts: 4,
        member_fleet: 3,
        refusing_accounts: vec![member_account(3)],
        transition: std::time::Duration::from_secs(600),
        ..Config::default()
    })
}

/// The (account, region) of every row.
fn places_of(rows: &Value) -> BTreeSet<(String, String)> {
    rows.as_array()
        .unwrap()
        .iter()
        .map(|row| {
            (
                row["account"].as_str().unwrap().to_owned(),
                row["region"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

/// Each WorkSpace row's (account, region, ID).
fn where_each<'a>(rows: impl IntoIterator<Item = &'a Value>) -> BTreeSet<(String, String, String)> {
    rows.into_iter()
        .map(|row| {
            let text = |key: &str| row[key].as_str().unwrap().to_owned();
            (text("account"), text("region"), text("WorkspaceId"))
        })
        .collect()
}

/// How many AssumeRole calls named each account's role.
fn assumed(env: &TestEnv) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for request in env.requests_for("AssumeRole") {
        let arn = request.resource.unwrap();
        let account = arn.split(':').nth(4).unwrap().to_owned();
        *counts.entry(account).or_default() += 1;
    }
    counts
}

#[test]
fn list_over_assumed_accounts_tags_rows_and_assumes_each_role_once() {
    let env = organisation();
    let (a, b) = (member_account(1), member_account(2));
    let accounts = format!("{a},{b}");
    let run = env
        .run(&[
            "--assume-role",
            "Admin",
            "--account",
            &accounts,
            "--region",
            REGIONS,
            "-o",
            "json",
            "workspaces",
            "list",
        ])
        .success();
    let rows = run.json();
    let expected: BTreeSet<(String, String)> = [&a, &b]
        .iter()
        .flat_map(|account| {
            REGIONS
                .split(',')
                .map(|region| ((*account).clone(), region.to_owned()))
        })
        .collect();
    assert_eq!(places_of(&rows), expected);
    // Each region of each account is a fleet of its own: 3 WorkSpaces.
    assert_eq!(rows.as_array().unwrap().len(), 12, "{rows}");
    let ids: BTreeSet<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["WorkspaceId"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 12);
    // One AssumeRole an account, reused in both regions; the account of an
    // assumed role is known, so no GetCallerIdentity.
    assert_eq!(
        assumed(&env),
        BTreeMap::from([(a.clone(), 1), (b.clone(), 1)])
    );
    assert!(env.requests_for("GetCallerIdentity").is_empty());
    let role_session: Vec<String> = env
        .requests_for("DescribeWorkspaces")
        .iter()
        .map(|r| r.account.clone().unwrap_or_default())
        .collect();
    assert!(
        role_session
            .iter()
            .all(|account| *account == a || *account == b)
    );
}

#[test]
fn the_organization_reaches_every_active_member_and_a_refusing_one_is_reported() {
    let env = organisation();
    let run = env.run(&[
        "--assume-role",
        "arn:aws:iam::{account}:role/OrganizationAccountAccessRole",
        "--organization",
        "-o",
        "json",
        "devices",
        "list",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let refusing = member_account(3);
    assert!(
        run.stderr.contains(&format!("account {refusing}")) && run.stderr.contains("AccessDenied"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("1 of 5 regions/accounts failed"),
        "{}",
        run.stderr
    );
    let reached: BTreeSet<String> = places_of(&run.json()).into_iter().map(|(a, _)| a).collect();
    let expected: BTreeSet<String> = [
        ACCOUNT_ID.to_owned(),
        member_account(1),
        member_account(2),
        member_account(4),
    ]
    .into();
    assert_eq!(reached, expected);
    assert_eq!(env.requests_for("ListAccounts").len(), 1);
    // Every ACTIVE member once; the suspended one is never tried, and the
    // management account is read with the credentials that listed it.
    let tried = assumed(&env);
    assert_eq!(tried.len(), 4, "{tried:?}");
    assert!(tried.values().all(|n| *n == 1));
    assert!(!tried.contains_key(&member_account(5)));
    assert!(!tried.contains_key(ACCOUNT_ID), "{tried:?}");
    assert!(env.requests_for("AssumeRole").iter().all(|r| {
        r.resource
            .as_deref()
            .unwrap()
            .ends_with(":role/OrganizationAccountAccessRole")
    }));
}

#[test]
fn the_accounts_of_each_listaccounts_page_are_reached_while_the_next_is_read() {
    // 60 active accounts: ListAccounts pages of 20, one after another.
    let env = TestEnv::with(Config {
        member_accounts: 59,
        member_fleet: 1,
        latency: std::time::Duration::from_millis(40),
        ..Config::default()
    });
    let run = env
        .run(&[
            "--assume-role",
            "Admin",
            "--organization",
            "--region",
            "us-east-1",
            "-o",
            "ndjson",
            "workspaces",
            "list",
        ])
        .success();
    let accounts: BTreeSet<String> = run
        .stdout
        .lines()
        .map(|line| {
            let row: Value = serde_json::from_str(line).unwrap();
            row["account"].as_str().unwrap().to_owned()
        })
        .collect();
    assert_eq!(accounts.len(), 60, "{accounts:?}");
    let tried = assumed(&env);
    assert_eq!(tried.len(), 59);
    assert!(tried.values().all(|n| *n == 1), "{tried:?}");
    // The first page's roles were assumed before the last page was read.
    let log = env.requests();
    let first_assumed = log.iter().position(|r| r.operation == "AssumeRole");
    let last_page = log.iter().rposition(|r| r.operation == "ListAccounts");
    assert_eq!(env.requests_for("ListAccounts").len(), 4);
    assert!(first_assumed < last_page, "{first_assumed:?} {last_page:?}");
}

#[test]
fn a_bulk_verb_changes_each_target_in_the_account_its_record_names() {
    let env = organisation();
    let (a, b) = (member_account(1), member_account(2));
    let reach = [
        "--assume-role",
        "Admin",
        "--account",
        &format!("{a},{b}"),
        "--region",
        REGIONS,
    ]
    .map(str::to_owned);
    let listed = env.run(
        &[
            &reach[..],
            &["-o", "json", "workspaces", "list", "--state", "available"].map(str::to_owned),
        ]
        .concat()
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>(),
    );
    let listed = listed.success().json();
    // One AVAILABLE WorkSpace of each account, in different regions.
    let pick = |account: &str, region: &str| -> Option<Value> {
        listed
            .as_array()
            .unwrap()
            .iter()
            .find(|row| row["account"] == account && row["region"] == region)
            .cloned()
    };
    let targets: Vec<Value> = [pick(&a, "us-east-1"), pick(&b, "us-west-2")]
        .into_iter()
        .flatten()
        .collect();
    assert_eq!(targets.len(), 2, "{listed}");
    let file = env.path("targets.json");
    std::fs::write(&file, serde_json::to_string(&targets).unwrap()).unwrap();
    env.clear_requests();

    let file = file.to_str().unwrap().to_owned();
    let args: Vec<String> = [
        &reach[..],
        &["workspaces", "reboot", "--ids-from", &file, "--yes"].map(str::to_owned),
    ]
    .concat();
    env.run(&args.iter().map(String::as_str).collect::<Vec<_>>())
        .success();
    let reboots = env.requests_for("RebootWorkspaces");
    let reached: BTreeSet<(Option<String>, Option<String>)> = reboots
        .iter()
        .map(|r| (r.account.clone(), r.signed_region.clone()))
        .collect();
    assert_eq!(
        reached,
        BTreeSet::from([
            (Some(a.clone()), Some("us-east-1".to_owned())),
            (Some(b.clone()), Some("us-west-2".to_owned())),
        ])
    );
    // Only the accounts the targets are in are assumed.
    assert_eq!(assumed(&env).len(), 2);

    // The sandbox's state: each target is rebooting where it lives, and
    // nothing else is.
    let after = env.run(
        &[
            &reach[..],
            &["-o", "json", "workspaces", "list"].map(str::to_owned),
        ]
        .concat()
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>(),
    );
    let after = after.success().json();
    let rebooting: Vec<&Value> = after
        .as_array()
        .unwrap()
        .iter()
        .filter(|row| row["State"] == "REBOOTING")
        .collect();
    assert_eq!(where_each(rebooting), where_each(targets.iter()));
}

#[test]
fn accounts_from_reads_a_list_and_reaches_report_and_usage() {
    let env = organisation();
    let (a, b) = (member_account(1), member_account(2));
    let file = env.path("accounts.txt");
    std::fs::write(&file, format!("# two members\n{a}\n{b}\n{a}\n")).unwrap();
    let file = file.to_str().unwrap();
    let reach = |verb: &[&str]| {
        let mut args = vec!["--assume-role", "Admin", "--accounts-from", file];
        args.extend(["--region", "eu-west-1", "-o", "json"]);
        args.extend(verb);
        env.run(&args).success()
    };
    let usage = reach(&["workspaces", "usage"]).json();
    let reached: BTreeSet<String> = places_of(&usage).into_iter().map(|(a, _)| a).collect();
    assert_eq!(reached, BTreeSet::from([a.clone(), b.clone()]));
    // CloudWatch was asked in the members' accounts.
    let metrics = env.requests_for("GetMetricData");
    assert!(!metrics.is_empty());
    assert!(
        metrics
            .iter()
            .all(|r| r.account == Some(a.clone()) || r.account == Some(b.clone()))
    );

    let report = reach(&["report"]).stdout;
    assert!(report.contains(&a) && report.contains(&b), "{report}");
    assert_eq!(
        assumed(&env).values().sum::<usize>(),
        4,
        "two runs, two accounts each"
    );
}

#[test]
fn bad_flag_combinations_are_usage_errors_with_nothing_sent() {
    let env = organisation();
    let accounts = env.path("accounts.json");
    std::fs::write(&accounts, r#"[{"account": "12345"}]"#).unwrap();
    let empty = env.path("empty.txt");
    std::fs::write(&empty, "# nothing\n").unwrap();
    let (accounts, empty) = (accounts.to_str().unwrap(), empty.to_str().unwrap());
    let cases: [(&[&str], &str); 9] = [
        (
            &["--account", "111122223333"],
            "--account needs --assume-role ROLE",
        ),
        (
            &["--organization"],
            "--organization needs --assume-role ROLE",
        ),
        (
            &["--assume-role", "Admin"],
            "--assume-role needs the accounts to reach",
        ),
        (
            &[
                "--assume-role",
                "Admin",
                "--organization",
                "--account",
                "111122223333",
            ],
            "--organization lists the accounts itself",
        ),
        (
            &["--assume-role", "Admin", "--account", "1234"],
            "expected 12 digits",
        ),
        (
            &[
                "--assume-role",
                "arn:aws:iam::111122223333:role/Admin",
                "--account",
                "111122223333",
            ],
            "put {account} where each account's ID goes",
        ),
        (
            &["--assume-role", "bad role", "--account", "111122223333"],
            "invalid --assume-role",
        ),
        (
            &["--assume-role", "Admin", "--accounts-from", accounts],
            "expected 12 digits",
        ),
        (
            &["--assume-role", "Admin", "--accounts-from", empty],
            "lists no accounts",
        ),
    ];
    for (flags, says) in cases {
        let args: Vec<&str> = flags
            .iter()
            .copied()
            .chain(["workspaces", "list"])
            .collect();
        let run = env.run(&args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(says), "{args:?}: {}", run.stderr);
        assert_eq!(
            run.stderr.trim().lines().count(),
            1,
            "{args:?}: {}",
            run.stderr
        );
    }
    // A verb of one place refuses the many accounts before any request.
    let run = env.run(&[
        "--assume-role",
        "Admin",
        "--account",
        &member_account(1),
        "workspaces",
        "get",
        "ws-abcdefgh1",
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(env.requests().is_empty(), "{:?}", env.requests());
}
