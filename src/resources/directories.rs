//! WorkSpaces directories: known to completion and by their typed ID; not
//! yet read by the inventory.

use aws_sdk_workspaces::types::WorkspaceDirectory;

use crate::api::workspaces::describe_directories;
use crate::complete::Entry;
use crate::fanout::Service;
use crate::resources::{DirectoryId, Kind, Tagging};

pub static KIND: Kind = Kind {
    singular: "directory",
    plural: "directories",
    service: Service::WorkSpaces,
    id: DirectoryId::RULE,
    id_type: std::any::TypeId::of::<DirectoryId>,
    id_keys: &["DirectoryId"],
    tagging: Tagging::ById,
    labels: |session, found| {
        Box::pin(async move {
            let directories = describe_directories(&session.workspaces()).await?;
            found.extend(directories.iter().filter_map(|d: &WorkspaceDirectory| {
                Entry::new(d.directory_id(), [d.directory_name(), d.alias()])
            }));
            Ok(())
        })
    },
    inventory: None,
};
