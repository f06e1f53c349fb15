//! End-to-end: `tags`, `tag` and `untag` of WorkSpaces resources (by
//! resource ID, under the WorkSpaces limits), through the real binary
//! against the sandbox.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on what they did not expect

mod common;

use common::TestEnv;
use serde_json::Value;

fn first_id(sb: &TestEnv, group: &str, key: &str) -> String {
    let listed = sb.run(&[group, "list", "-o", "json"]).success().json();
    listed[0][key].as_str().expect("an ID").to_owned()
}

#[test]
fn a_workspace_is_tagged_listed_and_untagged_by_id() {
    let sb = TestEnv::start();
    let id = first_id(&sb, "workspaces", "WorkspaceId");

    sb.clear_requests();
    let out = sb
        .run(&["workspaces", "tag", &id, "team=support", "site=Dublin"])
        .success();
    assert!(
        out.stderr.contains(&format!("tagged {id}: 2 tag(s) set")),
        "{}",
        out.stderr
    );
    let sent = sb.requests_for("CreateTags");
    assert_eq!(sent.len(), 1);

    let tags = sb
        .run(&["workspaces", "tags", &id, "-o", "json"])
        .success()
        .json();
    assert_eq!(tags["tags"]["team"], "support");
    assert_eq!(tags["tags"]["site"], "Dublin");
    let table = sb.run(&["workspaces", "tags", &id]).success().stdout;
    assert!(
        table.contains("KEY") && table.contains("site") && table.contains("Dublin"),
        "{table}"
    );
    let csv = sb
        .run(&["workspaces", "tags", &id, "-o", "csv"])
        .success()
        .stdout;
    assert!(csv.lines().any(|l| l == "team,support"), "{csv}");

    sb.run(&["workspaces", "untag", &id, "team"]).success();
    assert_eq!(sb.requests_for("DeleteTags").len(), 1);
    let tags = sb
        .run(&["workspaces", "tags", &id, "-o", "json"])
        .success()
        .json();
    assert!(tags["tags"].get("team").is_none(), "{tags}");
    assert_eq!(tags["tags"]["site"], "Dublin");
}

#[test]
fn images_take_the_same_verbs() {
    let sb = TestEnv::start();
    let id = first_id(&sb, "images", "ImageId");
    sb.run(&["images", "tag", &id, "channel=stable"]).success();
    let tags = sb
        .run(&["images", "tags", &id, "-o", "json"])
        .success()
        .json();
    assert_eq!(tags["tags"]["channel"], "stable");
    sb.run(&["images", "untag", &id, "channel"]).success();
    let out = sb.run(&["images", "tags", &id]).success();
    assert!(
        out.stderr.contains("the image has no tags"),
        "{}",
        out.stderr
    );
}

/// The WorkSpaces limits (key 127, value 255, 50 tags) and ID shapes are
/// checked before any request; a dry run sends nothing.
#[test]
fn bad_tags_arns_and_dry_runs_send_nothing() {
    let sb = TestEnv::start();
    let id = first_id(&sb, "workspaces", "WorkspaceId");
    sb.clear_requests();
    let long_key = format!("{}=v", "k".repeat(128));
    let long_value = format!("k={}", "v".repeat(256));
    let many: Vec<String> = (0..51).map(|i| format!("k{i}=v")).collect();
    let mut too_many = vec!["workspaces", "tag", id.as_str()];
    too_many.extend(many.iter().map(String::as_str));
    for args in [
        vec!["workspaces", "tag", id.as_str(), long_key.as_str()],
        vec!["workspaces", "tag", id.as_str(), long_value.as_str()],
        vec!["workspaces", "tag", id.as_str(), "aws:reserved=x"],
        vec!["workspaces", "untag", id.as_str(), &long_key[..128]],
        too_many,
        vec!["workspaces", "tag", "ws-NOT_AN_ID", "k=v"],
        vec!["images", "tag", id.as_str(), "k=v"],
        vec![
            "workspaces",
            "tag",
            "arn:aws:workspaces:us-east-1:123456789012:workspace/ws-abcd1234",
            "k=v",
        ],
    ] {
        let out = sb.run(&args);
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert_eq!(
            out.stderr.trim().lines().count(),
            1,
            "{args:?}: {}",
            out.stderr
        );
    }
    for (args, said) in [
        (
            vec![
                "workspaces",
                "tag",
                id.as_str(),
                "team=a",
                "site=b",
                "--dry-run",
            ],
            "would tag 1 WorkSpace(s) with 2 tag(s)",
        ),
        (
            vec!["workspaces", "untag", id.as_str(), "team", "--dry-run"],
            "would remove 1 tag(s) from 1 WorkSpace(s)",
        ),
    ] {
        let out = sb.run(&args).success();
        assert!(out.stderr.contains(said), "{}", out.stderr);
    }
    assert!(sb.requests().is_empty(), "{:?}", sb.requests());
}

/// `--ids-from` reads a `list -o json` and tags each WorkSpace through the
/// bulk executor; an unknown one fails with the service's code while the
/// others are tagged.
#[test]
fn bulk_tagging_reports_each_workspace() {
    let sb = TestEnv::start();
    let listed = sb
        .run(&["workspaces", "list", "-o", "json"])
        .success()
        .json();
    let mut records: Vec<Value> = listed.as_array().unwrap()[..3].to_vec();
    records.push(serde_json::json!({"WorkspaceId": "ws-zzzzzzzz9"}));
    let path = sb.path("targets.json");
    std::fs::write(&path, serde_json::to_string(&records).unwrap()).unwrap();
    let path = path.to_string_lossy().into_owned();

    let out = sb.run(&[
        "workspaces",
        "tag",
        "--ids-from",
        &path,
        "wave=3",
        "-o",
        "json",
    ]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let results = out.json();
    let results = results.as_array().unwrap();
    assert_eq!(results.len(), 4);
    let failed: Vec<&Value> = results
        .iter()
        .filter(|r| r["outcome"] == "failed")
        .collect();
    assert_eq!(failed.len(), 1, "{results:?}");
    assert_eq!(failed[0]["id"], "ws-zzzzzzzz9");
    assert_eq!(failed[0]["code"], "ResourceNotFoundException");
    for record in &records[..3] {
        let id = record["WorkspaceId"].as_str().unwrap();
        let tags = sb
            .run(&["workspaces", "tags", id, "-o", "json"])
            .success()
            .json();
        assert_eq!(tags["tags"]["wave"], "3", "{id}");
    }

    let out = sb.run(&["workspaces", "untag", "--ids-from", &path, "wave"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let first = records[0]["WorkspaceId"].as_str().unwrap();
    let tags = sb
        .run(&["workspaces", "tags", first, "-o", "json"])
        .success()
        .json();
    assert!(tags["tags"].get("wave").is_none(), "{tags}");
}

/// `workspaces tag|untag` select their targets with the `list` filters:
/// exactly the WorkSpaces `list` shows with the same filters are changed.
#[test]
fn the_list_filters_select_what_tag_and_untag_change() {
    let sb = TestEnv::start();
    let listed = |filters: &[&str]| -> Vec<String> {
        let mut args = vec!["workspaces", "list", "-o", "json"];
        args.extend_from_slice(filters);
        let rows = sb.run(&args).success().json();
        let mut ids: Vec<String> = rows
            .as_array()
            .unwrap()
            .iter()
            .map(|w| w["WorkspaceId"].as_str().unwrap().to_owned())
            .collect();
        ids.sort();
        ids
    };
    let stopped = listed(&["--state", "stopped"]);
    let every = listed(&[]);
    assert!(
        !stopped.is_empty() && stopped.len() < every.len(),
        "the seed needs some STOPPED WorkSpaces and some others"
    );

    // A dry run selects, says how many, and changes nothing.
    sb.clear_requests();
    let dry = sb
        .run(&[
            "workspaces",
            "tag",
            "--state",
            "stopped",
            "idle=yes",
            "--dry-run",
        ])
        .success();
    assert!(
        dry.stderr
            .contains(&format!("would tag {} WorkSpace(s)", stopped.len())),
        "{}",
        dry.stderr
    );
    assert!(sb.requests_for("CreateTags").is_empty());

    // For real: every STOPPED WorkSpace, and no other, is tagged.
    let out = sb
        .run(&["workspaces", "tag", "--state", "stopped", "idle=yes"])
        .success();
    let tagged: Vec<String> = sb
        .requests_for("CreateTags")
        .iter()
        .map(|r| r.resource.clone().expect("CreateTags names its WorkSpace"))
        .collect();
    let mut tagged_sorted = tagged.clone();
    tagged_sorted.sort();
    assert_eq!(tagged_sorted, stopped, "{}", out.stderr);
    assert_eq!(listed(&["--tag", "idle=yes"]), stopped);

    // The filters combine: untag the tagged ones by their tag.
    sb.run(&["workspaces", "untag", "--tag", "idle", "idle"])
        .success();
    assert!(listed(&["--tag", "idle"]).is_empty());

    // A filter that matches nothing is nothing to do: exit 0, no change.
    sb.clear_requests();
    let none = sb
        .run(&["workspaces", "tag", "--tag", "no-such-key", "x=y"])
        .success();
    assert!(none.stderr.contains("nothing to do"), "{}", none.stderr);
    assert!(sb.requests_for("CreateTags").is_empty());

    // A bad filter or a bad tag is exit 2 before any request.
    sb.clear_requests();
    let bad = sb.run(&["workspaces", "tag", "--state", "sleeping", "x=y"]);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
    let bad = sb.run(&["workspaces", "tag", "--state", "stopped", "=novalue"]);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
    assert!(sb.requests().is_empty());
}
