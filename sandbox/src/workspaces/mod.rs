//! WorkSpaces (awsJson1.1) state and operations.
//!
//! The state holds directories, bundles, images, applications, WorkSpaces,
//! application associations and tags. Operations that start a transition
//! (a WorkSpace starting, an image being built, an application installing)
//! write down when it ends; every call first applies the transitions that
//! are due, so time only needs to be passed in, never run in the background.
//!
//! # Adding an operation
//!
//! 1. Write its handler as a method of [`WorkspacesState`] in the module of
//!    its resource group (a new group gets a new module, such as
//!    `ip_groups.rs`, declared below), taking `(&self or &mut self, &Input,
//!    &Clock)`. Read the input through [`Input`] (it checks types, patterns
//!    and lengths as the service's model does), page with
//!    `paging::Listing`, and fail with [`WsError`] using only the errors the
//!    model declares for the operation.
//! 2. Add one line to [`OPERATIONS`]: `Operation::reads` for an operation
//!    that only looks (its handler takes `&self`; the state file is not
//!    rewritten after it), `Operation::changes` for one that changes the state.
//!    That line is the whole of its routing and of `supported_operations()`.
//! 3. If the resource is new, give the state a map for it (with
//!    `#[serde(default)]`, so older state files still load) and seed a few
//!    in `seed.rs`, keeping the same seed giving the same fleet.
//! 4. Test it beside the others of its group in `tests/`, through
//!    `WorkspacesState::handle` as the server calls it.
//! 5. Run the conformance check against the service model (see the tools
//!    README); every check must hold.

mod account;
mod account_links;
mod applications;
mod associations;
mod branding;
mod bundles;
mod connect_add_ins;
mod connection_aliases;
mod connection_status;
mod custom_image_import;
mod directories;
mod directory_settings;
mod error;
mod image_path;
mod images;
mod input;
mod ip_groups;
mod model;
mod paging;
mod pools;
mod seed;
mod spread;
mod tags;
mod workspace_ops;
mod workspace_state;

#[cfg(test)]
mod tests;

use std::cell::Cell;
use std::collections::BTreeMap;
use std::time::Duration;

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use error::WsError;
use input::Input;
use model::{
    Advanced, Application, Association, BundleRecord, Directory, ImageRecord, Tags,
    WorkspaceRecord, advance_schedule,
};
use seed::SplitMix;
use workspace_ops::{REBOOT, REBUILD, START, STOP, TERMINATE};

/// The account that owns the sandbox's resources.
pub const ACCOUNT_ID: &str = "123456789012";

/// The region standby WorkSpaces of the seeded fleet live in.
pub const STANDBY_REGION: &str = "us-west-2";

type Answer = Result<Value, WsError>;

/// What an operation runs: a reader cannot change the state, so the kind of
/// handler is what makes an operation read-only.
#[derive(Clone, Copy)]
enum Handler {
    Reads(fn(&WorkspacesState, &Input, &Clock) -> Answer),
    Changes(fn(&mut WorkspacesState, &Input, &Clock) -> Answer),
}

/// One `WorkspacesService.<Name>` operation the sandbox answers.
pub struct Operation {
    pub name: &'static str,
    handler: Handler,
}

impl Operation {
    const fn reads(
        name: &'static str,
        handler: fn(&WorkspacesState, &Input, &Clock) -> Answer,
    ) -> Self {
        Self {
            name,
            handler: Handler::Reads(handler),
        }
    }

    const fn changes(
        name: &'static str,
        handler: fn(&mut WorkspacesState, &Input, &Clock) -> Answer,
    ) -> Self {
        Self {
            name,
            handler: Handler::Changes(handler),
        }
    }

    /// Whether the operation only looks at the state, so nothing needs saving after it.
    pub fn is_read_only(&self) -> bool {
        matches!(self.handler, Handler::Reads(_))
    }
}

/// Every operation the sandbox answers; anything else is an
/// `UnknownOperationException`. One line an operation: its name, whether it
/// only reads the state (`reads`) or changes it (`changes`), and its handler.
#[rustfmt::skip]
const OPERATIONS: &[Operation] = &[
    // WorkSpaces (workspace_ops/, connection_status.rs)
    Operation::reads("DescribeWorkspaces", WorkspacesState::describe_workspaces),
    Operation::reads("DescribeWorkspacesConnectionStatus", WorkspacesState::describe_workspaces_connection_status),
    Operation::changes("CreateWorkspaces", WorkspacesState::create_workspaces),
    Operation::changes("ModifyWorkspaceProperties", WorkspacesState::modify_workspace_properties),
    Operation::changes("StartWorkspaces", |state, input, clock| state.change_workspaces(input, clock, START)),
    Operation::changes("StopWorkspaces", |state, input, clock| state.change_workspaces(input, clock, STOP)),
    Operation::changes("RebootWorkspaces", |state, input, clock| state.change_workspaces(input, clock, REBOOT)),
    Operation::changes("RebuildWorkspaces", |state, input, clock| state.change_workspaces(input, clock, REBUILD)),
    Operation::changes("TerminateWorkspaces", |state, input, clock| state.change_workspaces(input, clock, TERMINATE)),
    // WorkSpace operations one WorkSpace a call (workspace_state.rs)
    Operation::changes("RestoreWorkspace", WorkspacesState::restore_workspace),
    Operation::changes("ModifyWorkspaceState", WorkspacesState::modify_workspace_state),
    Operation::changes("MigrateWorkspace", WorkspacesState::migrate_workspace),
    // snapshots and standby WorkSpaces (workspace_ops/snapshots.rs, workspace_ops/standby.rs)
    Operation::reads("DescribeWorkspaceSnapshots", WorkspacesState::describe_workspace_snapshots),
    Operation::changes("CreateStandbyWorkspaces", WorkspacesState::create_standby_workspaces),
    // Applications (applications.rs) and their associations (associations.rs)
    Operation::reads("DescribeApplications", WorkspacesState::describe_applications),
    Operation::reads("DescribeApplicationAssociations", WorkspacesState::describe_application_associations),
    Operation::reads("DescribeBundleAssociations", WorkspacesState::describe_bundle_associations),
    Operation::reads("DescribeImageAssociations", WorkspacesState::describe_image_associations),
    Operation::reads("DescribeWorkspaceAssociations", WorkspacesState::describe_workspace_associations),
    Operation::changes("AssociateWorkspaceApplication", WorkspacesState::associate_workspace_application),
    Operation::changes("DisassociateWorkspaceApplication", WorkspacesState::disassociate_workspace_application),
    Operation::changes("DeployWorkspaceApplications", WorkspacesState::deploy_workspace_applications),
    // Images (images.rs), bundles (bundles.rs), directories (directories.rs)
    Operation::reads("DescribeWorkspaceImages", WorkspacesState::describe_workspace_images),
    Operation::changes("CreateUpdatedWorkspaceImage", WorkspacesState::create_updated_workspace_image),
    Operation::changes("DeleteWorkspaceImage", WorkspacesState::delete_workspace_image),
    // the golden-image path (image_path.rs): image a WorkSpace or import one, copy, share
    Operation::changes("CreateWorkspaceImage", WorkspacesState::create_workspace_image),
    Operation::changes("CopyWorkspaceImage", WorkspacesState::copy_workspace_image),
    Operation::changes("ImportWorkspaceImage", WorkspacesState::import_workspace_image),
    Operation::reads("DescribeWorkspaceImagePermissions", WorkspacesState::describe_workspace_image_permissions),
    Operation::changes("UpdateWorkspaceImagePermission", WorkspacesState::update_workspace_image_permission),
    Operation::reads("DescribeWorkspaceDirectories", WorkspacesState::describe_workspace_directories),
    Operation::changes("RegisterWorkspaceDirectory", WorkspacesState::register_workspace_directory),
    // bundles (bundles.rs)
    Operation::reads("DescribeWorkspaceBundles", WorkspacesState::describe_workspace_bundles),
    Operation::changes("CreateWorkspaceBundle", WorkspacesState::create_workspace_bundle),
    Operation::changes("UpdateWorkspaceBundle", WorkspacesState::update_workspace_bundle),
    Operation::changes("DeleteWorkspaceBundle", WorkspacesState::delete_workspace_bundle),
    // Tags (tags.rs)
    Operation::changes("CreateTags", WorkspacesState::create_tags),
    Operation::reads("DescribeTags", WorkspacesState::describe_tags),
    Operation::changes("DeleteTags", WorkspacesState::delete_tags),
    // Directory settings (directory_settings.rs)
    Operation::changes("ModifySelfservicePermissions", WorkspacesState::modify_selfservice_permissions),
    Operation::changes("DeregisterWorkspaceDirectory", WorkspacesState::deregister_workspace_directory),
    Operation::changes("ModifyWorkspaceAccessProperties", WorkspacesState::modify_workspace_access_properties),
    Operation::changes("ModifyWorkspaceCreationProperties", WorkspacesState::modify_workspace_creation_properties),
    Operation::changes("ModifyStreamingProperties", WorkspacesState::modify_streaming_properties),
    Operation::changes("ModifySamlProperties", WorkspacesState::modify_saml_properties),
    Operation::changes("ModifyCertificateBasedAuthProperties", WorkspacesState::modify_certificate_based_auth_properties),
    Operation::changes("ModifyEndpointEncryptionMode", WorkspacesState::modify_endpoint_encryption_mode),
    Operation::changes("ModifyClientProperties", WorkspacesState::modify_client_properties),
    Operation::reads("DescribeClientProperties", WorkspacesState::describe_client_properties),
    // IP access control groups (ip_groups.rs)
    Operation::reads("DescribeIpGroups", WorkspacesState::describe_ip_groups),
    Operation::changes("CreateIpGroup", WorkspacesState::create_ip_group),
    Operation::changes("DeleteIpGroup", WorkspacesState::delete_ip_group),
    Operation::changes("AuthorizeIpRules", WorkspacesState::authorize_ip_rules),
    Operation::changes("RevokeIpRules", WorkspacesState::revoke_ip_rules),
    Operation::changes("UpdateRulesOfIpGroup", WorkspacesState::update_rules_of_ip_group),
    Operation::changes("AssociateIpGroups", WorkspacesState::associate_ip_groups),
    Operation::changes("DisassociateIpGroups", WorkspacesState::disassociate_ip_groups),
    // pools (pools.rs)
    Operation::reads("DescribeWorkspacesPools", WorkspacesState::describe_workspaces_pools),
    Operation::changes("CreateWorkspacesPool", WorkspacesState::create_workspaces_pool),
    Operation::changes("UpdateWorkspacesPool", WorkspacesState::update_workspaces_pool),
    Operation::changes("StartWorkspacesPool", WorkspacesState::start_workspaces_pool),
    Operation::changes("StopWorkspacesPool", WorkspacesState::stop_workspaces_pool),
    Operation::changes("TerminateWorkspacesPool", WorkspacesState::terminate_workspaces_pool),
    Operation::reads("DescribeWorkspacesPoolSessions", WorkspacesState::describe_workspaces_pool_sessions),
    Operation::changes("TerminateWorkspacesPoolSession", WorkspacesState::terminate_workspaces_pool_session),
    // connect-add-ins (connect_add_ins.rs)
    Operation::reads("DescribeConnectClientAddIns", WorkspacesState::describe_connect_client_add_ins),
    Operation::changes("CreateConnectClientAddIn", WorkspacesState::create_connect_client_add_in),
    Operation::changes("UpdateConnectClientAddIn", WorkspacesState::update_connect_client_add_in),
    Operation::changes("DeleteConnectClientAddIn", WorkspacesState::delete_connect_client_add_in),
    // account (account.rs): dedicated tenancy (BYOL)
    Operation::reads("DescribeAccount", WorkspacesState::describe_account),
    Operation::changes("ModifyAccount", WorkspacesState::modify_account),
    Operation::reads("DescribeAccountModifications", WorkspacesState::describe_account_modifications),
    Operation::reads("ListAvailableManagementCidrRanges", WorkspacesState::list_available_management_cidr_ranges),
    // branding (branding.rs): the clients' login screen, per directory and platform
    Operation::reads("DescribeClientBranding", WorkspacesState::describe_client_branding),
    Operation::changes("ImportClientBranding", WorkspacesState::import_client_branding),
    Operation::changes("DeleteClientBranding", WorkspacesState::delete_client_branding),
    // custom image imports (custom_image_import.rs): through EC2 Image Builder
    Operation::changes("ImportCustomWorkspaceImage", WorkspacesState::import_custom_workspace_image),
    Operation::reads("DescribeCustomWorkspaceImageImport", WorkspacesState::describe_custom_workspace_image_import),
    // account-links (account_links.rs)
    Operation::reads("ListAccountLinks", WorkspacesState::list_account_links),
    Operation::reads("GetAccountLink", WorkspacesState::get_account_link),
    Operation::changes("CreateAccountLinkInvitation", WorkspacesState::create_account_link_invitation),
    Operation::changes("AcceptAccountLinkInvitation", WorkspacesState::accept_account_link_invitation),
    Operation::changes("RejectAccountLinkInvitation", WorkspacesState::reject_account_link_invitation),
    Operation::changes("DeleteAccountLinkInvitation", WorkspacesState::delete_account_link_invitation),
    // connection aliases (connection_aliases.rs)
    Operation::reads("DescribeConnectionAliases", WorkspacesState::describe_connection_aliases),
    Operation::changes("CreateConnectionAlias", WorkspacesState::create_connection_alias),
    Operation::changes("DeleteConnectionAlias", WorkspacesState::delete_connection_alias),
    Operation::changes("AssociateConnectionAlias", WorkspacesState::associate_connection_alias),
    Operation::changes("DisassociateConnectionAlias", WorkspacesState::disassociate_connection_alias),
    Operation::reads("DescribeConnectionAliasPermissions", WorkspacesState::describe_connection_alias_permissions),
    Operation::changes("UpdateConnectionAliasPermission", WorkspacesState::update_connection_alias_permission),
];

/// The names of [`OPERATIONS`], in its order.
static OPERATION_NAMES: [&str; OPERATIONS.len()] = {
    let mut names = [""; OPERATIONS.len()];
    let mut index = 0;
    while index < OPERATIONS.len() {
        names[index] = OPERATIONS[index].name;
        index += 1;
    }
    names
};

/// The operation `X-Amz-Target` names (the part after `WorkspacesService.`),
/// if the sandbox answers it.
pub fn operation(name: &str) -> Option<&'static Operation> {
    OPERATIONS.iter().find(|operation| operation.name == name)
}

/// The operation names the sandbox supports.
pub fn supported_operations() -> &'static [&'static str] {
    &OPERATION_NAMES
}

/// Everything the WorkSpaces side of the sandbox holds.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct WorkspacesState {
    #[serde(default)]
    directories: BTreeMap<String, Directory>,
    #[serde(default)]
    bundles: BTreeMap<String, BundleRecord>,
    #[serde(default)]
    images: BTreeMap<String, ImageRecord>,
    #[serde(default)]
    applications: BTreeMap<String, Application>,
    #[serde(default)]
    workspaces: BTreeMap<String, WorkspaceRecord>,
    /// Keyed by [`Association::key`].
    #[serde(default)]
    associations: BTreeMap<String, Association>,
    #[serde(default)]
    pools: BTreeMap<String, pools::PoolRecord>,
    #[serde(default)]
    connect_add_ins: connect_add_ins::AddIns,
    #[serde(default)]
    account: account::Account,
    #[serde(default)]
    branding: branding::Brandings,
    #[serde(default)]
    custom_image_imports: custom_image_import::CustomImports,
    #[serde(default)]
    account_links: account_links::AccountLinks,
    /// Keyed by resource id.
    #[serde(default)]
    tags: Tags,
    #[serde(default)]
    ip_groups: BTreeMap<String, ip_groups::IpGroup>,
    /// Directory Service's directories, registrations under way, client properties.
    #[serde(default)]
    registry: directories::Registry,
    #[serde(default)]
    connection_aliases: BTreeMap<String, connection_aliases::AliasRecord>,
    /// Where the identifiers of new resources come from, so that a replayed
    /// session creates the same identifiers.
    #[serde(default)]
    id_source: SplitMix,
    /// When the earliest scheduled transition is due (`None`: none is), so
    /// that a call with nothing due skips looking at every resource.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "model::optional_epoch_seconds"
    )]
    next_transition_due: Option<DateTime<Utc>>,
}

/// The time of a call and how long the transitions it starts take. Every
/// transition is scheduled through [`Clock::after`], which remembers the
/// earliest one so the state knows when it next has work to do.
#[derive(Debug)]
pub(crate) struct Clock {
    pub now: DateTime<Utc>,
    pub transition: TimeDelta,
    /// The region the call was made in (signed for), if the caller said:
    /// every region reaches the one sandbox, and images are kept by region.
    pub region: Option<String>,
    earliest_scheduled: Cell<Option<DateTime<Utc>>>,
}

impl Clock {
    pub fn new(now: DateTime<Utc>, transition: Duration) -> Self {
        Self {
            now,
            transition: TimeDelta::from_std(transition).unwrap_or(TimeDelta::MAX),
            region: None,
            earliest_scheduled: Cell::new(None),
        }
    }

    /// When the `steps`-th consecutive transition started now ends.
    pub fn after(&self, steps: i32) -> DateTime<Utc> {
        let at = (1..=steps).fold(self.now, |time, _| {
            time.checked_add_signed(self.transition)
                .unwrap_or(DateTime::<Utc>::MAX_UTC)
        });
        self.earliest_scheduled
            .set(earliest(self.earliest_scheduled.get(), Some(at)));
        at
    }
}

fn earliest(a: Option<DateTime<Utc>>, b: Option<DateTime<Utc>>) -> Option<DateTime<Utc>> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

impl WorkspacesState {
    /// A deterministic fleet of `workspaces` WorkSpaces with their directories,
    /// bundles, applications and images.
    pub fn seed(workspaces: usize, seed: u64, now: DateTime<Utc>) -> Self {
        seed::seed_state(workspaces, seed, now)
    }

    /// What CloudWatch's usage metrics need to know of a WorkSpace.
    pub(crate) fn usage_subject(&self, id: &str) -> Option<crate::cloudwatch::UsageSubject> {
        let record = self.workspaces.get(id)?;
        Some(crate::cloudwatch::UsageSubject {
            running_mode: record.workspace.workspace_properties.running_mode.clone(),
            last_user_connection: record.last_user_connection,
            tag_keys: self
                .tags
                .get(id)
                .map(|tags| tags.iter().map(|tag| tag.key.clone()).collect())
                .unwrap_or_default(),
        })
    }

    /// The id of the `index`-th WorkSpace in id order (tests pick WorkSpaces by it).
    #[cfg(test)]
    pub(crate) fn nth_workspace_id(&self, index: usize) -> Option<String> {
        self.workspaces.keys().nth(index).cloned()
    }

    /// Runs the operation `name`, the part of `X-Amz-Target` after
    /// `WorkspacesService.`; `transition` is how long a transitional state lasts.
    pub fn handle(
        &mut self,
        name: &str,
        input: &Value,
        now: DateTime<Utc>,
        transition: Duration,
    ) -> Result<Value, WsError> {
        let operation = operation(name).ok_or_else(|| WsError::unknown_operation(name))?;
        self.run(operation, input, now, transition)
    }

    /// Runs one operation of [`OPERATIONS`].
    pub fn run(
        &mut self,
        operation: &Operation,
        input: &Value,
        now: DateTime<Utc>,
        transition: Duration,
    ) -> Result<Value, WsError> {
        self.run_in_region(operation, input, now, transition, None)
    }

    /// [`WorkspacesState::run`] for a call made in `region` (the region
    /// its request was signed for), which images are kept by.
    pub fn run_in_region(
        &mut self,
        operation: &Operation,
        input: &Value,
        now: DateTime<Utc>,
        transition: Duration,
        region: Option<String>,
    ) -> Result<Value, WsError> {
        self.advance(now);
        let input = Input::root(input)?;
        let clock = Clock {
            region,
            ..Clock::new(now, transition)
        };
        let answer = match operation.handler {
            Handler::Reads(read) => read(self, &input, &clock),
            Handler::Changes(change) => change(self, &input, &clock),
        };
        self.next_transition_due =
            earliest(self.next_transition_due, clock.earliest_scheduled.get());
        answer
    }

    /// Applies every transition due at `now`: WorkSpaces, images and
    /// application associations reach their next state, and terminated
    /// WorkSpaces and uninstalled associations disappear.
    fn advance(&mut self, now: DateTime<Utc>) {
        if self.next_transition_due.is_none_or(|due| due > now) {
            return;
        }
        let mut still_due = None;
        let mut gone_workspaces = Vec::new();
        for (id, record) in &mut self.workspaces {
            if record.modifications_done_at.is_some_and(|done| done <= now) {
                record.workspace.modification_states.clear();
                record.modifications_done_at = None;
            }
            let workspace = &mut record.workspace;
            let outcome = advance_schedule(&mut record.schedule, now, |state, _| {
                workspace.state = state;
            });
            if let Advanced::Gone = outcome {
                gone_workspaces.push(id.clone());
            }
            still_due = earliest(
                still_due,
                earliest(record.schedule.next_due(), record.modifications_done_at),
            );
        }
        for id in gone_workspaces {
            self.forget_workspace(&id);
        }

        for record in self.images.values_mut() {
            let image = &mut record.image;
            advance_schedule(&mut record.schedule, now, |state, _| image.state = state);
            still_due = earliest(still_due, record.schedule.next_due());
        }

        self.associations.retain(|_, association| {
            let Association {
                schedule,
                state,
                last_updated_time,
                ..
            } = association;
            let outcome = advance_schedule(schedule, now, |next, at| {
                *state = next;
                *last_updated_time = at;
            });
            still_due = earliest(still_due, schedule.next_due());
            !matches!(outcome, Advanced::Gone)
        });
        still_due = earliest(still_due, self.advance_pools(now));
        still_due = earliest(still_due, self.advance_directories(now));
        still_due = earliest(still_due, self.advance_account(now));
        still_due = earliest(still_due, self.advance_connection_aliases(now));
        self.next_transition_due = still_due;
    }

    /// Removes a WorkSpace whose termination has completed, with its tags
    /// and application associations.
    fn forget_workspace(&mut self, workspace_id: &str) {
        self.workspaces.remove(workspace_id);
        self.tags.remove(workspace_id);
        for key in self.association_keys_of(workspace_id) {
            self.associations.remove(&key);
        }
    }

    /// The keys of the associations of one WorkSpace, bundle or image: one
    /// range of the map, since keys begin with the resource id.
    fn association_keys_of(&self, resource_id: &str) -> Vec<String> {
        let prefix = Association::key(resource_id, "");
        self.associations
            .range(prefix.clone()..)
            .take_while(|(key, _)| key.starts_with(&prefix))
            .map(|(key, _)| key.clone())
            .collect()
    }
}
