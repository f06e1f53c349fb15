//! End-to-end: the real binary against the sandbox, for every verb of the
//! `branding` group: logos read from disk and checked before sending,
//! several directories at once, and the refusals.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on what they did not expect

mod common;

use std::path::PathBuf;

use common::TestEnv;
use serde_json::Value;

/// A PNG file of `size` bytes (its signature, then zeros) in the test's home.
fn png(sb: &TestEnv, name: &str, size: usize) -> String {
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.resize(size, 0);
    let path: PathBuf = sb.path(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_string_lossy().into_owned()
}

fn directory(sb: &TestEnv) -> String {
    let listed = sb
        .run(&["-o", "json", "directories", "list"])
        .success()
        .json();
    listed[0]["DirectoryId"].as_str().unwrap().to_owned()
}

fn branding(sb: &TestEnv, directory: &str) -> Vec<Value> {
    sb.run(&["-o", "json", "branding", "get", directory])
        .success()
        .json()
        .as_array()
        .unwrap()
        .clone()
}

fn platforms(rows: &[Value]) -> Vec<&str> {
    rows.iter()
        .map(|r| r["Platform"].as_str().unwrap())
        .collect()
}

#[test]
fn get_shows_one_row_a_platform_in_table_and_json() {
    let sb = TestEnv::start();
    let directory = directory(&sb);
    let table = sb.run(&["branding", "get", &directory]).success().stdout;
    let header = table.lines().next().unwrap();
    assert!(
        header.contains("PLATFORM") && header.contains("SUPPORT EMAIL"),
        "{header}"
    );
    assert!(table.contains("DeviceTypeWindows"), "{table}");
    let rows = branding(&sb, &directory);
    assert_eq!(platforms(&rows), ["DeviceTypeWindows", "DeviceTypeWeb"]);
    assert_eq!(rows[0]["ResourceId"], directory.as_str());
    assert_eq!(rows[0]["LoginMessage"]["en_US"], "Authorised use only.");
    let web = sb
        .run(&[
            "-o",
            "json",
            "branding",
            "get",
            &directory,
            "--platform",
            "web",
        ])
        .success()
        .json();
    assert_eq!(web.as_array().unwrap().len(), 1);
    // An unknown directory beside a known one: its error, the other's rows, exit 1.
    let mixed = sb.run(&["-o", "json", "branding", "get", &directory, "d-9999999999"]);
    assert_eq!(mixed.code, 1);
    assert!(
        mixed.stderr.contains("ResourceNotFoundException"),
        "{}",
        mixed.stderr
    );
    assert_eq!(mixed.json().as_array().unwrap().len(), 2);
}

#[test]
fn import_reads_the_logos_and_brands_each_directory() {
    let sb = TestEnv::start();
    let directory = directory(&sb);
    let logo = png(&sb, "logo.png", 2_000);
    let import = [
        "branding",
        "import",
        &directory,
        "--platform",
        "ios,osx",
        "--logo",
        &logo,
        "--support-link",
        "https://help.example.com",
        "--login-message",
        "Welcome",
    ];
    let dry = sb.run(&[&import[..], &["--dry-run"]].concat()).success();
    assert!(
        dry.stdout.contains("DeviceTypeWindows;DeviceTypeWeb"),
        "{}",
        dry.stdout
    );
    assert!(sb.requests_for("ImportClientBranding").is_empty());

    sb.run(&import).success();
    let sent = sb.requests_for("ImportClientBranding");
    assert_eq!(sent.len(), 1);
    let rows = branding(&sb, &directory);
    assert_eq!(
        platforms(&rows),
        [
            "DeviceTypeWindows",
            "DeviceTypeOsx",
            "DeviceTypeIos",
            "DeviceTypeWeb"
        ]
    );
    let ios = rows
        .iter()
        .find(|r| r["Platform"] == "DeviceTypeIos")
        .unwrap();
    assert!(
        ios["LogoUrl"].as_str().unwrap().starts_with("https://"),
        "{ios}"
    );
    assert_eq!(ios["SupportLink"], "https://help.example.com");
    assert_eq!(ios["LoginMessage"]["en_US"], "Welcome");

    // Several directories: the unknown one fails with the service's code, unsent.
    sb.clear_requests();
    let both = sb.run(&[
        "branding",
        "import",
        &directory,
        "d-9999999999",
        "--platform",
        "linux",
        "--support-email",
        "it-help@example.com",
    ]);
    assert_eq!(both.code, 1, "{}", both.stderr);
    assert!(
        both.stdout.contains("ResourceNotFoundException"),
        "{}",
        both.stdout
    );
    assert_eq!(sb.requests_for("ImportClientBranding").len(), 1);
    assert!(platforms(&branding(&sb, &directory)).contains(&"DeviceTypeLinux"));
}

#[test]
fn delete_asks_first_and_removes_the_named_platforms() {
    let sb = TestEnv::start();
    let directory = directory(&sb);
    let delete = ["branding", "delete", &directory, "--platform", "web"];
    let refused = sb.run(&delete);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(refused.stderr.contains("--yes"), "{}", refused.stderr);
    sb.run(&[&delete[..], &["--dry-run"]].concat()).success();
    assert!(sb.requests_for("DeleteClientBranding").is_empty());
    let done = sb
        .run(&[
            "-o",
            "json",
            "branding",
            "delete",
            &directory,
            "--platform",
            "web",
            "--yes",
        ])
        .success()
        .json();
    assert_eq!(done[0]["outcome"], "done", "{done}");
    assert_eq!(platforms(&branding(&sb, &directory)), ["DeviceTypeWindows"]);
}

#[test]
fn bad_logos_and_flags_are_refused_before_any_request() {
    let sb = TestEnv::start();
    let directory = directory(&sb);
    let too_big = png(&sb, "big.png", 1_500_001);
    let too_big_for_ios = png(&sb, "ios.png", 447_001);
    let small = png(&sb, "small.png", 100);
    let gif = sb.path("logo.gif");
    std::fs::write(&gif, b"GIF89a....").unwrap();
    let gif = gif.to_string_lossy().into_owned();
    let empty = png(&sb, "empty.png", 0);
    let import = |extra: &[&str]| -> Vec<String> {
        ["branding", "import", directory.as_str()]
            .iter()
            .chain(extra)
            .map(|s| s.to_string())
            .collect()
    };
    let cases: Vec<Vec<String>> = vec![
        import(&["--platform", "windows", "--logo", &too_big]),
        import(&["--platform", "ios", "--logo", &too_big_for_ios]),
        import(&["--platform", "windows", "--logo", &gif]),
        import(&["--platform", "windows", "--logo", &empty]),
        import(&["--platform", "windows", "--logo", "no-such-file.png"]),
        import(&["--platform", "windows", "--logo-2x", &small]),
        import(&[
            "--platform",
            "windows",
            "--support-email",
            "a@example.com",
            "--support-link",
            "https://x.example",
        ]),
        import(&["--platform", "windows", "--support-email", "nobody"]),
        import(&[
            "--platform",
            "windows",
            "--support-link",
            "help.example.com",
        ]),
        import(&["--platform", "mac", "--support-link", "https://x.example"]),
        import(&["--platform", "windows"]),
        import(&["--support-link", "https://x.example"]),
        vec![
            "branding".into(),
            "delete".into(),
            directory.clone(),
            "--yes".into(),
        ],
        vec!["branding".into(), "get".into(), "d-1".into()],
    ];
    for args in &cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let run = sb.run(&args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
    }
    // Five platforms of a 1.3 MB logo: more than one request may carry.
    let large = png(&sb, "large.png", 1_300_000);
    let run = sb.run(&[
        "branding",
        "import",
        &directory,
        "--platform",
        "windows,osx,android,linux,web",
        "--logo",
        &large,
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("6 MB"), "{}", run.stderr);
    for operation in [
        "DescribeClientBranding",
        "ImportClientBranding",
        "DeleteClientBranding",
    ] {
        assert!(
            sb.requests_for(operation).is_empty(),
            "{operation} was sent"
        );
    }
}
