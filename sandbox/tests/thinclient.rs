//! Every Thin Client operation driven with the real SDK client over HTTP.

mod common;

use std::collections::{BTreeMap, HashSet};
use std::time::Duration;

use aws_sdk_workspacesthinclient::types::{
    ApplyTimeOf, DayOfWeek, DeviceStatus, MaintenanceWindow, MaintenanceWindowType,
    SoftwareSetUpdateSchedule, SoftwareSetValidationStatus, TargetDeviceStatus,
    ValidationExceptionReason,
};
use aws_sdk_workspacesthinclient::types::{DeviceSummary, EnvironmentSummary};
use wsfleet_sandbox::{Config, Sandbox};

async fn start(devices: usize) -> Sandbox {
    Sandbox::start(Config {
        devices,
        transition: Duration::from_millis(300),
        ..Config::default()
    })
    .await
    .unwrap()
}

async fn all_devices(client: &aws_sdk_workspacesthinclient::Client) -> Vec<DeviceSummary> {
    let mut devices = Vec::new();
    let mut token = None;
    loop {
        let page = client
            .list_devices()
            .set_next_token(token)
            .send()
            .await
            .unwrap();
        devices.extend(page.devices().iter().cloned());
        token = page.next_token().map(str::to_string);
        if token.is_none() {
            return devices;
        }
    }
}

async fn all_environments(
    client: &aws_sdk_workspacesthinclient::Client,
) -> Vec<EnvironmentSummary> {
    client
        .list_environments()
        .send()
        .await
        .unwrap()
        .environments()
        .to_vec()
}

fn with_status<'a>(devices: &'a [DeviceSummary], status: &DeviceStatus) -> Vec<&'a DeviceSummary> {
    devices
        .iter()
        .filter(|device| device.status() == Some(status))
        .collect()
}

async fn device_status(client: &aws_sdk_workspacesthinclient::Client, id: &str) -> DeviceStatus {
    client
        .get_device()
        .id(id)
        .send()
        .await
        .unwrap()
        .device()
        .and_then(|device| device.status())
        .cloned()
        .unwrap()
}

#[tokio::test]
async fn software_sets_list_get_and_update() {
    let sandbox = start(10).await;
    let client = common::thinclient(&sandbox.endpoint());
    let sets = client.list_software_sets().send().await.unwrap();
    let sets = sets.software_sets();
    assert_eq!(sets.len(), 8);
    let not_validated = sets
        .iter()
        .find(|set| set.validation_status() == Some(&SoftwareSetValidationStatus::NotValidated))
        .unwrap();
    let id = not_validated.id().unwrap();
    assert!(
        not_validated
            .arn()
            .unwrap()
            .ends_with(&format!(":softwareset/{id}"))
    );

    let detail = client.get_software_set().id(id).send().await.unwrap();
    let detail = detail.software_set().unwrap();
    assert_eq!(detail.version(), not_validated.version());
    assert!(!detail.software().is_empty());
    assert!(detail.supported_until().unwrap().secs() > detail.released_at().unwrap().secs());

    client
        .update_software_set()
        .id(id)
        .validation_status(SoftwareSetValidationStatus::Validated)
        .send()
        .await
        .unwrap();
    let after = client.get_software_set().id(id).send().await.unwrap();
    assert_eq!(
        after.software_set().unwrap().validation_status(),
        Some(&SoftwareSetValidationStatus::Validated)
    );
    let record = sandbox
        .requests()
        .into_iter()
        .find(|r| r.operation == "UpdateSoftwareSet")
        .unwrap();
    assert_eq!((record.method.as_str(), record.status), ("PATCH", 204));
    assert_eq!(record.path, format!("/softwaresets/{id}"));
}

#[tokio::test]
async fn environment_lifecycle() {
    let sandbox = start(60).await;
    let client = common::thinclient(&sandbox.endpoint());
    let before = all_environments(&client).await;
    let software_set = client
        .list_software_sets()
        .send()
        .await
        .unwrap()
        .software_sets()[5]
        .id()
        .unwrap()
        .to_string();

    let window = MaintenanceWindow::builder()
        .r#type(MaintenanceWindowType::Custom)
        .start_time_hour(2)
        .start_time_minute(30)
        .end_time_hour(5)
        .end_time_minute(0)
        .days_of_the_week(DayOfWeek::Saturday)
        .days_of_the_week(DayOfWeek::Sunday)
        .apply_time_of(ApplyTimeOf::Device)
        .build()
        .unwrap();
    let created = client
        .create_environment()
        .name("Test Lab")
        .desktop_arn("arn:aws:workspaces-web:us-east-1:123456789012:portal/abcdef12-3456-7890-abcd-ef1234567890")
        .maintenance_window(window)
        .desired_software_set_id(&software_set)
        .software_set_update_mode(aws_sdk_workspacesthinclient::types::SoftwareSetUpdateMode::UseDesired)
        .tags("owner", "qa")
        .device_creation_tags("site", "lab")
        .send()
        .await
        .unwrap();
    let created = created.environment().unwrap();
    let id = created.id().unwrap().to_string();
    assert_eq!(id.len(), 9);
    assert_eq!(
        created.desktop_type().map(|t| t.as_str()),
        Some("workspaces-web")
    );
    assert_eq!(created.activation_code().map(str::len), Some(8));
    assert_eq!(all_environments(&client).await.len(), before.len() + 1);
    let create_record = sandbox
        .requests()
        .into_iter()
        .find(|r| r.operation == "CreateEnvironment")
        .unwrap();
    assert_eq!(create_record.status, 201);
    assert_eq!(create_record.resource.as_deref(), Some(id.as_str()));
    assert!(
        create_record.client_token.is_some(),
        "the SDK sends an idempotency token"
    );

    let fetched = client.get_environment().id(&id).send().await.unwrap();
    let fetched = fetched.environment().unwrap();
    assert_eq!(fetched.name(), Some("Test Lab"));
    assert_eq!(fetched.registered_devices_count(), Some(0));
    assert_eq!(
        fetched.software_set_compliance_status().map(|s| s.as_str()),
        Some("NO_REGISTERED_DEVICES")
    );
    assert_eq!(
        fetched.desired_software_set_id(),
        Some(software_set.as_str())
    );
    assert_eq!(
        fetched
            .device_creation_tags()
            .and_then(|tags| tags.get("site"))
            .map(String::as_str),
        Some("lab")
    );
    let window = fetched.maintenance_window().unwrap();
    assert_eq!(window.start_time_hour(), Some(2));
    assert_eq!(window.days_of_the_week().len(), 2);
    let tags = client
        .list_tags_for_resource()
        .resource_arn(fetched.arn().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(
        tags.tags().and_then(|t| t.get("owner")).map(String::as_str),
        Some("qa")
    );

    tokio::time::sleep(Duration::from_millis(20)).await;
    let updated = client
        .update_environment()
        .id(&id)
        .name("Test Lab 2")
        .software_set_update_schedule(SoftwareSetUpdateSchedule::ApplyImmediately)
        .maintenance_window(
            MaintenanceWindow::builder()
                .r#type(MaintenanceWindowType::System)
                .build()
                .unwrap(),
        )
        .send()
        .await
        .unwrap();
    let updated = updated.environment().unwrap();
    assert_eq!(updated.name(), Some("Test Lab 2"));
    assert!(
        updated.updated_at().unwrap().to_millis().unwrap()
            > fetched.updated_at().unwrap().to_millis().unwrap()
    );
    assert_eq!(
        updated.maintenance_window().unwrap().r#type(),
        &MaintenanceWindowType::System
    );

    client.delete_environment().id(&id).send().await.unwrap();
    let gone = client.get_environment().id(&id).send().await.unwrap_err();
    assert!(gone.into_service_error().is_resource_not_found_exception());
    assert_eq!(all_environments(&client).await.len(), before.len());
}

#[tokio::test]
async fn registered_device_count_follows_deregistration() {
    let sandbox = start(60).await;
    let client = common::thinclient(&sandbox.endpoint());
    let devices = all_devices(&client).await;
    let registered = with_status(&devices, &DeviceStatus::Registered);
    let device = registered[0];
    let device_id = device.id().unwrap().to_string();
    let environment_id = device.environment_id().unwrap().to_string();
    let registered_here = registered
        .iter()
        .filter(|d| d.environment_id() == Some(environment_id.as_str()))
        .count() as i32;
    let count = |client: aws_sdk_workspacesthinclient::Client, id: String| async move {
        client
            .get_environment()
            .id(id)
            .send()
            .await
            .unwrap()
            .environment()
            .and_then(|e| e.registered_devices_count())
    };
    assert_eq!(
        count(client.clone(), environment_id.clone()).await,
        Some(registered_here)
    );

    let before = client.get_device().id(&device_id).send().await.unwrap();
    client
        .deregister_device()
        .id(&device_id)
        .send()
        .await
        .unwrap();
    assert_eq!(
        device_status(&client, &device_id).await,
        DeviceStatus::Deregistering
    );
    assert_eq!(
        count(client.clone(), environment_id.clone()).await,
        Some(registered_here - 1)
    );
    let record = sandbox
        .requests()
        .into_iter()
        .find(|r| r.operation == "DeregisterDevice")
        .unwrap();
    assert_eq!(
        (record.status, record.path.as_str()),
        (202, format!("/deregister-device/{device_id}").as_str())
    );
    assert_eq!(record.resource.as_deref(), Some(device_id.as_str()));

    // A deregistering device cannot be deleted or deregistered again.
    let conflict = client
        .delete_device()
        .id(&device_id)
        .send()
        .await
        .unwrap_err();
    assert!(conflict.into_service_error().is_conflict_exception());
    let conflict = client
        .deregister_device()
        .id(&device_id)
        .send()
        .await
        .unwrap_err();
    assert!(conflict.into_service_error().is_conflict_exception());

    tokio::time::sleep(Duration::from_millis(400)).await;
    let after = client.get_device().id(&device_id).send().await.unwrap();
    let after = after.device().unwrap();
    assert_eq!(after.status(), Some(&DeviceStatus::Deregistered));
    assert!(
        after.updated_at().unwrap().to_millis().unwrap()
            > before
                .device()
                .unwrap()
                .updated_at()
                .unwrap()
                .to_millis()
                .unwrap()
    );

    client.delete_device().id(&device_id).send().await.unwrap();
    let gone = client.get_device().id(&device_id).send().await.unwrap_err();
    let gone = gone.into_service_error();
    let aws_sdk_workspacesthinclient::operation::get_device::GetDeviceError::ResourceNotFoundException(gone) = gone else {
        panic!("expected ResourceNotFoundException, got {gone}");
    };
    assert_eq!(gone.resource_id(), Some(device_id.as_str()));
    assert_eq!(gone.resource_type(), Some("device"));
    assert_eq!(all_devices(&client).await.len(), 59);
    let delete = sandbox
        .requests()
        .into_iter()
        .rfind(|r| r.operation == "DeleteDevice")
        .unwrap();
    assert_eq!((delete.method.as_str(), delete.status), ("DELETE", 204));

    // An environment with registered devices cannot be deleted.
    let conflict = client
        .delete_environment()
        .id(&environment_id)
        .send()
        .await
        .unwrap_err();
    let conflict = conflict.into_service_error();
    assert!(conflict.is_conflict_exception(), "{conflict}");
}

#[tokio::test]
async fn deregister_to_archived_and_archive_a_deregistered_device() {
    let sandbox = start(60).await;
    let client = common::thinclient(&sandbox.endpoint());
    let devices = all_devices(&client).await;
    let registered = with_status(&devices, &DeviceStatus::Registered)[1]
        .id()
        .unwrap()
        .to_string();
    let deregistered = with_status(&devices, &DeviceStatus::Deregistered)[0]
        .id()
        .unwrap()
        .to_string();
    client
        .deregister_device()
        .id(&registered)
        .target_device_status(TargetDeviceStatus::Archived)
        .send()
        .await
        .unwrap();
    client
        .deregister_device()
        .id(&deregistered)
        .target_device_status(TargetDeviceStatus::Archived)
        .send()
        .await
        .unwrap();
    assert_eq!(
        device_status(&client, &deregistered).await,
        DeviceStatus::Archived
    );
    assert_eq!(
        device_status(&client, &registered).await,
        DeviceStatus::Deregistering
    );
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert_eq!(
        device_status(&client, &registered).await,
        DeviceStatus::Archived
    );
}

#[tokio::test]
async fn update_device_sets_name_and_installs_software() {
    let sandbox = start(60).await;
    let client = common::thinclient(&sandbox.endpoint());
    let devices = all_devices(&client).await;
    let device = with_status(&devices, &DeviceStatus::Registered)[0];
    let id = device.id().unwrap();
    let sets = client.list_software_sets().send().await.unwrap();
    let target = sets
        .software_sets()
        .iter()
        .map(|set| set.id().unwrap())
        .find(|set| Some(*set) != device.current_software_set_id())
        .unwrap()
        .to_string();

    let updated = client
        .update_device()
        .id(id)
        .name("Front Desk 1")
        .desired_software_set_id(&target)
        .software_set_update_schedule(SoftwareSetUpdateSchedule::ApplyImmediately)
        .send()
        .await
        .unwrap();
    let updated = updated.device().unwrap();
    assert_eq!(updated.name(), Some("Front Desk 1"));
    assert_eq!(updated.desired_software_set_id(), Some(target.as_str()));
    assert_eq!(updated.pending_software_set_id(), Some(target.as_str()));

    let during = client.get_device().id(id).send().await.unwrap();
    assert_eq!(
        during
            .device()
            .unwrap()
            .software_set_update_status()
            .map(|s| s.as_str()),
        Some("IN_PROGRESS")
    );
    tokio::time::sleep(Duration::from_millis(400)).await;
    let after = client.get_device().id(id).send().await.unwrap();
    let after = after.device().unwrap();
    assert_eq!(after.current_software_set_id(), Some(target.as_str()));
    assert_eq!(after.pending_software_set_id(), None);
    assert_eq!(
        after.software_set_update_status().map(|s| s.as_str()),
        Some("UP_TO_DATE")
    );
    assert!(after.current_software_set_version().is_some());

    let missing = client
        .update_device()
        .id(id)
        .desired_software_set_id("999999999")
        .send()
        .await
        .unwrap_err();
    assert!(
        missing
            .into_service_error()
            .is_resource_not_found_exception()
    );
}

#[tokio::test]
async fn tags_on_devices_environments_and_software_sets() {
    let sandbox = start(10).await;
    let client = common::thinclient(&sandbox.endpoint());
    let device = all_devices(&client).await[0].arn().unwrap().to_string();
    let environment = all_environments(&client).await[0]
        .arn()
        .unwrap()
        .to_string();
    let software_set = client
        .list_software_sets()
        .send()
        .await
        .unwrap()
        .software_sets()[0]
        .arn()
        .unwrap()
        .to_string();
    for arn in [&device, &environment, &software_set] {
        client
            .tag_resource()
            .resource_arn(arn)
            .tags("project", "apollo")
            .tags("tier", "gold")
            .send()
            .await
            .unwrap();
        client
            .untag_resource()
            .resource_arn(arn)
            .tag_keys("tier")
            .send()
            .await
            .unwrap();
        let tags = client
            .list_tags_for_resource()
            .resource_arn(arn)
            .send()
            .await
            .unwrap();
        let tags = tags.tags().unwrap();
        assert_eq!(
            tags.get("project").map(String::as_str),
            Some("apollo"),
            "{arn}"
        );
        assert!(!tags.contains_key("tier"), "{arn}");
    }
    let paths: HashSet<String> = sandbox
        .requests()
        .into_iter()
        .filter(|r| r.operation == "UntagResource")
        .map(|r| r.resource.unwrap())
        .collect();
    assert!(paths.contains(&device));

    let unknown = device.replace(&device[device.len() - 4..], "Zzzz");
    let missing = client
        .list_tags_for_resource()
        .resource_arn(unknown)
        .send()
        .await
        .unwrap_err();
    assert!(
        missing
            .into_service_error()
            .is_resource_not_found_exception()
    );
    let foreign = device.replace("123456789012", "210987654321");
    let denied = client
        .list_tags_for_resource()
        .resource_arn(foreign)
        .send()
        .await
        .unwrap_err();
    assert!(denied.into_service_error().is_access_denied_exception());
}

#[tokio::test]
async fn device_fields_look_real() {
    let sandbox = start(60).await;
    let client = common::thinclient(&sandbox.endpoint());
    let devices = all_devices(&client).await;
    assert_eq!(devices.len(), 60);
    let statuses: HashSet<&str> = devices
        .iter()
        .filter_map(|d| d.status())
        .map(|s| s.as_str())
        .collect();
    assert_eq!(statuses.len(), 4, "{statuses:?}");
    let mut compliance = BTreeMap::new();
    for device in &devices {
        let id = device.id().unwrap();
        assert_eq!(id.len(), 24);
        assert_eq!(
            device.arn().unwrap(),
            format!("arn:aws:thinclient:us-east-1:123456789012:device/{id}")
        );
        assert!(device.serial_number().is_some() && device.model().is_some());
        let detail = client.get_device().id(id).send().await.unwrap();
        let detail = detail.device().unwrap();
        *compliance
            .entry(
                detail
                    .software_set_compliance_status()
                    .unwrap()
                    .as_str()
                    .to_string(),
            )
            .or_insert(0) += 1;
    }
    assert_eq!(compliance.len(), 3, "{compliance:?}");
    assert!(devices.iter().any(|d| d.last_user_id().is_some()));
    let connected: Vec<i64> = devices
        .iter()
        .filter_map(|d| d.last_connected_at())
        .map(|t| t.secs())
        .collect();
    let spread = connected.iter().max().unwrap() - connected.iter().min().unwrap();
    assert!(spread > 60 * 86_400, "last connections spread over months");
}

#[tokio::test]
async fn paging_returns_every_device_once_for_every_page_size() {
    let sandbox = start(120).await;
    let client = common::thinclient(&sandbox.endpoint());
    let expected: Vec<String> = sandbox.device_ids();
    assert_eq!(expected.len(), 120);
    for max_results in 1..=50 {
        let mut seen = Vec::new();
        let mut token: Option<String> = None;
        loop {
            let page = client
                .list_devices()
                .max_results(max_results)
                .set_next_token(token.clone())
                .send()
                .await
                .unwrap();
            assert!(page.devices().len() <= max_results as usize);
            seen.extend(page.devices().iter().map(|d| d.id().unwrap().to_string()));
            token = page.next_token().map(str::to_string);
            if token.is_none() {
                break;
            }
        }
        assert_eq!(seen, expected, "maxResults {max_results}");
    }

    // The paginator agrees.
    let paginated: Vec<String> = client
        .list_devices()
        .max_results(7)
        .into_paginator()
        .items()
        .send()
        .collect::<Result<Vec<_>, _>>()
        .await
        .unwrap()
        .into_iter()
        .map(|d| d.id().unwrap().to_string())
        .collect();
    assert_eq!(paginated, expected);
}

#[tokio::test]
async fn bad_paging_input_is_a_validation_exception() {
    let sandbox = start(10).await;
    let client = common::thinclient(&sandbox.endpoint());
    let error = client
        .list_devices()
        .next_token("not-a-token")
        .send()
        .await
        .unwrap_err();
    let error = error.into_service_error();
    assert!(error.is_validation_exception(), "{error}");

    let environments_token = {
        let page = client
            .list_environments()
            .max_results(1)
            .send()
            .await
            .unwrap();
        page.next_token().unwrap().to_string()
    };
    let foreign = client
        .list_devices()
        .next_token(environments_token)
        .send()
        .await
        .unwrap_err();
    assert!(foreign.into_service_error().is_validation_exception());

    for bad in [0, 51] {
        let error = client
            .list_devices()
            .max_results(bad)
            .send()
            .await
            .unwrap_err();
        let aws_sdk_workspacesthinclient::operation::list_devices::ListDevicesError::ValidationException(error) =
            error.into_service_error()
        else {
            panic!("expected ValidationException");
        };
        assert_eq!(error.field_list()[0].name(), "maxResults");
        assert_eq!(
            error.reason(),
            Some(&ValidationExceptionReason::FieldValidationFailed)
        );
    }
}
