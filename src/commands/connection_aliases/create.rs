//! `wsfleet connection-aliases create`

use std::io::Write;

use crate::api::connection_aliases::{create_connection_alias, get_connection_alias};
use crate::api::workspaces::tags;
use crate::cli::ChangeArgs;
use crate::commands::images::tag_pairs;
use crate::commands::waiting::{self, Progress, WaitArgs};
use crate::context::Context;
use crate::error::Result;
use crate::validate::printable;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet connection-aliases create --connection-string desktop.example.com --tag team=euc
  ALIAS=$(wsfleet connection-aliases create --connection-string desktop.example.com --wait)";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The fully qualified domain name users will register with (letters, digits, . and -)
    #[arg(long, value_name = "FQDN", value_parser = connection_string)]
    pub connection_string: String,

    /// A tag for the new alias (repeatable)
    #[arg(long = "tag", value_name = "KEY=VALUE")]
    pub tags: Vec<String>,

    #[command(flatten)]
    pub wait: WaitArgs,

    #[command(flatten)]
    pub change: ChangeArgs,
}

/// The API's ConnectionString: `^[.0-9a-zA-Z\-]{1,255}$`.
fn connection_string(text: &str) -> std::result::Result<String, String> {
    let ok = (1..=255).contains(&text.len())
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-');
    if ok {
        Ok(text.to_owned())
    } else {
        Err(format!(
            "'{}' is not a connection string: 1 to 255 letters, digits, . and - (a domain name such as desktop.example.com)",
            printable(text)
        ))
    }
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let tags = tags(&tag_pairs(&args.tags)?)?;
    if args.change.dry_run {
        ctx.printer.note(format!(
            "dry run: would create the connection alias {} with {} tag(s); nothing was changed",
            args.connection_string,
            tags.len()
        ));
        return Ok(());
    }
    let client = ctx.workspaces().await?;
    let alias_id = create_connection_alias(&client, &args.connection_string, tags).await?;
    // The ID first, so `$(...)` captures it even when waiting fails.
    let mut out = ctx.printer.stdout();
    writeln!(out, "{alias_id}")?;
    out.flush()?;
    let Some(timeout) = args.wait.timeout() else {
        return Ok(());
    };
    let goal = waiting::Goal {
        noun: "connection alias",
        goal: "become CREATED",
        timeout,
    };
    waiting::until(ctx, vec![alias_id], &goal, |going| {
        let client = client.clone();
        waiting::each(4, going, move |id| {
            let client = client.clone();
            async move {
                let alias = get_connection_alias(&client, &id).await?;
                Ok(match alias.state().map(|s| s.as_str()) {
                    Some("CREATED") => Progress::Done,
                    Some("DELETING") => Progress::Failed("is being deleted".to_owned()),
                    _ => Progress::Going,
                })
            }
        })
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connection_strings_follow_the_api_pattern() {
        assert!(connection_string("desktop.example.com").is_ok());
        assert!(connection_string("https://desktop.example.com").is_err());
        assert!(connection_string("").is_err());
        assert!(connection_string(&"a".repeat(256)).is_err());
    }
}
