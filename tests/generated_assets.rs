//! The checked-in `completions/`, `man/` and `docs/COVERAGE.md` are what
//! the binary generates now, and the man pages render.
// Helpers outside #[test] fns too: a failed expectation is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;

/// How to refresh the checked-in copies (from the repository root).
const REFRESH: &str = "cargo run -- generate-assets --out .";

/// Generated files in folders that also hold hand-written ones.
const GENERATED_FILES: &[&str] = &["docs/COVERAGE.md"];

fn repository() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// file name → contents, for every file directly in `dir` (none if absent).
fn files_in(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return BTreeMap::new();
    };
    entries
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.is_file())
        .map(|path| {
            let name = path
                .file_name()
                .expect("file name")
                .to_string_lossy()
                .into_owned();
            (name, std::fs::read(&path).expect("readable file"))
        })
        .collect()
}

/// `wsfleet generate-assets --out DIR`, which must succeed.
fn generate_assets(out: &Path) {
    Command::cargo_bin("wsfleet")
        .expect("wsfleet binary")
        .args(["generate-assets", "--out"])
        .arg(out)
        .assert()
        .success();
}

#[test]
fn checked_in_completions_and_man_pages_are_fresh() {
    let out = tempfile::tempdir().expect("temp dir");
    generate_assets(out.path());

    let mut problems = Vec::new();
    for dir in ["completions", "man"] {
        let generated = files_in(&out.path().join(dir));
        let checked_in = files_in(&repository().join(dir));
        assert!(
            !generated.is_empty(),
            "generate-assets wrote nothing into {dir}/"
        );
        for (name, contents) in &generated {
            match checked_in.get(name) {
                None => problems.push(format!("{dir}/{name} is missing")),
                Some(old) if old != contents => problems.push(format!("{dir}/{name} is stale")),
                Some(_) => {}
            }
        }
        for name in checked_in
            .keys()
            .filter(|name| !generated.contains_key(*name))
        {
            problems.push(format!("{dir}/{name} is no longer generated"));
        }
    }
    for file in GENERATED_FILES {
        let generated = std::fs::read(out.path().join(file))
            .unwrap_or_else(|e| panic!("generate-assets wrote no {file}: {e}"));
        match std::fs::read(repository().join(file)) {
            Err(_) => problems.push(format!("{file} is missing")),
            Ok(old) if old != generated => problems.push(format!("{file} is stale")),
            Ok(_) => {}
        }
    }
    assert!(
        problems.is_empty(),
        "the checked-in assets differ from what the binary generates:\n  {}\nrefresh them with `{REFRESH}`",
        problems.join("\n  ")
    );
}

#[test]
fn generated_pages_cover_the_command_tree() {
    let man = files_in(&repository().join("man"));
    for page in [
        "wsfleet.1",
        "wsfleet-devices.1",
        "wsfleet-devices-get.1",
        "wsfleet-completions.1",
    ] {
        assert!(
            man.contains_key(page),
            "man/{page} missing: {:?}",
            man.keys()
        );
    }
    assert!(!man.keys().any(|name| name.contains("generate-assets")));
}

/// The page as `man -l` shows it, or `None` (saying why) where there is no `man`.
fn rendered(page: &str) -> Option<String> {
    if !Process::new("man")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        eprintln!("skipped: no `man` on this machine (install man-db to run this test)");
        return None;
    }
    let output = Process::new("man")
        .arg("-l")
        .arg(repository().join("man").join(page))
        .env("MANWIDTH", "100")
        .env("MANPAGER", "cat")
        .env("PAGER", "cat")
        .env("LC_ALL", "C.UTF-8")
        .output()
        .expect("man runs");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "man -l {page} failed: {stderr}");
    assert!(
        !stderr.contains("warning"),
        "roff warnings for {page}: {stderr}"
    );
    Some(String::from_utf8_lossy(&output.stdout).into_owned())
}

#[test]
fn man_renders_the_devices_get_page_with_its_options() {
    let Some(page) = rendered("wsfleet-devices-get.1") else {
        return;
    };
    for expected in [
        "wsfleet-devices-get",
        "SYNOPSIS",
        "OPTIONS",
        "<DEVICE_ID>",
        "--region",
        "--output",
        "wsfleet devices get 0123456789abcdefghijklmn",
        "SEE ALSO",
    ] {
        assert!(
            page.contains(expected),
            "{expected:?} not in the rendered page:\n{page}"
        );
    }
}

#[test]
fn man_renders_exit_status_and_environment_in_the_root_page() {
    let Some(page) = rendered("wsfleet.1") else {
        return;
    };
    for expected in [
        "EXIT STATUS",
        "130",
        "ENVIRONMENT",
        "WSFLEET_OUTPUT",
        "AWS_PROFILE",
    ] {
        assert!(
            page.contains(expected),
            "{expected:?} not in the rendered page:\n{page}"
        );
    }
}

/// `--out` may name a directory with more in it than the assets: a file
/// someone put in `man/` or `completions/` outlives a run, and only a page
/// of the command's own naming that it no longer writes is removed.
#[test]
fn generating_keeps_foreign_files_and_removes_only_stale_pages() {
    let out = tempfile::tempdir().expect("temp dir");
    let man = out.path().join("man");
    let completions = out.path().join("completions");
    std::fs::create_dir_all(&man).unwrap();
    std::fs::create_dir_all(&completions).unwrap();
    let foreign = [
        man.join("README"),
        man.join("other-tool.1"),
        completions.join("my-aliases.bash"),
        out.path().join("docs").join("NOTES.md"),
    ];
    std::fs::create_dir_all(out.path().join("docs")).unwrap();
    for file in &foreign {
        std::fs::write(file, "kept\n").unwrap();
    }
    let stale = [
        man.join("wsfleet-removed-verb.1"),
        completions.join("wsfleet.oldshell"),
    ];
    for file in &stale {
        std::fs::write(file, "from an older wsfleet\n").unwrap();
    }

    generate_assets(out.path());

    for file in &foreign {
        assert_eq!(
            std::fs::read_to_string(file).unwrap_or_default(),
            "kept\n",
            "{} was not left as it was",
            file.display()
        );
    }
    for file in &stale {
        assert!(!file.exists(), "{} lingers", file.display());
    }
    assert!(man.join("wsfleet-devices-get.1").is_file());
    assert!(completions.join("_wsfleet").is_file());
}
