//! `wsfleet export --out DIR`: every resource of every region and account
//! named, with its details and tags, as a JSON and a CSV file a kind, plus a
//! `manifest.json` that says what was read, when, and how many of each.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use serde_json::{Map, Value, json};

use crate::cli::ConcurrencyArgs;
use crate::commands::report::{now, rfc3339};
use crate::context::Context;
use crate::error::{AppError, Result};
use crate::report::inventory::{self, ScopeFleet};
use crate::validate::printable;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet export --out inventory-2026-11-21
  wsfleet --profile prod --region all export --out before-migration
  wsfleet export --out inventory --force      write into a directory that has files";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Directory for the files (created if missing)
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,

    /// Write into a directory that already holds files (replacing those of
    /// an earlier export)
    #[arg(long)]
    pub force: bool,

    /// Read the inventory and say what would be written, writing nothing
    #[arg(long)]
    pub dry_run: bool,

    #[command(flatten)]
    pub concurrency: ConcurrencyArgs,
}

/// The manifest's name; written last, so its presence means the export is whole.
pub const MANIFEST: &str = "manifest.json";

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    check_out_dir(&args.out, args.force)?;
    if ctx.printer.settings().columns.is_some() {
        return Err(AppError::usage(
            "export writes every column; --columns is for list verbs",
        ));
    }
    let started = now();
    let inventory = inventory::gather(ctx, args.concurrency.get(), true)
        .await
        .or_only_error()?;
    if args.dry_run {
        let counts: Vec<String> = inventory::inventoried()
            .map(|(kind, _)| {
                let count: usize = inventory.fleets.iter().map(|f| f.count(kind)).sum();
                format!("{count} {}", kind.plural)
            })
            .collect();
        ctx.printer.note(format!(
            "dry run: would export {} to {}; nothing was written",
            counts.join(", "),
            args.out.display()
        ));
        return inventory.finish(ctx);
    }
    std::fs::create_dir_all(&args.out)?;
    let scopes: Vec<_> = inventory.fleets.iter().map(ScopeFleet::held).collect();
    let dir = args.out.as_path();
    let written = inventory::inventoried()
        .map(|(kind, inventory)| {
            let count = inventory.write_files(dir, kind, &scopes)?;
            Ok(Written {
                kind: kind.plural,
                count,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let manifest = manifest(started, &inventory, &written);
    let mut file = BufWriter::new(File::create(dir.join(MANIFEST))?);
    serde_json::to_writer_pretty(&mut file, &manifest).map_err(std::io::Error::from)?;
    file.write_all(b"\n")?;
    file.flush()?;
    let counts: Vec<String> = written
        .iter()
        .map(|w| format!("{} {}", w.count, w.kind))
        .collect();
    ctx.printer.note(format!(
        "exported {} to {} ({MANIFEST} lists them)",
        counts.join(", "),
        dir.display()
    ));
    inventory.finish(ctx)
}

/// An existing file, or a directory with files in it, is refused unless
/// `--force`: an export must not mix with, or silently replace, another.
fn check_out_dir(out: &Path, force: bool) -> Result<()> {
    let shown = || printable(&out.display().to_string());
    match std::fs::read_dir(out) {
        Ok(mut entries) => {
            if entries.next().is_some() && !force {
                return Err(AppError::usage(format!(
                    "--out {} is not empty; choose a new directory, or pass --force to write into it",
                    shown()
                )));
            }
            Ok(())
        }
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(_) if out.exists() => Err(AppError::usage(format!(
            "--out {} exists and is not a directory",
            shown()
        ))),
        Err(err) => Err(AppError::usage(format!("--out {}: {err}", shown()))),
    }
}

/// What one kind's files hold.
struct Written {
    kind: &'static str,
    count: usize,
}

fn manifest(started: i64, inventory: &inventory::Inventory, written: &[Written]) -> Value {
    let counts: Map<String, Value> = written
        .iter()
        .map(|w| (w.kind.to_owned(), Value::from(w.count)))
        .collect();
    let files: Vec<Value> = written
        .iter()
        .map(|w| {
            json!({
                "kind": w.kind,
                "json": format!("{}.json", w.kind),
                "csv": format!("{}.csv", w.kind),
                "count": w.count,
            })
        })
        .collect();
    let scopes: Vec<Value> = inventory
        .fleets
        .iter()
        .map(|f| {
            let counts: Map<String, Value> = inventory::inventoried()
                .map(|(kind, _)| (kind.plural.to_owned(), Value::from(f.count(kind))))
                .collect();
            json!({
                "region": f.location.region,
                "account": f.location.account,
                "counts": counts,
            })
        })
        .collect();
    let failures: Vec<Value> = inventory
        .failures
        .iter()
        .map(|(scope, err)| json!({"scope": scope, "error": err.to_string()}))
        .collect();
    json!({
        "wsfleetVersion": env!("CARGO_PKG_VERSION"),
        "startedAt": rfc3339(started),
        "finishedAt": rfc3339(now()),
        "scopes": scopes,
        "failures": failures,
        "counts": counts,
        "files": files,
    })
}
