//! `wsfleet connect-add-ins`: the Amazon Connect client add-ins of a
//! directory.

pub mod create;
pub mod delete;
pub mod list;
pub mod update;

use clap::Subcommand;

use crate::context::Context;
use crate::error::{AppError, Result};
use crate::validate::printable;

/// The end of `wsfleet connect-add-ins --help`.
pub const EXAMPLES: &str = "\
Examples:
  wsfleet connect-add-ins list d-90670b1234
  wsfleet connect-add-ins create d-90670b1234 --name CCP --url https://x.my.connect.aws/ccp-v2";

#[derive(Debug, Subcommand)]
pub enum ConnectAddInsCommand {
    /// List a directory's add-ins (every page)
    #[command(visible_alias = "ls", after_long_help = list::EXAMPLES)]
    List(list::Args),
    /// Add an add-in to a directory
    #[command(after_long_help = create::EXAMPLES)]
    Create(create::Args),
    /// Rename an add-in or change its URL
    #[command(after_long_help = update::EXAMPLES)]
    Update(update::Args),
    /// Delete an add-in
    #[command(visible_alias = "rm", after_long_help = delete::EXAMPLES)]
    Delete(delete::Args),
}

pub async fn run(command: ConnectAddInsCommand, ctx: &Context) -> Result<()> {
    match command {
        ConnectAddInsCommand::List(args) => list::run(args, ctx).await,
        ConnectAddInsCommand::Create(args) => create::run(args, ctx).await,
        ConnectAddInsCommand::Update(args) => update::run(args, ctx).await,
        ConnectAddInsCommand::Delete(args) => delete::run(args, ctx).await,
    }
}

/// AddInName: 1 to 64 characters.
fn check_name(name: &str) -> Result<()> {
    if (1..=64).contains(&name.chars().count()) {
        Ok(())
    } else {
        Err(AppError::usage(format!(
            "invalid --name '{}': 1 to 64 characters",
            printable(name)
        )))
    }
}

/// AddInUrl: `^(http|https)\://\S+`, up to 1024 characters.
fn check_url(url: &str) -> Result<()> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    let ok = url.len() <= 1024
        && rest.is_some_and(|rest| !rest.is_empty() && !rest.chars().any(char::is_whitespace));
    if ok {
        Ok(())
    } else {
        Err(AppError::usage(format!(
            "invalid --url '{}': an http:// or https:// URL without spaces, up to 1024 characters",
            printable(url)
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_urls_follow_the_api_patterns() {
        assert!(check_name("Contact Control Panel").is_ok());
        assert!(check_name("").is_err());
        assert!(check_url("https://x.my.connect.aws/ccp-v2").is_ok());
        assert!(check_url("ftp://x").is_err());
        assert!(check_url("https://has space").is_err());
        assert!(check_url("https://").is_err());
    }
}
