//! `wsfleet report`: one summary of the whole fleet, across every region
//! and account named, as tables or one JSON document.

use std::io::Write;

use serde_json::{Map, Value};

use crate::cli::ConcurrencyArgs;
use crate::context::Context;
use crate::duration::compact;
use crate::error::{AppError, Result};
use aws_sdk_workspaces::types::WorkspaceBundle;
use aws_sdk_workspacesthinclient::types::{Device, Environment};

use crate::complete::Entry;
use crate::output::{Format, Names, cell_text};
use crate::report::inventory::{self, ScopeFleet};
use crate::report::summary::{self, Section, Settings};
use crate::resources::names;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet report
  wsfleet report --stale 14d --within 2w
  wsfleet --profile prod,dev --region all report -o json > fleet.json";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Devices not seen (lastPostureAt), and stopped WorkSpaces nobody
    /// connected to, for longer than this are listed (90, 90s, 10m, 2h, 30d, 2w, 1h30m)
    #[arg(long, default_value = "30d", value_name = "DURATION",
          value_parser = crate::duration::positive())]
    pub stale: std::time::Duration,

    /// Software sets whose support ends within this are listed, with the
    /// devices and environments on them
    #[arg(long, default_value = "30d", value_name = "DURATION",
          value_parser = crate::duration::positive())]
    pub within: std::time::Duration,

    #[command(flatten)]
    pub concurrency: ConcurrencyArgs,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let settings = Settings {
        now: now(),
        stale: args.stale,
        within: args.within,
    };
    if ctx.printer.settings().columns.is_some() {
        return Err(AppError::usage(
            "report has fixed sections; --columns is for list verbs",
        ));
    }
    if ctx.printer.format() == Format::Csv {
        return Err(AppError::usage(
            "report writes tables or one JSON document (-o json); for CSV files use `wsfleet export`",
        ));
    }
    let inventory = inventory::gather(ctx, args.concurrency.get(), false)
        .await
        .or_only_error()?;
    let sections = summary::sections(&inventory.fleets, &settings);
    let mut out = ctx.printer.stdout();
    match ctx.printer.format() {
        Format::Table => write_tables(ctx, &mut out, &sections, &inventory.fleets)?,
        Format::Json | Format::Ndjson | Format::Csv => {
            let mut header = Map::new();
            header.insert("generatedAt".to_owned(), Value::from(rfc3339(settings.now)));
            header.insert(
                "wsfleetVersion".to_owned(),
                Value::from(env!("CARGO_PKG_VERSION")),
            );
            header.insert("stale".to_owned(), Value::from(compact(args.stale)));
            header.insert("within".to_owned(), Value::from(compact(args.within)));
            let document = summary::document(sections, header);
            let document = match &ctx.printer.settings().query {
                Some(query) => crate::output::query::apply(query, &document)?,
                None => document,
            };
            if ctx.printer.format() == Format::Json {
                serde_json::to_writer_pretty(&mut out, &document).map_err(std::io::Error::from)?;
            } else {
                serde_json::to_writer(&mut out, &document).map_err(std::io::Error::from)?;
            }
            out.write_all(b"\n")?;
        }
    }
    out.flush()?;
    inventory.finish(ctx)
}

/// A title and a table a section; the region and account columns only when
/// there is more than one scope.
fn write_tables(
    ctx: &Context,
    out: &mut impl Write,
    sections: &[Section],
    fleets: &[ScopeFleet],
) -> Result<()> {
    let located = fleets.len() > 1;
    let known = names_held(fleets);
    let mut thin_client_noted = false;
    let mut first = true;
    for section in sections {
        let thin_client = section
            .group
            .is_some_and(|group| crate::report::THIN_CLIENT_GROUPS.contains(&group));
        for (title, columns) in section.tables() {
            if !first {
                writeln!(out)?;
            }
            first = false;
            if thin_client && !thin_client_noted {
                writeln!(out, "{}\n", crate::report::THIN_CLIENT_END)?;
                thin_client_noted = true;
            }
            writeln!(out, "{title}")?;
            if section.rows.is_empty() {
                writeln!(out, "  none")?;
                continue;
            }
            let location: &[&str] = if located { &["region", "account"] } else { &[] };
            let names: Vec<&str> = location.iter().chain(columns).copied().collect();
            let refers: Vec<&'static [&'static str]> =
                names.iter().map(|name| refers_of(name)).collect();
            let rows: Vec<Vec<String>> = section
                .rows
                .iter()
                .map(|row| {
                    let mut cells: Vec<String> = names
                        .iter()
                        .map(|name| row.get(*name).map(cell_text).unwrap_or_default())
                        .collect();
                    known.rename_cells(&refers, &mut cells, Names::brief);
                    cells
                })
                .collect();
            writeln!(out, "{}", ctx.printer.text_table(&names, rows))?;
        }
    }
    Ok(())
}

/// The kinds of the IDs a report's column holds (none for plain data);
/// a table shows them by name.
fn refers_of(column: &str) -> &'static [&'static str] {
    match column {
        "environmentId" | "environments" => names::ENVIRONMENTS,
        "devices" => &["devices"],
        "BundleIds" => names::BUNDLES,
        _ => &[],
    }
}

/// The names of what the inventory holds, for the tables: no request more.
fn names_held(fleets: &[ScopeFleet]) -> Names {
    let mut known = Names::default();
    for fleet in fleets {
        let environments = fleet.of::<Environment>().iter();
        let devices = fleet.of::<Device>().iter();
        let bundles = fleet.of::<WorkspaceBundle>().iter();
        for entries in [
            environments
                .filter_map(|e| Entry::new(e.id(), [e.name()]))
                .collect::<Vec<_>>(),
            devices
                .filter_map(|d| Entry::new(d.id(), [d.name()]))
                .collect(),
            bundles
                .filter_map(|b| Entry::new(b.bundle_id(), [b.name()]))
                .collect(),
        ] {
            names::add_names(&mut known, &entries);
        }
    }
    known
}

/// Seconds since the epoch.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

pub fn rfc3339(epoch_seconds: i64) -> String {
    crate::output::columns_get::time(Some(&aws_smithy_types::DateTime::from_secs(epoch_seconds)))
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_are_rfc3339_utc() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
    }
}
