//! Devices: listing, describing, updating, deregistering and deleting them.

use serde_json::{Value, json};

use super::call::{
    Answer, SOFTWARE_SET_ID_PATTERN, label_id, no_content, ok, optional_enum, with_token,
};
use super::error::TcError;
use super::model::{
    DeviceStatus, ThinClientState, Transition, TransitionKind, UpdateSchedule, UpdateStatus,
};
use super::paging::page;
use super::validate::{self, Body, Checks};
use super::{Clock, Request};

const DEVICE_ID_PATTERN: &str = "^[a-zA-Z0-9]{24}$";
const DEVICE_NAME_PATTERN: &str = r#"^$|^[0-9\p{IsAlphabetic}+:,.@'" -]*$"#;

impl ThinClientState {
    pub(super) fn list_devices(&self, request: &Request, clock: Clock) -> Answer {
        let page = page(&self.devices, "devices", request.query, clock.now)?;
        let devices: Vec<Value> = page.items.iter().map(|d| self.device_summary(d)).collect();
        ok(
            200,
            with_token(json!({ "devices": devices }), page.next_token),
        )
    }

    pub(super) fn get_device(&self, request: &Request, clock: Clock) -> Answer {
        let id = label_id(request, validate::is_device_id, DEVICE_ID_PATTERN)?;
        let device = self
            .devices
            .get(id)
            .ok_or_else(|| TcError::not_found("device", id))?;
        ok(
            200,
            json!({ "device": self.device_detail(device, clock.now) }),
        )
    }

    pub(super) fn update_device(&mut self, request: &Request, clock: Clock) -> Answer {
        let Clock { now, transition } = clock;
        let id = label_id(request, validate::is_device_id, DEVICE_ID_PATTERN)?.to_string();
        let body = Body::parse(request.body)?;
        let name = body.string("name")?;
        let desired = body.string("desiredSoftwareSetId")?;
        let schedule = body.string("softwareSetUpdateSchedule")?;
        let mut checks = Checks::default();
        if let Some(name) = &name {
            checks.pattern(
                "name",
                name,
                validate::is_device_name(name),
                DEVICE_NAME_PATTERN,
            );
        }
        if let Some(desired) = &desired {
            checks.pattern(
                "desiredSoftwareSetId",
                desired,
                validate::is_software_set_id(desired),
                SOFTWARE_SET_ID_PATTERN,
            );
        }
        optional_enum(
            &mut checks,
            "softwareSetUpdateSchedule",
            &schedule,
            UpdateSchedule::ALL,
        );
        checks.finish()?;
        if !self.devices.contains_key(&id) {
            return Err(TcError::not_found("device", &id));
        }
        if let Some(desired) = &desired
            && !self.software_sets.contains_key(desired)
        {
            return Err(TcError::not_found("softwareset", desired));
        }
        self.modify_device(&id, |device| {
            if let Some(name) = name {
                device.name = (!name.is_empty()).then_some(name);
            }
            if let Some(schedule) = schedule {
                device.software_set_update_schedule =
                    UpdateSchedule::parse(&schedule).unwrap_or(device.software_set_update_schedule);
            }
            if let Some(desired) = desired {
                if device.current_software_set_id.as_deref() == Some(desired.as_str()) {
                    device.pending_software_set_id = None;
                    device.software_set_update_status = UpdateStatus::UpToDate;
                } else {
                    device.pending_software_set_id = Some(desired.clone());
                    device.software_set_update_status = UpdateStatus::Available;
                }
                device.desired_software_set_id = Some(desired);
            }
            let installs_now = device.software_set_update_schedule
                == UpdateSchedule::ApplyImmediately
                && device.pending_software_set_id.is_some()
                && device.status == DeviceStatus::Registered
                && device.transition.is_none();
            if installs_now {
                device.software_set_update_status = UpdateStatus::InProgress;
                device.transition = Some(Transition {
                    due: now + transition,
                    kind: TransitionKind::InstallPendingSoftware,
                });
            }
            device.updated_at = now;
        });
        let device = &self.devices[&id];
        ok(200, json!({ "device": self.device_summary(device) }))
    }

    pub(super) fn deregister_device(&mut self, request: &Request, clock: Clock) -> Answer {
        let Clock { now, transition } = clock;
        let id = label_id(request, validate::is_device_id, DEVICE_ID_PATTERN)?.to_string();
        let body = Body::parse(request.body)?;
        let target = body.string("targetDeviceStatus")?;
        let mut checks = Checks::default();
        optional_enum(
            &mut checks,
            "targetDeviceStatus",
            &target,
            validate::TARGET_DEVICE_STATUSES,
        );
        checks.finish()?;
        let target = target
            .as_deref()
            .and_then(DeviceStatus::parse)
            .unwrap_or(DeviceStatus::Deregistered);
        let device = self
            .devices
            .get(&id)
            .ok_or_else(|| TcError::not_found("device", &id))?;
        match (device.status, target) {
            (DeviceStatus::Registered, _) => self.modify_device(&id, |device| {
                device.status = DeviceStatus::Deregistering;
                device.transition = Some(Transition {
                    due: now + transition,
                    kind: TransitionKind::Status { to: target },
                });
                device.updated_at = now;
            }),
            (DeviceStatus::Deregistered, DeviceStatus::Archived) => {
                self.modify_device(&id, |device| {
                    device.status = DeviceStatus::Archived;
                    device.updated_at = now;
                })
            }
            (status, _) => {
                return Err(TcError::conflict(
                    "device",
                    &id,
                    format!("Device {id} is {status} and cannot be moved to {target}."),
                ));
            }
        }
        ok(202, json!({}))
    }

    pub(super) fn delete_device(&mut self, request: &Request, _: Clock) -> Answer {
        let id = label_id(request, validate::is_device_id, DEVICE_ID_PATTERN)?;
        let device = self
            .devices
            .get(id)
            .ok_or_else(|| TcError::not_found("device", id))?;
        if matches!(
            device.status,
            DeviceStatus::Registered | DeviceStatus::Deregistering
        ) {
            return Err(TcError::conflict(
                "device",
                id,
                format!(
                    "Device {id} is {}; deregister it before deleting it.",
                    device.status
                ),
            ));
        }
        self.remove_device(id);
        no_content()
    }
}
