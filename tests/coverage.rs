//! `wsfleet coverage` through the real binary: the map in every format, its
//! figures on stderr, the README and docs/COVERAGE.md saying the same, and
//! each covered operation made by its verb against the sandbox.
//! (The map is checked against the SDK crates and the source by the unit
//! tests in `src/coverage/tests.rs`.)
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on what they did not expect

mod common;

use std::path::PathBuf;

use common::{Run, TestEnv, isolated_wsfleet};
use serde_json::Value;

fn coverage(args: &[&str]) -> Run {
    let home = tempfile::tempdir().unwrap();
    Run::of(
        isolated_wsfleet(&home)
            .arg("coverage")
            .args(args)
            .output()
            .unwrap(),
    )
    .success()
}

fn rows() -> Vec<Value> {
    coverage(&["-o", "json"]).json().as_array().unwrap().clone()
}

/// (covered, total) of a service, from the JSON rows.
fn figures(rows: &[Value], service: &str) -> (usize, usize) {
    let of_service: Vec<&Value> = rows.iter().filter(|r| r["service"] == service).collect();
    let covered = of_service
        .iter()
        .filter(|r| r["status"] == "covered")
        .count();
    (covered, of_service.len())
}

fn repository_file(name: &str) -> String {
    std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(name)).unwrap()
}

#[test]
fn json_has_one_row_per_operation_with_a_verb_or_a_reason() {
    let rows = rows();
    assert_eq!(figures(&rows, "WorkSpaces").1, 91);
    assert_eq!(figures(&rows, "Thin Client"), (16, 16));
    for row in &rows {
        match row["status"].as_str() {
            Some("covered") => {
                assert!(row["verb"].is_string(), "{row}");
                assert!(row.get("reason").is_none(), "{row}");
            }
            Some("not-covered") => {
                assert!(
                    row["reason"].as_str().is_some_and(|r| !r.is_empty()),
                    "{row}"
                );
                assert!(row.get("verb").is_none(), "{row}");
            }
            other => panic!("status {other:?} in {row}"),
        }
    }
    let describe = rows
        .iter()
        .find(|r| r["operation"] == "DescribeWorkspaces")
        .unwrap();
    assert_eq!(describe["verb"], "workspaces list");
}

#[test]
fn the_summary_goes_to_stderr_and_the_table_to_stdout() {
    let rows = rows();
    let (workspaces, workspaces_total) = figures(&rows, "WorkSpaces");
    let run = coverage(&[]);
    assert_eq!(
        run.stderr.trim(),
        format!("WorkSpaces {workspaces} of {workspaces_total}, Thin Client 16 of 16")
    );
    let table = run.stdout;
    let header = table.lines().next().unwrap();
    for column in ["SERVICE", "OPERATION", "STATUS", "VERB", "REASON"] {
        assert!(header.contains(column), "{header}");
    }
    // Every operation of both APIs is reached: each row names its verb.
    assert_eq!(workspaces, workspaces_total);
    for line in table.lines().skip(1) {
        assert!(line.contains(" covered "), "{line}");
        assert!(!line.contains("not-covered"), "{line}");
    }
    assert_eq!(table.lines().count(), 1 + rows.len());
}

#[test]
fn csv_has_the_same_rows_and_quiet_drops_the_summary() {
    let run = coverage(&["-o", "csv", "--quiet"]);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    let csv = run.stdout;
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("service,operation,status,verb,reason"));
    assert_eq!(lines.count(), rows().len());
    assert!(csv.contains("Thin Client,ListDevices,covered,devices list,\n"));
}

#[test]
fn the_command_is_hidden_from_help() {
    let home = tempfile::tempdir().unwrap();
    let help = Run::of(isolated_wsfleet(&home).arg("--help").output().unwrap()).success();
    assert!(!help.stdout.contains("coverage"), "{}", help.stdout);
}

#[test]
fn readme_and_coverage_doc_say_the_binarys_figures() {
    let rows = rows();
    let (workspaces, workspaces_total) = figures(&rows, "WorkSpaces");
    let (thin_client, thin_client_total) = figures(&rows, "Thin Client");
    let claim = format!(
        "{workspaces} of {workspaces_total} Amazon WorkSpaces operations and \
{thin_client} of {thin_client_total} WorkSpaces Thin Client operations"
    );
    for file in ["README.md", "docs/COVERAGE.md"] {
        // Line breaks are the file's business, not the claim's.
        let text = repository_file(file);
        let words: Vec<&str> = text.split_whitespace().collect();
        assert!(
            words.join(" ").contains(&claim),
            "{file} should say \"{claim}\""
        );
    }
    let doc = repository_file("docs/COVERAGE.md");
    for row in &rows {
        let operation = row["operation"].as_str().unwrap();
        assert!(doc.contains(&format!("| {operation} |")), "{operation}");
    }
}

/// How each covered operation is made through its verb, in an order that
/// deletes last: `{name}` stands for an ID read from the seeded sandbox.
#[rustfmt::skip]
const INVOCATIONS: &[(&str, &str)] = &[
    ("DescribeApplications", "applications list"),
    ("DescribeApplicationAssociations", "applications associations {application}"),
    ("DescribeBundleAssociations", "applications associations --bundle {bundle}"),
    ("AssociateWorkspaceApplication", "applications associate --workspace {workspace} --application {application}"),
    ("DescribeWorkspaceAssociations", "workspaces applications {workspace}"),
    ("DeployWorkspaceApplications", "applications deploy --workspace {workspace}"),
    ("DisassociateWorkspaceApplication", "applications disassociate --workspace {workspace} --application {application} --yes"),
    ("DescribeWorkspaceImages", "images list"),
    ("DescribeImageAssociations", "images applications {image}"),
    ("CreateUpdatedWorkspaceImage", "images create-updated {image} --name coverage --description coverage"),
    ("DescribeWorkspaces", "workspaces list"),
    ("CreateWorkspaces", "workspaces create --directory {directory} --user coverage --bundle {bundle}"),
    ("ModifyWorkspaceProperties", "workspaces modify {ws_auto_stop} --set-running-mode ALWAYS_ON"),
    ("StopWorkspaces", "workspaces stop {ws_stoppable} --yes"),
    ("StartWorkspaces", "workspaces start {ws_stopped}"),
    ("RebootWorkspaces", "workspaces reboot {workspace} --yes"),
    ("RebuildWorkspaces", "workspaces rebuild {workspace} --yes"),
    ("RestoreWorkspace", "workspaces restore {ws_restorable} --yes"),
    ("MigrateWorkspace", "workspaces migrate {workspace} --to-bundle {bundle} --yes"),
    ("ModifyWorkspaceState", "workspaces maintenance on {workspace}"),
    ("DescribeWorkspacesConnectionStatus", "workspaces connections {workspace}"),
    ("DescribeWorkspaceSnapshots", "workspaces snapshots {workspace}"),
    ("CreateStandbyWorkspaces", "workspaces create-standby {workspace} --standby-region us-west-2 --standby-directory {directory}"),
    ("DescribeTags", "workspaces tags {workspace}"),
    ("CreateTags", "workspaces tag {workspace} team=coverage"),
    ("DeleteTags", "workspaces untag {workspace} team"),
    ("DescribeWorkspaceBundles", "bundles list"),
    ("CreateWorkspaceBundle", "bundles create --name coverage --description coverage --image {image} --compute standard --user-storage 50"),
    ("UpdateWorkspaceBundle", "bundles update {bundle} --image {image}"),
    ("DeleteWorkspaceBundle", "bundles delete {bundle} --yes"),
    ("CreateWorkspaceImage", "images create --from-workspace {workspace} --name coverage --description coverage"),
    ("ImportWorkspaceImage", "images import --ec2-image ami-0123abcd --ingestion-process byol-regular --name coverage --description coverage"),
    ("ImportCustomWorkspaceImage", "images import-custom --ec2-image ami-0123abcd --name coverage-custom --description coverage --compute-type base --protocol dcv --os-version windows-11 --infrastructure-configuration arn:aws:imagebuilder:us-east-1:123456789012:infrastructure-configuration/coverage"),
    ("DescribeCustomWorkspaceImageImport", "images import-status {image}"),
    ("CopyWorkspaceImage", "images copy {image} --to-region eu-west-1 --name coverage"),
    ("DescribeWorkspaceImagePermissions", "images permissions {image}"),
    ("UpdateWorkspaceImagePermission", "images share {image} --account 210987654321"),
    ("TerminateWorkspaces", "workspaces terminate {workspace} --yes"),
    ("DeleteWorkspaceImage", "images delete {image_unused} --yes"),
    ("DescribeWorkspaceDirectories", "directories list"),
    ("ModifySelfservicePermissions", "directories modify-self-service {directory} --rebuild-workspace enabled"),
    ("RegisterWorkspaceDirectory", "directories register --name coverage --identity-type customer-managed --subnet subnet-0123abcd,subnet-4567abcd"),
    ("ModifyWorkspaceAccessProperties", "directories modify-access {directory} --thin-client deny"),
    ("ModifyWorkspaceCreationProperties", "directories modify-creation {directory} --internet-access false"),
    ("ModifyStreamingProperties", "directories modify-streaming {directory} --protocol udp"),
    ("ModifySamlProperties", "directories modify-saml {directory} --status enabled --user-access-url https://coverage.example"),
    ("ModifyCertificateBasedAuthProperties", "directories modify-certificate-auth {directory} --status enabled --certificate-authority arn:aws:acm-pca:us-east-1:123456789012:certificate-authority/coverage"),
    ("ModifyEndpointEncryptionMode", "directories modify-encryption {directory} --mode fips-validated"),
    ("DescribeClientProperties", "directories client-properties {directory}"),
    ("ModifyClientProperties", "directories modify-client {directory} --reconnect disabled"),
    ("DeregisterWorkspaceDirectory", "directories deregister {directory} --yes"),
    ("DescribeIpGroups", "ip-groups list"),
    ("CreateIpGroup", "ip-groups create --name coverage"),
    ("AuthorizeIpRules", "ip-groups authorize {ip_group} 10.0.0.0/8"),
    ("RevokeIpRules", "ip-groups revoke {ip_group} 10.0.0.0/8 --yes"),
    ("UpdateRulesOfIpGroup", "ip-groups set-rules {ip_group} 10.0.0.0/8 --yes"),
    ("AssociateIpGroups", "ip-groups associate {ip_group} --to-directory {directory}"),
    ("DisassociateIpGroups", "ip-groups disassociate {ip_group} --from-directory {directory} --yes"),
    ("DeleteIpGroup", "ip-groups delete {ip_group} --yes"),
    ("DescribeConnectionAliases", "connection-aliases list"),
    ("CreateConnectionAlias", "connection-aliases create --connection-string coverage.example.com"),
    ("DescribeConnectionAliasPermissions", "connection-aliases permissions {alias}"),
    ("UpdateConnectionAliasPermission", "connection-aliases share {alias} --account 210987654321"),
    ("DisassociateConnectionAlias", "connection-aliases disassociate {alias} --yes"),
    ("AssociateConnectionAlias", "connection-aliases associate {alias} --to-directory {directory}"),
    ("DeleteConnectionAlias", "connection-aliases delete {alias} --yes"),
    ("DescribeWorkspacesPools", "pools list"),
    ("CreateWorkspacesPool", "pools create --name coverage --description coverage --bundle {bundle} --directory {directory} --desired-sessions 1"),
    ("UpdateWorkspacesPool", "pools update {pool_always_on} --desired-sessions 2"),
    ("StopWorkspacesPool", "pools stop {pool_auto_stop} --yes"),
    ("StartWorkspacesPool", "pools start {pool_stopped}"),
    ("TerminateWorkspacesPool", "pools terminate {pool_stopped_too} --yes"),
    ("DescribeWorkspacesPoolSessions", "pools sessions {pool}"),
    ("TerminateWorkspacesPoolSession", "pools end-session 00000000-0000-0000-0000-000000000000 --yes"),
    ("ListAccountLinks", "account-links list"),
    ("GetAccountLink", "account-links get --account 210987654321"),
    ("CreateAccountLinkInvitation", "account-links invite 678901234567"),
    ("AcceptAccountLinkInvitation", "account-links accept link-coverage1"),
    ("RejectAccountLinkInvitation", "account-links reject link-coverage1 --yes"),
    ("DeleteAccountLinkInvitation", "account-links delete link-coverage1 --yes"),
    ("DescribeAccount", "account get"),
    ("DescribeAccountModifications", "account modifications"),
    ("ListAvailableManagementCidrRanges", "account management-cidrs --within 10.0.0.0/8"),
    ("ModifyAccount", "account modify --dedicated-tenancy enabled --management-cidr 10.20.0.0/16 --yes"),
    ("DescribeClientBranding", "branding get {directory}"),
    ("ImportClientBranding", "branding import {directory} --platform web --support-link https://coverage.example"),
    ("DeleteClientBranding", "branding delete {directory} --platform web --yes"),
    ("DescribeConnectClientAddIns", "connect-add-ins list {directory}"),
    ("CreateConnectClientAddIn", "connect-add-ins create {directory} --name coverage --url https://coverage.example"),
    ("UpdateConnectClientAddIn", "connect-add-ins update {directory} 00000000-0000-0000-0000-000000000000 --name coverage"),
    ("DeleteConnectClientAddIn", "connect-add-ins delete {directory} 00000000-0000-0000-0000-000000000000 --yes"),
    ("ListDevices", "devices list"),
    ("GetDevice", "devices get {device}"),
    ("UpdateDevice", "devices update {device} --set-name coverage"),
    ("TagResource", "devices tag {device} team=coverage"),
    ("ListTagsForResource", "devices tags {device}"),
    ("UntagResource", "devices untag {device} team"),
    ("ListSoftwareSets", "software-sets list"),
    ("GetSoftwareSet", "software-sets get {software_set}"),
    ("UpdateSoftwareSet", "software-sets update {software_set} --validation-status not-validated"),
    ("ListEnvironments", "environments list"),
    ("GetEnvironment", "environments get {environment}"),
    ("CreateEnvironment", "environments create --desktop-arn arn:aws:workspaces:us-east-1:123456789012:directory/d-1234567890"),
    ("UpdateEnvironment", "environments update {environment} --name coverage"),
    ("DeregisterDevice", "devices deregister {device} --yes"),
    ("DeleteDevice", "devices delete {device_deregistered} --yes"),
    ("DeleteEnvironment", "environments delete {environment} --yes"),
];

/// The first listed item's `key`, from `list -o json`.
fn first(sb: &TestEnv, group: &str, key: &str) -> String {
    let listed = sb.run(&[group, "list", "-o", "json"]).success().json();
    listed[0][key]
        .as_str()
        .unwrap_or_else(|| panic!("no {key} in {group} list"))
        .to_owned()
}

/// The map's verbs are the ones that make its operations: each covered
/// operation (but those made only to complete a flag) is run through its
/// verb against the sandbox, which must see the request.
#[test]
fn every_covered_verb_makes_its_operation_against_the_sandbox() {
    let sb = TestEnv::start();
    let out = sb.path("export");
    let ids: Vec<(&str, String)> = vec![
        ("{application}", first(&sb, "applications", "ApplicationId")),
        ("{workspace}", first(&sb, "workspaces", "WorkspaceId")),
        ("{directory}", first(&sb, "workspaces", "DirectoryId")),
        ("{bundle}", first(&sb, "workspaces", "BundleId")),
        ("{image}", first(&sb, "images", "ImageId")),
        ("{ip_group}", first(&sb, "ip-groups", "groupId")),
        ("{alias}", first(&sb, "connection-aliases", "AliasId")),
        ("{pool}", first(&sb, "pools", "PoolId")),
        ("{device}", first(&sb, "devices", "id")),
        ("{software_set}", first(&sb, "software-sets", "id")),
        ("{environment}", first(&sb, "environments", "id")),
        ("{out}", out.to_string_lossy().into_owned()),
    ];
    // The plan leaves out a target whose state the service refuses the
    // change in, so each state verb gets a WorkSpace (device, image) it
    // accepts, one its own: the verbs before it change the first one's state.
    let workspaces = sb
        .run(&["workspaces", "list", "-o", "json"])
        .success()
        .json();
    let mut taken = vec![ids[1].1.clone()];
    let mut workspace_where = |wanted: &dyn Fn(&Value) -> bool| {
        let found = workspaces
            .as_array()
            .unwrap()
            .iter()
            .filter(|w| wanted(w))
            .map(|w| w["WorkspaceId"].as_str().unwrap().to_owned())
            .find(|id| !taken.contains(id))
            .expect("a WorkSpace for the verb");
        taken.push(found.clone());
        found
    };
    let state = |w: &Value, states: &[&str]| states.contains(&w["State"].as_str().unwrap_or(""));
    fn mode(w: &Value) -> &str {
        w["WorkspaceProperties"]["RunningMode"]
            .as_str()
            .unwrap_or("")
    }
    let ws_auto_stop = workspace_where(&|w| state(w, &["AVAILABLE"]) && mode(w) == "AUTO_STOP");
    let ws_stoppable = workspace_where(&|w| state(w, &["AVAILABLE"]) && mode(w) != "ALWAYS_ON");
    let ws_stopped = workspace_where(&|w| state(w, &["STOPPED"]));
    let ws_restorable = workspace_where(&|w| state(w, &["AVAILABLE", "STOPPED"]));
    let bundles = sb.run(&["bundles", "list", "-o", "json"]).success().json();
    let images = sb.run(&["images", "list", "-o", "json"]).success().json();
    let image_unused = images
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["ImageId"].as_str().unwrap().to_owned())
        .find(|id| {
            *id != ids[4].1
                && !bundles
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|b| b["ImageId"] == *id)
        })
        .expect("an image no bundle uses");
    let deregistered = sb
        .run(&["devices", "list", "--status", "deregistered", "-o", "json"])
        .success()
        .json();
    let device_deregistered = deregistered[0]["id"].as_str().unwrap().to_owned();
    // Pools too: each state verb its own pool in a state it accepts (an
    // ALWAYS_ON pool neither starts nor stops).
    let pools = sb.run(&["pools", "list", "-o", "json"]).success().json();
    let pool_where = |state: &str, mode: Option<&str>, nth: usize| {
        pools
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["State"] == state && mode.is_none_or(|m| p["RunningMode"] == m))
            .nth(nth)
            .map(|p| p["PoolId"].as_str().unwrap().to_owned())
            .expect("a pool for the verb")
    };
    let pool_always_on = pool_where("RUNNING", Some("ALWAYS_ON"), 0);
    let pool_auto_stop = pool_where("RUNNING", Some("AUTO_STOP"), 0);
    let pool_stopped = pool_where("STOPPED", Some("AUTO_STOP"), 0);
    let pool_stopped_too = pool_where("STOPPED", None, 1);
    let ids: Vec<(&str, String)> = ids
        .into_iter()
        .chain([
            ("{ws_auto_stop}", ws_auto_stop),
            ("{ws_stoppable}", ws_stoppable),
            ("{ws_stopped}", ws_stopped),
            ("{ws_restorable}", ws_restorable),
            ("{image_unused}", image_unused),
            ("{device_deregistered}", device_deregistered),
            ("{pool_always_on}", pool_always_on),
            ("{pool_auto_stop}", pool_auto_stop),
            ("{pool_stopped}", pool_stopped),
            ("{pool_stopped_too}", pool_stopped_too),
        ])
        .collect();
    let mut problems = Vec::new();
    let covered: Vec<Value> = rows()
        .into_iter()
        .filter(|r| r["status"] == "covered" && !r["verb"].as_str().unwrap().contains("--"))
        .collect();
    for row in &covered {
        let operation = row["operation"].as_str().unwrap();
        let verb = row["verb"].as_str().unwrap();
        match INVOCATIONS.iter().find(|(op, _)| *op == operation) {
            None => problems.push(format!("{operation}: no invocation in INVOCATIONS")),
            Some((_, args)) if !args.starts_with(verb) => problems.push(format!(
                "{operation}: the map says `{verb}`, the invocation runs `{args}`"
            )),
            Some(_) => {}
        }
    }
    for (operation, args) in INVOCATIONS {
        let args: Vec<String> = args
            .split_whitespace()
            .map(|word| {
                ids.iter()
                    .find(|(name, _)| *name == word)
                    .map_or_else(|| word.to_owned(), |(_, id)| id.clone())
            })
            .collect();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        sb.clear_requests();
        let run = sb.run(&args);
        if sb.requests_for(operation).is_empty() {
            problems.push(format!(
                "`wsfleet {}` made no {operation} (exit {}: {})",
                args.join(" "),
                run.code,
                run.stderr.trim()
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
