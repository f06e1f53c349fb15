//! WorkSpaces: DescribeWorkspaces' fields, under the API's PascalCase names.
//! DescribeWorkspaces returns every field, so no column is detail-only.

use aws_sdk_workspaces::types::{Snapshot, Workspace};
use serde_json::{Map, Value};

use crate::api::workspace_snapshots::WorkspaceSnapshots;
use crate::output::{Column, Resource, columns_get as get};

impl Resource for Workspace {
    const KIND: &'static str = "WorkSpace";

    fn columns() -> &'static [Column<Self>] {
        COLUMNS
    }
}

const COLUMNS: &[Column<Workspace>] = &[
    Column::new("WorkspaceId", |w: &Workspace| get::text(w.workspace_id())).shown("ID"),
    Column::new("DirectoryId", |w: &Workspace| get::text(w.directory_id())).shown("DIRECTORY"),
    Column::new("UserName", |w: &Workspace| get::text(w.user_name())).shown("USER"),
    Column::new("WorkspaceName", |w: &Workspace| {
        get::text(w.workspace_name())
    }),
    Column::new("IpAddress", |w: &Workspace| get::text(w.ip_address())),
    Column::new("State", |w: &Workspace| get::enumeration(w.state())).shown("STATE"),
    Column::new("BundleId", |w: &Workspace| get::text(w.bundle_id())).shown("BUNDLE"),
    Column::new("SubnetId", |w: &Workspace| get::text(w.subnet_id())),
    Column::new("ErrorMessage", |w: &Workspace| get::text(w.error_message())),
    Column::new("ErrorCode", |w: &Workspace| get::text(w.error_code())),
    Column::new("ComputerName", |w: &Workspace| get::text(w.computer_name())),
    Column::new("VolumeEncryptionKey", |w: &Workspace| {
        get::text(w.volume_encryption_key())
    }),
    Column::new("UserVolumeEncryptionEnabled", |w: &Workspace| {
        get::boolean(w.user_volume_encryption_enabled())
    }),
    Column::new("RootVolumeEncryptionEnabled", |w: &Workspace| {
        get::boolean(w.root_volume_encryption_enabled())
    }),
    Column::new("WorkspaceProperties.RunningMode", |w: &Workspace| {
        get::enumeration(w.workspace_properties().and_then(|p| p.running_mode()))
    })
    .shown("RUNNING MODE"),
    Column::new(
        "WorkspaceProperties.RunningModeAutoStopTimeoutInMinutes",
        |w: &Workspace| {
            get::int(
                w.workspace_properties()
                    .and_then(|p| p.running_mode_auto_stop_timeout_in_minutes()),
            )
        },
    ),
    Column::new("WorkspaceProperties.RootVolumeSizeGib", |w: &Workspace| {
        get::int(
            w.workspace_properties()
                .and_then(|p| p.root_volume_size_gib()),
        )
    }),
    Column::new("WorkspaceProperties.UserVolumeSizeGib", |w: &Workspace| {
        get::int(
            w.workspace_properties()
                .and_then(|p| p.user_volume_size_gib()),
        )
    }),
    Column::new("WorkspaceProperties.ComputeTypeName", |w: &Workspace| {
        get::enumeration(w.workspace_properties().and_then(|p| p.compute_type_name()))
    })
    .shown("COMPUTE"),
    Column::new("WorkspaceProperties.Protocols", |w: &Workspace| {
        get::list(
            w.workspace_properties()
                .map(|p| p.protocols())
                .unwrap_or_default(),
        )
    }),
    Column::new(
        "WorkspaceProperties.OperatingSystemName",
        |w: &Workspace| {
            get::enumeration(
                w.workspace_properties()
                    .and_then(|p| p.operating_system_name()),
            )
        },
    )
    .shown("OS"),
    Column::new(
        "WorkspaceProperties.GlobalAccelerator.Mode",
        |w: &Workspace| {
            get::enumeration(
                w.workspace_properties()
                    .and_then(|p| p.global_accelerator())
                    .map(|g| g.mode()),
            )
        },
    ),
    Column::new(
        "WorkspaceProperties.GlobalAccelerator.PreferredProtocol",
        |w: &Workspace| {
            get::enumeration(
                w.workspace_properties()
                    .and_then(|p| p.global_accelerator())
                    .and_then(|g| g.preferred_protocol()),
            )
        },
    ),
    Column::new(
        "WorkspaceProperties.NestedVirtualizationEnabled",
        |w: &Workspace| {
            get::boolean(
                w.workspace_properties()
                    .and_then(|p| p.nested_virtualization_enabled()),
            )
        },
    ),
    Column::new("ModificationStates", |w: &Workspace| {
        objects(w.modification_states(), |m| {
            object([
                ("Resource", get::enumeration(m.resource())),
                ("State", get::enumeration(m.state())),
            ])
        })
    }),
    Column::new("RelatedWorkspaces", |w: &Workspace| {
        objects(w.related_workspaces(), |r| {
            object([
                ("WorkspaceId", get::text(r.workspace_id())),
                ("Region", get::text(r.region())),
                ("State", get::enumeration(r.state())),
                ("Type", get::enumeration(r.r#type())),
            ])
        })
    }),
    Column::new(
        "DataReplicationSettings.DataReplication",
        |w: &Workspace| {
            get::enumeration(
                w.data_replication_settings()
                    .and_then(|d| d.data_replication()),
            )
        },
    ),
    Column::new(
        "DataReplicationSettings.RecoverySnapshotTime",
        |w: &Workspace| {
            get::time(
                w.data_replication_settings()
                    .and_then(|d| d.recovery_snapshot_time()),
            )
        },
    ),
    Column::new("StandbyWorkspacesProperties", |w: &Workspace| {
        objects(w.standby_workspaces_properties(), |s| {
            object([
                ("StandbyWorkspaceId", get::text(s.standby_workspace_id())),
                ("DataReplication", get::enumeration(s.data_replication())),
                (
                    "RecoverySnapshotTime",
                    get::time(s.recovery_snapshot_time()),
                ),
            ])
        })
    }),
];

impl Resource for WorkspaceSnapshots {
    const KIND: &'static str = "WorkSpace's snapshots";

    fn columns() -> &'static [Column<Self>] {
        SNAPSHOT_COLUMNS
    }
}

/// DescribeWorkspaceSnapshots' lists, under the WorkSpace they belong to;
/// an empty list is shown as such, as the API returns it.
const SNAPSHOT_COLUMNS: &[Column<WorkspaceSnapshots>] = &[
    Column::new("WorkspaceId", |s: &WorkspaceSnapshots| {
        get::text(Some(&s.workspace_id))
    })
    .shown("ID"),
    Column::new("RestoreSnapshots", |s: &WorkspaceSnapshots| {
        snapshot_times(&s.restore_snapshots)
    })
    .shown("RESTORE SNAPSHOT"),
    Column::new("RebuildSnapshots", |s: &WorkspaceSnapshots| {
        snapshot_times(&s.rebuild_snapshots)
    })
    .shown("REBUILD SNAPSHOTS"),
];

fn snapshot_times(snapshots: &[Snapshot]) -> Option<Value> {
    Some(Value::Array(
        snapshots
            .iter()
            .map(|s| object([("SnapshotTime", get::time(s.snapshot_time()))]))
            .collect(),
    ))
}

/// A JSON object of the fields that are present, in the API's names.
pub fn object<const N: usize>(fields: [(&str, Option<Value>); N]) -> Value {
    Value::Object(
        fields
            .into_iter()
            .filter_map(|(name, value)| value.map(|v| (name.to_owned(), v)))
            .collect::<Map<String, Value>>(),
    )
}

/// A list of structures as a JSON array; absent when the list is empty.
pub fn objects<T>(items: &[T], to_json: impl Fn(&T) -> Value) -> Option<Value> {
    (!items.is_empty()).then(|| Value::Array(items.iter().map(to_json).collect()))
}

/// A WorkSpace known only by its ID (asked for, but not described): enough
/// for a plan row.
pub fn placeholder(id: &str) -> Workspace {
    Workspace::builder().workspace_id(id).build()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::{Selection, View};
    use aws_sdk_workspaces::types::{
        Compute, ModificationResourceEnum, ModificationState, ModificationStateEnum,
        OperatingSystemName, WorkspaceProperties, WorkspaceState,
    };
    use serde_json::json;

    #[test]
    fn json_keys_are_the_api_member_names() {
        let workspace = Workspace::builder()
            .workspace_id("ws-abc12345")
            .state(WorkspaceState::Available)
            .workspace_properties(
                WorkspaceProperties::builder()
                    .compute_type_name(Compute::Standard)
                    .operating_system_name(OperatingSystemName::Windows10)
                    .build(),
            )
            .modification_states(
                ModificationState::builder()
                    .resource(ModificationResourceEnum::RootVolume)
                    .state(ModificationStateEnum::UpdateInProgress)
                    .build(),
            )
            .build();
        let selection = Selection::<Workspace>::resolve(None, View::Detail, false).unwrap();
        assert_eq!(
            selection.to_json(&workspace, None),
            json!({
                "WorkspaceId": "ws-abc12345",
                "State": "AVAILABLE",
                "WorkspaceProperties": {
                    "ComputeTypeName": "STANDARD",
                    "OperatingSystemName": "WINDOWS_10"
                },
                "ModificationStates": [
                    {"Resource": "ROOT_VOLUME", "State": "UPDATE_IN_PROGRESS"}
                ]
            })
        );
    }
}
