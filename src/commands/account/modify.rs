//! `wsfleet account modify`: ModifyAccount, which enables dedicated tenancy
//! (BYOL) with its management network range. The change is the account's
//! as a whole, so it shows the settings before and after and asks first.

use aws_sdk_workspaces::types::{AccountModification, DedicatedTenancySupportEnum};

use super::management_cidr;
use crate::api::account::{account_modifications, describe_account, modify_account};
use crate::cli::ConfirmArgs;
use crate::commands::waiting::{self, Progress, WaitArgs};
use crate::context::Context;
use crate::enum_arg::api_enum;
use crate::error::{AppError, Result};
use crate::prompt;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet account modify --dedicated-tenancy enabled --management-cidr 10.20.0.0/16 --dry-run
  wsfleet account modify --dedicated-tenancy enabled --management-cidr 10.20.0.0/16 --yes --wait";

api_enum!(
    /// Dedicated tenancy: the API only enables it
    DedicatedTenancyArg,
    DedicatedTenancySupportEnum
);

#[derive(Debug, clap::Args)]
#[command(mut_arg("wait_timeout", |arg| arg.default_value("1h")))]
pub struct Args {
    /// Dedicated tenancy for BYOL images (DedicatedTenancySupport)
    #[arg(long)]
    pub dedicated_tenancy: Option<DedicatedTenancyArg>,

    /// The /16 management network range (see `account management-cidrs`)
    #[arg(long, value_name = "CIDR", value_parser = management_cidr)]
    pub management_cidr: Option<String>,

    #[command(flatten)]
    pub wait: WaitArgs,

    #[command(flatten)]
    pub confirm: ConfirmArgs,
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    if args.dedicated_tenancy.is_none() && args.management_cidr.is_none() {
        return Err(AppError::usage(
            "name something to change: --dedicated-tenancy enabled, --management-cidr CIDR",
        ));
    }
    let prompter = prompt::for_run(&ctx.printer, &args.confirm, "modify")?;
    let client = ctx.workspaces().await?;
    let account = describe_account(&client).await?;
    let before_support = account
        .dedicated_tenancy_support()
        .map_or("-", |s| s.as_str());
    let before_cidr = account
        .dedicated_tenancy_management_cidr_range()
        .unwrap_or("-");
    let mut plan = vec!["The account:".to_owned()];
    if let Some(support) = args.dedicated_tenancy {
        plan.push(setting_line(
            "DedicatedTenancySupport",
            before_support,
            support.api_value(),
        ));
    }
    if let Some(cidr) = &args.management_cidr {
        plan.push(setting_line(
            "DedicatedTenancyManagementCidrRange",
            before_cidr,
            cidr,
        ));
    }
    ctx.printer.note(plan.join("\n"));
    if args.confirm.dry_run() {
        ctx.printer.note("dry run: nothing was changed");
        return Ok(());
    }
    prompt::require_confirmation(&*prompter, "modify", 1)?;
    let message = modify_account(
        &client,
        args.dedicated_tenancy.map(DedicatedTenancyArg::to_sdk),
        args.management_cidr,
    )
    .await?;
    ctx.printer.note(message.unwrap_or_else(|| {
        "the modification has started: `wsfleet account modifications` shows its state".to_owned()
    }));
    let Some(timeout) = args.wait.timeout() else {
        return Ok(());
    };
    let goal = waiting::Goal {
        noun: "account modification",
        goal: "complete",
        timeout,
    };
    waiting::until(ctx, vec!["account".to_owned()], &goal, |_| {
        let client = client.clone();
        async move {
            let modifications = account_modifications(&client).all().await?;
            Ok(vec![progress_of(latest(&modifications))])
        }
    })
    .await
}

fn setting_line(name: &str, before: &str, after: &str) -> String {
    let marker = if before == after { " unchanged" } else { "" };
    format!("  {name}: {before} -> {after}{marker}")
}

/// The modification started last.
fn latest(modifications: &[AccountModification]) -> Option<&AccountModification> {
    modifications
        .iter()
        .max_by_key(|m| m.start_time().map(|t| (t.secs(), t.subsec_nanos())))
}

fn progress_of(modification: Option<&AccountModification>) -> Progress {
    let Some(modification) = modification else {
        return Progress::Going;
    };
    match modification.modification_state().map(|s| s.as_str()) {
        Some("COMPLETED") => Progress::Done,
        Some("FAILED") => Progress::Failed(
            modification
                .error_message()
                .or(modification.error_code())
                .unwrap_or("no reason given")
                .to_owned(),
        ),
        _ => Progress::Going,
    }
}
