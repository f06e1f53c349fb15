//! The golden-image path against the sandbox: image a WorkSpace, bundle
//! it, copy it to another region, share it; and each of those verbs'
//! outputs, dry runs and refusals.
//!
//! One sandbox answers every region and keeps images by the region each
//! request is signed for, so `--region eu-west-1` reaches "another region"
//! of it (as `tests/bulk_places.rs` does for devices).
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on what they did not expect

mod common;

use std::time::Duration;

use common::{TestEnv, isolated_std};
use serde_json::Value;
use wsfleet_sandbox::Config;

/// A sandbox whose images finish within the first poll of `--wait`.
fn quick() -> TestEnv {
    TestEnv::with(Config {
        transition: Duration::from_millis(150),
        ..Config::default()
    })
}

const OTHER_ACCOUNT: &str = "210987654321";

fn available_workspace(sb: &TestEnv) -> String {
    let listed = sb
        .run(&["workspaces", "list", "--state", "available", "-o", "json"])
        .success()
        .json();
    listed[0]["WorkspaceId"].as_str().unwrap().to_owned()
}

/// The path as an admin would script it, run by `sh` with wsfleet pointed
/// at the sandbox.
const SCRIPT: &str = r#"
set -eu
ws() { "$WSFLEET" --endpoint-url "$ENDPOINT" "$@"; }
IMAGE=$(ws images create --from-workspace "$WORKSPACE" --name golden-2026 --description 'Golden desktop' --wait)
ws bundles create --name golden-2026 --description 'Golden desktop' --image "$IMAGE" \
  --compute standard --user-storage 50 -o json > "$OUT/bundle.json"
ws images copy "$IMAGE" --to-region eu-west-1 --name golden-2026 --wait > "$OUT/copies.tsv"
ws images share "$IMAGE" --account 210987654321
echo "$IMAGE"
"#;

#[test]
fn the_golden_image_path_runs_as_one_script() {
    let sb = quick();
    let workspace = available_workspace(&sb);
    let binary = isolated_std(sb.home.path());
    let mut script = std::process::Command::new("sh");
    for (key, value) in binary.get_envs() {
        match value {
            Some(value) => script.env(key, value),
            None => script.env_remove(key),
        };
    }
    let output = script
        .args(["-c", SCRIPT])
        .env("WSFLEET", binary.get_program())
        .env("ENDPOINT", &sb.endpoint)
        .env("AWS_REGION", "us-east-1")
        .env("WORKSPACE", &workspace)
        .env("OUT", sb.home.path())
        .output()
        .unwrap();
    let run = common::Run::of(output);
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let image = run.stdout.trim().to_owned();
    assert!(image.starts_with("wsi-"), "{image}");

    let bundle: Value =
        serde_json::from_str(&std::fs::read_to_string(sb.path("bundle.json")).unwrap()).unwrap();
    assert_eq!(bundle["ImageId"], image.as_str());
    let copies = std::fs::read_to_string(sb.path("copies.tsv")).unwrap();
    let (copy, region) = copies.trim().split_once('\t').expect("ID<TAB>region");
    assert_eq!(region, "eu-west-1");
    assert_ne!(copy, image);

    // AVAILABLE in two regions, each image in its own.
    let listed = sb
        .run(&[
            "images",
            "list",
            "--region",
            "us-east-1,eu-west-1",
            "-o",
            "json",
        ])
        .success()
        .json();
    let golden: Vec<(&str, &str, &str)> = listed
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["Name"] == "golden-2026")
        .map(|i| {
            (
                i["region"].as_str().unwrap(),
                i["ImageId"].as_str().unwrap(),
                i["State"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(golden.len(), 2, "{golden:?}");
    assert!(golden.contains(&("us-east-1", image.as_str(), "AVAILABLE")));
    assert!(golden.contains(&("eu-west-1", copy, "AVAILABLE")));
    let elsewhere = sb.run(&["images", "get", &image, "--region", "eu-west-1"]);
    assert_eq!(elsewhere.code, 1, "{}", elsewhere.stdout);

    // Shared with the account, in the image's region.
    let shared = sb
        .run(&["images", "permissions", &image, "-o", "json"])
        .success()
        .json();
    assert_eq!(shared[0]["SharedAccountId"], OTHER_ACCOUNT);
    let table = sb.run(&["images", "permissions", &image]).success();
    assert!(table.stdout.starts_with("ACCOUNT"), "{}", table.stdout);
    assert!(table.stdout.contains(OTHER_ACCOUNT));
    let copy_shared = sb
        .run(&[
            "images",
            "permissions",
            copy,
            "--region",
            "eu-west-1",
            "-o",
            "json",
        ])
        .success()
        .json();
    assert_eq!(copy_shared, serde_json::json!([]));
}

#[test]
fn copying_to_several_regions_makes_one_copy_in_each() {
    let sb = quick();
    let workspace = available_workspace(&sb);
    let image = sb
        .run(&[
            "images",
            "create",
            "--from-workspace",
            &workspace,
            "--name",
            "gold",
            "--description",
            "g",
            "--tag",
            "stage=test",
            "--wait",
        ])
        .success()
        .stdout
        .trim()
        .to_owned();
    sb.clear_requests();
    let run = sb
        .run(&[
            "images",
            "copy",
            &image,
            "--to-region",
            "eu-west-1,ap-southeast-2",
            "--name",
            "gold",
            "--wait",
        ])
        .success();
    let copies: Vec<(&str, &str)> = run
        .stdout
        .lines()
        .map(|line| line.split_once('\t').unwrap())
        .collect();
    assert_eq!(copies.len(), 2);
    let requests = sb.requests_for("CopyWorkspaceImage");
    let regions: Vec<_> = requests
        .iter()
        .map(|r| r.signed_region.clone().unwrap_or_default())
        .collect();
    assert_eq!(regions, ["eu-west-1", "ap-southeast-2"]);
    for (copy, region) in copies {
        let shown = sb
            .run(&["images", "get", copy, "--region", region, "-o", "json"])
            .success()
            .json();
        assert_eq!(shown["State"], "AVAILABLE");
    }
    // A second copy of the same name into a region is the service's refusal.
    let again = sb.run(&[
        "images",
        "copy",
        &image,
        "--to-region",
        "eu-west-1",
        "--name",
        "gold",
    ]);
    assert_eq!(again.code, 1);
    assert!(
        again.stderr.contains("ResourceAlreadyExistsException"),
        "{}",
        again.stderr
    );
}

#[test]
fn image_path_verbs_refuse_bad_input_and_dry_runs_change_nothing() {
    let sb = TestEnv::start();
    let workspace = available_workspace(&sb);
    let image = "wsi-abcdefgh1";
    sb.clear_requests();
    for bad in [
        vec![
            "images",
            "create",
            "--from-workspace",
            "ws-nope",
            "--name",
            "n",
            "--description",
            "d",
        ],
        vec![
            "images",
            "create",
            "--from-workspace",
            &workspace,
            "--name",
            "has space",
            "--description",
            "d",
        ],
        vec![
            "images",
            "copy",
            image,
            "--to-region",
            "EU WEST",
            "--name",
            "n",
        ],
        vec!["images", "copy", image, "--name", "n"],
        vec!["images", "share", image, "--account", "12345"],
        vec!["images", "unshare", image],
        vec!["images", "permissions", "wsi-x"],
    ] {
        let run = sb.run(&bad);
        assert_eq!(run.code, 2, "{bad:?}: {}", run.stderr);
    }
    for dry in [
        vec![
            "images",
            "create",
            "--from-workspace",
            &workspace,
            "--name",
            "n",
            "--description",
            "d",
            "--dry-run",
        ],
        vec![
            "images",
            "copy",
            image,
            "--to-region",
            "eu-west-1",
            "--name",
            "n",
            "--dry-run",
        ],
        vec![
            "images",
            "share",
            image,
            "--account",
            OTHER_ACCOUNT,
            "--dry-run",
        ],
        vec![
            "images",
            "unshare",
            image,
            "--account",
            OTHER_ACCOUNT,
            "--dry-run",
        ],
    ] {
        let run = sb.run(&dry).success();
        assert!(run.stderr.contains("dry run"), "{dry:?}: {}", run.stderr);
    }
    assert!(sb.requests().is_empty(), "{:?}", sb.requests());
}

#[test]
fn sharing_and_unsharing_change_the_permissions() {
    let sb = TestEnv::start();
    let images = sb
        .run(&["images", "list", "--type", "owned", "-o", "json"])
        .success()
        .json();
    let image = images
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["State"] == "AVAILABLE")
        .map(|i| i["ImageId"].as_str().unwrap().to_owned())
        .unwrap();
    sb.run(&[
        "images",
        "share",
        &image,
        "--account",
        "210987654321,345678901234",
    ])
    .success();
    let csv = sb
        .run(&["images", "permissions", &image, "-o", "csv"])
        .success();
    assert_eq!(csv.stdout.lines().count(), 3, "{}", csv.stdout);
    sb.run(&["images", "unshare", &image, "--account", "210987654321"])
        .success();
    let left = sb
        .run(&["images", "permissions", &image, "-o", "json"])
        .success()
        .json();
    assert_eq!(
        left,
        serde_json::json!([{"SharedAccountId": "345678901234"}])
    );
    // Sharing with its own account is the service's refusal, named.
    let own = sb.run(&["images", "share", &image, "--account", "123456789012"]);
    assert_eq!(own.code, 1);
    assert!(
        own.stderr.contains("InvalidParameterValuesException"),
        "{}",
        own.stderr
    );
}

#[test]
fn an_ec2_image_is_imported_for_byol() {
    let sb = quick();
    let import = |extra: &[&str]| {
        let mut args = vec![
            "images",
            "import",
            "--ec2-image",
            "ami-0123456789abcdef0",
            "--ingestion-process",
            "byol-regular-wsp",
            "--name",
            "byol-win11",
            "--description",
            "BYOL Windows 11",
        ];
        args.extend_from_slice(extra);
        sb.run(&args)
    };
    sb.clear_requests();
    for bad in [
        vec![
            "images",
            "import",
            "--ec2-image",
            "ami-XYZ",
            "--ingestion-process",
            "byol-regular",
            "--name",
            "n",
            "--description",
            "d",
        ],
        vec![
            "images",
            "import",
            "--ec2-image",
            "ami-0123abcd",
            "--ingestion-process",
            "byol-nope",
            "--name",
            "n",
            "--description",
            "d",
        ],
    ] {
        let run = sb.run(&bad);
        assert_eq!(run.code, 2, "{bad:?}: {}", run.stderr);
    }
    let dry = import(&["--dry-run"]).success();
    assert!(dry.stderr.contains("dry run"), "{}", dry.stderr);
    assert!(sb.requests().is_empty());

    let image = import(&["--application", "microsoft-office-2019", "--wait"])
        .success()
        .stdout
        .trim()
        .to_owned();
    let shown = sb
        .run(&["images", "get", &image, "-o", "json"])
        .success()
        .json();
    assert_eq!(shown["State"], "AVAILABLE");
    assert_eq!(shown["RequiredTenancy"], "DEDICATED");
    let again = import(&[]);
    assert_eq!(again.code, 1);
    assert!(
        again.stderr.contains("ResourceAlreadyExistsException"),
        "{}",
        again.stderr
    );
}
