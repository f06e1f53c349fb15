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

/// One name for one idea in every table: a device's last posture report is
/// LAST SEEN and a WorkSpace's last connection LAST CONNECTED, in their
/// lists and in the report; dotted fields read as words.
#[test]
fn headers_say_one_thing_one_way() {
    let sb = TestEnv::start();
    let header = |args: &[&str]| -> String {
        let run = sb.run(args).success();
        run.stdout.lines().next().unwrap_or_default().to_owned()
    };
    assert!(
        header(&["devices", "list", "--columns", "id,lastPostureAt"]).ends_with("LAST SEEN"),
        "devices list"
    );
    assert!(
        header(&[
            "workspaces",
            "list",
            "--columns",
            "WorkspaceId,LastKnownUserConnectionTimestamp"
        ])
        .ends_with("LAST CONNECTED"),
        "workspaces list"
    );
    assert!(
        header(&[
            "environments",
            "list",
            "--columns",
            "id,maintenanceWindow.startTimeHour"
        ])
        .ends_with("MAINTENANCE WINDOW START TIME HOUR"),
        "environments list"
    );
    let report = sb.run(&["report", "--stale", "1m"]).success().stdout;
    assert!(report.contains("LAST SEEN"), "{report}");
    assert!(report.contains("LAST CONNECTED"), "{report}");
    for other in [
        "LAST POSTURE AT",
        "LASTPOSTUREAT",
        "LAST KNOWN USER CONNECTION TIMESTAMP",
        "LASTCONNECTEDAT",
        "MAINTENANCEWINDOW.",
    ] {
        assert!(!report.contains(other), "{other} in the report:\n{report}");
    }
}

/// Every `--wait` looks the same (issue #19 point 7): the one engine in
/// src/commands/waiting.rs draws the one spinner (a count done and the
/// time elapsed); no verb draws its own, and no progress shows a raw rate.
#[test]
fn every_wait_is_drawn_by_the_one_wait_engine() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut pending = vec![root.join("commands")];
    let mut waiting_verbs = 0;
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let name = path.strip_prefix(&root).unwrap().display().to_string();
            if name == "commands/waiting.rs" {
                assert!(text.contains("{pos}/{len} done ({elapsed})"), "{name}");
                continue;
            }
            for own in [
                "spinner(",
                "ProgressBar",
                "ProgressStyle",
                "enable_steady_tick",
            ] {
                assert!(!text.contains(own), "{name} draws its own progress ({own})");
            }
            if text.contains("WaitArgs") {
                waiting_verbs += 1;
            }
        }
    }
    assert!(waiting_verbs >= 15, "{waiting_verbs} verbs take --wait");
    let printer = std::fs::read_to_string(root.join("output/printer.rs")).unwrap();
    assert!(!printer.contains("per_sec"), "a progress shows a raw rate");
}

/// `sandbox serve --help`'s background example starts the server and lets
/// the next command in the same shell reach it (it used to hang in `eval`).
#[test]
fn sandbox_serve_background_example_works_as_written() {
    let home = tempfile::tempdir().unwrap();
    let help = common::isolated_wsfleet(&home)
        .args(["sandbox", "serve", "--help"])
        .output()
        .unwrap();
    let help = common::stdout_of(&help);
    let start = "  wsfleet sandbox serve --port 4566 > sandbox.env &";
    let source = "  . ./sandbox.env";
    assert!(help.contains(start) && help.contains(source), "{help}");
    assert!(!help.contains("eval"), "{help}");

    let bin = assert_cmd::cargo::cargo_bin("wsfleet");
    let bin = bin.to_str().unwrap();
    // Port 0 for a free one; the rest as the help says.
    let script = format!(
        "'{bin}' sandbox serve --port 0 --devices 3 > sandbox.env & server=$!\n\
         for _ in $(seq 100); do [ \"$(wc -l < sandbox.env)\" -ge 5 ] && break; sleep 0.05; done\n\
         . ./sandbox.env\n\
         '{bin}' devices list -o ndjson | wc -l\n\
         kill $server"
    );
    let out = std::process::Command::new("sh")
        .args(["-c", &script])
        .current_dir(home.path())
        .env("HOME", home.path())
        .env_remove("AWS_ENDPOINT_URL")
        .env_remove("AWS_PROFILE")
        .env_remove("WSFLEET_SANDBOX")
        .output()
        .unwrap();
    assert_eq!(
        common::stdout_of(&out).trim(),
        "3",
        "{}",
        common::stderr_of(&out)
    );
}
