//! A corpus of malformed input, each case run through the real binary
//! against a sandbox: every one must end with a single error line naming
//! the bad part, exit 2, and not one request sent.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{TestEnv, stderr_of};

/// A well-formed device ID: the cases that use it fail on something else.
const DEVICE: &str = "abcdefghijklmnopqrstuvwx";
const DESKTOP_ARN: &str = "arn:aws:workspaces:us-east-1:123456789012:directory/d-1234567890";

struct Case {
    args: &'static [&'static str],
    env: &'static [(&'static str, &'static str)],
    stdin: Option<&'static [u8]>,
    /// What the error line must contain: the bad part, named.
    expected: &'static str,
}

const fn case(args: &'static [&'static str], expected: &'static str) -> Case {
    Case {
        args,
        env: &[],
        stdin: None,
        expected,
    }
}

const fn with_env(
    env: &'static [(&'static str, &'static str)],
    args: &'static [&'static str],
    expected: &'static str,
) -> Case {
    Case {
        args,
        env,
        stdin: None,
        expected,
    }
}

const fn with_stdin(
    stdin: &'static [u8],
    args: &'static [&'static str],
    expected: &'static str,
) -> Case {
    Case {
        args,
        env: &[],
        stdin: Some(stdin),
        expected,
    }
}

const CASES: &[Case] = &[
    // IDs of the wrong shape. A word that could be a name (`short`,
    // `Retail Kiosks`) is looked up as one: tests/names.rs.
    case(&["devices", "get", ""], "invalid device ID ''"),
    case(
        &["devices", "get", "arn:aws:thinclient:x"],
        "invalid device ID 'arn:aws:thinclient:x'",
    ),
    case(
        &["devices", "delete", "--yes", DEVICE, "x\u{1b}[31m"],
        "invalid device ID 'x?[31m'",
    ),
    case(
        &["environments", "get", "ws-abc"],
        "invalid environment ID 'ws-abc'",
    ),
    case(
        &["software-sets", "get", "d-12a"],
        "invalid software set ID 'd-12a'",
    ),
    case(
        &["workspaces", "get", "ws-ABC"],
        "invalid WorkSpace ID 'ws-ABC'",
    ),
    case(
        &["workspaces", "reboot", "--yes", "ws-short"],
        "invalid WorkSpace ID 'ws-short'",
    ),
    case(
        &["workspaces", "list", "--directory", "d-xyz"],
        "invalid directory ID 'd-xyz'",
    ),
    case(
        &["workspaces", "list", "--bundle", "wsb-1"],
        "invalid bundle ID 'wsb-1'",
    ),
    case(&["images", "get", "wsi-abc"], "invalid image ID 'wsi-abc'"),
    case(
        &["images", "delete", "--yes", "wsi-ABCDEFGHI"],
        "invalid image ID 'wsi-ABCDEFGHI'",
    ),
    case(
        &[
            "devices",
            "tag",
            "arn:aws:thinclient:us-east-1:123456789012:environment/abc123xyz",
            "k=v",
        ],
        "is not the ARN of a device",
    ),
    case(
        &["environments", "create", "--desktop-arn", "not-an-arn"],
        "invalid --desktop-arn 'not-an-arn'",
    ),
    case(
        &[
            "environments",
            "create",
            "--desktop-arn",
            DESKTOP_ARN,
            "--kms-key-arn",
            "arn:aws:kms:us-east-1:123456789012:alias/mine",
        ],
        "--kms-key-arn",
    ),
    // Unknown enum values.
    case(
        &["devices", "list", "--status", "bogus"],
        "'bogus' for '--status",
    ),
    case(&["-o", "yaml", "devices", "list"], "'yaml' for '--output"),
    case(
        &["devices", "list", "--compliance", "maybe"],
        "'maybe' for '--compliance",
    ),
    case(
        &[
            "devices",
            "deregister",
            "--yes",
            DEVICE,
            "--target-status",
            "gone",
        ],
        "'gone' for '--target-status",
    ),
    case(
        &["devices", "update", DEVICE, "--update-schedule", "later"],
        "'later' for '--set-update-schedule",
    ),
    case(
        &["workspaces", "list", "--state", "FLYING"],
        "'FLYING' for '--state",
    ),
    case(
        &[
            "workspaces",
            "modify",
            "ws-abc12345",
            "--set-running-mode",
            "turbo",
        ],
        "'turbo' for '--set-running-mode",
    ),
    case(
        &[
            "workspaces",
            "modify",
            "ws-abc12345",
            "--set-compute-type",
            "huge",
        ],
        "'huge' for '--set-compute-type",
    ),
    case(
        &["--color", "rainbow", "devices", "list"],
        "'rainbow' for '--color",
    ),
    case(
        &[
            "software-sets",
            "update",
            "123",
            "--validation-status",
            "maybe",
        ],
        "'maybe' for '--validation-status",
    ),
    case(
        &["images", "list", "--type", "weird"],
        "'weird' for '--type",
    ),
    // Tags: no `=`, over AWS's limits, reserved, repeated.
    case(
        &["devices", "tag", DEVICE, "noequals"],
        "invalid tag 'noequals': expected Key=Value",
    ),
    case(&["devices", "tag", DEVICE, "=v"], "must not be empty"),
    case(
        &[
            "devices",
            "tag",
            DEVICE,
            "kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk=v",
        ],
        "longer than 128 characters",
    ),
    case(
        &[
            "devices",
            "tag",
            DEVICE,
            "k=vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv",
        ],
        "longer than 256 characters",
    ),
    case(&["devices", "tag", DEVICE, "aws:x=v"], "reserved"),
    case(
        &["devices", "tag", DEVICE, "a=1", "a=2"],
        "tag key 'a' given twice",
    ),
    case(
        &[
            "devices", "tag", DEVICE, "k0=v", "k1=v", "k2=v", "k3=v", "k4=v", "k5=v", "k6=v",
            "k7=v", "k8=v", "k9=v", "k10=v", "k11=v", "k12=v", "k13=v", "k14=v", "k15=v", "k16=v",
            "k17=v", "k18=v", "k19=v", "k20=v", "k21=v", "k22=v", "k23=v", "k24=v", "k25=v",
            "k26=v", "k27=v", "k28=v", "k29=v", "k30=v", "k31=v", "k32=v", "k33=v", "k34=v",
            "k35=v", "k36=v", "k37=v", "k38=v", "k39=v", "k40=v", "k41=v", "k42=v", "k43=v",
            "k44=v", "k45=v", "k46=v", "k47=v", "k48=v", "k49=v", "k50=v",
        ],
        "51 tags given; a resource holds at most 50",
    ),
    case(
        &["devices", "untag", DEVICE, "semi;colon"],
        "invalid tag key 'semi;colon'",
    ),
    case(
        &[
            "environments",
            "create",
            "--desktop-arn",
            DESKTOP_ARN,
            "--tag",
            "noeq",
        ],
        "invalid tag 'noeq'",
    ),
    case(
        &[
            "environments",
            "create",
            "--desktop-arn",
            DESKTOP_ARN,
            "--device-creation-tag",
            "site=",
        ],
        "a device creation tag needs a value",
    ),
    case(
        &[
            "workspaces",
            "create",
            "--directory",
            "d-90670b1234",
            "--user",
            "jdoe",
            "--bundle",
            "wsb-b0s22j3d7",
            "--tag",
            "=x",
        ],
        "invalid tag '=x'",
    ),
    case(
        &["devices", "list", "--tag", "noequals"],
        "invalid tag 'noequals'",
    ),
    // Maintenance windows out of range or malformed.
    case(
        &[
            "environments",
            "create",
            "--desktop-arn",
            DESKTOP_ARN,
            "--maintenance-window",
            "custom,MON-FRI,25:00-04:00",
        ],
        "hour 25 in '25:00' is out of range 0-23",
    ),
    case(
        &[
            "environments",
            "create",
            "--desktop-arn",
            DESKTOP_ARN,
            "--maintenance-window",
            "custom,MON-FRI,22:60-04:00",
        ],
        "minute 60 in '22:60' is out of range 0-59",
    ),
    case(
        &[
            "environments",
            "create",
            "--desktop-arn",
            DESKTOP_ARN,
            "--maintenance-window",
            "weekly",
        ],
        "the first part 'weekly' must be 'system' or 'custom'",
    ),
    case(
        &[
            "environments",
            "create",
            "--desktop-arn",
            DESKTOP_ARN,
            "--maintenance-window",
            "custom,FUNDAY,22:00-04:00",
        ],
        "unknown day 'FUNDAY'",
    ),
    case(
        &[
            "environments",
            "create",
            "--desktop-arn",
            DESKTOP_ARN,
            "--maintenance-window",
            "system,MON",
        ],
        "a system window takes nothing more, found 'MON'",
    ),
    case(
        &[
            "environments",
            "create",
            "--desktop-arn",
            DESKTOP_ARN,
            "--maintenance-window",
            "custom,MON,22:00",
        ],
        "time range '22:00' must be START-END",
    ),
    case(
        &[
            "environments",
            "create",
            "--desktop-arn",
            DESKTOP_ARN,
            "--maintenance-window",
            "custom,MON,TUE,22:00-04:00",
        ],
        "days given twice ('TUE')",
    ),
    case(
        &[
            "environments",
            "create",
            "--desktop-arn",
            DESKTOP_ARN,
            "--window-time",
            "2200-0400",
        ],
        "time '2200' must be HH:MM",
    ),
    case(
        &[
            "environments",
            "create",
            "--desktop-arn",
            DESKTOP_ARN,
            "--window-days",
            "MON-XYZ",
        ],
        "unknown day 'XYZ'",
    ),
    case(
        &[
            "environments",
            "create",
            "--desktop-arn",
            DESKTOP_ARN,
            "--maintenance-window",
            "system",
            "--window-time",
            "22:00-04:00",
        ],
        "a system maintenance window takes no days",
    ),
    case(
        &[
            "environments",
            "create",
            "--desktop-arn",
            DESKTOP_ARN,
            "--maintenance-window",
            "custom,MON",
        ],
        "needs its hours",
    ),
    // --columns naming what does not exist.
    case(
        &["devices", "list", "--columns", "id,nope"],
        "unknown column 'nope'",
    ),
    case(
        &["workspaces", "list", "--columns", "WorkspaceId,Bogus"],
        "unknown column 'Bogus'",
    ),
    case(
        &[
            "environments",
            "list",
            "--columns",
            "maintenanceWindow.nope",
        ],
        "unknown column 'maintenanceWindow.nope'",
    ),
    // --ids-from that is not a list of IDs.
    case(
        &["devices", "delete", "--yes", "--ids-from", "binary.bin"],
        "--ids-from binary.bin: binary data",
    ),
    case(
        &["devices", "delete", "--yes", "--ids-from", "truncated.json"],
        "--ids-from truncated.json: invalid JSON",
    ),
    case(
        &[
            "devices",
            "delete",
            "--yes",
            "--ids-from",
            "truncated.ndjson",
        ],
        "--ids-from truncated.ndjson: line 2: invalid JSON",
    ),
    case(
        &["devices", "delete", "--yes", "--ids-from", "garbage.bin"],
        "--ids-from garbage.bin: larger than 8 MiB",
    ),
    case(
        &["devices", "delete", "--yes", "--ids-from", "latin1.txt"],
        "--ids-from latin1.txt: not UTF-8",
    ),
    case(
        &["devices", "delete", "--yes", "--ids-from", "missing.txt"],
        "--ids-from missing.txt: cannot read",
    ),
    with_stdin(
        b"\x00\x01\x02\xff",
        &["devices", "deregister", "--yes", "--ids-from", "-"],
        "--ids-from stdin: binary data",
    ),
    with_stdin(
        b"[{\"name\": \"no id here\"}]",
        &["devices", "deregister", "--yes", "--ids-from", "-"],
        "--ids-from stdin",
    ),
    with_stdin(
        b"abcdefghijklmnopqrstuvwx\nnot a device id\n",
        &["devices", "deregister", "--yes", "--ids-from", "-"],
        "invalid device ID 'not a device id'",
    ),
    with_stdin(
        b"{\"WorkspaceId\": 42}\n",
        &["workspaces", "reboot", "--yes", "--ids-from", "-"],
        "--ids-from stdin",
    ),
    // Conflicting or missing flags.
    case(&["--quiet", "-v", "devices", "list"], "cannot be used with"),
    case(
        &[
            "devices",
            "update",
            DEVICE,
            "bcdefghijklmnopqrstuvwxy",
            "--set-name",
            "x",
        ],
        "--set-name would give 2 devices the same name",
    ),
    case(
        &[
            "--region",
            "us-east-1",
            "--region",
            "eu-west-1",
            "devices",
            "get",
            DEVICE,
        ],
        "one region",
    ),
    case(&["devices", "deregister", "--yes"], "which devices?"),
    case(&["devices", "update", DEVICE], "nothing to change"),
    case(
        &["devices", "delete", "--resume", "empty.txt", "--yes"],
        "'empty.txt' for '--resume <FILE>': not a wsfleet journal",
    ),
    case(&["devices", "deregister", DEVICE], "--yes"),
    // Numbers and durations out of range.
    case(
        &["devices", "list", "--concurrency", "0"],
        "'0' for '--concurrency",
    ),
    case(&["--timeout", "0", "devices", "list"], "'0' for '--timeout"),
    case(
        &[
            "devices",
            "deregister",
            "--yes",
            DEVICE,
            "--wait",
            "--wait-timeout",
            "5x",
        ],
        "invalid value '5x' for '--wait-timeout <DURATION>'",
    ),
    case(
        &[
            "workspaces",
            "modify",
            "ws-abc12345",
            "--set-root-volume-size",
            "big",
        ],
        "'big' for '--set-root-volume-size",
    ),
    // AWS_* (and WSFLEET_*) variables that make no sense.
    with_env(
        &[("AWS_MAX_ATTEMPTS", "abc")],
        &["devices", "list"],
        "invalid AWS_MAX_ATTEMPTS 'abc'",
    ),
    with_env(
        &[("AWS_MAX_ATTEMPTS", "0")],
        &["devices", "list"],
        "invalid AWS_MAX_ATTEMPTS '0'",
    ),
    with_env(
        &[("AWS_RETRY_MODE", "eventually")],
        &["devices", "list"],
        "invalid AWS_RETRY_MODE 'eventually'",
    ),
    with_env(
        &[("AWS_REGION", "bad region!")],
        &["devices", "list"],
        "invalid region 'bad region!'",
    ),
    case(
        &["--region", "us_east_1", "devices", "list"],
        "invalid region 'us_east_1'",
    ),
    with_env(
        &[("AWS_ENDPOINT_URL", "notaurl")],
        &["devices", "list"],
        "invalid AWS_ENDPOINT_URL 'notaurl'",
    ),
    with_env(
        &[("AWS_ENDPOINT_URL_WORKSPACES_THIN_CLIENT", "ftp://x")],
        &["devices", "list"],
        "invalid AWS_ENDPOINT_URL_WORKSPACES_THIN_CLIENT 'ftp://x'",
    ),
    with_env(
        &[("AWS_PROFILE", "nope")],
        &["devices", "list"],
        "no AWS profile 'nope'",
    ),
    with_env(
        &[("AWS_CONFIG_FILE", "a-directory")],
        &["devices", "list"],
        "cannot read the AWS config file a-directory",
    ),
    with_env(
        &[("AWS_SHARED_CREDENTIALS_FILE", "a-directory")],
        &["devices", "list"],
        "cannot read the AWS credentials file a-directory",
    ),
    with_env(
        &[("WSFLEET_OUTPUT", "xml")],
        &["devices", "list"],
        "'xml' for '--output",
    ),
    with_env(
        &[("WSFLEET_TIMEOUT", "never")],
        &["devices", "list"],
        "'never' for '--timeout",
    ),
    // AWS configuration files: bounded, and parsed or refused.
    with_env(
        &[("AWS_CONFIG_FILE", "/dev/zero")],
        &["devices", "list"],
        "cannot read the AWS config file /dev/zero: larger than 4 MiB",
    ),
    with_env(
        &[("AWS_SHARED_CREDENTIALS_FILE", "/dev/zero")],
        &["devices", "list"],
        "cannot read the AWS credentials file /dev/zero: larger than 4 MiB",
    ),
    with_env(
        &[("AWS_CONFIG_FILE", "unclosed.ini")],
        &["devices", "list"],
        "unclosed.ini on line 1: Profile definition must end with ']'",
    ),
    // Journals: bounded, checked line by line, bound to their command.
    case(
        &["devices", "update", "--resume", "/dev/zero"],
        "line 1 is longer than 16 MiB",
    ),
    case(
        &["devices", "update", "--resume", "a-directory"],
        "is a directory",
    ),
    case(
        &["devices", "update", "--resume", "garbage-line.ndjson"],
        "line 3 is not a journal line",
    ),
    case(
        &["devices", "update", "--resume", "two-starts.ndjson"],
        "line 3: a second start",
    ),
    case(
        &["devices", "update", "--resume", "shared-token.ndjson"],
        "share one client token",
    ),
    case(
        &["devices", "update", "--resume", "unknown-outcome.ndjson"],
        "line 3: unknown outcome 'maybe'",
    ),
    case(
        &[
            "devices",
            "update",
            "--resume",
            "before-the-flag-rule.ndjson",
        ],
        "run the command again",
    ),
    case(
        &["devices", "tag", "--resume", "update.ndjson"],
        "that journal is of `devices update`",
    ),
    case(
        &["environments", "update", "--resume", "update.ndjson"],
        "that journal is of `devices update`",
    ),
    case(
        &[
            "devices",
            "update",
            "--resume",
            "update.ndjson",
            "--set-name",
            "y",
        ],
        "--set-name: the journaled run had --set-name=x, this command --set-name=y",
    ),
    case(
        &[
            "devices",
            "update",
            "--resume",
            "update.ndjson",
            "zyxwvutsrqponmlkjihgfedc",
        ],
        "names targets the journal does not have: zyxwvutsrqponmlkjihgfedc",
    ),
    case(
        &[
            "devices",
            "update",
            DEVICE,
            "--set-name",
            "x",
            "--journal",
            "a-directory",
        ],
        "journal a-directory: cannot write",
    ),
    case(
        &[
            "devices",
            "update",
            DEVICE,
            "--set-name",
            "x",
            "--journal",
            "/dev/full",
        ],
        "journal /dev/full: cannot write",
    ),
    // Invisible characters are shown, not passed on.
    case(
        &[
            "devices",
            "update",
            "--ids-from",
            "bidi.txt",
            "--set-name",
            "x",
        ],
        "abc\\u{202e}def",
    ),
];

/// A journal's start line as wsfleet wrote it before the flag rule.
const FLAG_RULE_START: &str = r#"{"kind":"start","format":2,"resource":"devices","action":"update","parameters":[{"name":"name","flag":"--name","words":["--name=x"]}]}"#;

/// The files the `--ids-from`, `--resume` and profile cases name, made in
/// the test's scratch directory (the commands run there).
fn write_inputs(sb: &TestEnv) {
    std::fs::write(sb.path("empty.txt"), "").unwrap();
    std::fs::write(sb.path("binary.bin"), [0x7f, b'E', b'L', b'F', 0, 1, 2, 3]).unwrap();
    std::fs::write(
        sb.path("truncated.json"),
        format!("[{{\"id\": \"{DEVICE}\"}}, {{\"id\": \"abc"),
    )
    .unwrap();
    std::fs::write(
        sb.path("truncated.ndjson"),
        format!("{{\"id\": \"{DEVICE}\"}}\n{{\"id\": \"abc"),
    )
    .unwrap();
    std::fs::write(sb.path("latin1.txt"), b"caf\xe9\n").unwrap();
    // 10 MB of printable garbage: not binary, just far too much.
    let garbage: Vec<u8> = (0..10_000_000u32)
        .map(|i| b"qwertyuiop;.,[]\n"[(i.wrapping_mul(2_654_435_761) >> 28) as usize])
        .collect();
    std::fs::write(sb.path("garbage.bin"), garbage).unwrap();
    std::fs::create_dir_all(sb.path("a-directory")).unwrap();
    let start = r#"{"kind":"start","format":3,"resource":"devices","action":"update","parameters":[{"name":"new_name","flag":"--set-name","words":["--set-name=x"]}]}"#;
    let targets = format!(
        r#"{{"kind":"targets","targets":[{{"id":"{DEVICE}","client_token":"t1"}},{{"id":"bcdefghijklmnopqrstuvwxy","client_token":"t2"}}]}}"#
    );
    let shared = targets.replace("t2", "t1");
    let result = format!(r#"{{"kind":"result","id":"{DEVICE}","outcome":"done"}}"#);
    let unknown = result.replace("done", "maybe");
    for (name, lines) in [
        ("update.ndjson", vec![start, &targets, &result]),
        (
            "garbage-line.ndjson",
            vec![start, &targets, "oops", &result],
        ),
        ("two-starts.ndjson", vec![start, &targets, start]),
        ("shared-token.ndjson", vec![start, &shared]),
        ("unknown-outcome.ndjson", vec![start, &targets, &unknown]),
        // Before the flag rule, `devices update --name=x` renamed.
        (
            "before-the-flag-rule.ndjson",
            vec![FLAG_RULE_START, &targets],
        ),
    ] {
        std::fs::write(sb.path(name), lines.join("\n") + "\n").unwrap();
    }
    std::fs::write(sb.path("unclosed.ini"), "[default\nregion = eu-west-1\n").unwrap();
    std::fs::write(sb.path("bidi.txt"), "abc\u{202e}defghijklmnopqrstu\n").unwrap();
}

#[test]
fn every_malformed_input_is_one_error_line_exit_2_and_no_request() {
    assert!(CASES.len() >= 60, "the corpus has {} cases", CASES.len());
    let sb = TestEnv::start();
    write_inputs(&sb);
    let mut failures = Vec::new();
    for case in CASES {
        let mut cmd = sb.wsfleet();
        cmd.current_dir(sb.home.path()).args(case.args);
        for (key, value) in case.env {
            cmd.env(key, value);
        }
        cmd.write_stdin(case.stdin.unwrap_or_default());
        let out = cmd.output().expect("wsfleet runs");
        let stderr = stderr_of(&out);
        let error_lines: Vec<&str> = stderr
            .lines()
            .filter(|line| line.starts_with("error:"))
            .collect();
        let sent = sb.requests();
        let problem = if out.status.code() != Some(2) {
            Some(format!("exit {:?}", out.status.code()))
        } else if error_lines.len() != 1 {
            Some(format!("{} error lines", error_lines.len()))
        } else if !error_lines[0].contains(case.expected) {
            Some(format!("the error does not name '{}'", case.expected))
        } else if !sent.is_empty() {
            Some(format!(
                "sent {}",
                sent.iter()
                    .map(|r| r.operation.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        } else if !out.stdout.is_empty() {
            Some("wrote to stdout".to_owned())
        } else {
            None
        };
        if let Some(problem) = problem {
            failures.push(format!(
                "{:?} {:?}: {problem}\n{stderr}",
                case.env, case.args
            ));
            sb.clear_requests();
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

#[test]
fn a_byte_order_mark_before_the_first_id_is_dropped() {
    let sb = TestEnv::start();
    let listed = sb.run(&["devices", "list", "-o", "json"]).success().json();
    let id = listed[0]["id"].as_str().unwrap().to_owned();
    std::fs::write(sb.path("bom.txt"), format!("\u{feff}{id}\n")).unwrap();
    let path = sb.path("bom.txt");
    let run = sb
        .run(&[
            "devices",
            "update",
            "--ids-from",
            path.to_str().unwrap(),
            "--update-schedule",
            "apply-immediately",
            "-o",
            "json",
        ])
        .success();
    assert_eq!(run.json()[0]["id"], id.as_str());
}

/// A listing whose one device carries a bidi override, a zero-width space
/// and a terminal escape sequence in its name.
fn spoofing_endpoint() -> common::hostile::HostileEndpoint {
    common::hostile::HostileEndpoint::start(|_, stream| {
        use std::io::Write;
        let body = r#"{"devices":[{"id":"abcdefghijklmnopqrstuvwx","name":"lobby\u202eexe.\u200b\u001b[31mred"}]}"#;
        let _ = write!(
            stream,
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
    })
}

#[test]
fn invisible_characters_from_the_api_are_shown_escaped_in_tables() {
    let endpoint = spoofing_endpoint();
    let run = endpoint.run(&["devices", "list", "--columns", "id,name"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("lobby\\u{202e}exe.\\u{200b}red"),
        "{}",
        run.stdout
    );
    for raw in ['\u{202e}', '\u{200b}', '\u{1b}'] {
        assert!(!run.stdout.contains(raw), "{raw:?} in {}", run.stdout);
    }
    // JSON keeps the data exactly as the service gave it.
    let json = endpoint.run(&["devices", "list", "-o", "json"]);
    assert_eq!(
        json.json()[0]["name"],
        "lobby\u{202e}exe.\u{200b}\u{1b}[31mred"
    );
}

#[cfg(unix)]
#[test]
fn csv_to_a_terminal_has_no_escape_sequences_from_api_data() {
    let endpoint = spoofing_endpoint();
    let home = tempfile::tempdir().unwrap();
    let mut cmd = common::isolated_std(home.path());
    cmd.env("AWS_REGION", "us-east-1")
        .args(["--endpoint-url", &endpoint.endpoint])
        .args(["devices", "list", "-o", "csv", "--columns", "id,name"]);
    let mut session = rexpect::session::spawn_command(cmd, Some(20_000)).unwrap();
    let shown = session.exp_eof().unwrap();
    assert!(shown.contains("abcdefghijklmnopqrstuvwx"), "{shown:?}");
    assert!(!shown.contains('\u{1b}'), "{shown:?}");
    assert!(shown.contains("\\u{202e}"), "{shown:?}");
    // To a file or a pipe, CSV is the data as it is.
    let piped = endpoint.run(&["devices", "list", "-o", "csv", "--columns", "id,name"]);
    assert!(piped.stdout.contains("\u{1b}[31mred"), "{}", piped.stdout);
}
