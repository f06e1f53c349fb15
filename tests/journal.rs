//! The bulk journal end to end: a deregistration interrupted by Ctrl-C and
//! finished with `--resume` does every target exactly once, and the resumed
//! run carries the tokens the journal recorded.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use common::process::{send_sigint, start_bulk, wait_for_requests};
use common::{TestEnv, stderr_of};
use serde_json::Value;
use wsfleet_sandbox::Config;

fn registered_device_ids(sb: &TestEnv) -> Vec<String> {
    let out = sb
        .wsfleet()
        .args(["devices", "list", "--status", "registered", "-o", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr_of(&out));
    let listed: Value = serde_json::from_slice(&out.stdout).unwrap();
    listed
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["id"].as_str().unwrap().to_owned())
        .collect()
}

/// The journal's targets line (after the start line): each target's client token.
fn journaled_tokens(path: &std::path::Path) -> HashMap<String, String> {
    let text = std::fs::read_to_string(path).unwrap();
    let start: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert_eq!(start["kind"], "start");
    let targets: Value = serde_json::from_str(text.lines().nth(1).unwrap()).unwrap();
    assert_eq!(targets["kind"], "targets");
    targets["targets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["id"].as_str().unwrap().to_owned(),
                t["client_token"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

#[test]
fn an_interrupted_deregistration_resumes_and_every_target_is_done_exactly_once() {
    let sb = TestEnv::with(Config {
        devices: 500,
        latency: Duration::from_millis(20),
        transition: Duration::from_millis(100),
        ..Config::default()
    });
    let ids = registered_device_ids(&sb);
    assert!(ids.len() >= 200, "only {} registered", ids.len());
    let journal = sb.path("deregister.ndjson");
    let journal_arg = journal.to_str().unwrap();
    sb.clear_requests();

    // First run: interrupted once a good part is done.
    let child = start_bulk(
        &sb,
        &[
            "devices",
            "deregister",
            "--yes",
            "--concurrency",
            "4",
            "--journal",
            journal_arg,
        ],
        &ids,
    );
    wait_for_requests(&sb, "DeregisterDevice", 60);
    send_sigint(&child);
    let first = child.wait_with_output().unwrap();
    assert_eq!(first.status.code(), Some(130), "{}", stderr_of(&first));
    assert!(
        stderr_of(&first).contains(&format!("--resume {journal_arg}")),
        "the summary says how to finish: {}",
        stderr_of(&first)
    );
    let first_results: Value = serde_json::from_slice(&first.stdout).unwrap();
    let done_first: HashSet<String> = first_results
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["outcome"] == "done")
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect();
    assert!(!done_first.is_empty() && done_first.len() < ids.len());
    let tokens = journaled_tokens(&journal);
    assert_eq!(tokens.len(), ids.len());
    let sent_in_first = sb.requests().len();

    // Second run: --resume alone names the targets.
    let resumed = sb
        .wsfleet()
        .args(["devices", "deregister", "--yes"])
        .args(["--resume", journal_arg, "--journal"])
        .arg(sb.path("resumed.ndjson"))
        .args(["--concurrency", "8", "-o", "json"])
        .output()
        .unwrap();
    assert_eq!(resumed.status.code(), Some(0), "{}", stderr_of(&resumed));
    let resumed_results: Value = serde_json::from_slice(&resumed.stdout).unwrap();
    let resumed_results = resumed_results.as_array().unwrap();
    assert_eq!(resumed_results.len(), ids.len());
    assert!(resumed_results.iter().all(|r| r["outcome"] == "done"));

    // The request log: each target deregistered exactly once over both
    // runs, always with the journaled token; the resumed run sent nothing
    // for what the first had done.
    let mut successes: HashMap<String, usize> = HashMap::new();
    for (n, request) in sb.requests().iter().enumerate() {
        if request.operation != "DeregisterDevice" {
            continue;
        }
        let id = request.resource.clone().unwrap();
        assert_eq!(
            request.client_token.as_ref(),
            tokens.get(&id),
            "{id} was sent without its journaled token"
        );
        if n >= sent_in_first {
            assert!(!done_first.contains(&id), "{id} was done, then sent again");
        }
        if (200..300).contains(&request.status) {
            *successes.entry(id).or_default() += 1;
        }
    }
    assert_eq!(successes.len(), ids.len());
    assert!(successes.values().all(|&n| n == 1), "{successes:?}");
    for id in &ids {
        let status = sb.sandbox().device(id).unwrap()["status"].clone();
        assert_ne!(status, "REGISTERED", "{id}");
    }
}

/// `n` registered devices, as an `--ids-from` file.
fn ids_file(sb: &TestEnv, n: usize) -> (Vec<String>, std::path::PathBuf) {
    let ids: Vec<String> = registered_device_ids(sb).into_iter().take(n).collect();
    let file = sb.path("ids.txt");
    std::fs::write(&file, ids.join("\n")).unwrap();
    (ids, file)
}

/// Keeps the journal's start and targets lines and the first `done`
/// results: a run that stopped there.
fn cut_journal(path: &std::path::Path, done: usize) {
    let text = std::fs::read_to_string(path).unwrap();
    let kept: Vec<&str> = text.lines().take(2 + done).collect();
    std::fs::write(path, kept.join("\n") + "\n").unwrap();
}

/// A journal as a run that stopped after its targets line leaves it: the
/// start line `start`, then `ids` with a token each.
fn write_started_journal(path: &std::path::Path, start: &str, ids: &[String]) {
    let targets = serde_json::json!({
        "kind": "targets",
        "targets": ids
            .iter()
            .enumerate()
            .map(|(i, id)| serde_json::json!({ "id": id, "client_token": format!("token-{i}") }))
            .collect::<Vec<_>>(),
    });
    std::fs::write(path, format!("{start}\n{targets}\n")).unwrap();
}

/// Runs a command that must be refused before any request: exit 2, one
/// error naming `expected`, and nothing sent to the sandbox.
fn refused_before_any_request(sb: &TestEnv, args: &[&str], expected: &str) -> String {
    sb.clear_requests();
    let run = sb.run(args);
    assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
    assert!(run.stderr.contains(expected), "{args:?}: {}", run.stderr);
    assert!(
        sb.requests().is_empty(),
        "{args:?} sent {:?}",
        sb.requests()
            .iter()
            .map(|r| r.operation.clone())
            .collect::<Vec<_>>()
    );
    run.stderr
}

#[test]
fn a_resume_is_bound_to_its_command_and_just_the_verb_finishes_it() {
    let sb = TestEnv::start();
    let (ids, file) = ids_file(&sb, 6);
    let file = file.to_str().unwrap();
    let journal = sb.path("update.ndjson");
    let journal = journal.to_str().unwrap();
    let update = [
        "devices",
        "update",
        "--ids-from",
        file,
        "--set-update-schedule",
        "apply-immediately",
    ];
    // One at a time: the journal's results are in the targets' order.
    let first = [&update[..], &["--journal", journal, "--concurrency", "1"]].concat();
    sb.run(&first).success();
    let start: Value = serde_json::from_str(
        std::fs::read_to_string(journal)
            .unwrap()
            .lines()
            .next()
            .unwrap(),
    )
    .unwrap();
    assert_eq!(start["resource"], "devices");
    assert_eq!(start["action"], "update");
    assert_eq!(
        start["parameters"][0]["words"][0],
        "--set-update-schedule=apply-immediately"
    );
    cut_journal(std::path::Path::new(journal), 2);

    // Targets on the command line other than the journal's.
    let three: Vec<&str> = ids[..3].iter().map(String::as_str).collect();
    let mut args = vec!["devices", "update", "--resume", journal];
    args.extend(&three);
    refused_before_any_request(
        &sb,
        &args,
        "leaves out targets the journal has not finished",
    );
    let mut args = vec![
        "devices",
        "update",
        "--resume",
        journal,
        "0123456789abcdefghijklmn",
    ];
    args.extend(ids.iter().map(String::as_str));
    refused_before_any_request(&sb, &args, "names targets the journal does not have");
    // Another value of the change's parameter.
    let err = refused_before_any_request(
        &sb,
        &[
            "devices",
            "update",
            "--resume",
            journal,
            "--set-update-schedule",
            "use-maintenance-window",
        ],
        "--set-update-schedule",
    );
    assert!(err.contains("apply-immediately"), "{err}");
    refused_before_any_request(
        &sb,
        &["devices", "update", "--resume", journal, "--set-name", "x"],
        "--set-name",
    );
    // Another command.
    refused_before_any_request(
        &sb,
        &["environments", "update", "--resume", journal],
        "that journal is of `devices update`",
    );
    refused_before_any_request(
        &sb,
        &["devices", "tag", "--resume", journal],
        "that journal is of `devices update`",
    );

    // The cut journal's last four were applied all the same; put them back,
    // or the resume's plan finds them unchanged and rightly sends nothing.
    let undo = || {
        let mut args = vec![
            "devices",
            "update",
            "--update-schedule",
            "use-maintenance-window",
        ];
        args.extend(ids[2..].iter().map(String::as_str));
        sb.run(&args).success();
    };
    undo();
    // Just the verb: the journal's parameters and targets; only what was
    // left is sent.
    sb.clear_requests();
    let run = sb
        .run(&["devices", "update", "--resume", journal, "-o", "json"])
        .success();
    assert_eq!(run.json().as_array().unwrap().len(), 6);
    let sent = sb.requests_for("UpdateDevice");
    assert_eq!(sent.len(), 4, "{sent:?}");
    for id in &ids[2..] {
        assert!(sent.iter().any(|r| r.resource.as_deref() == Some(id)));
    }
    // The same command in full resumes too.
    undo();
    sb.clear_requests();
    sb.run(&[&update[..], &["--resume", journal]].concat())
        .success();
    assert_eq!(sb.requests_for("UpdateDevice").len(), 4);
}

#[test]
fn just_the_verb_resumes_tag_and_untag() {
    let sb = TestEnv::start();
    let (ids, file) = ids_file(&sb, 4);
    let file = file.to_str().unwrap();
    for (verb, words) in [("tag", "team=lobby"), ("untag", "team")] {
        let journal = sb.path(&format!("{verb}.ndjson"));
        let journal = journal.to_str().unwrap();
        sb.run(&[
            "devices",
            verb,
            "--ids-from",
            file,
            words,
            "--journal",
            journal,
            "--concurrency",
            "1",
        ])
        .success();
        cut_journal(std::path::Path::new(journal), 1);
        sb.clear_requests();
        let run = sb
            .run(&["devices", verb, "--resume", journal, "-o", "json"])
            .success();
        assert_eq!(run.json().as_array().unwrap().len(), ids.len(), "{verb}");
        let operation = if verb == "tag" {
            "TagResource"
        } else {
            "UntagResource"
        };
        assert_eq!(sb.requests_for(operation).len(), ids.len() - 1, "{verb}");
    }
}

#[test]
fn a_malformed_journal_is_refused_naming_the_line_before_any_request() {
    let sb = TestEnv::start();
    let (_, file) = ids_file(&sb, 3);
    let journal = sb.path("good.ndjson");
    sb.run(&[
        "devices",
        "tag",
        "--ids-from",
        file.to_str().unwrap(),
        "k=v",
        "--journal",
        journal.to_str().unwrap(),
    ])
    .success();
    let good = std::fs::read_to_string(&journal).unwrap();
    let lines: Vec<&str> = good.lines().collect();
    let targets: Value = serde_json::from_str(lines[1]).unwrap();
    let mut one_token = targets.clone();
    for target in one_token["targets"].as_array_mut().unwrap() {
        target["client_token"] = Value::from("same-token");
    }
    let unknown_outcome = lines[2].replace("\"done\"", "\"maybe\"");
    let cases: Vec<(String, String, &str)> = vec![
        (
            "garbage".into(),
            format!(
                "{}\n{}\nnot json at all\n{}\n",
                lines[0], lines[1], lines[2]
            ),
            "line 3",
        ),
        (
            "two-starts".into(),
            format!("{}\n{}\n{}\n{}\n", lines[0], lines[1], lines[0], lines[2]),
            "line 3: a second start",
        ),
        (
            "one-token".into(),
            format!("{}\n{}\n", lines[0], one_token),
            "line 2",
        ),
        (
            "unknown-outcome".into(),
            format!("{}\n{}\n{unknown_outcome}\n", lines[0], lines[1]),
            "line 3: unknown outcome",
        ),
        ("no-targets".into(), format!("{}\n", lines[0]), "line 2"),
        (
            "huge-line".into(),
            format!("{}\n{}\n", lines[0], "x".repeat(17 * 1024 * 1024)),
            "line 2 is longer than 16 MiB",
        ),
    ];
    for (name, text, expected) in cases {
        let path = sb.path(&format!("{name}.ndjson"));
        std::fs::write(&path, text).unwrap();
        refused_before_any_request(
            &sb,
            &["devices", "tag", "--resume", path.to_str().unwrap()],
            expected,
        );
    }
    // Not a file of lines at all: a bounded read, one error line.
    let err = refused_before_any_request(
        &sb,
        &["devices", "tag", "--resume", "/dev/zero"],
        "longer than 16 MiB",
    );
    assert!(!err.contains("backtrace"), "{err}");
    refused_before_any_request(
        &sb,
        &[
            "devices",
            "tag",
            "--resume",
            sb.home.path().to_str().unwrap(),
        ],
        "directory",
    );
}

#[test]
fn a_journal_that_cannot_be_written_is_refused_before_any_request() {
    let sb = TestEnv::start();
    let (_, file) = ids_file(&sb, 2);
    let file = file.to_str().unwrap();
    let update = |journal: &str| {
        vec![
            "devices".to_owned(),
            "update".to_owned(),
            "--ids-from".to_owned(),
            file.to_owned(),
            "--update-schedule".to_owned(),
            "apply-immediately".to_owned(),
            "--journal".to_owned(),
            journal.to_owned(),
        ]
    };
    let directory = sb.home.path().to_str().unwrap().to_owned();
    for journal in [directory.as_str(), "/dev/full"] {
        let args = update(journal);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let err = refused_before_any_request(&sb, &args, journal);
        assert!(err.contains("--journal FILE"), "{err}");
    }

    // The default state directory is a file.
    let blocked = tempfile::tempdir().unwrap();
    let not_a_dir = blocked.path().join("state");
    std::fs::write(&not_a_dir, "").unwrap();
    sb.clear_requests();
    let out = sb
        .wsfleet()
        .env("XDG_STATE_HOME", &not_a_dir)
        .args(["devices", "update", "--ids-from", file])
        .args(["--update-schedule", "apply-immediately"])
        .output()
        .unwrap();
    let err = stderr_of(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains(&not_a_dir.display().to_string()), "{err}");
    assert!(err.contains("--journal FILE"), "{err}");
    assert!(sb.requests().is_empty());
}

#[cfg(unix)]
#[test]
fn journals_are_private_and_old_finished_ones_are_pruned() {
    use std::os::unix::fs::PermissionsExt;
    let sb = TestEnv::start();
    let (_, file) = ids_file(&sb, 2);
    let file = file.to_str().unwrap();
    let own = sb.path("own.ndjson");
    sb.run(&[
        "devices",
        "tag",
        "--ids-from",
        file,
        "a=b",
        "--journal",
        own.to_str().unwrap(),
    ])
    .success();
    let mode = std::fs::metadata(&own).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);

    let dir = sb.home.path().join("state/wsfleet/journal");
    std::fs::create_dir_all(&dir).unwrap();
    let month_ago = std::time::SystemTime::now() - Duration::from_secs(31 * 24 * 3600);
    let old_finished = dir.join("1-devices-tag.finished.ndjson");
    let old_unfinished = dir.join("2-devices-tag.ndjson");
    let new_finished = dir.join("3-devices-tag.finished.ndjson");
    for path in [&old_finished, &old_unfinished, &new_finished] {
        std::fs::write(path, "{}\n").unwrap();
    }
    for path in [&old_finished, &old_unfinished] {
        std::fs::File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(month_ago)
            .unwrap();
    }
    sb.run(&["devices", "tag", "--ids-from", file, "c=d"])
        .success();
    assert!(!old_finished.exists(), "an old finished journal is pruned");
    assert!(old_unfinished.exists(), "a journal with work left is kept");
    assert!(new_finished.exists(), "a recent finished journal is kept");
    // This run finished every target: its journal is marked finished.
    let finished: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".finished.ndjson") && !n.starts_with("3-"))
        .collect();
    assert_eq!(finished.len(), 1, "{finished:?}");
    let mode = std::fs::metadata(dir.join(&finished[0]))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
}

/// A journal written before the flag rule recorded `devices update
/// --name=x` as "rename to x"; read now, `--name` would select the devices
/// named x. Its format is older than this wsfleet's: refused, naming it and
/// saying to run the command again, and no device is renamed.
#[test]
fn a_journal_of_before_the_flag_rule_is_refused_not_read_anew() {
    let sb = TestEnv::start();
    let (ids, _) = ids_file(&sb, 2);
    let journal = sb.path("old-update.ndjson");
    let start = r#"{"kind":"start","format":2,"resource":"devices","action":"update","parameters":[{"name":"name","flag":"--name","words":["--name=x"]}]}"#;
    write_started_journal(&journal, start, &ids);
    let names_before: Vec<Value> = ids
        .iter()
        .map(|id| sb.sandbox().device(id).unwrap()["name"].clone())
        .collect();

    let journal = journal.to_str().unwrap();
    let err = refused_before_any_request(
        &sb,
        &["devices", "update", "--resume", journal],
        "run the command again",
    );
    assert!(err.contains(journal), "the journal is named: {err}");
    assert!(err.contains("format 2"), "{err}");
    assert_eq!(
        err.lines().filter(|l| l.starts_with("error:")).count(),
        1,
        "{err}"
    );
    let names_after: Vec<Value> = ids
        .iter()
        .map(|id| sb.sandbox().device(id).unwrap()["name"].clone())
        .collect();
    assert_eq!(names_before, names_after);
}

/// Of the earlier format, only `devices update` means otherwise now: a
/// format-2 journal of any other verb still resumes and finishes its work.
#[test]
fn a_journal_of_before_the_flag_rule_of_another_verb_still_resumes() {
    let sb = TestEnv::start();
    let (ids, _) = ids_file(&sb, 2);
    let journal = sb.path("old-deregister.ndjson");
    let start =
        r#"{"kind":"start","format":2,"resource":"devices","action":"deregister","parameters":[]}"#;
    write_started_journal(&journal, start, &ids);
    sb.clear_requests();

    sb.run(&[
        "devices",
        "deregister",
        "--yes",
        "--resume",
        journal.to_str().unwrap(),
    ])
    .success();
    let sent: Vec<String> = sb
        .requests()
        .iter()
        .filter(|r| r.operation == "DeregisterDevice")
        .filter_map(|r| r.resource.clone())
        .collect();
    assert_eq!(sent.len(), 2, "{sent:?}");
    assert!(ids.iter().all(|id| sent.contains(id)), "{sent:?}");
}
