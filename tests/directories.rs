//! End-to-end: the real binary against the sandbox, for the verbs of the
//! `directories` group.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on what they did not expect

mod common;

use std::time::Duration;

use common::TestEnv;
use serde_json::Value;
use wsfleet_sandbox::Config;

fn directories(sb: &TestEnv) -> Vec<Value> {
    sb.run(&["directories", "list", "-o", "json"])
        .success()
        .json()
        .as_array()
        .unwrap()
        .clone()
}

fn id_of(directory: &Value) -> String {
    directory["DirectoryId"].as_str().unwrap().to_owned()
}

/// A seeded AD directory (with WorkSpaces) and the seeded `wsd-` one (without).
fn ad_and_pools(sb: &TestEnv) -> (String, String) {
    let listed = directories(sb);
    let ad = listed.iter().find(|d| id_of(d).starts_with("d-")).unwrap();
    let pools = listed
        .iter()
        .find(|d| id_of(d).starts_with("wsd-"))
        .unwrap();
    (id_of(ad), id_of(pools))
}

#[test]
fn list_and_get_show_alias_and_name_and_reach_every_field() {
    let sb = TestEnv::start();
    let listed = directories(&sb);
    assert!(listed.iter().any(|d| id_of(d).starts_with("d-")));
    assert!(listed.iter().any(|d| id_of(d).starts_with("wsd-")));
    let first = &listed[0];
    let id = id_of(first);
    let alias = first["Alias"].as_str().unwrap();
    let name = first["DirectoryName"].as_str().unwrap();

    let table = sb.run(&["directories", "list"]).success().stdout;
    let row = table.lines().find(|l| l.starts_with(&id)).unwrap();
    assert!(row.contains(alias) && row.contains(name), "{row}");

    let csv = sb
        .run(&[
            "directories",
            "list",
            "-o",
            "csv",
            "--columns",
            "DirectoryId,SelfservicePermissions.RestartWorkspace,WorkspaceAccessProperties.DeviceTypeWorkSpacesThinClient,WorkspaceCreationProperties.EnableInternetAccess",
        ])
        .success()
        .stdout;
    let line = csv.lines().find(|l| l.starts_with(&id)).unwrap();
    assert_eq!(line.split(',').count(), 4, "{line}");
    assert!(line.contains("ENABLED") && line.contains("ALLOW"), "{line}");

    let got = sb
        .run(&["directories", "get", &id, "-o", "json"])
        .success()
        .json();
    assert_eq!(got["Alias"], alias);
    assert_eq!(
        got["SelfservicePermissions"]["RestartWorkspace"],
        first["SelfservicePermissions"]["RestartWorkspace"]
    );
}

#[test]
fn modify_self_service_shows_before_and_after_and_fails_only_the_unknown_directory() {
    let sb = TestEnv::start();
    let (ad, pools) = ad_and_pools(&sb);
    dry_run_plans(
        &sb,
        &["modify-self-service", &ad, "--rebuild-workspace", "enabled"],
        "RebuildWorkspace: DISABLED → ENABLED",
        "ModifySelfservicePermissions",
    );

    let results = partly_failed(
        &sb,
        &[
            "modify-self-service",
            &ad,
            &pools,
            "wsd-nothere01",
            "--rebuild-workspace",
            "enabled",
            "--switch-running-mode",
            "disabled",
        ],
    );
    assert_eq!(outcome(&results, &ad)["outcome"], "done");
    assert_eq!(outcome(&results, &pools)["outcome"], "done");
    assert_eq!(
        outcome(&results, "wsd-nothere01")["code"],
        "ResourceNotFoundException"
    );
    for id in [&ad, &pools] {
        let got = sb
            .run(&["directories", "get", id, "-o", "json"])
            .success()
            .json();
        assert_eq!(got["SelfservicePermissions"]["RebuildWorkspace"], "ENABLED");
        assert_eq!(
            got["SelfservicePermissions"]["SwitchRunningMode"],
            "DISABLED"
        );
    }
}

#[test]
fn bad_settings_are_refused_before_any_request() {
    let sb = TestEnv::start();
    let (ad, _) = ad_and_pools(&sb);
    sb.clear_requests();
    for args in [
        vec![
            "directories",
            "modify-self-service",
            &ad,
            "--rebuild-workspace",
            "maybe",
        ],
        vec![
            "directories",
            "modify-self-service",
            &ad,
            "--reboot-workspace",
            "enabled",
        ],
        vec!["directories", "modify-self-service", &ad],
        vec!["directories", "get", "d-NOTHEX123"],
        vec!["directories", "deregister", "d-x12345678", "--yes"],
    ] {
        let run = sb.run(&args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
    }
    assert!(sb.requests().is_empty(), "{:?}", sb.requests());
}

#[test]
fn deregister_asks_first_and_refuses_a_directory_with_workspaces() {
    let sb = TestEnv::start();
    let (ad, pools) = ad_and_pools(&sb);
    let refused = sb.run(&["directories", "deregister", &pools]);
    assert_eq!(refused.code, 2);
    assert!(refused.stderr.contains("--yes"), "{}", refused.stderr);
    sb.run(&["directories", "deregister", &pools, "--dry-run"])
        .success();
    assert!(sb.requests_for("DeregisterWorkspaceDirectory").is_empty());

    let results = partly_failed(&sb, &["deregister", &ad, &pools, "--yes"]);
    assert_eq!(
        outcome(&results, &ad)["code"],
        "InvalidResourceStateException"
    );
    assert_eq!(outcome(&results, &pools)["outcome"], "done");
    let left: Vec<String> = directories(&sb).iter().map(id_of).collect();
    assert!(left.contains(&ad) && !left.contains(&pools), "{left:?}");
}

#[test]
fn directories_take_tags_by_id() {
    let sb = TestEnv::start();
    let (ad, pools) = ad_and_pools(&sb);
    for id in [&ad, &pools] {
        sb.run(&["directories", "tag", id, "owner=it"]).success();
    }
    for id in [&ad, &pools] {
        let tags = sb
            .run(&["directories", "tags", id, "-o", "json"])
            .success()
            .json();
        assert!(tags.to_string().contains("\"it\""), "{id}: {tags}");
    }
    sb.run(&["directories", "untag", &ad, "owner"]).success();
    let tags = sb
        .run(&["directories", "tags", &ad, "-o", "json"])
        .success()
        .json();
    assert!(!tags.to_string().contains("\"it\""), "{tags}");
}

const SUBNETS: &str = "subnet-0123abcd,subnet-4567abcd";
const SECRET: &str = "arn:aws:secretsmanager:us-east-1:123456789012:secret:pools-service";
const AUTHORITY: &str =
    "arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/0123abcd-4567";
/// A well-formed directory ID the sandbox does not have.
const UNKNOWN: &str = "d-0000000000";

/// Runs a `directories` verb with `--dry-run`: its plan (stdout) shows
/// `line`, and `operation` was not sent. Answers the plan.
fn dry_run_plans(sb: &TestEnv, args: &[&str], line: &str, operation: &str) -> String {
    sb.clear_requests();
    let dry = sb
        .run(&[&["directories"][..], args, &["--dry-run"]].concat())
        .success();
    assert!(dry.stdout.contains(line), "{args:?}: {}", dry.stdout);
    assert!(
        sb.requests_for(operation).is_empty(),
        "{args:?} --dry-run sent {operation}"
    );
    dry.stdout
}

/// A sandbox whose registrations finish within the first poll of
/// `--wait`, with no WorkSpaces (so any directory can be deregistered).
fn quick_and_empty() -> TestEnv {
    TestEnv::with(Config {
        transition: Duration::from_millis(150),
        workspaces: 0,
        ..Config::default()
    })
}

fn get(sb: &TestEnv, id: &str) -> Value {
    sb.run(&["directories", "get", id, "-o", "json"])
        .success()
        .json()
}

/// A bulk `directories` verb (`-o json` added) that fails some targets:
/// exit 1, and each target's result.
fn partly_failed(sb: &TestEnv, args: &[&str]) -> Value {
    let run = sb.run(&[&["directories"][..], args, &["-o", "json"]].concat());
    assert_eq!(run.code, 1, "{args:?}: {}", run.stderr);
    run.json()
}

/// Each target's result of a bulk run's `-o json`, by ID.
fn outcome(results: &Value, id: &str) -> Value {
    results
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == id)
        .cloned()
        .unwrap_or_else(|| panic!("no result for {id}: {results}"))
}

#[test]
fn register_makes_both_kinds_of_directory_and_waits_for_them() {
    let sb = quick_and_empty();
    let (ad, _) = ad_and_pools(&sb);
    sb.run(&["directories", "deregister", &ad, "--yes"])
        .success();

    let register_ad = [
        "directories",
        "register",
        &ad,
        "--self-service",
        "--tenancy",
        "dedicated",
        "--tag",
        "team=it",
    ];
    let dry = sb
        .run(&[&register_ad[..], &["--dry-run"]].concat())
        .success();
    assert!(dry.stderr.contains("dry run"), "{}", dry.stderr);
    assert!(sb.requests_for("RegisterWorkspaceDirectory").is_empty());

    let run = sb.run(&[&register_ad[..], &["--wait"]].concat()).success();
    assert_eq!(run.stdout.trim(), ad);
    assert!(run.stderr.contains("REGISTERED"), "{}", run.stderr);
    let registered = get(&sb, &ad);
    assert_eq!(registered["State"], "REGISTERED");
    assert_eq!(registered["Tenancy"], "DEDICATED");
    assert_eq!(
        registered["SelfservicePermissions"]["RebuildWorkspace"],
        "ENABLED"
    );
    let tags = sb
        .run(&["directories", "tags", &ad, "-o", "json"])
        .success()
        .json();
    assert!(tags.to_string().contains("\"it\""), "{tags}");

    let again = sb.run(&["directories", "register", &ad]);
    assert_eq!(again.code, 1, "{}", again.stderr);
    assert!(
        again.stderr.contains("ResourceAlreadyExistsException"),
        "{}",
        again.stderr
    );
    let unknown = sb.run(&["directories", "register", UNKNOWN]);
    assert_eq!(unknown.code, 1);
    assert!(
        unknown.stderr.contains("ResourceNotFoundException"),
        "{}",
        unknown.stderr
    );

    let pools = sb
        .run(&[
            "directories",
            "register",
            "--name",
            "pools-two",
            "--description",
            "Second pools",
            "--identity-type",
            "customer-managed",
            "--subnet",
            SUBNETS,
            "--ad-domain",
            "corp.example.com",
            "--ad-secret",
            SECRET,
            "--wait",
        ])
        .success();
    let pools_id = pools.stdout.trim().to_owned();
    assert!(pools_id.starts_with("wsd-"), "{pools_id}");
    let created = get(&sb, &pools_id);
    assert_eq!(created["State"], "REGISTERED");
    assert_eq!(created["WorkspaceType"], "POOLS");
    assert_eq!(created["WorkspaceDirectoryDescription"], "Second pools");
    assert_eq!(
        created["ActiveDirectoryConfig"]["DomainName"],
        "corp.example.com"
    );
    let table = sb.run(&["directories", "list"]).success().stdout;
    let row = table.lines().find(|l| l.starts_with(&pools_id)).unwrap();
    assert!(
        row.contains("pools-two") && row.contains("REGISTERED"),
        "{row}"
    );

    let idc = sb
        .run(&[
            "directories",
            "register",
            "--name",
            "personal-idc",
            "--identity-type",
            "aws-iam-identity-center",
            "--idc-instance",
            "arn:aws:sso:::instance/ssoins-0123456789abcdef",
            "--subnet",
            SUBNETS,
        ])
        .success();
    let idc = get(&sb, idc.stdout.trim());
    assert_eq!(
        idc["IDCConfig"]["InstanceArn"],
        "arn:aws:sso:::instance/ssoins-0123456789abcdef"
    );
    assert_eq!(idc["WorkspaceType"], "PERSONAL");
}

#[test]
fn bad_registrations_and_settings_are_refused_before_any_request() {
    let sb = TestEnv::start();
    let (ad, _) = ad_and_pools(&sb);
    sb.clear_requests();
    let cases: Vec<Vec<&str>> = vec![
        vec!["register"],
        vec!["register", "wsd-abcdefgh1"],
        vec!["register", &ad, "--name", "named"],
        vec!["register", &ad, "--workspace-type", "pools"],
        vec!["register", &ad, "--tenancy", "maybe"],
        vec![
            "register",
            "--name",
            "pools",
            "--identity-type",
            "customer-managed",
        ],
        vec![
            "register",
            "--name",
            "pools",
            "--identity-type",
            "customer-managed",
            "--subnet",
            "subnet-1",
        ],
        vec![
            "register",
            "--name",
            "pools",
            "--identity-type",
            "customer-managed",
            "--subnet",
            "subnet-0123abcd,subnet-4567abcd,subnet-89abcdef",
        ],
        vec![
            "register",
            "--name",
            "-bad",
            "--identity-type",
            "customer-managed",
            "--subnet",
            SUBNETS,
        ],
        vec![
            "register",
            "--name",
            "idc",
            "--identity-type",
            "aws-iam-identity-center",
            "--subnet",
            SUBNETS,
        ],
        vec![
            "register",
            "--name",
            "pools",
            "--identity-type",
            "customer-managed",
            "--subnet",
            SUBNETS,
            "--ad-domain",
            "corp.example.com",
        ],
        vec![
            "register",
            "--name",
            "pools",
            "--identity-type",
            "customer-managed",
            "--subnet",
            SUBNETS,
            "--ad-domain",
            "corp",
            "--ad-secret",
            SECRET,
        ],
        vec!["modify-access", &ad, "--blackberry", "deny"],
        vec!["modify-access", &ad, "--web", "maybe"],
        vec!["modify-access", &ad],
        vec!["modify-access", &ad, "--internet-fallback", "pcoip"],
        vec!["modify-creation", &ad, "--security-group", "sg-1"],
        vec!["modify-creation", &ad, "--default-ou", "WorkSpaces"],
        vec!["modify-creation", &ad, "--internet-access", "perhaps"],
        vec!["modify-creation", &ad, "--instance-role", "role/x"],
        vec![
            "modify-streaming",
            &ad,
            "--user-setting",
            "teleport=enabled",
        ],
        vec![
            "modify-streaming",
            &ad,
            "--user-setting",
            "printing-to-local-device=enabled:5",
        ],
        vec![
            "modify-streaming",
            &ad,
            "--user-setting",
            "clipboard-copy-to-local-device=enabled:-1",
        ],
        vec![
            "modify-streaming",
            &ad,
            "--user-setting",
            "clipboard-copy-to-local-device=enabled:99999999999",
        ],
        vec![
            "modify-streaming",
            &ad,
            "--user-setting",
            "smart-card=enabled",
            "--user-setting",
            "smart-card=disabled",
        ],
        vec!["modify-streaming", &ad, "--protocol", "quic"],
        vec![
            "modify-streaming",
            &ad,
            "--global-accelerator-protocol",
            "tcp",
        ],
        vec![
            "modify-saml",
            &ad,
            "--user-access-url",
            "ftp://idp.example.com",
        ],
        vec![
            "modify-saml",
            &ad,
            "--user-access-url",
            "https://idp.example.com",
            "--clear-user-access-url",
        ],
        vec!["modify-saml", &ad, "--status", "on"],
        vec![
            "modify-certificate-auth",
            &ad,
            "--certificate-authority",
            "authority",
        ],
        vec!["modify-encryption", &ad, "--mode", "fips"],
        vec!["modify-encryption", &ad],
        vec!["modify-client", &ad, "--reconnect", "sometimes"],
        vec!["modify-client", &ad],
        vec!["client-properties"],
        vec!["client-properties", "d-XYZ"],
    ];
    for args in cases {
        let args = [&["directories"][..], &args].concat();
        let run = sb.run(&args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains("error"), "{args:?}: {}", run.stderr);
    }
    assert!(sb.requests().is_empty(), "{:?}", sb.requests());
}

/// One `modify-*` verb: its flags, its operation, a line its plan shows for
/// a seeded AD directory, and a column of `get` that shows the change.
struct SettingsVerb {
    args: &'static [&'static str],
    operation: &'static str,
    plan: &'static str,
    column: &'static str,
    after: &'static str,
}

const SETTINGS_VERBS: &[SettingsVerb] = &[
    SettingsVerb {
        args: &[
            "modify-access",
            "--thin-client",
            "deny",
            "--android",
            "deny",
        ],
        operation: "ModifyWorkspaceAccessProperties",
        plan: "DeviceTypeWorkSpacesThinClient: ALLOW → DENY",
        column: "WorkspaceAccessProperties.DeviceTypeWorkSpacesThinClient",
        after: "DENY",
    },
    SettingsVerb {
        args: &[
            "modify-creation",
            "--maintenance-mode",
            "false",
            "--security-group",
            "sg-0123abcd",
        ],
        operation: "ModifyWorkspaceCreationProperties",
        plan: "EnableMaintenanceMode: true → false",
        column: "WorkspaceCreationProperties.CustomSecurityGroupId",
        after: "sg-0123abcd",
    },
    SettingsVerb {
        args: &[
            "modify-streaming",
            "--protocol",
            "udp",
            "--global-accelerator",
            "enabled-auto",
        ],
        operation: "ModifyStreamingProperties",
        plan: "StreamingExperiencePreferredProtocol: - → UDP",
        column: "StreamingProperties.GlobalAccelerator.Mode",
        after: "ENABLED_AUTO",
    },
    SettingsVerb {
        args: &[
            "modify-saml",
            "--status",
            "enabled",
            "--user-access-url",
            "https://idp.example.com/sso",
        ],
        operation: "ModifySamlProperties",
        plan: "Status: DISABLED → ENABLED",
        column: "SamlProperties.UserAccessUrl",
        after: "https://idp.example.com/sso",
    },
    SettingsVerb {
        args: &[
            "modify-certificate-auth",
            "--status",
            "enabled",
            "--certificate-authority",
            AUTHORITY,
        ],
        operation: "ModifyCertificateBasedAuthProperties",
        plan: "Status: DISABLED → ENABLED",
        column: "CertificateBasedAuthProperties.CertificateAuthorityArn",
        after: AUTHORITY,
    },
    SettingsVerb {
        args: &["modify-encryption", "--mode", "fips-validated"],
        operation: "ModifyEndpointEncryptionMode",
        plan: "EndpointEncryptionMode: STANDARD_TLS → FIPS_VALIDATED",
        column: "EndpointEncryptionMode",
        after: "FIPS_VALIDATED",
    },
];

#[test]
fn each_settings_verb_plans_before_and_after_and_fails_only_the_unknown_directory() {
    let sb = TestEnv::start();
    let (ad, pools) = ad_and_pools(&sb);
    for verb in SETTINGS_VERBS {
        let (name, flags) = verb.args.split_first().unwrap();
        let dry = dry_run_plans(
            &sb,
            &[&[*name, &ad][..], flags].concat(),
            verb.plan,
            verb.operation,
        );
        assert!(dry.contains(&ad), "{dry}");

        let results = partly_failed(&sb, &[&[*name, &ad, &pools, UNKNOWN][..], flags].concat());
        assert_eq!(
            outcome(&results, &ad)["outcome"],
            "done",
            "{name}: {results}"
        );
        assert_eq!(
            outcome(&results, &pools)["outcome"],
            "done",
            "{name}: {results}"
        );
        assert_eq!(
            outcome(&results, UNKNOWN)["code"],
            "ResourceNotFoundException",
            "{name}"
        );
        // The unknown directory fails unsent: the plan did not find it.
        assert_eq!(sb.requests_for(verb.operation).len(), 2, "{name}");

        let csv = sb
            .run(&[
                "directories",
                "get",
                &ad,
                "-o",
                "csv",
                "--columns",
                &format!("DirectoryId,{}", verb.column),
            ])
            .success()
            .stdout;
        assert!(
            csv.contains(&format!("{ad},{}", verb.after)),
            "{name}: {csv}"
        );
        // The same settings again change nothing: left out, unsent.
        sb.clear_requests();
        let table = sb
            .run(&[&["directories", name, &ad][..], flags].concat())
            .success()
            .stdout;
        assert!(
            table.contains(&ad) && table.contains("unchanged"),
            "{name}: {table}"
        );
        assert!(sb.requests_for(verb.operation).is_empty(), "{name}");
        sb.clear_requests();
    }
}

#[test]
fn the_service_rules_fail_per_directory() {
    let sb = TestEnv::start();
    let (ad, pools) = ad_and_pools(&sb);
    // User settings are a WorkSpaces Pools setting.
    let results = partly_failed(
        &sb,
        &[
            "modify-streaming",
            &ad,
            &pools,
            "--user-setting",
            "clipboard-copy-to-local-device=disabled:20000",
            "--home-folder",
            "enabled",
        ],
    );
    assert_eq!(
        outcome(&results, &ad)["code"],
        "OperationNotSupportedException"
    );
    assert_eq!(outcome(&results, &pools)["outcome"], "done");
    let shown = get(&sb, &pools);
    assert_eq!(
        shown["StreamingProperties"]["UserSettings"][0],
        "CLIPBOARD_COPY_TO_LOCAL_DEVICE=DISABLED:20000"
    );
    // Certificate-based authentication needs SAML 2.0 first.
    let results = partly_failed(
        &sb,
        &[
            "modify-certificate-auth",
            &ad,
            "--status",
            "enabled",
            "--certificate-authority",
            AUTHORITY,
        ],
    );
    assert_eq!(
        outcome(&results, &ad)["code"],
        "OperationNotSupportedException"
    );
    // Deleting a SAML property shows as deleted in the plan.
    dry_run_plans(
        &sb,
        &["modify-saml", &ad, "--clear-relay-state-name"],
        "RelayStateParameterName: - → (deleted)",
        "ModifySamlProperties",
    );
}

#[test]
fn client_properties_show_and_change_per_directory() {
    let sb = TestEnv::start();
    let (ad, pools) = ad_and_pools(&sb);
    let table = sb
        .run(&["directories", "client-properties", &ad, &pools])
        .success()
        .stdout;
    assert!(
        table.contains("RECONNECT") && table.contains("LOG UPLOAD"),
        "{table}"
    );
    let pools_row = table.lines().find(|l| l.starts_with(&pools)).unwrap();
    assert!(pools_row.contains("pools-example"), "{table}");
    assert!(table.contains(&ad), "{table}");
    let unknown = sb.run(&["directories", "client-properties", &ad, UNKNOWN]);
    assert_eq!(unknown.code, 1, "{}", unknown.stderr);
    assert!(
        unknown.stderr.contains("ResourceNotFoundException"),
        "{}",
        unknown.stderr
    );

    dry_run_plans(
        &sb,
        &["modify-client", &ad, "--log-upload", "disabled"],
        "LogUploadEnabled: ENABLED → DISABLED",
        "ModifyClientProperties",
    );

    let results = partly_failed(
        &sb,
        &["modify-client", &ad, UNKNOWN, "--log-upload", "disabled"],
    );
    assert_eq!(outcome(&results, &ad)["outcome"], "done");
    assert_eq!(
        outcome(&results, UNKNOWN)["code"],
        "ResourceNotFoundException"
    );

    let shown = sb
        .run(&[
            "directories",
            "client-properties",
            &ad,
            &pools,
            "-o",
            "json",
        ])
        .success()
        .json();
    let of = |id: &str| {
        shown
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["DirectoryId"] == id)
            .cloned()
            .unwrap()
    };
    assert_eq!(of(&ad)["ClientProperties"]["LogUploadEnabled"], "DISABLED");
    assert_eq!(of(&ad)["ClientProperties"]["ReconnectEnabled"], "ENABLED");
    assert_eq!(
        of(&pools)["ClientProperties"]["LogUploadEnabled"],
        "ENABLED"
    );
}
