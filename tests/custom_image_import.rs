//! End-to-end: `images import-custom` and `images import-status` against
//! the sandbox: the new image's ID on stdout, the wait through the import's
//! states, the status in table and JSON, and the refusals.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on what they did not expect

mod common;

use std::time::Duration;

use common::TestEnv;
use wsfleet_sandbox::Config;

const INFRA: &str = "arn:aws:imagebuilder:us-east-1:123456789012:infrastructure-configuration/ws";

/// A sandbox whose imports complete within the first polls of `--wait`.
fn quick() -> TestEnv {
    TestEnv::with(Config {
        transition: Duration::from_millis(150),
        ..Config::default()
    })
}

fn import<'a>(name: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![
        "images",
        "import-custom",
        "--name",
        name,
        "--description",
        "custom import",
        "--compute-type",
        "base",
        "--protocol",
        "dcv",
        "--os-version",
        "windows-11",
        "--infrastructure-configuration",
        INFRA,
    ];
    args.extend_from_slice(extra);
    args
}

#[test]
fn import_custom_prints_the_id_and_waits_for_the_import() {
    let sb = quick();
    let dry = import(
        "custom-1",
        &["--ec2-image", "ami-0123456789abcdef0", "--dry-run"],
    );
    sb.run(&dry).success();
    assert!(sb.requests_for("ImportCustomWorkspaceImage").is_empty());

    let run = sb
        .run(&import(
            "custom-1",
            &[
                "--ec2-image",
                "ami-0123456789abcdef0",
                "--wait",
                "--tag",
                "team=vdi",
            ],
        ))
        .success();
    let image_id = run.stdout.trim().to_owned();
    assert!(image_id.starts_with("wsi-"), "{}", run.stdout);
    assert!(
        run.stderr.contains("1 image import to complete"),
        "{}",
        run.stderr
    );
    assert!(sb.requests_for("DescribeCustomWorkspaceImageImport").len() >= 2);

    let status = sb
        .run(&["-o", "json", "images", "import-status", &image_id])
        .success()
        .json();
    assert_eq!(status["State"], "COMPLETED");
    assert_eq!(status["ProgressPercentage"], 100);
    assert_eq!(status["ImageSource"]["Ec2ImageId"], "ami-0123456789abcdef0");
    let table = sb
        .run(&["images", "import-status", &image_id])
        .success()
        .stdout;
    assert!(
        table.contains("COMPLETED") && table.contains("ProgressPercentage"),
        "{table}"
    );
    let image = sb
        .run(&["-o", "json", "images", "get", &image_id])
        .success()
        .json();
    assert_eq!(image["State"], "AVAILABLE");

    // The service's rules: a second image of the name, G6 over PCoIP.
    let again = sb.run(&import(
        "custom-1",
        &["--ec2-import-task", "import-ami-0123abcd"],
    ));
    assert_eq!(again.code, 1);
    assert!(
        again.stderr.contains("ResourceAlreadyExistsException"),
        "{}",
        again.stderr
    );
    let mut g6 = import("g6", &["--ec2-image", "ami-01234567"]);
    g6[7] = "graphics-g6";
    g6[9] = "pcoip";
    let g6 = sb.run(&g6);
    assert_eq!(g6.code, 1);
    assert!(
        g6.stderr.contains("OperationNotSupportedException"),
        "{}",
        g6.stderr
    );
}

#[test]
fn import_status_waits_and_says_not_found() {
    let sb = quick();
    let image_id = sb
        .run(&import(
            "custom-2",
            &[
                "--image-build-version",
                "arn:aws:imagebuilder:us-east-1:123456789012:image/win11/1.0.x",
            ],
        ))
        .success()
        .stdout
        .trim()
        .to_owned();
    let waited = sb
        .run(&["-o", "json", "images", "import-status", &image_id, "--wait"])
        .success()
        .json();
    assert_eq!(waited["State"], "COMPLETED");
    let missing = sb.run(&["images", "import-status", "wsi-zzzzzzzzz"]);
    assert_eq!(missing.code, 1);
    assert!(
        missing.stderr.contains("ResourceNotFoundException"),
        "{}",
        missing.stderr
    );
}

#[test]
fn bad_input_is_refused_before_any_request() {
    let sb = TestEnv::start();
    let cases: Vec<Vec<&str>> = vec![
        import("n", &[]),
        import(
            "n",
            &[
                "--ec2-image",
                "ami-01234567",
                "--ec2-import-task",
                "import-ami-0123abcd",
            ],
        ),
        import("n", &["--ec2-image", "ami-xyz"]),
        import("n", &["--ec2-import-task", "import-ami-1"]),
        import(
            "n",
            &[
                "--image-build-version",
                "arn:aws:imagebuilder:us-east-1:123456789012:image/w/1.0",
            ],
        ),
        import("bad name!", &["--ec2-image", "ami-01234567"]),
        import(
            "n",
            &["--ec2-image", "ami-01234567", "--os-version", "windows-7"],
        ),
        vec![
            "images",
            "import-custom",
            "--ec2-image",
            "ami-01234567",
            "--name",
            "n",
            "--description",
            "d",
            "--compute-type",
            "base",
            "--protocol",
            "dcv",
            "--os-version",
            "windows-11",
            "--infrastructure-configuration",
            "arn:aws:imagebuilder:us-east-1:123456789012:pipeline/x",
        ],
        vec!["images", "import-status", "wsi-1"],
    ];
    for args in &cases {
        let run = sb.run(args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
    }
    assert!(sb.requests().is_empty(), "{:?}", sb.requests());
}
