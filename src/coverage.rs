//! The coverage map: every operation of the two SDK crates wsfleet is built
//! with, and the verb that calls it or why none does yet. The tests in
//! `coverage/tests.rs` hold it to the SDK as built and to the code: an
//! operation the SDK adds, a verb that is renamed, an API call added or
//! removed in `src/api/`, each fails them until this table says so;
//! `tests/coverage.rs` runs each covered operation's verb against the
//! sandbox and checks the operation was made.
//! `wsfleet coverage` prints it and `generate-assets` writes it to
//! `docs/COVERAGE.md`.

use std::fmt::Write;

use crate::output::{Column, Resource, columns_get as get};
use Service::{ThinClient as TC, WorkSpaces as WS};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Service {
    WorkSpaces,
    ThinClient,
}

impl Service {
    pub const ALL: [Service; 2] = [Service::WorkSpaces, Service::ThinClient];

    pub fn name(self) -> &'static str {
        match self {
            Service::WorkSpaces => "WorkSpaces",
            Service::ThinClient => "Thin Client",
        }
    }

    /// The API's full name, as AWS's reference titles it.
    pub fn full_name(self) -> &'static str {
        match self {
            Service::WorkSpaces => "Amazon WorkSpaces",
            Service::ThinClient => "Amazon WorkSpaces Thin Client",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// `verb` is the command path that calls the operation (the main one
    /// where several do), such as `workspaces list`. A path followed by a
    /// `--flag` means the operation is made only to complete that flag's
    /// values on the command line.
    Covered { verb: &'static str },
    /// No verb calls it yet; `reason` says which issue will add it. Every
    /// operation of the SDKs built today is covered: an operation a newer
    /// SDK adds gets this row until a verb reaches it (the tests fail until
    /// it has one), so the variant stays.
    #[cfg_attr(not(test), allow(dead_code))]
    NotCovered { reason: &'static str },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Operation {
    pub service: Service,
    /// The API's operation name (`DescribeWorkspaces`).
    pub name: &'static str,
    pub status: Status,
}

impl Operation {
    pub fn verb(&self) -> Option<&'static str> {
        match self.status {
            Status::Covered { verb } => Some(verb),
            Status::NotCovered { .. } => None,
        }
    }

    pub fn reason(&self) -> Option<&'static str> {
        match self.status {
            Status::Covered { .. } => None,
            Status::NotCovered { reason } => Some(reason),
        }
    }

    pub fn is_covered(&self) -> bool {
        self.verb().is_some()
    }
}

const fn covered(service: Service, name: &'static str, verb: &'static str) -> Operation {
    Operation {
        service,
        name,
        status: Status::Covered { verb },
    }
}

/// The row of an operation no verb reaches yet (see [`Status::NotCovered`]).
#[cfg_attr(not(test), allow(dead_code))]
const fn not_covered(service: Service, name: &'static str, reason: &'static str) -> Operation {
    Operation {
        service,
        name,
        status: Status::NotCovered { reason },
    }
}

/// One row per SDK operation, by service then name.
#[rustfmt::skip]
pub const MAP: &[Operation] = &[
    covered(WS, "AcceptAccountLinkInvitation", "account-links accept"),
    covered(WS, "AssociateConnectionAlias", "connection-aliases associate"),
    covered(WS, "AssociateIpGroups", "ip-groups associate"),
    covered(WS, "AssociateWorkspaceApplication", "applications associate"),
    covered(WS, "AuthorizeIpRules", "ip-groups authorize"),
    covered(WS, "CopyWorkspaceImage", "images copy"),
    covered(WS, "CreateAccountLinkInvitation", "account-links invite"),
    covered(WS, "CreateConnectClientAddIn", "connect-add-ins create"),
    covered(WS, "CreateConnectionAlias", "connection-aliases create"),
    covered(WS, "CreateIpGroup", "ip-groups create"),
    covered(WS, "CreateStandbyWorkspaces", "workspaces create-standby"),
    covered(WS, "CreateTags", "workspaces tag"),
    covered(WS, "CreateUpdatedWorkspaceImage", "images create-updated"),
    covered(WS, "CreateWorkspaceBundle", "bundles create"),
    covered(WS, "CreateWorkspaceImage", "images create"),
    covered(WS, "CreateWorkspaces", "workspaces create"),
    covered(WS, "CreateWorkspacesPool", "pools create"),
    covered(WS, "DeleteAccountLinkInvitation", "account-links delete"),
    covered(WS, "DeleteClientBranding", "branding delete"),
    covered(WS, "DeleteConnectClientAddIn", "connect-add-ins delete"),
    covered(WS, "DeleteConnectionAlias", "connection-aliases delete"),
    covered(WS, "DeleteIpGroup", "ip-groups delete"),
    covered(WS, "DeleteTags", "workspaces untag"),
    covered(WS, "DeleteWorkspaceBundle", "bundles delete"),
    covered(WS, "DeleteWorkspaceImage", "images delete"),
    covered(WS, "DeployWorkspaceApplications", "applications deploy"),
    covered(WS, "DeregisterWorkspaceDirectory", "directories deregister"),
    covered(WS, "DescribeAccount", "account get"),
    covered(WS, "DescribeAccountModifications", "account modifications"),
    covered(WS, "DescribeApplicationAssociations", "applications associations"),
    covered(WS, "DescribeApplications", "applications list"),
    covered(WS, "DescribeBundleAssociations", "applications associations"),
    covered(WS, "DescribeClientBranding", "branding get"),
    covered(WS, "DescribeClientProperties", "directories client-properties"),
    covered(WS, "DescribeConnectClientAddIns", "connect-add-ins list"),
    covered(WS, "DescribeConnectionAliasPermissions", "connection-aliases permissions"),
    covered(WS, "DescribeConnectionAliases", "connection-aliases list"),
    covered(WS, "DescribeCustomWorkspaceImageImport", "images import-status"),
    covered(WS, "DescribeImageAssociations", "images applications"),
    covered(WS, "DescribeIpGroups", "ip-groups list"),
    covered(WS, "DescribeTags", "workspaces tags"),
    covered(WS, "DescribeWorkspaceAssociations", "workspaces applications"),
    covered(WS, "DescribeWorkspaceBundles", "bundles list"),
    covered(WS, "DescribeWorkspaceDirectories", "directories list"),
    covered(WS, "DescribeWorkspaceImagePermissions", "images permissions"),
    covered(WS, "DescribeWorkspaceImages", "images list"),
    covered(WS, "DescribeWorkspaceSnapshots", "workspaces snapshots"),
    covered(WS, "DescribeWorkspaces", "workspaces list"),
    covered(WS, "DescribeWorkspacesConnectionStatus", "workspaces connections"),
    covered(WS, "DescribeWorkspacesPoolSessions", "pools sessions"),
    covered(WS, "DescribeWorkspacesPools", "pools list"),
    covered(WS, "DisassociateConnectionAlias", "connection-aliases disassociate"),
    covered(WS, "DisassociateIpGroups", "ip-groups disassociate"),
    covered(WS, "DisassociateWorkspaceApplication", "applications disassociate"),
    covered(WS, "GetAccountLink", "account-links get"),
    covered(WS, "ImportClientBranding", "branding import"),
    covered(WS, "ImportCustomWorkspaceImage", "images import-custom"),
    covered(WS, "ImportWorkspaceImage", "images import"),
    covered(WS, "ListAccountLinks", "account-links list"),
    covered(WS, "ListAvailableManagementCidrRanges", "account management-cidrs"),
    covered(WS, "MigrateWorkspace", "workspaces migrate"),
    covered(WS, "ModifyAccount", "account modify"),
    covered(WS, "ModifyCertificateBasedAuthProperties", "directories modify-certificate-auth"),
    covered(WS, "ModifyClientProperties", "directories modify-client"),
    covered(WS, "ModifyEndpointEncryptionMode", "directories modify-encryption"),
    covered(WS, "ModifySamlProperties", "directories modify-saml"),
    covered(WS, "ModifySelfservicePermissions", "directories modify-self-service"),
    covered(WS, "ModifyStreamingProperties", "directories modify-streaming"),
    covered(WS, "ModifyWorkspaceAccessProperties", "directories modify-access"),
    covered(WS, "ModifyWorkspaceCreationProperties", "directories modify-creation"),
    covered(WS, "ModifyWorkspaceProperties", "workspaces modify"),
    covered(WS, "ModifyWorkspaceState", "workspaces maintenance on"),
    covered(WS, "RebootWorkspaces", "workspaces reboot"),
    covered(WS, "RebuildWorkspaces", "workspaces rebuild"),
    covered(WS, "RegisterWorkspaceDirectory", "directories register"),
    covered(WS, "RejectAccountLinkInvitation", "account-links reject"),
    covered(WS, "RestoreWorkspace", "workspaces restore"),
    covered(WS, "RevokeIpRules", "ip-groups revoke"),
    covered(WS, "StartWorkspaces", "workspaces start"),
    covered(WS, "StartWorkspacesPool", "pools start"),
    covered(WS, "StopWorkspaces", "workspaces stop"),
    covered(WS, "StopWorkspacesPool", "pools stop"),
    covered(WS, "TerminateWorkspaces", "workspaces terminate"),
    covered(WS, "TerminateWorkspacesPool", "pools terminate"),
    covered(WS, "TerminateWorkspacesPoolSession", "pools end-session"),
    covered(WS, "UpdateConnectClientAddIn", "connect-add-ins update"),
    covered(WS, "UpdateConnectionAliasPermission", "connection-aliases share"),
    covered(WS, "UpdateRulesOfIpGroup", "ip-groups set-rules"),
    covered(WS, "UpdateWorkspaceBundle", "bundles update"),
    covered(WS, "UpdateWorkspaceImagePermission", "images share"),
    covered(WS, "UpdateWorkspacesPool", "pools update"),
    covered(TC, "CreateEnvironment", "environments create"),
    covered(TC, "DeleteDevice", "devices delete"),
    covered(TC, "DeleteEnvironment", "environments delete"),
    covered(TC, "DeregisterDevice", "devices deregister"),
    covered(TC, "GetDevice", "devices get"),
    covered(TC, "GetEnvironment", "environments get"),
    covered(TC, "GetSoftwareSet", "software-sets get"),
    covered(TC, "ListDevices", "devices list"),
    covered(TC, "ListEnvironments", "environments list"),
    covered(TC, "ListSoftwareSets", "software-sets list"),
    covered(TC, "ListTagsForResource", "devices tags"),
    covered(TC, "TagResource", "devices tag"),
    covered(TC, "UntagResource", "devices untag"),
    covered(TC, "UpdateDevice", "devices update"),
    covered(TC, "UpdateEnvironment", "environments update"),
    covered(TC, "UpdateSoftwareSet", "software-sets update"),
];

/// How many of a service's operations the map covers, of how many.
pub fn count(map: &[Operation], service: Service) -> (usize, usize) {
    let rows = map.iter().filter(|op| op.service == service);
    let total = rows.clone().count();
    (rows.filter(|op| op.is_covered()).count(), total)
}

/// "WorkSpaces 23 of 91, Thin Client 16 of 16"
pub fn summary(map: &[Operation]) -> String {
    Service::ALL
        .iter()
        .map(|&service| {
            let (covered, total) = count(map, service);
            format!("{} {covered} of {total}", service.name())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The README's claim, word for word: a test keeps the README saying it.
pub fn readme_claim(map: &[Operation]) -> String {
    let (workspaces, workspaces_total) = count(map, Service::WorkSpaces);
    let (thin_client, thin_client_total) = count(map, Service::ThinClient);
    format!(
        "{workspaces} of {workspaces_total} Amazon WorkSpaces operations and \
{thin_client} of {thin_client_total} WorkSpaces Thin Client operations"
    )
}

/// `docs/COVERAGE.md`: the summary, then one table per service.
pub fn markdown(map: &[Operation]) -> String {
    let mut doc = String::from(
        "# API coverage\n\n\
<!-- Generated from src/coverage.rs by `cargo run -- generate-assets --out .`; do not edit. -->\n\n",
    );
    let _ = writeln!(
        doc,
        "wsfleet reaches {}. `wsfleet coverage` prints the same map \
(`-o json` or `-o csv` for scripts).\n",
        readme_claim(map)
    );
    doc.push_str(
        "A verb followed by a flag (`workspaces list --directory`) makes the operation only to \
complete that flag's values on the command line.\n",
    );
    for service in Service::ALL {
        let (covered, total) = count(map, service);
        let _ = write!(
            doc,
            "\n## {} ({covered} of {total})\n\n| operation | verb | not yet: why |\n| --- | --- | --- |\n",
            service.full_name()
        );
        for op in map.iter().filter(|op| op.service == service) {
            let verb = op.verb().map(|v| format!("`{v}`")).unwrap_or_default();
            let _ = writeln!(
                doc,
                "| {} | {verb} | {} |",
                op.name,
                op.reason().unwrap_or_default()
            );
        }
    }
    doc
}

impl Resource for Operation {
    const KIND: &'static str = "operation";

    fn columns() -> &'static [Column<Self>] {
        const COLUMNS: &[Column<Operation>] = &[
            Column::new("service", |op: &Operation| {
                get::text(Some(op.service.name()))
            })
            .shown("SERVICE"),
            Column::new("operation", |op: &Operation| get::text(Some(op.name))).shown("OPERATION"),
            Column::new("status", |op: &Operation| {
                get::text(Some(if op.is_covered() {
                    "covered"
                } else {
                    "not-covered"
                }))
            })
            .shown("STATUS"),
            Column::new("verb", |op: &Operation| get::text(op.verb())).shown("VERB"),
            Column::new("reason", |op: &Operation| get::text(op.reason())).shown("REASON"),
        ];
        COLUMNS
    }
}

#[cfg(test)]
mod tests;
