//! The small ones of what an admin trips over: an untag of an absent key,
//! `export --dry-run`, the help's own `applications list --owner Amazon`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on what they did not expect

mod common;

use common::TestEnv;

#[test]
fn untag_of_an_absent_key_removes_nothing_and_says_so() {
    let sb = TestEnv::start();
    let listed = sb.run(&["devices", "list", "-o", "json"]).success();
    let id = listed.json()[0]["id"].as_str().unwrap().to_owned();
    let run = sb.run(&["devices", "untag", &id, "nokey"]).success();
    assert!(run.stderr.contains("no key removed"), "{}", run.stderr);
    assert!(run.stderr.contains("nokey not there"), "{}", run.stderr);
    assert!(!run.stderr.contains("1 key"), "{}", run.stderr);
}

#[test]
fn export_dry_run_writes_nothing() {
    let sb = TestEnv::start();
    let out = sb.path("inventory");
    let run = sb
        .run(&["export", "--out", out.to_str().unwrap(), "--dry-run"])
        .success();
    assert!(
        run.stderr.contains("dry run: would export"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("devices"), "{}", run.stderr);
    assert!(!out.exists(), "export --dry-run created {}", out.display());
}

#[test]
fn applications_owner_amazon_as_the_help_shows_it() {
    let sb = TestEnv::start();
    let run = sb
        .run(&["applications", "list", "--owner", "Amazon", "-o", "json"])
        .success();
    assert!(run.json().as_array().is_some());
    let sent = sb.requests_for("DescribeApplications");
    assert!(
        !sent.is_empty() && sent.iter().all(|r| r.status == 200),
        "{sent:?}"
    );
    let refused = sb.run(&["applications", "list", "--owner", "amazon.com"]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
}

#[test]
fn the_thin_client_end_is_said_once_where_it_helps() {
    let sb = TestEnv::start();
    for group in ["devices", "environments", "software-sets"] {
        let help = sb.run(&[group, "--help"]).success();
        assert_eq!(
            help.stdout.matches("2027-03-31").count(),
            1,
            "{}",
            help.stdout
        );
        assert!(help.stdout.contains("wsfleet export"), "{}", help.stdout);
    }
    let workspaces = sb.run(&["workspaces", "--help"]).success();
    assert!(!workspaces.stdout.contains("2027-03-31"));
    let report = sb.run(&["--quiet", "report"]).success();
    assert_eq!(
        report.stdout.matches("2027-03-31").count(),
        1,
        "{}",
        report.stdout
    );
    let notice = report.stdout.find("2027-03-31").unwrap();
    let devices = report.stdout.find("Devices by").unwrap();
    assert!(notice < devices, "{}", report.stdout);
}

/// Seconds since the epoch of an RFC 3339 UTC timestamp.
fn epoch_seconds(text: &str) -> i64 {
    let at = humantime::parse_rfc3339_weak(text.trim_end_matches('Z')).unwrap();
    i64::try_from(at.duration_since(std::time::UNIX_EPOCH).unwrap().as_secs()).unwrap()
}

#[test]
fn devices_not_seen_for_a_while() {
    let sb = TestEnv::start();
    let all = sb.run(&["devices", "list", "-o", "json"]).success().json();
    let unseen = sb
        .run(&["devices", "list", "--not-seen-for", "30d", "-o", "json"])
        .success()
        .json();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    let now = i64::try_from(now).unwrap();
    let cutoff = now - 30 * 86_400;
    let expected: Vec<&str> = all
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| {
            d["lastPostureAt"]
                .as_str()
                .is_none_or(|t| epoch_seconds(t) < cutoff)
        })
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    let listed: Vec<&str> = unseen
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert!(!listed.is_empty() && listed.len() < all.as_array().unwrap().len());
    assert_eq!(listed, expected);
    let refused = sb.run(&["devices", "list", "--not-seen-for", "soon"]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
}
