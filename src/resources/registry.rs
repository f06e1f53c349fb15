//! The registry: every kind wsfleet knows, each declared once here (its
//! typed ID, nouns, service, how it is listed and tagged) with its columns
//! in its own module. A new kind is a section here, a line in [`KINDS`],
//! its columns module and its command group.

use aws_sdk_workspaces::types::{
    ConnectionAlias, WorkSpaceApplication, Workspace, WorkspaceBundle, WorkspaceDirectory,
    WorkspaceImage, WorkspacesIpGroup, WorkspacesPool,
};
use aws_sdk_workspacesthinclient::types::{Device, Environment, SoftwareSet};

use super::ids::{lowercase_alphanumeric, lowercase_hex, prefixed, typed_id};
use super::{ArnTagging, Kind, Listing, Tagging, label_pages};
use crate::api::connection_aliases::{AliasQuery, connection_aliases};
use crate::api::ip_groups::ip_groups;
use crate::api::pools;
use crate::api::thin_client as tc;
use crate::api::workspaces::{self as ws, ApplicationQuery, ImageQuery, WorkspaceQuery};
use crate::complete::Entry;
use crate::scope::Service;

/// Every kind, in the order export writes them.
pub static KINDS: &[&Kind] = &[
    &DEVICES,
    &ENVIRONMENTS,
    &SOFTWARE_SETS,
    &WORKSPACES,
    &APPLICATIONS,
    &IMAGES,
    &BUNDLES,
    &DIRECTORIES,
    &IP_GROUPS,
    &POOLS,
    &CONNECTION_ALIASES,
];

// ----------------------------------------------------------------- Thin Client

typed_id!(
    /// A Thin Client device ID: 24 letters and digits.
    DeviceId,
    "device ID",
    "24 letters and digits",
    |id| id.len() == 24 && id.bytes().all(|b| b.is_ascii_alphanumeric())
);

pub static DEVICES: Kind = Kind {
    singular: "device",
    plural: "devices",
    service: Service::ThinClient,
    id: DeviceId::RULE,
    id_keys: &["id"],
    tagging: Tagging::ByArn(ArnTagging {
        resource_type: "device",
        arn_of: |client, id| Box::pin(async move { Ok(tc::get_device(client, id).await?.arn) }),
    }),
    labels: |session, found| {
        let pages = tc::devices(session.thin_client());
        Box::pin(label_pages(pages, found, |d: &Device| {
            Entry::new(d.id(), [d.name(), d.serial_number()])
        }))
    },
    inventory: Some(&Listing::<Device> {
        list: |session, concurrency| {
            let client = session.thin_client().clone();
            Box::pin(async move {
                let devices = tc::devices(&client).all().await?;
                tc::with_details(&client, devices, concurrency).await
            })
        },
        tag_key: Device::arn,
    }),
};

typed_id!(
    /// A Thin Client environment ID: nine lowercase letters and digits.
    EnvironmentId,
    "environment ID",
    "9 lowercase letters and digits",
    |id| id.len() == 9 && id.bytes().all(lowercase_alphanumeric)
);

pub static ENVIRONMENTS: Kind = Kind {
    singular: "environment",
    plural: "environments",
    service: Service::ThinClient,
    id: EnvironmentId::RULE,
    id_keys: &["id"],
    tagging: Tagging::ByArn(ArnTagging {
        resource_type: "environment",
        arn_of: |client, id| {
            Box::pin(async move { Ok(tc::get_environment(client, id).await?.arn) })
        },
    }),
    labels: |session, found| {
        let pages = tc::environments(session.thin_client());
        Box::pin(label_pages(pages, found, |e: &Environment| {
            Entry::new(e.id(), [e.name()])
        }))
    },
    inventory: Some(&Listing::<Environment> {
        list: |session, concurrency| {
            let client = session.thin_client().clone();
            Box::pin(async move {
                let environments = tc::environments(&client).all().await?;
                tc::environments_with_details(&client, environments, concurrency).await
            })
        },
        tag_key: Environment::arn,
    }),
};

typed_id!(
    /// A Thin Client software set ID: one to nine digits.
    SoftwareSetId,
    "software set ID",
    "1 to 9 digits",
    |id| (1..=9).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_digit())
);

pub static SOFTWARE_SETS: Kind = Kind {
    singular: "software set",
    plural: "software-sets",
    service: Service::ThinClient,
    id: SoftwareSetId::RULE,
    id_keys: &["id"],
    tagging: Tagging::ByArn(ArnTagging {
        resource_type: "softwareset",
        arn_of: |client, id| {
            Box::pin(async move { Ok(tc::get_software_set(client, id).await?.arn) })
        },
    }),
    labels: |session, found| {
        let pages = tc::software_sets(session.thin_client());
        Box::pin(label_pages(pages, found, |s: &SoftwareSet| {
            Entry::new(s.id(), [s.version()])
        }))
    },
    inventory: Some(&Listing::<SoftwareSet> {
        list: |session, concurrency| {
            let client = session.thin_client().clone();
            Box::pin(async move {
                let software_sets = tc::software_sets(&client).all().await?;
                tc::software_sets_with_details(&client, software_sets, concurrency).await
            })
        },
        tag_key: SoftwareSet::arn,
    }),
};

// ------------------------------------------------------------------ WorkSpaces

typed_id!(
    /// A WorkSpace ID: `ws-` and 8 to 63 lowercase letters or digits.
    WorkspaceId,
    "WorkSpace ID",
    "ws- and 8 to 63 lowercase letters or digits",
    |id| prefixed(id, "ws-", 8, lowercase_alphanumeric)
);

pub static WORKSPACES: Kind = Kind {
    singular: "WorkSpace",
    plural: "workspaces",
    service: Service::WorkSpaces,
    id: WorkspaceId::RULE,
    id_keys: &["WorkspaceId"],
    tagging: Tagging::ById,
    labels: |session, found| {
        let pages = ws::workspaces(session.workspaces(), WorkspaceQuery::default());
        Box::pin(label_pages(pages, found, |w: &Workspace| {
            Entry::new(w.workspace_id(), [w.user_name(), w.computer_name()])
        }))
    },
    inventory: Some(&Listing::<Workspace> {
        list: |session, _| {
            let pages = ws::workspaces(session.workspaces(), WorkspaceQuery::default());
            Box::pin(pages.all())
        },
        tag_key: Workspace::workspace_id,
    }),
};

typed_id!(
    /// A WorkSpaces application ID: `wsa-` and 8 to 63 lowercase letters or digits.
    ApplicationId,
    "application ID",
    "wsa- and 8 to 63 lowercase letters or digits",
    |id| prefixed(id, "wsa-", 8, lowercase_alphanumeric)
);

pub static APPLICATIONS: Kind = Kind {
    singular: "application",
    plural: "applications",
    service: Service::WorkSpaces,
    id: ApplicationId::RULE,
    id_keys: &["ApplicationId"],
    // DescribeTags takes WorkSpaces, images, bundles and directories; not applications.
    tagging: Tagging::Untagged,
    labels: |session, found| {
        let pages = ws::applications(session.workspaces(), ApplicationQuery::default());
        Box::pin(label_pages(pages, found, |a: &WorkSpaceApplication| {
            Entry::new(a.application_id(), [a.name()])
        }))
    },
    inventory: Some(&Listing::<WorkSpaceApplication> {
        list: |session, _| {
            let pages = ws::applications(session.workspaces(), ApplicationQuery::default());
            Box::pin(pages.all())
        },
        tag_key: |_| None,
    }),
};

typed_id!(
    /// An image ID: `wsi-` and 9 to 63 lowercase letters or digits.
    ImageId,
    "image ID",
    "wsi- and 9 to 63 lowercase letters or digits",
    |id| prefixed(id, "wsi-", 9, lowercase_alphanumeric)
);

pub static IMAGES: Kind = Kind {
    singular: "image",
    plural: "images",
    service: Service::WorkSpaces,
    id: ImageId::RULE,
    id_keys: &["ImageId"],
    tagging: Tagging::ById,
    labels: |session, found| {
        let pages = ws::images(session.workspaces(), ImageQuery::default());
        Box::pin(label_pages(pages, found, |i: &WorkspaceImage| {
            Entry::new(i.image_id(), [i.name()])
        }))
    },
    inventory: Some(&Listing::<WorkspaceImage> {
        list: |session, _| {
            let pages = ws::images(session.workspaces(), ImageQuery::default());
            Box::pin(pages.all())
        },
        tag_key: WorkspaceImage::image_id,
    }),
};

typed_id!(
    /// A bundle ID: `wsb-` and 8 to 63 lowercase letters or digits.
    BundleId,
    "bundle ID",
    "wsb- and 8 to 63 lowercase letters or digits",
    |id| prefixed(id, "wsb-", 8, lowercase_alphanumeric)
);

pub static BUNDLES: Kind = Kind {
    singular: "bundle",
    plural: "bundles",
    service: Service::WorkSpaces,
    id: BundleId::RULE,
    id_keys: &["BundleId"],
    tagging: Tagging::ById,
    labels: |session, found| {
        let client = session.workspaces();
        Box::pin(async move {
            // The account's own bundles first: they are the ones people pick.
            for owner in [None, Some("AMAZON")] {
                let pages = ws::bundles(client, owner);
                label_pages(pages, found, |b| Entry::new(b.bundle_id(), [b.name()])).await?;
            }
            Ok(())
        })
    },
    inventory: Some(&Listing::<WorkspaceBundle> {
        list: |session, _| Box::pin(ws::describe_bundles(session.workspaces())),
        tag_key: WorkspaceBundle::bundle_id,
    }),
};

typed_id!(
    /// A directory ID: `d-` and 8 to 63 hex digits, or `wsd-` and 8 to 63
    /// lowercase letters or digits.
    DirectoryId,
    "directory ID",
    "d- and 8 to 63 hex digits, or wsd- and 8 to 63 lowercase letters or digits",
    |id| prefixed(id, "d-", 8, lowercase_hex) || prefixed(id, "wsd-", 8, lowercase_alphanumeric)
);

pub static DIRECTORIES: Kind = Kind {
    singular: "directory",
    plural: "directories",
    service: Service::WorkSpaces,
    id: DirectoryId::RULE,
    id_keys: &["DirectoryId"],
    tagging: Tagging::ById,
    labels: |session, found| {
        let pages = ws::directories(session.workspaces());
        Box::pin(label_pages(pages, found, |d: &WorkspaceDirectory| {
            Entry::new(d.directory_id(), [d.directory_name(), d.alias()])
        }))
    },
    inventory: Some(&Listing::<WorkspaceDirectory> {
        list: |session, _| Box::pin(ws::directories(session.workspaces()).all()),
        tag_key: WorkspaceDirectory::directory_id,
    }),
};

typed_id!(
    /// An IP access control group ID: `wsipg-` and 8 to 63 lowercase letters or digits.
    IpGroupId,
    "IP group ID",
    "wsipg- and 8 to 63 lowercase letters or digits",
    |id| prefixed(id, "wsipg-", 8, lowercase_alphanumeric)
);

pub static IP_GROUPS: Kind = Kind {
    singular: "IP group",
    plural: "ip-groups",
    service: Service::WorkSpaces,
    id: IpGroupId::RULE,
    id_keys: &["groupId", "GroupId"],
    tagging: Tagging::ById,
    labels: |session, found| {
        let pages = ip_groups(session.workspaces(), &[]);
        Box::pin(label_pages(pages, found, |g: &WorkspacesIpGroup| {
            Entry::new(g.group_id(), [g.group_name()])
        }))
    },
    inventory: Some(&Listing::<WorkspacesIpGroup> {
        list: |session, _| Box::pin(ip_groups(session.workspaces(), &[]).all()),
        tag_key: WorkspacesIpGroup::group_id,
    }),
};

typed_id!(
    /// A WorkSpaces Pool ID: `wspool-` and 9 lowercase letters or digits.
    PoolId,
    "pool ID",
    "wspool- and 9 lowercase letters or digits",
    |id| prefixed(id, "wspool-", 9, lowercase_alphanumeric) && id.len() == "wspool-".len() + 9
);

pub static POOLS: Kind = Kind {
    singular: "pool",
    plural: "pools",
    service: Service::WorkSpaces,
    id: PoolId::RULE,
    id_keys: &["PoolId"],
    tagging: Tagging::ById,
    labels: |session, found| {
        let pages = pools::pools(session.workspaces(), &[]);
        Box::pin(label_pages(pages, found, |p: &WorkspacesPool| {
            Entry::new(Some(p.pool_id()), [Some(p.pool_name())])
        }))
    },
    inventory: Some(&Listing::<WorkspacesPool> {
        list: |session, _| Box::pin(pools::pools(session.workspaces(), &[]).all()),
        tag_key: |p| Some(p.pool_id()),
    }),
};

typed_id!(
    /// A connection alias ID: `wsca-` and 8 to 63 lowercase letters or digits.
    ConnectionAliasId,
    "connection alias ID",
    "wsca- and 8 to 63 lowercase letters or digits",
    |id| prefixed(id, "wsca-", 8, lowercase_alphanumeric)
);

pub static CONNECTION_ALIASES: Kind = Kind {
    singular: "connection alias",
    plural: "connection-aliases",
    service: Service::WorkSpaces,
    id: ConnectionAliasId::RULE,
    id_keys: &["AliasId"],
    tagging: Tagging::ById,
    labels: |session, found| {
        let pages = connection_aliases(session.workspaces(), AliasQuery::default());
        Box::pin(label_pages(pages, found, |a: &ConnectionAlias| {
            Entry::new(a.alias_id(), [a.connection_string()])
        }))
    },
    inventory: Some(&Listing::<ConnectionAlias> {
        list: |session, _| {
            Box::pin(connection_aliases(session.workspaces(), AliasQuery::default()).all())
        },
        tag_key: ConnectionAlias::alias_id,
    }),
};
