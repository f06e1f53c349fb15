//! End-to-end: the real binary against the sandbox, for every verb of the
//! `ip-groups` group.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on what they did not expect

mod common;

use common::TestEnv;
use serde_json::Value;

fn groups(sb: &TestEnv) -> Vec<Value> {
    sb.run(&["ip-groups", "list", "-o", "json"])
        .success()
        .json()
        .as_array()
        .unwrap()
        .clone()
}

/// A directory of the seed and a new group associated with it.
fn associated_pair(sb: &TestEnv) -> (String, String) {
    let workspaces = sb
        .run(&["workspaces", "list", "-o", "json"])
        .success()
        .json();
    let directory = workspaces[0]["DirectoryId"].as_str().unwrap().to_owned();
    let group = sb
        .run(&["ip-groups", "create", "--name", "associated"])
        .success()
        .stdout
        .trim()
        .to_owned();
    sb.run(&[
        "ip-groups",
        "associate",
        &group,
        "--to-directory",
        &directory,
    ])
    .success();
    assert_eq!(sb.requests_for("AssociateIpGroups").len(), 1);
    (directory, group)
}

#[test]
fn list_and_get_show_names_next_to_ids_in_every_format() {
    let sb = TestEnv::start();
    let listed = groups(&sb);
    assert!(listed.len() >= 2);
    let first = &listed[0];
    let id = first["groupId"].as_str().unwrap();
    let name = first["groupName"].as_str().unwrap();
    assert!(first["userRules"].as_array().is_some_and(|r| !r.is_empty()));

    let table = sb.run(&["ip-groups", "list"]).success().stdout;
    let header = table.lines().next().unwrap();
    assert!(header.starts_with("ID") && header.contains("NAME") && header.contains("RULES"));
    let row = table.lines().find(|l| l.starts_with(id)).unwrap();
    assert!(row.contains(name), "{row}");

    let csv = sb.run(&["ip-groups", "list", "-o", "csv"]).success().stdout;
    assert!(csv.lines().any(|l| l.starts_with(id) && l.contains(name)));

    let got = sb
        .run(&["ip-groups", "get", id, "-o", "json"])
        .success()
        .json();
    assert_eq!(got["groupName"], name);
    assert_eq!(got["userRules"], first["userRules"]);
    assert_eq!(sb.requests_for("DescribeIpGroups").len(), 4);
}

#[test]
fn create_authorize_revoke_and_set_rules_change_the_rules() {
    let sb = TestEnv::start();
    let created = sb
        .run(&[
            "ip-groups",
            "create",
            "--name",
            "lab",
            "--rule",
            "10.0.0.0/8=lan",
            "--tag",
            "team=net",
        ])
        .success()
        .stdout;
    let id = created.trim();
    assert!(id.starts_with("wsipg-"), "{id}");

    // The plan: the rules the group gains, nothing sent.
    let authorize = [
        "ip-groups",
        "authorize",
        id,
        "192.0.2.7",
        "198.51.100.0/24=vpn",
    ];
    let dry = sb.run(&[&authorize[..], &["--dry-run"]].concat()).success();
    assert!(
        dry.stdout
            .contains("rules: +192.0.2.7/32, +198.51.100.0/24 (vpn)"),
        "{}",
        dry.stdout
    );
    assert!(sb.requests_for("AuthorizeIpRules").is_empty());
    let after = sb
        .run(&[&authorize[..], &["-o", "json"]].concat())
        .success();
    let rules: Vec<String> = after.json()["userRules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["ipRule"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(rules, ["10.0.0.0/8", "192.0.2.7/32", "198.51.100.0/24"]);

    let revoked = sb
        .run(&[
            "ip-groups",
            "revoke",
            id,
            "10.0.0.0/8",
            "--yes",
            "-o",
            "json",
        ])
        .success()
        .json();
    assert_eq!(revoked["userRules"].as_array().unwrap().len(), 2);

    let set = sb
        .run(&[
            "ip-groups",
            "set-rules",
            id,
            "203.0.113.0/24=office",
            "--yes",
            "-o",
            "json",
        ])
        .success()
        .json();
    assert_eq!(set["userRules"][0]["ipRule"], "203.0.113.0/24");
    assert_eq!(set["userRules"][0]["ruleDesc"], "office");
    assert_eq!(set["userRules"].as_array().unwrap().len(), 1);

    // The service's quota: a group of one rule cannot take ten more. The
    // plan counts the rules after and leaves the change out, unsent.
    let ten: Vec<String> = (0..10).map(|i| format!("192.0.{i}.0/24")).collect();
    let mut args = vec!["ip-groups", "authorize", id];
    args.extend(ten.iter().map(String::as_str));
    sb.clear_requests();
    let refused = sb.run(&args).success();
    assert!(
        refused
            .stderr
            .contains("left out: 11 rules after (a group holds at most 10)"),
        "{}",
        refused.stderr
    );
    assert!(sb.requests_for("AuthorizeIpRules").is_empty());
}

#[test]
fn bad_rules_are_refused_before_any_request() {
    let sb = TestEnv::start();
    let id = groups(&sb)[0]["groupId"].as_str().unwrap().to_owned();
    sb.clear_requests();
    let eleven: Vec<String> = (0..11).map(|i| format!("--rule=192.0.{i}.0/24")).collect();
    let mut create = vec!["ip-groups", "create", "--name", "big"];
    create.extend(eleven.iter().map(String::as_str));
    for args in [
        vec!["ip-groups", "authorize", id.as_str(), "10.0.0.0/33"],
        vec!["ip-groups", "authorize", id.as_str(), "10.0.0.256/24=x"],
        vec!["ip-groups", "revoke", id.as_str(), "2001:db8::/32", "--yes"],
        vec![
            "ip-groups",
            "create",
            "--name",
            "x",
            "--rule",
            "not-a-range",
        ],
        vec!["ip-groups", "get", "wsipg-UPPER123"],
        vec![
            "ip-groups",
            "associate",
            id.as_str(),
            "--directory",
            "d-nothex!",
        ],
        create,
    ] {
        let run = sb.run(&args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert_eq!(
            run.stderr
                .trim()
                .lines()
                .filter(|l| l.starts_with("error"))
                .count(),
            1
        );
    }
    let bad = sb.run(&["ip-groups", "authorize", &id, "10.0.0.0/33"]);
    assert!(bad.stderr.contains("10.0.0.0/33"), "{}", bad.stderr);
    assert!(sb.requests().is_empty(), "{:?}", sb.requests());
}

#[test]
fn dry_runs_and_refusals_send_no_change() {
    let sb = TestEnv::start();
    let (directory, group) = associated_pair(&sb);
    sb.clear_requests();
    for args in [
        vec![
            "ip-groups",
            "create",
            "--name",
            "n",
            "--rule",
            "10.0.0.0/8",
            "--dry-run",
        ],
        vec!["ip-groups", "authorize", &group, "10.0.0.0/8", "--dry-run"],
        vec!["ip-groups", "revoke", &group, "10.0.0.0/8", "--dry-run"],
        vec!["ip-groups", "set-rules", &group, "--none", "--dry-run"],
        vec![
            "ip-groups",
            "associate",
            &group,
            "--directory",
            &directory,
            "--dry-run",
        ],
        vec![
            "ip-groups",
            "disassociate",
            &group,
            "--directory",
            &directory,
            "--dry-run",
        ],
        vec!["ip-groups", "delete", &group, "--dry-run"],
    ] {
        sb.run(&args).success();
    }
    for args in [
        vec!["ip-groups", "revoke", &group, "10.0.0.0/8"],
        vec!["ip-groups", "set-rules", &group, "10.0.0.0/8"],
        vec![
            "ip-groups",
            "disassociate",
            &group,
            "--directory",
            &directory,
        ],
        vec!["ip-groups", "delete", &group],
    ] {
        let run = sb.run(&args);
        assert_eq!(run.code, 2, "{args:?}");
        assert!(run.stderr.contains("--yes"), "{}", run.stderr);
    }
    let changes: Vec<String> = sb
        .requests()
        .into_iter()
        .map(|r| r.operation)
        .filter(|op| !op.starts_with("Describe"))
        .collect();
    assert!(changes.is_empty(), "{changes:?}");
}

#[test]
fn an_associated_group_fails_its_own_delete_while_others_are_deleted() {
    let sb = TestEnv::start();
    let (directory, group) = associated_pair(&sb);
    let free = sb
        .run(&["ip-groups", "create", "--name", "free"])
        .success()
        .stdout
        .trim()
        .to_owned();
    let run = sb.run(&["ip-groups", "delete", &group, &free, "--yes", "-o", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let results = run.json();
    let outcome = |id: &str| {
        results
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .cloned()
            .unwrap_or_else(|| panic!("{id} in {results}"))
    };
    assert_eq!(outcome(&group)["code"], "ResourceAssociatedException");
    assert_eq!(outcome(&free)["outcome"], "done");

    // Disassociated, it goes.
    sb.run(&[
        "ip-groups",
        "disassociate",
        &group,
        "--directory",
        &directory,
        "--yes",
    ])
    .success();
    assert_eq!(sb.requests_for("DisassociateIpGroups").len(), 1);
    sb.run(&["ip-groups", "delete", &group, "--yes"]).success();
    assert!(groups(&sb).iter().all(|g| g["groupId"] != group.as_str()));
}

#[test]
fn ip_groups_take_tags_by_id() {
    let sb = TestEnv::start();
    let id = groups(&sb)[0]["groupId"].as_str().unwrap().to_owned();
    sb.run(&["ip-groups", "tag", &id, "team=net"]).success();
    assert_eq!(sb.requests_for("CreateTags").len(), 1);
    let tags = sb
        .run(&["ip-groups", "tags", &id, "-o", "json"])
        .success()
        .json();
    assert!(tags.to_string().contains("\"net\""), "{tags}");
    sb.run(&["ip-groups", "untag", &id, "team"]).success();
    let tags = sb
        .run(&["ip-groups", "tags", &id, "-o", "json"])
        .success()
        .json();
    assert!(!tags.to_string().contains("\"net\""), "{tags}");
}
