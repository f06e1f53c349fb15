//! The one flow of every `directories modify-*` verb: the directories named
//! are routed and described, the plan shows each setting before and after,
//! `--dry-run` stops there, then one call a directory through the executor.

use std::future::Future;

use aws_sdk_workspaces::types::WorkspaceDirectory;

use super::described;
use crate::api::WorkspacesClient;
use crate::bulk::plan::{Plan, Planned};
use crate::bulk::targets::TargetArgs;
use crate::cli::{BulkArgs, ChangeArgs};
use crate::commands::plan::send_each;
use crate::context::Context;
use crate::error::{AppError, Result};
use crate::output::{Resource, cell_text};
use crate::resources::DIRECTORIES;
use crate::resources::directories::DirectoryClientProperties;
use crate::scope::{PlaceId, Service, route};

/// What a settings verb reads before it changes: a directory, or the
/// client properties of one.
pub trait Described {
    fn id(&self) -> Option<&str>;
    /// Whether the describe found it (a stand-in holds only the ID).
    fn found(&self) -> bool;
}

impl Described for WorkspaceDirectory {
    fn id(&self) -> Option<&str> {
        self.directory_id()
    }

    fn found(&self) -> bool {
        self.state().is_some()
    }
}

impl Described for DirectoryClientProperties {
    fn id(&self) -> Option<&str> {
        self.directory.id()
    }

    fn found(&self) -> bool {
        self.directory.found()
    }
}

/// One setting a verb changes: its name in the API under the property set,
/// and its value after, as a table cell shows it.
pub struct Setting {
    pub name: &'static str,
    pub after: String,
}

impl Setting {
    pub fn new(name: &'static str, after: impl Into<String>) -> Self {
        Self {
            name,
            after: after.into(),
        }
    }
}

/// The settings whose flag was given, in the order listed.
pub fn given(flags: impl IntoIterator<Item = (&'static str, Option<String>)>) -> Vec<Setting> {
    flags
        .into_iter()
        .filter_map(|(name, after)| Some(Setting::new(name, after?)))
        .collect()
}

/// What a verb changes: the journal's action word, the property set's name
/// in the API (empty for a top-level member), the settings given, and the
/// flags to name when none is. Each setting's value before is read through
/// the column `group.name` of what was described, the one `get --columns`
/// shows.
pub struct Change {
    pub action: &'static str,
    pub group: &'static str,
    pub settings: Vec<Setting>,
    pub flags: &'static str,
}

impl Change {
    /// The column a setting is shown in: `Group.Name`, or the name alone.
    pub fn column(&self, setting: &Setting) -> String {
        match self.group {
            "" => setting.name.to_owned(),
            group => format!("{group}.{}", setting.name),
        }
    }
}

/// `modify_each` over directories, each sent the same request by `send`.
pub async fn modify_directories<R, S, SFut>(
    ctx: &Context,
    args: (&TargetArgs, &ChangeArgs, &BulkArgs),
    change: Change,
    request: R,
    send: S,
) -> Result<()>
where
    R: Clone,
    S: Fn(WorkspacesClient, String, R) -> SFut,
    SFut: Future<Output = Result<()>>,
{
    modify_each(
        ctx,
        args,
        change,
        |client, ids| async move { described(&client, &ids).await },
        |client, id| send(client, id, request.clone()),
    )
    .await
}

/// The whole of a `modify-*` verb after its flags are read: `describe`
/// gives what the plan's "before" is read from (in the order asked, a
/// stand-in for what it did not find), `modify` changes one directory.
pub async fn modify_each<T, D, DFut, M, MFut>(
    ctx: &Context,
    args: (&TargetArgs, &ChangeArgs, &BulkArgs),
    change: Change,
    describe: D,
    modify: M,
) -> Result<()>
where
    T: Described + Resource,
    D: Fn(WorkspacesClient, Vec<String>) -> DFut,
    DFut: Future<Output = Result<Vec<T>>>,
    M: Fn(WorkspacesClient, String) -> MFut,
    MFut: Future<Output = Result<()>>,
{
    let (targets, dry_run, bulk) = args;
    if change.settings.is_empty() {
        return Err(AppError::usage(format!(
            "nothing to modify: give at least one of {}",
            change.flags
        )));
    }
    let named = DIRECTORIES.targets(targets, bulk.resume.as_ref())?;
    if named.is_empty() {
        return Err(AppError::usage(
            "name the directories to modify: IDs or --ids-from FILE",
        ));
    }
    let routed = route(ctx, Service::WorkSpaces, named).await?;
    let places = &routed.places;
    let rows = places
        .gather(routed.ids, |place, ids| {
            let (client, change) = (places.workspaces(place).clone(), &change);
            let describe = &describe;
            async move {
                let found = describe(client, ids).await?;
                Ok(found
                    .into_iter()
                    .map(|item| planned(place, item, change))
                    .collect())
            }
        })
        .await?;
    let plan = Plan::new("modify", rows.into_iter().map(|p| p.item).collect());
    // Every Modify operation of a directory takes one directory a call.
    send_each(
        ctx,
        (&(*dry_run).into(), None),
        (places, bulk),
        (change.action, plan),
        |target| modify(places.workspaces(target.place).clone(), target.id),
    )
    .await
}

/// A directory as the plan finds it: each setting given, before (read
/// through the column `get` shows it in) → after; left out when every one
/// already has its value.
fn planned<T: Described + Resource>(place: PlaceId, item: T, change: &Change) -> Planned<T> {
    let id = item.id().unwrap_or_default().to_owned();
    if !item.found() {
        return Planned::not_found(place, id, item);
    }
    let befores: Vec<Option<String>> = change
        .settings
        .iter()
        .map(|setting| {
            let name = change.column(setting);
            T::columns()
                .iter()
                .find(|column| column.name == name)
                .and_then(|column| (column.get)(&item))
                .map(|value| cell_text(&value))
        })
        .collect();
    let mut row = Planned::found(place, id, item);
    for (setting, before) in change.settings.iter().zip(befores) {
        row.change(setting.name, before, Some(&setting.after));
    }
    row.settle_unchanged();
    row
}

#[cfg(test)]
mod tests {
    use aws_sdk_workspaces::types::WorkspaceDirectory;
    use clap::Parser;

    use super::Change;
    use crate::commands::directories::DirectoriesCommand;
    use crate::output::Resource;
    use crate::resources::directories::DirectoryClientProperties;

    #[derive(Debug, Parser)]
    struct Cli {
        #[command(subcommand)]
        command: DirectoriesCommand,
    }

    /// The columns a change's settings are read from, and whether each exists.
    fn missing_columns<T: Resource>(change: &Change) -> Vec<String> {
        change
            .settings
            .iter()
            .map(|setting| change.column(setting))
            .filter(|name| !T::columns().iter().any(|column| column.name == name))
            .collect()
    }

    /// The plan reads each setting's value before through `get`'s column
    /// of the same name: every flag of every verb must have one.
    #[test]
    fn every_setting_has_the_column_get_shows_it_in() {
        let every_flag: &[&str] = &[
            "modify-self-service d-1234567890 --restart-workspace enabled --increase-volume-size enabled --change-compute-type enabled --switch-running-mode enabled --rebuild-workspace enabled",
            "modify-access d-1234567890 --windows allow --macos allow --web allow --ios allow --android allow --chromeos allow --zero-client allow --linux allow --thin-client allow --access-endpoint vpce-1 --internet-fallback pcoip",
            "modify-creation d-1234567890 --internet-access true --default-ou OU=a,DC=b --security-group sg-0123abcd --local-admin true --maintenance-mode true --instance-role arn:aws:iam::123456789012:role/r",
            "modify-streaming d-1234567890 --protocol udp --user-setting smart-card=enabled --home-folder enabled --global-accelerator enabled-auto --global-accelerator-protocol tcp",
            "modify-saml d-1234567890 --status enabled --user-access-url https://x.example --relay-state-name r",
            "modify-certificate-auth d-1234567890 --status enabled --certificate-authority arn:aws:acm-pca:us-east-1:1:certificate-authority/x",
            "modify-encryption d-1234567890 --mode fips-validated",
            "modify-client d-1234567890 --reconnect enabled --log-upload enabled",
        ];
        for line in every_flag {
            let words = std::iter::once("directories").chain(line.split_whitespace());
            let cli = Cli::try_parse_from(words).unwrap_or_else(|e| panic!("{line}: {e}"));
            let (count, missing) = match cli.command {
                DirectoriesCommand::ModifySelfService(a) => {
                    let c = a.change();
                    (c.settings.len(), missing_columns::<WorkspaceDirectory>(&c))
                }
                DirectoriesCommand::ModifyAccess(a) => {
                    let c = a.change();
                    (c.settings.len(), missing_columns::<WorkspaceDirectory>(&c))
                }
                DirectoriesCommand::ModifyCreation(a) => {
                    let c = a.change();
                    (c.settings.len(), missing_columns::<WorkspaceDirectory>(&c))
                }
                DirectoriesCommand::ModifyStreaming(a) => {
                    let c = a.change();
                    (c.settings.len(), missing_columns::<WorkspaceDirectory>(&c))
                }
                DirectoriesCommand::ModifySaml(a) => {
                    let c = a.change();
                    (c.settings.len(), missing_columns::<WorkspaceDirectory>(&c))
                }
                DirectoriesCommand::ModifyCertificateAuth(a) => {
                    let c = a.change();
                    (c.settings.len(), missing_columns::<WorkspaceDirectory>(&c))
                }
                DirectoriesCommand::ModifyEncryption(a) => {
                    let c = a.change();
                    (c.settings.len(), missing_columns::<WorkspaceDirectory>(&c))
                }
                DirectoriesCommand::ModifyClient(a) => {
                    let c = a.change();
                    (
                        c.settings.len(),
                        missing_columns::<DirectoryClientProperties>(&c),
                    )
                }
                other => panic!("not a settings verb: {other:?}"),
            };
            let flags = line.matches(" --").count();
            assert_eq!(count, flags, "{line}: a setting for each flag");
            assert!(missing.is_empty(), "{line}: no column {missing:?}");
        }
    }
}
