//! `wsfleet bundles`: Amazon's and the account's bundles told apart, and
//! the account's created, re-imaged and deleted, against the sandbox.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on what they did not expect

mod common;

use common::TestEnv;
use serde_json::Value;

/// An AVAILABLE image of the account and another of the same family.
fn two_available_images(sb: &TestEnv) -> (String, String) {
    let images = sb
        .run(&["images", "list", "--type", "owned", "-o", "json"])
        .success()
        .json();
    let available: Vec<&Value> = images
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["State"] == "AVAILABLE")
        .collect();
    let first = available[0];
    let second = available[1..]
        .iter()
        .find(|i| i["OperatingSystem"] == first["OperatingSystem"])
        .expect("two available images of one family");
    (
        first["ImageId"].as_str().unwrap().to_owned(),
        second["ImageId"].as_str().unwrap().to_owned(),
    )
}

fn create_args<'a>(name: &'a str, image: &'a str) -> Vec<&'a str> {
    vec![
        "bundles",
        "create",
        "--name",
        name,
        "--description",
        "Golden desktop",
        "--image",
        image,
        "--compute",
        "standard",
        "--user-storage",
        "50",
    ]
}

#[test]
fn amazon_and_the_accounts_bundles_are_told_apart() {
    let sb = TestEnv::start();
    let all = sb.run(&["bundles", "list", "-o", "json"]).success().json();
    let amazon = sb
        .run(&["bundles", "list", "--owner", "amazon", "-o", "json"])
        .success()
        .json();
    let own = sb
        .run(&["bundles", "list", "--owner", "SELF", "-o", "json"])
        .success()
        .json();
    let (all, amazon, own) = (
        all.as_array().unwrap(),
        amazon.as_array().unwrap(),
        own.as_array().unwrap(),
    );
    assert!(!amazon.is_empty() && !own.is_empty());
    assert!(amazon.iter().all(|b| b["Owner"] == "Amazon"));
    assert!(own.iter().all(|b| b["Owner"] != "Amazon"));
    assert_eq!(all.len(), amazon.len() + own.len());
    // The account's first: they are the ones people pick.
    assert_eq!(all[0], own[0]);

    let table = sb.run(&["bundles", "list"]).success();
    let header = table.stdout.lines().next().unwrap();
    assert!(header.contains("OWNER"), "{header}");
    assert!(table.stdout.contains("Amazon"));

    let id = own[0]["BundleId"].as_str().unwrap();
    let one = sb
        .run(&["bundles", "get", id, "-o", "json"])
        .success()
        .json();
    assert_eq!(one["BundleId"], id);
    let by_id = sb
        .run(&["bundles", "list", "--ids", id, "-o", "csv"])
        .success();
    assert_eq!(by_id.stdout.lines().count(), 2, "{}", by_id.stdout);

    // Bad input is refused before any request.
    sb.clear_requests();
    for bad in [
        vec!["bundles", "list", "--owner", "someone"],
        vec!["bundles", "get", "wsb-NOPE"],
        vec!["bundles", "list", "--owner", "amazon", "--ids", id],
    ] {
        let run = sb.run(&bad);
        assert_eq!(run.code, 2, "{bad:?}: {}", run.stderr);
    }
    assert!(sb.requests().is_empty());
}

#[test]
fn a_bundle_is_created_re_imaged_and_deleted() {
    let sb = TestEnv::start();
    let (image, other) = two_available_images(&sb);

    // Bad input: exit 2, nothing sent.
    sb.clear_requests();
    let mut bad_size = create_args("golden", &image);
    bad_size[11] = "5";
    let mut bad_name = create_args("has space", &image);
    bad_name[3] = "has space";
    let mut bad_compute = create_args("golden", &image);
    bad_compute[9] = "huge";
    for bad in [bad_size, bad_name, bad_compute] {
        let run = sb.run(&bad);
        assert_eq!(run.code, 2, "{bad:?}: {}", run.stderr);
    }
    let mut dry = create_args("golden", &image);
    dry.push("--dry-run");
    let run = sb.run(&dry).success();
    assert!(run.stderr.contains("dry run"), "{}", run.stderr);
    assert!(sb.requests().is_empty());

    let mut create = create_args("golden", &image);
    create.extend(["--root-storage", "175", "--tag", "team=desk", "-o", "json"]);
    let created = sb.run(&create).success().json();
    let bundle = created["BundleId"].as_str().unwrap().to_owned();
    assert_eq!(created["ImageId"], image.as_str());
    assert_eq!(created["RootStorage"]["Capacity"], "175");
    assert_eq!(created["ComputeType"]["Name"], "STANDARD");
    let again = sb.run(&create_args("golden", &image));
    assert_eq!(again.code, 1);
    assert!(
        again.stderr.contains("ResourceAlreadyExistsException"),
        "{}",
        again.stderr
    );

    // The image under a bundle cannot be deleted: the plan leaves it out,
    // unsent, and says which bundle holds it.
    let held = sb.run(&["images", "delete", &image, "--yes", "-o", "json"]);
    assert_eq!(held.code, 0, "{}", held.stderr);
    let results = held.json();
    assert_eq!(results[0]["outcome"], "skipped", "{}", held.stdout);
    assert_eq!(
        results[0]["error"],
        format!("used by bundle {bundle} (delete the bundle first)")
    );
    assert!(sb.requests_for("DeleteWorkspaceImage").is_empty());

    // Update: a dry run sends no change; the real one swaps the image.
    sb.clear_requests();
    let run = sb
        .run(&["bundles", "update", &bundle, "--image", &other, "--dry-run"])
        .success();
    assert!(
        run.stdout.contains(&format!("image: {image} → {other}")),
        "{}",
        run.stdout
    );
    assert!(sb.requests_for("UpdateWorkspaceBundle").is_empty());
    sb.run(&["bundles", "update", &bundle, "--image", &other])
        .success();
    let shown = sb
        .run(&["bundles", "get", &bundle, "-o", "json"])
        .success()
        .json();
    assert_eq!(shown["ImageId"], other.as_str());
    let missing = sb.run(&["bundles", "update", "wsb-zzzzzzzzz", "--image", &other]);
    assert_eq!(missing.code, 1);
    assert!(sb.requests_for("UpdateWorkspaceBundle").len() == 1);

    // Delete: refused without --yes, a dry run sends nothing, then gone.
    let refused = sb.run(&["bundles", "delete", &bundle]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    sb.run(&["bundles", "delete", &bundle, "--dry-run"])
        .success();
    assert!(sb.requests_for("DeleteWorkspaceBundle").is_empty());
    sb.run(&["bundles", "delete", &bundle, "--yes"]).success();
    assert_eq!(sb.requests_for("DeleteWorkspaceBundle").len(), 1);
    assert_eq!(sb.run(&["bundles", "get", &bundle]).code, 1);
}

#[test]
fn deleting_bundles_fails_each_in_use_one_with_the_services_code() {
    let sb = TestEnv::start();
    let (image, _) = two_available_images(&sb);
    let created = sb
        .run(&[create_args("spare", &image), vec!["-o", "json"]].concat())
        .success()
        .json();
    let spare = created["BundleId"].as_str().unwrap().to_owned();
    let workspaces = sb
        .run(&["workspaces", "list", "-o", "json"])
        .success()
        .json();
    let own = sb
        .run(&["bundles", "list", "--owner", "self", "-o", "json"])
        .success()
        .json();
    let in_use = own
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["BundleId"].as_str().unwrap())
        .find(|id| {
            workspaces
                .as_array()
                .unwrap()
                .iter()
                .any(|w| w["BundleId"] == *id)
        })
        .expect("a bundle some WorkSpace was launched from")
        .to_owned();
    let run = sb.run(&["bundles", "delete", &spare, &in_use, "--yes", "-o", "json"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let results = run.json();
    let outcome = |id: &str| {
        results
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .map(|r| r["outcome"].clone())
    };
    assert_eq!(outcome(&spare), Some("done".into()), "{}", run.stdout);
    assert_eq!(outcome(&in_use), Some("failed".into()));
    assert!(
        run.stdout.contains("ResourceAssociatedException"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_bundle_is_tagged_and_untagged() {
    let sb = TestEnv::start();
    let own = sb
        .run(&["bundles", "list", "--owner", "self", "-o", "json"])
        .success()
        .json();
    let bundle = own[0]["BundleId"].as_str().unwrap().to_owned();
    sb.clear_requests();
    sb.run(&["bundles", "tag", &bundle, "team=desk", "--dry-run"])
        .success();
    assert!(sb.requests_for("CreateTags").is_empty());
    sb.run(&["bundles", "tag", &bundle, "team=desk"]).success();
    let tags = sb
        .run(&["bundles", "tags", &bundle, "-o", "json"])
        .success();
    assert!(tags.stdout.contains("desk"), "{}", tags.stdout);
    sb.run(&["bundles", "untag", &bundle, "team"]).success();
    let tags = sb
        .run(&["bundles", "tags", &bundle, "-o", "json"])
        .success();
    assert!(!tags.stdout.contains("desk"), "{}", tags.stdout);
    assert_eq!(sb.requests_for("CreateTags").len(), 1);
    assert_eq!(sb.requests_for("DeleteTags").len(), 1);
}
