//! WorkSpaces Pools and their user sessions: DescribeWorkspacesPools' and
//! DescribeWorkspacesPoolSessions' fields.

use aws_sdk_workspaces::types::{WorkspacesPool, WorkspacesPoolSession};

use super::workspaces::{object, objects};
use crate::output::{Column, Resource, columns_get as get};
use crate::resources::names::{BUNDLES, DIRECTORIES};

impl Resource for WorkspacesPool {
    const KIND: &'static str = "pool";

    fn columns() -> &'static [Column<Self>] {
        POOL_COLUMNS
    }
}

/// A capacity figure; the service always sends all four.
fn capacity(
    p: &WorkspacesPool,
    figure: fn(&aws_sdk_workspaces::types::CapacityStatus) -> i32,
) -> Option<serde_json::Value> {
    get::int(p.capacity_status().map(figure))
}

const POOL_COLUMNS: &[Column<WorkspacesPool>] = &[
    Column::new("PoolId", |p: &WorkspacesPool| get::text(Some(p.pool_id()))).shown("ID"),
    Column::new("PoolName", |p: &WorkspacesPool| {
        get::text(Some(p.pool_name()))
    })
    .shown("NAME"),
    Column::new("State", |p: &WorkspacesPool| {
        get::enumeration(Some(p.state()))
    })
    .shown("STATE"),
    Column::new("RunningMode", |p: &WorkspacesPool| {
        get::enumeration(Some(p.running_mode()))
    })
    .shown("MODE"),
    Column::new(
        "CapacityStatus.DesiredUserSessions",
        |p: &WorkspacesPool| capacity(p, |c| c.desired_user_sessions()),
    )
    .shown("DESIRED"),
    Column::new("CapacityStatus.ActualUserSessions", |p: &WorkspacesPool| {
        capacity(p, |c| c.actual_user_sessions())
    }),
    Column::new("CapacityStatus.ActiveUserSessions", |p: &WorkspacesPool| {
        capacity(p, |c| c.active_user_sessions())
    })
    .shown("ACTIVE"),
    Column::new(
        "CapacityStatus.AvailableUserSessions",
        |p: &WorkspacesPool| capacity(p, |c| c.available_user_sessions()),
    )
    .shown("AVAILABLE"),
    Column::new("PoolArn", |p: &WorkspacesPool| {
        get::text(Some(p.pool_arn()))
    }),
    Column::new("Description", |p: &WorkspacesPool| {
        get::text(p.description())
    }),
    Column::new("CreatedAt", |p: &WorkspacesPool| {
        get::time(Some(p.created_at()))
    }),
    Column::new("BundleId", |p: &WorkspacesPool| {
        get::text(Some(p.bundle_id()))
    })
    .refers_to(BUNDLES),
    Column::new("DirectoryId", |p: &WorkspacesPool| {
        get::text(Some(p.directory_id()))
    })
    .refers_to(DIRECTORIES),
    Column::new("Errors", |p: &WorkspacesPool| {
        objects(p.errors(), |e| {
            object([
                ("ErrorCode", get::enumeration(e.error_code())),
                ("ErrorMessage", get::text(e.error_message())),
            ])
        })
    }),
    Column::new("ApplicationSettings.Status", |p: &WorkspacesPool| {
        get::enumeration(p.application_settings().map(|a| a.status()))
    }),
    Column::new("ApplicationSettings.SettingsGroup", |p: &WorkspacesPool| {
        get::text(p.application_settings().and_then(|a| a.settings_group()))
    }),
    Column::new("ApplicationSettings.S3BucketName", |p: &WorkspacesPool| {
        get::text(p.application_settings().and_then(|a| a.s3_bucket_name()))
    }),
    Column::new(
        "TimeoutSettings.DisconnectTimeoutInSeconds",
        |p: &WorkspacesPool| {
            get::int(
                p.timeout_settings()
                    .and_then(|t| t.disconnect_timeout_in_seconds()),
            )
        },
    ),
    Column::new(
        "TimeoutSettings.IdleDisconnectTimeoutInSeconds",
        |p: &WorkspacesPool| {
            get::int(
                p.timeout_settings()
                    .and_then(|t| t.idle_disconnect_timeout_in_seconds()),
            )
        },
    ),
    Column::new(
        "TimeoutSettings.MaxUserDurationInSeconds",
        |p: &WorkspacesPool| {
            get::int(
                p.timeout_settings()
                    .and_then(|t| t.max_user_duration_in_seconds()),
            )
        },
    ),
];

impl Resource for WorkspacesPoolSession {
    const KIND: &'static str = "pool session";

    fn columns() -> &'static [Column<Self>] {
        SESSION_COLUMNS
    }
}

const SESSION_COLUMNS: &[Column<WorkspacesPoolSession>] = &[
    Column::new("SessionId", |s: &WorkspacesPoolSession| {
        get::text(Some(s.session_id()))
    })
    .shown("SESSION"),
    Column::new("UserId", |s: &WorkspacesPoolSession| {
        get::text(Some(s.user_id()))
    })
    .shown("USER"),
    Column::new("ConnectionState", |s: &WorkspacesPoolSession| {
        get::enumeration(s.connection_state())
    })
    .shown("CONNECTION"),
    Column::new("StartTime", |s: &WorkspacesPoolSession| {
        get::time(s.start_time())
    })
    .shown("STARTED"),
    Column::new("ExpirationTime", |s: &WorkspacesPoolSession| {
        get::time(s.expiration_time())
    }),
    Column::new("InstanceId", |s: &WorkspacesPoolSession| {
        get::text(s.instance_id())
    }),
    Column::new("PoolId", |s: &WorkspacesPoolSession| {
        get::text(Some(s.pool_id()))
    }),
    Column::new("AuthenticationType", |s: &WorkspacesPoolSession| {
        get::enumeration(s.authentication_type())
    }),
    Column::new(
        "NetworkAccessConfiguration.EniPrivateIpAddress",
        |s: &WorkspacesPoolSession| {
            get::text(
                s.network_access_configuration()
                    .and_then(|n| n.eni_private_ip_address()),
            )
        },
    ),
    Column::new(
        "NetworkAccessConfiguration.EniId",
        |s: &WorkspacesPoolSession| {
            get::text(s.network_access_configuration().and_then(|n| n.eni_id()))
        },
    ),
];
