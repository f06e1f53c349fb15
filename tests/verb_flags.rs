//! `--yes`, `--dry-run`, `--journal`, `--resume` and `--concurrency` are
//! options of the verbs that use them, not of every command: anywhere else
//! they are a usage error. In `--help` a verb's own options come before the
//! global ones, and each group's help ends with examples.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on what they did not expect

mod common;

use common::{TestEnv, isolated_wsfleet, stderr_of, stdout_of, subcommands};
use serde_json::Value;

const DEVICE: &str = "0123456789abcdefghijklmn";

#[test]
fn a_flag_given_to_a_command_that_does_not_take_it_is_a_usage_error() {
    let home = tempfile::tempdir().unwrap();
    for args in [
        vec!["devices", "get", DEVICE, "--yes"],
        vec!["devices", "list", "--dry-run"],
        vec!["devices", "update", DEVICE, "--name", "x", "--yes"],
        vec!["workspaces", "start", "ws-abc12345", "--yes"],
        vec!["report", "--journal", "run.ndjson"],
        vec!["report", "--dry-run"],
        vec!["completions", "bash", "--concurrency", "4"],
        vec!["environments", "get", "a1b2c3d4e", "--resume", "run.ndjson"],
        // Before the group, a verb's flag is not known yet.
        vec!["--yes", "devices", "deregister", DEVICE],
        vec!["--dry-run", "devices", "delete", DEVICE],
    ] {
        let out = isolated_wsfleet(&home)
            .args(&args)
            .env("AWS_ENDPOINT_URL", "http://127.0.0.1:9")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr_of(&out));
        assert!(
            stderr_of(&out).contains("unexpected argument"),
            "{args:?}: {}",
            stderr_of(&out)
        );
        assert!(out.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn dry_run_after_a_verb_that_does_not_ask_prints_the_plan_and_sends_nothing() {
    let sb = TestEnv::start();
    let listed: Value = serde_json::from_slice(
        &sb.wsfleet()
            .args(["workspaces", "list", "-o", "json"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    let id = listed[0]["WorkspaceId"].as_str().unwrap().to_owned();
    sb.clear_requests();

    let out = sb
        .wsfleet()
        .args(["workspaces", "start", &id, "--dry-run", "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let plan: Value = serde_json::from_slice(&out.stdout).unwrap();
    let planned: Vec<&str> = plan
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["WorkspaceId"].as_str().unwrap())
        .collect();
    assert_eq!(planned, [id.as_str()]);
    assert!(stderr_of(&out).contains("dry run"), "{}", stderr_of(&out));
    let sent: Vec<String> = sb
        .requests()
        .into_iter()
        .map(|r| r.operation)
        .filter(|op| !op.starts_with("Describe"))
        .collect();
    assert!(sent.is_empty(), "a dry run sent {sent:?}");
}

#[test]
fn a_verbs_own_options_come_before_the_global_ones() {
    let home = tempfile::tempdir().unwrap();
    let out = isolated_wsfleet(&home)
        .args(["devices", "deregister", "--help"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let help = stdout_of(&out);
    let position = |text: &str| {
        help.find(text)
            .unwrap_or_else(|| panic!("no {text:?} in\n{help}"))
    };
    let global = position("\nGlobal options:\n");
    for own in [
        "--yes",
        "--dry-run",
        "--journal",
        "--resume",
        "--concurrency",
    ] {
        assert!(position(own) < global, "{own} after the global heading");
    }
    assert!(position("--profile") > global, "{help}");
    assert!(position("--output") > global, "{help}");

    // `get` changes nothing: none of the change options are offered.
    let out = isolated_wsfleet(&home)
        .args(["devices", "get", "--help"])
        .output()
        .unwrap();
    let help = stdout_of(&out);
    for absent in [
        "--yes",
        "--dry-run",
        "--journal",
        "--resume",
        "--concurrency",
    ] {
        assert!(!help.contains(absent), "devices get offers {absent}");
    }
}

#[test]
fn every_group_help_ends_with_examples_to_paste() {
    let home = tempfile::tempdir().unwrap();
    for group in [
        "devices",
        "environments",
        "software-sets",
        "workspaces",
        "applications",
        "images",
        "bundles",
        "sandbox",
    ] {
        let out = isolated_wsfleet(&home)
            .args([group, "--help"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{group}: {}", stderr_of(&out));
        let help = stdout_of(&out);
        let (_, examples) = help
            .rsplit_once("\nExamples:\n")
            .unwrap_or_else(|| panic!("{group} --help has no examples:\n{help}"));
        let lines: Vec<&str> = examples.trim_end().lines().collect();
        assert!((2..=4).contains(&lines.len()), "{group}: {lines:?}");
        for line in lines {
            assert!(
                line.starts_with("  wsfleet ") && line.contains(&format!(" {group}")),
                "{group}: {line:?} is not a command line of the group"
            );
        }
    }
}

/// The help page of `path`, as a script reads it (`-h`: one line a flag).
fn short_help(home: &tempfile::TempDir, path: &[&str]) -> String {
    let out = isolated_wsfleet(home)
        .args(path)
        .arg("-h")
        .output()
        .unwrap();
    assert!(out.status.success(), "{path:?} -h: {}", stderr_of(&out));
    stdout_of(&out)
}

/// One flag of a verb's own (not global) options: its long name, the help
/// heading it is listed under, and the first line of what it says.
#[derive(Debug)]
struct Flag {
    long: String,
    heading: String,
    says: String,
}

fn own_flags(help: &str) -> Vec<Flag> {
    let mut heading = String::new();
    let mut flags = Vec::new();
    for line in help.lines() {
        if !line.starts_with(' ') && line.ends_with(':') {
            heading = line.trim_end_matches(':').to_owned();
            if heading == "Global options" {
                break;
            }
            continue;
        }
        let rest = line
            .strip_prefix("  ")
            .map(|l| l.strip_prefix("    ").unwrap_or(l))
            .map(|l| {
                l.get(4..)
                    .filter(|_| l.starts_with('-') && l.get(2..4) == Some(", "))
                    .unwrap_or(l)
            });
        let Some(flag) = rest.and_then(|l| l.strip_prefix("--")) else {
            continue;
        };
        let long: String = flag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        let says = flag
            .split_once("  ")
            .map(|(_, says)| says.trim().to_owned())
            .unwrap_or_default();
        flags.push(Flag {
            long,
            heading: heading.clone(),
            says,
        });
    }
    flags
}

/// Verbs that make something new: nothing is selected, every flag
/// describes the new resource (`workspaces create --bundle`).
const CREATING: [&str; 7] = [
    "create",
    "create-updated",
    "import",
    "import-custom",
    "copy",
    "register",
    "invite",
];

/// Issue #19 point 5: in a verb that changes existing resources, a flag
/// with the name of one of its group's `list` filters selects, as in `list`
/// (listed under "Filters", saying the same); a flag that sets a value is
/// never named like a filter (`--set-name`, `--to-directory`).
#[test]
fn no_mutating_verb_has_a_flag_that_names_a_list_filter_and_sets_a_value() {
    let home = tempfile::tempdir().unwrap();
    let root = short_help(&home, &[]);
    let mut checked = 0;
    let mut broken = Vec::new();
    for group in subcommands(&root) {
        let verbs = subcommands(&short_help(&home, &[&group]));
        if !verbs.iter().any(|v| v == "list") {
            continue;
        }
        let filters: Vec<Flag> = own_flags(&short_help(&home, &[&group, "list"]))
            .into_iter()
            .filter(|f| !["help", "version", "details", "concurrency"].contains(&f.long.as_str()))
            .collect();
        for verb in verbs.iter().filter(|v| !CREATING.contains(&v.as_str())) {
            let flags = own_flags(&short_help(&home, &[&group, verb]));
            if !flags.iter().any(|f| f.long == "dry-run") {
                continue; // changes nothing
            }
            checked += 1;
            for flag in &flags {
                let Some(filter) = filters.iter().find(|f| f.long == flag.long) else {
                    assert_ne!(
                        flag.heading, "Filters",
                        "{group} {verb} --{}: a filter `list` lacks",
                        flag.long
                    );
                    continue;
                };
                if flag.heading != "Filters" || flag.says != filter.says {
                    broken.push(format!(
                        "{group} {verb} --{} ({}: {:?}) is `{group} list`'s filter ({:?})",
                        flag.long, flag.heading, flag.says, filter.says
                    ));
                }
            }
            for change in flags.iter().filter(|f| f.heading == "Changes") {
                assert!(
                    change.long.starts_with("set-"),
                    "{group} {verb} --{}",
                    change.long
                );
            }
        }
    }
    assert!(checked >= 20, "only {checked} mutating verbs found");
    assert!(
        broken.is_empty(),
        "flags that set a value under a filter's name:\n{}",
        broken.join("\n")
    );
}

#[test]
fn devices_update_help_says_what_selects_what_sets_and_that_devices_cannot_move() {
    let home = tempfile::tempdir().unwrap();
    let flags = own_flags(&short_help(&home, &["devices", "update"]));
    let heading = |long: &str| {
        flags
            .iter()
            .find(|f| f.long == long)
            .map(|f| f.heading.as_str())
            .unwrap_or_else(|| panic!("no --{long} in {flags:?}"))
    };
    for filter in ["name", "software-set", "environment", "status", "tag"] {
        assert_eq!(heading(filter), "Filters", "--{filter}");
    }
    for change in ["set-name", "set-software-set", "set-update-schedule"] {
        assert_eq!(heading(change), "Changes", "--{change}");
    }
    let out = isolated_wsfleet(&home)
        .args(["devices", "update", "--help"])
        .output()
        .unwrap();
    let help = stdout_of(&out)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        help.contains("The API cannot move a device to another environment"),
        "{help}"
    );
}

/// `devices update --name GLOB --set-software-set ID` sets the software set
/// of the devices whose name matches, and of no other.
#[test]
fn devices_update_selects_by_name_and_sets_the_software_set() {
    let sb = TestEnv::start();
    let text = |v: &Value, key: &str| v[key].as_str().unwrap_or_default().to_owned();
    let ids = |listed: &Value| -> Vec<String> {
        listed
            .as_array()
            .unwrap()
            .iter()
            .map(|d| text(d, "id"))
            .collect()
    };
    // What `devices` prints as JSON with `args` after it.
    let json = |args: &[&str]| -> Value {
        let mut all = vec!["devices"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["-o", "json"]);
        sb.run(&all).success().json()
    };
    let before = json(&["list"]);
    let select = ["--name", "ret-*", "--status", "registered"];
    let retail = ids(&json(&[&["list"][..], &select].concat()));
    assert!(retail.len() >= 2, "{retail:?}");
    let sets = sb
        .run(&["software-sets", "list", "-o", "json"])
        .success()
        .json();
    let set = text(&sets[0], "id");

    // The plan lists exactly the devices `list` shows with those filters.
    let update = [&["update", "--set-software-set", &set][..], &select].concat();
    let plan = json(&[&update[..], &["--dry-run"]].concat());
    assert_eq!(ids(&plan), retail);

    sb.clear_requests();
    json(&update);
    let mut sent: Vec<String> = sb
        .requests_for("UpdateDevice")
        .iter()
        .map(|r| r.resource.clone().unwrap())
        .collect();
    sent.sort();
    let mut expected = retail.clone();
    expected.sort();
    assert_eq!(sent, expected);
    for device in json(&["list"]).as_array().unwrap() {
        let id = text(device, "id");
        let was = before
            .as_array()
            .unwrap()
            .iter()
            .find(|d| text(d, "id") == id)
            .unwrap();
        if retail.contains(&id) {
            assert_eq!(text(device, "desiredSoftwareSetId"), set, "{id}");
            assert_eq!(device["name"], was["name"], "{id} renamed");
        } else {
            for field in ["desiredSoftwareSetId", "name", "softwareSetUpdateSchedule"] {
                assert_eq!(
                    device[field], was[field],
                    "{id}: {field} changed, not selected"
                );
            }
        }
    }

    // Many devices by name, one new name: refused before any request.
    sb.clear_requests();
    let run = sb.run(&["devices", "update", "--name", "ret-*", "--set-name", "x"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("--set-name would give"),
        "{}",
        run.stderr
    );
    assert!(sb.requests_for("UpdateDevice").is_empty());

    // `--software-set` selects too: the devices on that set.
    let on_set = ids(&json(&["list", "--software-set", &set]));
    let schedule = ["--set-update-schedule", "apply-immediately", "--dry-run"];
    let plan = json(&[&["update", "--software-set", &set][..], &schedule].concat());
    assert_eq!(ids(&plan), on_set);
}

/// Issue #19 point 7: an example is pasted into a shell, so clap must not
/// wrap it at the terminal's width: at 80 columns every command's examples
/// read as at 200, each example line whole.
#[test]
fn help_examples_are_the_same_lines_at_80_and_200_columns() {
    let home = tempfile::tempdir().unwrap();
    let help_at = |path: &[String], columns: &str| {
        let out = isolated_wsfleet(&home)
            .args(path)
            .arg("--help")
            .env("COLUMNS", columns)
            .output()
            .unwrap();
        assert!(out.status.success(), "{path:?}: {}", stderr_of(&out));
        let help = stdout_of(&out);
        help.rsplit_once("\nExamples:\n")
            .map(|(_, examples)| examples.to_owned())
    };
    let mut pending: Vec<Vec<String>> = vec![Vec::new()];
    let (mut seen, mut long_lines) = (0, 0);
    while let Some(path) = pending.pop() {
        let words: Vec<&str> = path.iter().map(String::as_str).collect();
        for sub in subcommands(&short_help(&home, &words)) {
            let mut deeper = path.clone();
            deeper.push(sub);
            pending.push(deeper);
        }
        let (Some(narrow), wide) = (help_at(&path, "80"), help_at(&path, "200")) else {
            continue;
        };
        seen += 1;
        assert_eq!(Some(&narrow), wide.as_ref(), "{path:?} at 80 columns");
        // Wider than 80 too: what clap would have cut.
        if narrow.lines().any(|line| line.len() > 80) {
            long_lines += 1;
        }
    }
    assert!(seen > 100, "only {seen} help pages with examples");
    assert!(
        long_lines > 0,
        "no example is wider than 80: the test proves nothing"
    );
}
