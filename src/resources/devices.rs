//! Thin Client devices: GetDevice's fields, ListDevices' subset.

use aws_sdk_workspacesthinclient::types::Device;

use crate::output::{Column, Resource, columns_get as get};
use crate::resources::names::{ENVIRONMENTS, SOFTWARE_SETS};

impl Resource for Device {
    const KIND: &'static str = "device";

    fn columns() -> &'static [Column<Self>] {
        COLUMNS
    }
}

const COLUMNS: &[Column<Device>] = &[
    Column::new("id", |d: &Device| get::text(d.id())).shown("ID"),
    Column::new("name", |d: &Device| get::text(d.name()))
        .shown("NAME")
        .essential(),
    Column::new("serialNumber", |d: &Device| get::text(d.serial_number())).shown("SERIAL"),
    Column::new("model", |d: &Device| get::text(d.model())),
    Column::new("environmentId", |d: &Device| get::text(d.environment_id()))
        .shown("ENVIRONMENT")
        .refers_to(ENVIRONMENTS),
    Column::new("status", |d: &Device| get::enumeration(d.status())).shown("STATUS"),
    Column::new("currentSoftwareSetId", |d: &Device| {
        get::text(d.current_software_set_id())
    })
    .shown("SOFTWARE SET")
    .refers_to(SOFTWARE_SETS),
    Column::new("currentSoftwareSetVersion", |d: &Device| {
        get::text(d.current_software_set_version())
    })
    .detail(),
    Column::new("desiredSoftwareSetId", |d: &Device| {
        get::text(d.desired_software_set_id())
    })
    .refers_to(SOFTWARE_SETS),
    Column::new("pendingSoftwareSetId", |d: &Device| {
        get::text(d.pending_software_set_id())
    })
    .refers_to(SOFTWARE_SETS),
    Column::new("pendingSoftwareSetVersion", |d: &Device| {
        get::text(d.pending_software_set_version())
    })
    .detail(),
    Column::new("softwareSetUpdateSchedule", |d: &Device| {
        get::enumeration(d.software_set_update_schedule())
    }),
    Column::new("softwareSetComplianceStatus", |d: &Device| {
        get::enumeration(d.software_set_compliance_status())
    })
    .shown("COMPLIANCE")
    .detail(),
    Column::new("softwareSetUpdateStatus", |d: &Device| {
        get::enumeration(d.software_set_update_status())
    })
    .detail(),
    Column::new("lastConnectedAt", |d: &Device| {
        get::time(d.last_connected_at())
    }),
    Column::new("lastPostureAt", |d: &Device| get::time(d.last_posture_at()))
        .shown("LAST SEEN")
        .essential(),
    Column::new("createdAt", |d: &Device| get::time(d.created_at())),
    Column::new("updatedAt", |d: &Device| get::time(d.updated_at())),
    Column::new("arn", |d: &Device| get::text(d.arn())),
    Column::new("kmsKeyArn", |d: &Device| get::text(d.kms_key_arn())).detail(),
    Column::new("lastUserId", |d: &Device| get::text(d.last_user_id())).shown("LAST USER"),
];
