//! `wsfleet generate-assets --out DIR` (hidden): writes the completion
//! scripts to `DIR/completions/`, one man page per command to `DIR/man/`
//! and the API coverage map to `DIR/docs/COVERAGE.md`.
//! Run from the repository root with `--out .` to refresh the checked-in
//! copies; `tests/generated_assets.rs` fails when they are stale.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use clap::{CommandFactory, ValueEnum};
use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, roman};

use super::completions::Shell;
use crate::cli::Cli;
use crate::context::Context;
use crate::error::{Result, exit};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Directory to write `completions/`, `man/` and `docs/COVERAGE.md` into
    /// (a page or script of its naming it no longer writes is removed;
    /// other files there are left)
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let written = write_assets(&args.out)?;
    ctx.printer.note(format!(
        "wrote {written} files under {}",
        args.out.display()
    ));
    Ok(())
}

/// The coverage map's page, under `docs/`.
const COVERAGE_DOC: &str = "COVERAGE.md";

/// Writes every asset under `out`, returning how many files it wrote.
pub fn write_assets(out: &Path) -> std::io::Result<usize> {
    let mut scripts = Vec::new();
    for shell in Shell::value_variants() {
        let mut script = Vec::new();
        shell.write_script(&mut script)?;
        scripts.push((shell.file_name().to_owned(), script));
    }
    let mut written = replace_generated(&out.join("completions"), scripts, is_completion_script)?;
    written += replace_generated(&out.join("man"), man_pages()?, is_man_page)?;
    // docs/ holds hand-written pages too: only the generated one is replaced.
    let docs_dir = out.join("docs");
    std::fs::create_dir_all(&docs_dir)?;
    std::fs::write(
        docs_dir.join(COVERAGE_DOC),
        crate::coverage::markdown(crate::coverage::MAP),
    )?;
    written += 1;
    Ok(written)
}

/// Named as a page this command writes: `wsfleet.1`, `wsfleet-devices-get.1`.
fn is_man_page(name: &str) -> bool {
    name.starts_with("wsfleet") && name.ends_with(".1")
}

/// Named as a script this command writes: `wsfleet.bash`, `_wsfleet`, `_wsfleet.ps1`.
fn is_completion_script(name: &str) -> bool {
    name.starts_with("wsfleet.") || name == "_wsfleet" || name.starts_with("_wsfleet.")
}

/// Writes `files` into `dir`, then removes what an earlier run wrote and
/// this one did not (the page of a command that is gone), as `ours` knows
/// it by its name. Anything else there was put by someone else and is left:
/// `--out` may name a directory that holds more than these files.
fn replace_generated(
    dir: &Path,
    files: Vec<(String, Vec<u8>)>,
    ours: fn(&str) -> bool,
) -> std::io::Result<usize> {
    std::fs::create_dir_all(dir)?;
    let names: HashSet<String> = files.iter().map(|(name, _)| name.clone()).collect();
    for (name, contents) in &files {
        std::fs::write(dir.join(name), contents)?;
    }
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.file_type()?.is_file() && ours(&name) && !names.contains(&name) {
            std::fs::remove_file(entry.path())?;
        }
    }
    Ok(files.len())
}

/// (file name, roff) for the root command and every visible subcommand,
/// however deep.
fn man_pages() -> std::io::Result<Vec<(String, Vec<u8>)>> {
    let mut root = Cli::command().disable_help_subcommand(true);
    root.build();

    let mut pages = Vec::new();
    let man = Man::new(root.clone());
    let mut page = Vec::new();
    render_root_page(&man, &root, &mut page)?;
    pages.push((man.get_filename(), page));

    let mut pending: Vec<clap::Command> = visible_subcommands(&root);
    while let Some(command) = pending.pop() {
        pending.extend(visible_subcommands(&command));
        let man = Man::new(command);
        let mut page = Vec::new();
        man.render(&mut page)?;
        see_also_root_section().to_writer(&mut page)?;
        pages.push((man.get_filename(), page));
    }
    pages.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(pages)
}

fn visible_subcommands(command: &clap::Command) -> Vec<clap::Command> {
    command
        .get_subcommands()
        .filter(|sub| !sub.is_hide_set())
        .cloned()
        .collect()
}

/// `wsfleet.1`: clap_mangen's sections plus what applies to every command,
/// exit status and environment, before the examples.
fn render_root_page(man: &Man, root: &clap::Command, out: &mut dyn Write) -> std::io::Result<()> {
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    man.render_subcommands_section(out)?;
    exit_status_section().to_writer(out)?;
    environment_section(root).to_writer(out)?;
    man.render_extra_section(out)?;
    man.render_version_section(out)
}

/// Exit status and environment are told once, in `wsfleet(1)`.
fn see_also_root_section() -> Roff {
    let mut roff = Roff::new();
    roff.control("SH", ["SEE ALSO"]);
    roff.text([
        bold("wsfleet"),
        roman("(1) for the exit status and the environment variables."),
    ]);
    roff
}

fn exit_status_section() -> Roff {
    let codes = [
        (exit::SUCCESS, "Success."),
        (
            exit::FAILED,
            "The operation failed: an AWS error, or any target of a bulk verb failed.",
        ),
        (
            exit::USAGE,
            "Usage error or bad input, detected before any request was sent.",
        ),
        (exit::DECLINED, "Declined at the confirmation prompt."),
        (
            exit::ACCESS,
            "Credentials or region missing, or access denied.",
        ),
        (exit::INTERRUPTED, "Interrupted (Ctrl-C)."),
        (
            exit::TERMINATED,
            "Terminated (SIGTERM) during a bulk change.",
        ),
    ];
    let mut roff = Roff::new();
    roff.control("SH", ["EXIT STATUS"]);
    for (code, meaning) in codes {
        roff.control("TP", []);
        roff.text([bold(code.to_string())]);
        roff.text([roman(meaning)]);
    }
    roff
}

/// Variables read outside the command line's own options: the AWS SDK's,
/// and the completion switch.
const OTHER_ENVIRONMENT: &[(&str, &str)] = &[
    (
        "AWS_DEFAULT_REGION",
        "Region, when neither --region nor AWS_REGION is given.",
    ),
    (
        "AWS_ENDPOINT_URL",
        "Send requests of both services to this URL.",
    ),
    (
        "AWS_ENDPOINT_URL_WORKSPACES",
        "Send Amazon WorkSpaces requests to this URL.",
    ),
    (
        "AWS_ENDPOINT_URL_WORKSPACES_THIN_CLIENT",
        "Send WorkSpaces Thin Client requests to this URL.",
    ),
    (
        "AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN",
        "Credentials, taking precedence over the profile files.",
    ),
    (
        "AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE",
        "Where the AWS profile files are (default ~/.aws/config and ~/.aws/credentials).",
    ),
    (
        "AWS_MAX_ATTEMPTS, AWS_RETRY_MODE",
        "Retry attempts per request (1 or more) and mode (standard or adaptive).",
    ),
    (
        "AWS_EC2_METADATA_DISABLED",
        "Set to true to never ask the EC2 instance metadata service for the region or credentials.",
    ),
    ("NO_COLOR", "Set to anything to turn colour off."),
    (
        "COMPLETE",
        "Set by the shell completion scripts (see wsfleet-completions(1)); not for interactive use.",
    ),
];

/// Every variable an option reads (found in the command tree, so a new
/// option's variable is listed without touching this), then the others.
fn environment_section(root: &clap::Command) -> Roff {
    let mut from_options: Vec<(String, String)> = Vec::new();
    let mut pending = vec![root];
    while let Some(command) = pending.pop() {
        pending.extend(command.get_subcommands());
        for arg in command.get_arguments().filter(|a| !a.is_hide_set()) {
            let Some(name) = arg.get_env().and_then(|e| e.to_str()) else {
                continue;
            };
            if from_options.iter().any(|(known, _)| known == name) {
                continue;
            }
            let option = arg
                .get_long()
                .map(|long| format!("--{long}"))
                .unwrap_or_else(|| arg.get_id().to_string());
            let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
            from_options.push((name.to_owned(), format!("{help} (as {option}).")));
        }
    }
    from_options.sort();

    let mut roff = Roff::new();
    roff.control("SH", ["ENVIRONMENT"]);
    let other = OTHER_ENVIRONMENT
        .iter()
        .map(|(name, meaning)| ((*name).to_owned(), (*meaning).to_owned()));
    for (name, meaning) in from_options.into_iter().chain(other) {
        roff.control("TP", []);
        roff.text([bold(name)]);
        roff.text([roman(meaning)]);
    }
    roff
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page_named(name: &str) -> String {
        let pages = man_pages().expect("pages render");
        let (_, page) = pages
            .into_iter()
            .find(|(file, _)| file == name)
            .unwrap_or_else(|| panic!("no page {name}"));
        String::from_utf8(page).expect("utf-8 roff")
    }

    #[test]
    fn every_visible_command_has_a_page_and_hidden_ones_do_not() {
        let names: Vec<String> = man_pages()
            .expect("pages render")
            .into_iter()
            .map(|(file, _)| file)
            .collect();
        for expected in ["wsfleet.1", "wsfleet-devices.1", "wsfleet-devices-get.1"] {
            assert!(
                names.iter().any(|n| n == expected),
                "{expected} in {names:?}"
            );
        }
        assert!(names.iter().any(|n| n == "wsfleet-completions.1"));
        assert!(!names.iter().any(|n| n.contains("generate-assets")));
        assert!(!names.iter().any(|n| n.contains("help")));
    }

    #[test]
    fn root_page_lists_exit_codes_and_environment() {
        let page = page_named("wsfleet.1");
        assert!(page.contains(".SH \"EXIT STATUS\""), "{page}");
        assert!(page.contains("Declined at the confirmation prompt."));
        assert!(page.contains(".SH ENVIRONMENT"));
        // From an option's `env`, found in the tree.
        assert!(page.contains("WSFLEET_OUTPUT"));
        assert!(page.contains("AWS_PROFILE"));
        assert!(page.contains("AWS_ENDPOINT_URL_WORKSPACES_THIN_CLIENT"));
    }
}
