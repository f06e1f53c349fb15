//! WorkSpaces: DescribeWorkspaces' fields, under the API's PascalCase names,
//! and in `list` the connection status's, fetched only when asked for (the
//! detail columns).

use aws_sdk_workspaces::types::{Snapshot, Workspace, WorkspaceConnectionStatus};
use serde_json::{Map, Value};

use crate::api::workspace_snapshots::WorkspaceSnapshots;
use crate::output::{Column, Resource, columns_get as get};
use crate::resources::names::{BUNDLES, DIRECTORIES};

impl Resource for Workspace {
    const KIND: &'static str = "WorkSpace";

    fn columns() -> &'static [Column<Self>] {
        let all = Columns::<Workspace>::ALL;
        &all[..all.len() - CONNECTION_COLUMNS]
    }
}

/// What a row of WorkSpaces is drawn from: a WorkSpace, and (`list`) its
/// connection status when a connection column or filter asked for it.
pub trait WorkspaceRow: 'static {
    fn workspace(&self) -> &Workspace;
    fn connection(&self) -> Option<&WorkspaceConnectionStatus>;
}

impl WorkspaceRow for Workspace {
    fn workspace(&self) -> &Workspace {
        self
    }

    fn connection(&self) -> Option<&WorkspaceConnectionStatus> {
        None
    }
}

/// A WorkSpace as `list` shows it: DescribeWorkspaces' fields, and
/// DescribeWorkspacesConnectionStatus' when fetched.
#[derive(Debug, Clone)]
pub struct ListedWorkspace {
    pub workspace: Workspace,
    pub connection: Option<WorkspaceConnectionStatus>,
}

impl WorkspaceRow for ListedWorkspace {
    fn workspace(&self) -> &Workspace {
        &self.workspace
    }

    fn connection(&self) -> Option<&WorkspaceConnectionStatus> {
        self.connection.as_ref()
    }
}

impl Resource for ListedWorkspace {
    const KIND: &'static str = "WorkSpace";

    fn columns() -> &'static [Column<Self>] {
        Columns::<ListedWorkspace>::ALL
    }
}

/// The connection columns, last of [`Columns::ALL`]: a WorkSpace's own
/// record (`get`, plans) has none.
const CONNECTION_COLUMNS: usize = 3;

/// The columns of a WorkSpace row, declared once for both kinds of row.
struct Columns<T>(std::marker::PhantomData<T>);

impl<T: WorkspaceRow> Columns<T> {
    const ALL: &'static [Column<T>] = &[
        Column::new("WorkspaceId", |row: &T| {
            let w = row.workspace();
            get::text(w.workspace_id())
        })
        .shown("ID"),
        Column::new("DirectoryId", |row: &T| {
            let w = row.workspace();
            get::text(w.directory_id())
        })
        .shown("DIRECTORY")
        .refers_to(DIRECTORIES),
        Column::new("UserName", |row: &T| {
            let w = row.workspace();
            get::text(w.user_name())
        })
        .shown("USER")
        .essential(),
        Column::new("WorkspaceName", |row: &T| {
            let w = row.workspace();
            get::text(w.workspace_name())
        }),
        Column::new("IpAddress", |row: &T| {
            let w = row.workspace();
            get::text(w.ip_address())
        }),
        Column::new("State", |row: &T| {
            let w = row.workspace();
            get::enumeration(w.state())
        })
        .shown("STATE"),
        Column::new("BundleId", |row: &T| {
            let w = row.workspace();
            get::text(w.bundle_id())
        })
        .shown("BUNDLE")
        .refers_to(BUNDLES),
        Column::new("SubnetId", |row: &T| {
            let w = row.workspace();
            get::text(w.subnet_id())
        }),
        Column::new("ErrorMessage", |row: &T| {
            let w = row.workspace();
            get::text(w.error_message())
        }),
        Column::new("ErrorCode", |row: &T| {
            let w = row.workspace();
            get::text(w.error_code())
        }),
        Column::new("ComputerName", |row: &T| {
            let w = row.workspace();
            get::text(w.computer_name())
        }),
        Column::new("VolumeEncryptionKey", |row: &T| {
            let w = row.workspace();
            get::text(w.volume_encryption_key())
        }),
        Column::new("UserVolumeEncryptionEnabled", |row: &T| {
            let w = row.workspace();
            get::boolean(w.user_volume_encryption_enabled())
        }),
        Column::new("RootVolumeEncryptionEnabled", |row: &T| {
            let w = row.workspace();
            get::boolean(w.root_volume_encryption_enabled())
        }),
        Column::new("WorkspaceProperties.RunningMode", |row: &T| {
            let w = row.workspace();
            get::enumeration(w.workspace_properties().and_then(|p| p.running_mode()))
        })
        .shown("RUNNING MODE"),
        Column::new(
            "WorkspaceProperties.RunningModeAutoStopTimeoutInMinutes",
            |row: &T| {
                let w = row.workspace();
                get::int(
                    w.workspace_properties()
                        .and_then(|p| p.running_mode_auto_stop_timeout_in_minutes()),
                )
            },
        ),
        Column::new("WorkspaceProperties.RootVolumeSizeGib", |row: &T| {
            let w = row.workspace();
            get::int(
                w.workspace_properties()
                    .and_then(|p| p.root_volume_size_gib()),
            )
        }),
        Column::new("WorkspaceProperties.UserVolumeSizeGib", |row: &T| {
            let w = row.workspace();
            get::int(
                w.workspace_properties()
                    .and_then(|p| p.user_volume_size_gib()),
            )
        }),
        Column::new("WorkspaceProperties.ComputeTypeName", |row: &T| {
            let w = row.workspace();
            get::enumeration(w.workspace_properties().and_then(|p| p.compute_type_name()))
        })
        .shown("COMPUTE"),
        Column::new("WorkspaceProperties.Protocols", |row: &T| {
            let w = row.workspace();
            get::list(
                w.workspace_properties()
                    .map(|p| p.protocols())
                    .unwrap_or_default(),
            )
        }),
        Column::new("WorkspaceProperties.OperatingSystemName", |row: &T| {
            let w = row.workspace();
            get::enumeration(
                w.workspace_properties()
                    .and_then(|p| p.operating_system_name()),
            )
        })
        .shown("OS"),
        Column::new("WorkspaceProperties.GlobalAccelerator.Mode", |row: &T| {
            let w = row.workspace();
            get::enumeration(
                w.workspace_properties()
                    .and_then(|p| p.global_accelerator())
                    .map(|g| g.mode()),
            )
        }),
        Column::new(
            "WorkspaceProperties.GlobalAccelerator.PreferredProtocol",
            |row: &T| {
                let w = row.workspace();
                get::enumeration(
                    w.workspace_properties()
                        .and_then(|p| p.global_accelerator())
                        .and_then(|g| g.preferred_protocol()),
                )
            },
        ),
        Column::new(
            "WorkspaceProperties.NestedVirtualizationEnabled",
            |row: &T| {
                let w = row.workspace();
                get::boolean(
                    w.workspace_properties()
                        .and_then(|p| p.nested_virtualization_enabled()),
                )
            },
        ),
        Column::new("ModificationStates", |row: &T| {
            let w = row.workspace();
            objects(w.modification_states(), |m| {
                object([
                    ("Resource", get::enumeration(m.resource())),
                    ("State", get::enumeration(m.state())),
                ])
            })
        }),
        Column::new("RelatedWorkspaces", |row: &T| {
            let w = row.workspace();
            objects(w.related_workspaces(), |r| {
                object([
                    ("WorkspaceId", get::text(r.workspace_id())),
                    ("Region", get::text(r.region())),
                    ("State", get::enumeration(r.state())),
                    ("Type", get::enumeration(r.r#type())),
                ])
            })
        }),
        Column::new("DataReplicationSettings.DataReplication", |row: &T| {
            let w = row.workspace();
            get::enumeration(
                w.data_replication_settings()
                    .and_then(|d| d.data_replication()),
            )
        }),
        Column::new("DataReplicationSettings.RecoverySnapshotTime", |row: &T| {
            let w = row.workspace();
            get::time(
                w.data_replication_settings()
                    .and_then(|d| d.recovery_snapshot_time()),
            )
        }),
        Column::new("StandbyWorkspacesProperties", |row: &T| {
            let w = row.workspace();
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
        // Fetched (DescribeWorkspacesConnectionStatus, 25 a call) only when asked for.
        Column::new("ConnectionState", |row: &T| {
            get::enumeration(row.connection().and_then(|c| c.connection_state()))
        })
        .detail(),
        Column::new("ConnectionStateCheckTimestamp", |row: &T| {
            get::time(
                row.connection()
                    .and_then(|c| c.connection_state_check_timestamp()),
            )
        })
        .detail(),
        Column::new("LastKnownUserConnectionTimestamp", |row: &T| {
            get::time(
                row.connection()
                    .and_then(|c| c.last_known_user_connection_timestamp()),
            )
        })
        .shown("LAST CONNECTED")
        .detail(),
    ];
}

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
