//! The sandbox as a whole: error shapes, knobs, idempotency, persistence,
//! the request log, WorkSpaces routing and scale.

mod common;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use aws_sdk_workspacesthinclient::operation::create_environment::CreateEnvironmentError;
use aws_sdk_workspacesthinclient::operation::delete_environment::DeleteEnvironmentError;
use aws_sdk_workspacesthinclient::operation::get_device::GetDeviceError;
use aws_sdk_workspacesthinclient::types::{
    DeviceStatus, MaintenanceWindow, MaintenanceWindowType, TargetDeviceStatus,
};
use wsfleet_sandbox::{Config, RequestRecord, Sandbox, reset_state_file};

async fn start(config: Config) -> Sandbox {
    Sandbox::start(config).await.unwrap()
}

/// A device in `status`, read through the sandbox's own view.
fn device_in(sandbox: &Sandbox, status: &str) -> String {
    sandbox
        .device_ids()
        .into_iter()
        .find(|id| sandbox.device(id).unwrap()["status"] == status)
        .unwrap()
}

/// The default config with its state file in a fresh temporary directory,
/// which lives as long as the returned guard.
fn with_state_file() -> (tempfile::TempDir, PathBuf, Config) {
    let directory = tempfile::tempdir().unwrap();
    let state_file = directory.path().join("state.json");
    let config = Config {
        state_file: Some(state_file.clone()),
        ..Config::default()
    };
    (directory, state_file, config)
}

fn status_of(sandbox: &Sandbox, id: &str) -> String {
    sandbox.device(id).unwrap()["status"]
        .as_str()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn validation_errors_list_every_failing_field() {
    let sandbox = start(Config::default()).await;
    let client = common::thinclient(&sandbox.endpoint());
    let error = client
        .create_environment()
        .name("=starts with equals")
        .desktop_arn("arn:aws:s3:us-east-1:123456789012:bucket/not-a-desktop")
        .maintenance_window(
            MaintenanceWindow::builder()
                .r#type(MaintenanceWindowType::Custom)
                .start_time_hour(24)
                .start_time_minute(60)
                .end_time_hour(3)
                .build()
                .unwrap(),
        )
        .kms_key_arn("arn:aws:kms:us-east-1:123456789012:alias/nope")
        .tags("aws:reserved", "x")
        .send()
        .await
        .unwrap_err();
    let CreateEnvironmentError::ValidationException(error) = error.into_service_error() else {
        panic!("expected ValidationException");
    };
    let mut names: Vec<&str> = error.field_list().iter().map(|f| f.name()).collect();
    names.sort();
    names.dedup();
    assert_eq!(
        names,
        [
            "desktopArn",
            "kmsKeyArn",
            "maintenanceWindow.startTimeHour",
            "maintenanceWindow.startTimeMinute",
            "name",
            "tags.aws:reserved"
        ]
    );
    assert!(
        error
            .message()
            .unwrap()
            .contains("validation errors detected")
    );
    assert!(error.field_list().iter().all(|f| !f.message().is_empty()));

    let error = client
        .get_device()
        .id("too-short")
        .send()
        .await
        .unwrap_err();
    let GetDeviceError::ValidationException(error) = error.into_service_error() else {
        panic!("expected ValidationException");
    };
    assert_eq!(error.field_list()[0].name(), "id");

    let missing_arn = client.create_environment().send().await.unwrap_err();
    assert!(missing_arn.into_service_error().is_validation_exception());
    assert_eq!(sandbox.environment("zzzzzzzzz"), None);
}

#[tokio::test]
async fn conflict_and_not_found_carry_the_resource() {
    let sandbox = start(Config::default()).await;
    let client = common::thinclient(&sandbox.endpoint());
    let device = device_in(&sandbox, "REGISTERED");
    let environment = sandbox.device(&device).unwrap()["environmentId"]
        .as_str()
        .unwrap()
        .to_string();
    let error = client
        .delete_environment()
        .id(&environment)
        .send()
        .await
        .unwrap_err();
    let DeleteEnvironmentError::ConflictException(conflict) = error.into_service_error() else {
        panic!("expected ConflictException");
    };
    assert_eq!(conflict.resource_id(), Some(environment.as_str()));
    assert_eq!(conflict.resource_type(), Some("environment"));
    assert!(sandbox.environment(&environment).is_some());

    let error = client
        .get_device()
        .id("A".repeat(24))
        .send()
        .await
        .unwrap_err();
    let GetDeviceError::ResourceNotFoundException(missing) = error.into_service_error() else {
        panic!("expected ResourceNotFoundException");
    };
    assert_eq!(missing.resource_id(), Some("A".repeat(24).as_str()));
}

#[tokio::test]
async fn throttling_answers_429_with_retry_after() {
    let sandbox = start(Config {
        rate_limit: Some(3.0),
        ..Config::default()
    })
    .await;
    let http = common::http_client();
    let url = format!("{}/devices", sandbox.endpoint());
    let mut throttled = 0;
    for _ in 0..10 {
        let response = common::raw(&http, "GET", &url, &[], "").await;
        if response.status == 429 {
            throttled += 1;
            assert_eq!(response.headers["x-amzn-ErrorType"], "ThrottlingException");
            let retry_after: u64 = response.headers["Retry-After"]
                .to_str()
                .unwrap()
                .parse()
                .unwrap();
            assert!(retry_after >= 1);
        } else {
            assert_eq!(response.status, 200);
        }
    }
    assert!(
        throttled >= 6,
        "a burst of 10 at 3/s is mostly throttled: {throttled}"
    );

    let client = common::thinclient(&sandbox.endpoint());
    let error = loop {
        match client.list_environments().send().await {
            Ok(_) => continue,
            Err(error) => break error,
        }
    };
    let aws_sdk_workspacesthinclient::operation::list_environments::ListEnvironmentsError::ThrottlingException(error) =
        error.into_service_error()
    else {
        panic!("expected ThrottlingException");
    };
    assert!(error.retry_after_seconds().unwrap() >= 1);
    let logged = sandbox
        .requests()
        .iter()
        .filter(|r| r.status == 429)
        .count();
    assert_eq!(logged, throttled + 1);

    sandbox.set_rate_limit(None);
    for _ in 0..10 {
        client.list_environments().send().await.unwrap();
    }
}

#[tokio::test]
async fn injected_failures_are_internal_server_errors_that_change_nothing() {
    let sandbox = start(Config {
        fail_rate: 1.0,
        ..Config::default()
    })
    .await;
    let client = common::thinclient(&sandbox.endpoint());
    let device = device_in(&sandbox, "REGISTERED");
    let error = client
        .deregister_device()
        .id(&device)
        .send()
        .await
        .unwrap_err();
    let aws_sdk_workspacesthinclient::operation::deregister_device::DeregisterDeviceError::InternalServerException(error) =
        error.into_service_error()
    else {
        panic!("expected InternalServerException");
    };
    assert_eq!(error.retry_after_seconds(), Some(1));
    assert_eq!(status_of(&sandbox, &device), "REGISTERED");

    // The SDK retries a 500; every attempt reaches the sandbox and fails.
    let retrying = common::thinclient_with_retries(&sandbox.endpoint(), 3);
    sandbox.clear_requests();
    assert!(retrying.get_device().id(&device).send().await.is_err());
    let attempts: Vec<u16> = sandbox.requests().iter().map(|r| r.status).collect();
    assert_eq!(attempts, [500, 500, 500]);

    sandbox.set_fail_rate(0.0);
    client.deregister_device().id(&device).send().await.unwrap();
    assert_eq!(status_of(&sandbox, &device), "DEREGISTERING");
}

#[tokio::test]
async fn latency_delays_every_answer() {
    let sandbox = start(Config {
        latency: Duration::from_millis(150),
        ..Config::default()
    })
    .await;
    let client = common::thinclient(&sandbox.endpoint());
    let started = Instant::now();
    client.list_software_sets().send().await.unwrap();
    assert!(started.elapsed() >= Duration::from_millis(150));
}

#[tokio::test]
async fn a_retried_client_token_applies_once() {
    let sandbox = start(Config {
        transition: Duration::from_millis(100),
        ..Config::default()
    })
    .await;
    let client = common::thinclient(&sandbox.endpoint());
    let device = device_in(&sandbox, "REGISTERED");
    for _ in 0..2 {
        client
            .deregister_device()
            .id(&device)
            .client_token("deregister-1")
            .send()
            .await
            .unwrap();
    }
    tokio::time::sleep(Duration::from_millis(150)).await;
    // After the device finished deregistering, the retry still answers as the first did.
    client
        .deregister_device()
        .id(&device)
        .client_token("deregister-1")
        .send()
        .await
        .unwrap();
    assert_eq!(status_of(&sandbox, &device), "DEREGISTERED");
    let mismatch = client
        .deregister_device()
        .id(&device)
        .target_device_status(TargetDeviceStatus::Archived)
        .client_token("deregister-1")
        .send()
        .await
        .unwrap_err();
    assert!(mismatch.into_service_error().is_conflict_exception());
    assert_eq!(status_of(&sandbox, &device), "DEREGISTERED");

    let environments_before = client
        .list_environments()
        .send()
        .await
        .unwrap()
        .environments()
        .len();
    let mut created = Vec::new();
    for _ in 0..2 {
        let output = client
            .create_environment()
            .desktop_arn("arn:aws:appstream:us-east-1:123456789012:stack/Idempotent")
            .desktop_endpoint("https://idp.example.com/login")
            .client_token("create-1")
            .send()
            .await
            .unwrap();
        created.push(output.environment().unwrap().id().unwrap().to_string());
    }
    assert_eq!(created[0], created[1]);
    let environments_after = client
        .list_environments()
        .send()
        .await
        .unwrap()
        .environments()
        .len();
    assert_eq!(environments_after, environments_before + 1);

    for _ in 0..2 {
        client
            .delete_device()
            .id(&device)
            .client_token("delete-1")
            .send()
            .await
            .unwrap();
    }
    assert_eq!(sandbox.device(&device), None);
    let tokens: Vec<Option<String>> = sandbox
        .requests()
        .into_iter()
        .filter(|r| r.operation == "DeleteDevice")
        .map(|r| r.client_token)
        .collect();
    assert_eq!(
        tokens,
        [Some("delete-1".to_string()), Some("delete-1".to_string())]
    );
}

#[tokio::test]
async fn state_survives_a_restart_and_reset_restores_the_seed() {
    let (_directory, state_file, config) = with_state_file();
    let sandbox = start(config.clone()).await;
    let seeded_ids = sandbox.device_ids();
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert!(state_file.exists(), "a fresh seed is written at start");

    let client = common::thinclient(&sandbox.endpoint());
    let device = device_in(&sandbox, "DEREGISTERED");
    client.delete_device().id(&device).send().await.unwrap();
    let tagged = sandbox.device_ids()[0].clone();
    let arn = sandbox.device(&tagged).unwrap()["arn"]
        .as_str()
        .unwrap()
        .to_string();
    client
        .tag_resource()
        .resource_arn(&arn)
        .tags("kept", "yes")
        .send()
        .await
        .unwrap();
    sandbox.shutdown().await.unwrap();

    // Another seed would give another fleet: the same ids prove the file was loaded.
    let restarted = start(Config {
        seed: 7,
        ..config.clone()
    })
    .await;
    let client = common::thinclient(&restarted.endpoint());
    assert_eq!(restarted.device_ids().len(), seeded_ids.len() - 1);
    assert_eq!(restarted.device(&device), None);
    let tags = client
        .list_tags_for_resource()
        .resource_arn(&arn)
        .send()
        .await
        .unwrap();
    assert_eq!(
        tags.tags().unwrap().get("kept").map(String::as_str),
        Some("yes")
    );
    restarted.shutdown().await.unwrap();

    reset_state_file(&state_file, &config).unwrap();
    let reset = start(config).await;
    assert_eq!(reset.device_ids(), seeded_ids);
    reset.shutdown().await.unwrap();
}

#[tokio::test]
async fn changes_are_saved_without_waiting_for_shutdown() {
    let (_directory, state_file, config) = with_state_file();
    let sandbox = start(config).await;
    let client = common::thinclient(&sandbox.endpoint());
    let device = device_in(&sandbox, "ARCHIVED");
    client.delete_device().id(&device).send().await.unwrap();
    tokio::time::sleep(Duration::from_millis(600)).await;
    let saved: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&state_file).unwrap()).unwrap();
    let devices = saved["thinclient"]["devices"].as_object().unwrap();
    assert_eq!(devices.len(), 59);
    assert!(
        !devices.contains_key(&device),
        "the deletion reached the file"
    );
    drop(sandbox);
}

/// Read-only requests of either service (and a change that fails) leave the
/// state file as it was; a change rewrites it. The file is marked with
/// trailing whitespace, which the sandbox reads but never writes.
#[tokio::test]
async fn only_a_change_rewrites_the_state_file() {
    let (_directory, state_file, config) = with_state_file();
    start(config.clone()).await.shutdown().await.unwrap();
    let mut marked = std::fs::read(&state_file).unwrap();
    marked.extend_from_slice(b"\n");
    std::fs::write(&state_file, &marked).unwrap();

    let sandbox = start(config.clone()).await;
    let thinclient = common::thinclient(&sandbox.endpoint());
    let workspaces = common::workspaces(&sandbox.endpoint());
    thinclient.list_devices().send().await.unwrap();
    let device = device_in(&sandbox, "ARCHIVED");
    thinclient.get_device().id(&device).send().await.unwrap();
    workspaces.describe_workspaces().send().await.unwrap();
    workspaces
        .describe_workspace_directories()
        .send()
        .await
        .unwrap();
    let registered = device_in(&sandbox, "REGISTERED");
    let refused = thinclient.delete_device().id(&registered).send().await;
    assert!(refused.is_err(), "a registered device cannot be deleted");
    sandbox.shutdown().await.unwrap();
    assert!(
        std::fs::read(&state_file).unwrap() == marked,
        "read-only requests rewrote the state file"
    );

    let sandbox = start(config).await;
    let thinclient = common::thinclient(&sandbox.endpoint());
    thinclient.delete_device().id(&device).send().await.unwrap();
    sandbox.shutdown().await.unwrap();
    let saved = std::fs::read(&state_file).unwrap();
    assert!(saved != marked, "a deletion left the state file as it was");
    let saved: serde_json::Value = serde_json::from_slice(&saved).unwrap();
    assert!(saved["thinclient"]["devices"].get(&device).is_none());
}

#[tokio::test]
async fn the_request_log_file_has_one_json_line_per_request() {
    let directory = tempfile::tempdir().unwrap();
    let log_file = directory.path().join("requests.jsonl");
    let sandbox = start(Config {
        log_file: Some(log_file.clone()),
        ..Config::default()
    })
    .await;
    let client = common::thinclient(&sandbox.endpoint());
    let device = device_in(&sandbox, "REGISTERED");
    client.get_device().id(&device).send().await.unwrap();
    client
        .deregister_device()
        .id(&device)
        .client_token("log-token")
        .send()
        .await
        .unwrap();
    let lines: Vec<RequestRecord> = std::fs::read_to_string(&log_file)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(lines, sandbox.requests());
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0].operation, "GetDevice");
    assert_eq!(lines[0].service, "thinclient");
    assert_eq!(lines[0].method, "GET");
    assert_eq!(lines[0].path, format!("/devices/{device}"));
    assert_eq!(lines[0].status, 200);
    assert_eq!(lines[1].operation, "DeregisterDevice");
    assert_eq!(lines[1].client_token.as_deref(), Some("log-token"));
    let raw_line = std::fs::read_to_string(&log_file).unwrap();
    assert!(raw_line.contains("\"clientToken\":\"log-token\""));

    sandbox.clear_requests();
    assert!(sandbox.requests().is_empty());
}

#[tokio::test]
async fn workspaces_requests_are_routed_by_target() {
    let sandbox = start(Config::default()).await;
    let http = common::http_client();
    let url = format!("{}/", sandbox.endpoint());
    let headers = [
        ("X-Amz-Target", "WorkspacesService.Nope"),
        ("Content-Type", "application/x-amz-json-1.1"),
    ];
    let response = common::raw(&http, "POST", &url, &headers, "{}").await;
    assert_eq!(response.status, 400);
    assert_eq!(response.body["__type"], "UnknownOperationException");
    assert!(response.body["message"].as_str().unwrap().contains("Nope"));
    assert_eq!(
        response.headers["content-type"],
        "application/x-amz-json-1.1"
    );

    let bad_json = common::raw(&http, "POST", &url, &headers, "{not json").await;
    assert_eq!(bad_json.body["__type"], "SerializationException");
    let other_service =
        common::raw(&http, "POST", &url, &[("X-Amz-Target", "Other.Op")], "{}").await;
    assert_eq!(other_service.body["__type"], "UnknownOperationException");

    let records = sandbox.requests();
    assert_eq!(records[0].service, "workspaces");
    assert_eq!(records[0].operation, "Nope");
    assert_eq!(records[0].status, 400);

    // Without a target, POST / is no Thin Client operation either.
    let thin = common::raw(&http, "POST", &url, &[], "{}").await;
    assert_eq!(thin.status, 400);
    assert_eq!(thin.headers["x-amzn-ErrorType"], "ValidationException");
    assert_eq!(thin.body["reason"], "unknownOperation");
}

#[tokio::test]
async fn workspaces_knobs_use_the_awsjson_error_shapes() {
    let sandbox = start(Config {
        fail_rate: 1.0,
        ..Config::default()
    })
    .await;
    let http = common::http_client();
    let url = format!("{}/", sandbox.endpoint());
    let headers = [("X-Amz-Target", "WorkspacesService.DescribeWorkspaces")];
    let failed = common::raw(&http, "POST", &url, &headers, "{}").await;
    assert_eq!(failed.status, 500);
    assert_eq!(failed.body["__type"], "InternalFailure");

    sandbox.set_fail_rate(0.0);
    sandbox.set_rate_limit(Some(1.0));
    let mut statuses = Vec::new();
    for _ in 0..3 {
        let response = common::raw(&http, "POST", &url, &headers, "{}").await;
        if response.body["__type"] == "ThrottlingException" {
            assert!(response.headers.contains_key("Retry-After"));
        }
        statuses.push(response.body["__type"].as_str().unwrap_or("").to_string());
    }
    assert!(
        statuses.iter().any(|code| code == "ThrottlingException"),
        "{statuses:?}"
    );
}

#[tokio::test]
async fn a_large_fleet_starts_quickly_and_pages() {
    let started = Instant::now();
    let sandbox = start(Config {
        devices: 100_000,
        ..Config::default()
    })
    .await;
    let elapsed = started.elapsed();
    eprintln!("100,000-device sandbox started in {elapsed:?} (debug build)");
    // The target is under a second on an idle machine; this bound only
    // catches a pathological regression on a shared, loaded one.
    assert!(elapsed < Duration::from_secs(10), "{elapsed:?}");
    let client = common::thinclient(&sandbox.endpoint());
    let page = client.list_devices().max_results(50).send().await.unwrap();
    assert_eq!(page.devices().len(), 50);
    let token = page.next_token().unwrap();
    let second = client
        .list_devices()
        .next_token(token)
        .send()
        .await
        .unwrap();
    assert_ne!(second.devices()[0].id(), page.devices()[0].id());
    let device = page
        .devices()
        .iter()
        .find(|device| device.status() == Some(&DeviceStatus::Registered))
        .unwrap();
    let environment = device.environment_id().unwrap();
    let count = client
        .get_environment()
        .id(environment)
        .send()
        .await
        .unwrap();
    assert!(
        count
            .environment()
            .unwrap()
            .registered_devices_count()
            .unwrap()
            > 1000
    );
    let device = device.id().unwrap();
    assert!(matches!(
        client
            .get_device()
            .id(device)
            .send()
            .await
            .unwrap()
            .device()
            .unwrap()
            .status(),
        Some(
            DeviceStatus::Registered
                | DeviceStatus::Deregistering
                | DeviceStatus::Deregistered
                | DeviceStatus::Archived
        )
    ));
}
