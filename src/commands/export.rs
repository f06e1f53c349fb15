//! `wsfleet export --out DIR`: every resource of every region and account
//! named, with its details and tags, as a JSON and a CSV file a kind, plus a
//! `manifest.json` that says what was read, when, and how many of each.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use aws_sdk_workspaces::types::{WorkSpaceApplication, Workspace, WorkspaceBundle, WorkspaceImage};
use aws_sdk_workspacesthinclient::types::{Device, Environment, SoftwareSet};
use serde_json::{Map, Value, json};

use crate::cli::ConcurrencyArgs;
use crate::commands::report::{now, rfc3339};
use crate::context::Context;
use crate::error::{AppError, Result};
use crate::output::{
    Format, ListWriter, OutputSettings, Resource, Selection, View, columns_get as get,
};
use crate::report::inventory::{self, ScopeFleet};
use crate::resources::tags::sorted;
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
    std::fs::create_dir_all(&args.out)?;
    let fleets = &inventory.fleets;
    let dir = args.out.as_path();
    let written = [
        write_kind::<Device>(dir, "devices", fleets, |f| &f.devices, |d| d.arn())?,
        write_kind::<Environment>(
            dir,
            "environments",
            fleets,
            |f| &f.environments,
            |e| e.arn(),
        )?,
        write_kind::<SoftwareSet>(
            dir,
            "software-sets",
            fleets,
            |f| &f.software_sets,
            |s| s.arn(),
        )?,
        write_kind::<Workspace>(
            dir,
            "workspaces",
            fleets,
            |f| &f.workspaces,
            |w| w.workspace_id(),
        )?,
        write_kind::<WorkSpaceApplication>(
            dir,
            "applications",
            fleets,
            |f| &f.applications,
            |_| None,
        )?,
        write_kind::<WorkspaceImage>(dir, "images", fleets, |f| &f.images, |i| i.image_id())?,
        write_kind::<WorkspaceBundle>(dir, "bundles", fleets, |f| &f.bundles, |b| b.bundle_id())?,
    ];
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

/// `KIND.json` and `KIND.csv`: every column of the resource (what `get`
/// shows), the region and account, and the tags when the kind has them.
fn write_kind<T: Resource>(
    dir: &Path,
    kind: &'static str,
    fleets: &[ScopeFleet],
    items: fn(&ScopeFleet) -> &[T],
    tags_key: fn(&T) -> Option<&str>,
) -> Result<Written> {
    let mut selection = Selection::<T>::resolve(None, View::Detail, false)?;
    selection.located = true;
    let tagged = fleets
        .iter()
        .flat_map(|f| items(f).iter())
        .any(|item| tags_key(item).is_some());
    let extra: &[&'static str] = if tagged { &["tags"] } else { &[] };
    let mut count = 0;
    for (format, extension) in [(Format::Json, "json"), (Format::Csv, "csv")] {
        let settings = OutputSettings {
            format,
            ..OutputSettings::default()
        };
        let file = BufWriter::new(File::create(dir.join(format!("{kind}.{extension}")))?);
        let mut writer = ListWriter::with_extra(selection.clone(), &settings, file, extra);
        for fleet in fleets {
            for item in items(fleet) {
                let tags = tags_key(item)
                    .and_then(|key| fleet.tags.get(key))
                    .and_then(|tags| get::map(Some(sorted(tags))));
                writer.write_with(item, Some(&fleet.location), vec![tags])?;
            }
        }
        count = writer.finish()?;
    }
    Ok(Written { kind, count })
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
            json!({
                "region": f.location.region,
                "account": f.location.account,
                "counts": {
                    "devices": f.devices.len(),
                    "environments": f.environments.len(),
                    "software-sets": f.software_sets.len(),
                    "workspaces": f.workspaces.len(),
                    "applications": f.applications.len(),
                    "images": f.images.len(),
                    "bundles": f.bundles.len(),
                },
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
