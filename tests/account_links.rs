//! End-to-end: the real binary against the sandbox, for every verb of the
//! `account-links` group.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on what they did not expect

mod common;

use common::TestEnv;
use serde_json::Value;

const PENDING: &str = "PENDING_ACCEPTANCE_BY_TARGET_ACCOUNT";
/// The sandbox's own account.
const OWN: &str = "123456789012";

fn links(sb: &TestEnv, filters: &[&str]) -> Vec<Value> {
    let mut args = vec!["-o", "json", "account-links", "list"];
    args.extend_from_slice(filters);
    sb.run(&args).success().json().as_array().unwrap().clone()
}

/// The ID of the first link matching `wanted`.
fn link_where(sb: &TestEnv, wanted: impl Fn(&Value) -> bool) -> String {
    links(sb, &[])
        .into_iter()
        .find(|l| wanted(l))
        .and_then(|l| l["AccountLinkId"].as_str().map(str::to_owned))
        .expect("such a link")
}

#[test]
fn list_and_get_show_the_links_of_the_account() {
    let sb = TestEnv::start();
    let all = links(&sb, &[]);
    assert_eq!(all.len(), 4, "{all:?}");
    let pending = links(&sb, &["--status", "pending-acceptance-by-target-account"]);
    assert_eq!(pending.len(), 2);
    assert!(pending.iter().all(|l| l["AccountLinkStatus"] == PENDING));
    let table = sb.run(&["account-links", "list"]).success();
    let header = table.stdout.lines().next().unwrap();
    assert!(
        header.contains("STATUS") && header.contains("TARGET"),
        "{header}"
    );

    let linked = link_where(&sb, |l| l["AccountLinkStatus"] == "LINKED");
    let by_id = sb
        .run(&["-o", "json", "account-links", "get", &linked])
        .success()
        .json();
    assert_eq!(by_id["TargetAccountId"], "210987654321");
    let by_account = sb
        .run(&[
            "-o",
            "json",
            "account-links",
            "get",
            "--account",
            "210987654321",
        ])
        .success()
        .json();
    assert_eq!(by_account["AccountLinkId"], linked.as_str());
    let missing = sb.run(&["account-links", "get", "link-nothere1"]);
    assert_eq!(missing.code, 1);
    assert!(
        missing.stderr.contains("ResourceNotFoundException"),
        "{}",
        missing.stderr
    );
}

#[test]
fn invite_accept_reject_and_delete_follow_the_link_states() {
    let sb = TestEnv::start();
    sb.run(&["account-links", "invite", "678901234567", "--dry-run"])
        .success();
    assert!(sb.requests_for("CreateAccountLinkInvitation").is_empty());
    let invited = sb
        .run(&["-o", "json", "account-links", "invite", "678901234567"])
        .success()
        .json();
    assert_eq!(invited["AccountLinkStatus"], PENDING);
    assert_eq!(invited["SourceAccountId"], OWN);
    // A second invitation to the same account conflicts, exit 1.
    let again = sb.run(&["account-links", "invite", "678901234567"]);
    assert_eq!(again.code, 1);
    assert!(
        again.stderr.contains("ConflictException"),
        "{}",
        again.stderr
    );

    let received = link_where(&sb, |l| {
        l["AccountLinkStatus"] == PENDING && l["TargetAccountId"] == OWN
    });
    sb.run(&["account-links", "accept", &received, "--dry-run"])
        .success();
    assert!(sb.requests_for("AcceptAccountLinkInvitation").is_empty());
    let accepted = sb
        .run(&["-o", "json", "account-links", "accept", &received])
        .success()
        .json();
    assert_eq!(accepted["AccountLinkStatus"], "LINKED");

    // This account cannot answer its own invitation: the service's rule.
    let sent = invited["AccountLinkId"].as_str().unwrap().to_owned();
    let own = sb.run(&["account-links", "reject", &sent, "--yes"]);
    assert_eq!(own.code, 1);
    assert!(own.stderr.contains("ConflictException"), "{}", own.stderr);

    for verb in ["reject", "delete"] {
        let refused = sb.run(&["account-links", verb, &sent]);
        assert_eq!(refused.code, 2, "{}", refused.stderr);
        assert!(refused.stderr.contains("--yes"));
    }
    sb.run(&["account-links", "delete", &sent, "--dry-run"])
        .success();
    assert!(sb.requests_for("DeleteAccountLinkInvitation").is_empty());
    sb.run(&["account-links", "delete", &sent, "--yes"])
        .success();
    assert!(
        links(&sb, &[])
            .iter()
            .all(|l| l["AccountLinkId"] != sent.as_str())
    );
}

#[test]
fn bad_input_is_refused_before_any_request() {
    let sb = TestEnv::start();
    for args in [
        vec!["account-links", "get", "nolink"],
        vec!["account-links", "get"],
        vec!["account-links", "get", "--account", "12345"],
        vec!["account-links", "list", "--status", "friends"],
        vec!["account-links", "invite", "not-an-account"],
        vec!["account-links", "accept", "link-x"],
        vec!["account-links", "delete", "link-x", "--yes"],
    ] {
        let run = sb.run(&args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
    }
    assert!(sb.requests().is_empty(), "{:?}", sb.requests());
}
