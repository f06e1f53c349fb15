//! Thin Client environments: GetEnvironment's fields, ListEnvironments' and
//! Create/UpdateEnvironment's subset.

use crate::output::{Column, Resource, columns_get as get};
use crate::resources::names::SOFTWARE_SETS;
use crate::resources::tags::sorted;
use aws_sdk_workspacesthinclient::types::{Environment, MaintenanceWindow};

impl Resource for Environment {
    const KIND: &'static str = "environment";

    fn columns() -> &'static [Column<Self>] {
        COLUMNS
    }
}

fn window<T>(e: &Environment, field: impl Fn(&MaintenanceWindow) -> Option<T>) -> Option<T> {
    e.maintenance_window().and_then(field)
}

const COLUMNS: &[Column<Environment>] = &[
    Column::new("id", |e: &Environment| get::text(e.id())).shown("ID"),
    Column::new("name", |e: &Environment| get::text(e.name())).shown("NAME"),
    Column::new("desktopArn", |e: &Environment| get::text(e.desktop_arn())),
    Column::new("desktopEndpoint", |e: &Environment| {
        get::text(e.desktop_endpoint())
    }),
    Column::new("desktopType", |e: &Environment| {
        get::enumeration(e.desktop_type())
    })
    .shown("DESKTOP"),
    Column::new("activationCode", |e: &Environment| {
        get::text(e.activation_code())
    })
    .shown("ACTIVATION CODE"),
    Column::new("registeredDevicesCount", |e: &Environment| {
        get::int(e.registered_devices_count())
    })
    .shown("DEVICES")
    .detail(),
    Column::new("softwareSetUpdateSchedule", |e: &Environment| {
        get::enumeration(e.software_set_update_schedule())
    }),
    Column::new("maintenanceWindow.type", |e: &Environment| {
        window(e, |w| get::enumeration(Some(w.r#type())))
    })
    .shown("WINDOW"),
    Column::new("maintenanceWindow.startTimeHour", |e: &Environment| {
        window(e, |w| get::int(w.start_time_hour()))
    }),
    Column::new("maintenanceWindow.startTimeMinute", |e: &Environment| {
        window(e, |w| get::int(w.start_time_minute()))
    }),
    Column::new("maintenanceWindow.endTimeHour", |e: &Environment| {
        window(e, |w| get::int(w.end_time_hour()))
    }),
    Column::new("maintenanceWindow.endTimeMinute", |e: &Environment| {
        window(e, |w| get::int(w.end_time_minute()))
    }),
    Column::new("maintenanceWindow.daysOfTheWeek", |e: &Environment| {
        window(e, |w| {
            get::list(w.days_of_the_week().iter().map(|d| d.as_str()))
        })
    }),
    Column::new("maintenanceWindow.applyTimeOf", |e: &Environment| {
        window(e, |w| get::enumeration(w.apply_time_of()))
    }),
    Column::new("softwareSetUpdateMode", |e: &Environment| {
        get::enumeration(e.software_set_update_mode())
    })
    .shown("UPDATE MODE"),
    Column::new("desiredSoftwareSetId", |e: &Environment| {
        get::text(e.desired_software_set_id())
    })
    .shown("DESIRED SET")
    .refers_to(SOFTWARE_SETS),
    Column::new("pendingSoftwareSetId", |e: &Environment| {
        get::text(e.pending_software_set_id())
    })
    .refers_to(SOFTWARE_SETS),
    Column::new("pendingSoftwareSetVersion", |e: &Environment| {
        get::text(e.pending_software_set_version())
    })
    .detail(),
    Column::new("softwareSetComplianceStatus", |e: &Environment| {
        get::enumeration(e.software_set_compliance_status())
    })
    .shown("COMPLIANCE")
    .detail(),
    Column::new("createdAt", |e: &Environment| get::time(e.created_at())),
    Column::new("updatedAt", |e: &Environment| get::time(e.updated_at())),
    Column::new("arn", |e: &Environment| get::text(e.arn())),
    Column::new("kmsKeyArn", |e: &Environment| get::text(e.kms_key_arn())).detail(),
    Column::new("deviceCreationTags", |e: &Environment| {
        get::map(e.device_creation_tags.as_ref().map(sorted))
            .filter(|tags| tags.as_object().is_some_and(|t| !t.is_empty()))
    })
    .detail(),
];
