//! Behaviour of the WorkSpaces side of the sandbox, driven through
//! `WorkspacesState::handle` exactly as the server drives it.

mod account;
mod account_links;
mod applications;
mod associations;
mod batch;
mod branding;
mod bundle_changes;
mod bundles_directories;
mod connect_add_ins;
mod connection_aliases;
mod connection_status;
mod create;
mod custom_image_import;
mod directory_registration;
mod directory_settings;
mod image_path;
mod images;
mod ip_groups;
mod operations;
mod pools;
mod properties;
mod seed;
mod shapes;
mod snapshots_standby;
mod tags;
mod workspace_state;
mod workspaces;

use std::time::Duration;

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use serde_json::{Value, json};

use super::{WorkspacesState, WsError};

const TRANSITION: Duration = Duration::from_secs(30);

fn start_time() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0)
        .single()
        .expect("valid date")
}

fn at(seconds: i64) -> DateTime<Utc> {
    start_time() + TimeDelta::milliseconds((seconds as f64 * 1000.0) as i64)
}

fn seeded(workspaces: usize) -> WorkspacesState {
    WorkspacesState::seed(workspaces, 42, start_time())
}

fn call_at(
    state: &mut WorkspacesState,
    seconds: i64,
    op: &str,
    input: Value,
) -> Result<Value, WsError> {
    state.handle(op, &input, at(seconds), TRANSITION)
}

/// [`call_at`] for a call made in `region` (the one it was signed for).
fn call_in(
    state: &mut WorkspacesState,
    region: &str,
    seconds: i64,
    op: &str,
    input: Value,
) -> Result<Value, WsError> {
    let operation = super::operation(op).expect("a served operation");
    state.run_in_region(
        operation,
        &input,
        at(seconds),
        TRANSITION,
        Some(region.to_owned()),
    )
}

fn call(state: &mut WorkspacesState, op: &str, input: Value) -> Value {
    match call_at(state, 0, op, input) {
        Ok(answer) => answer,
        Err(error) => panic!("{op} failed: {error:?}"),
    }
}

fn error_code(state: &mut WorkspacesState, op: &str, input: Value) -> &'static str {
    match call_at(state, 0, op, input) {
        Ok(answer) => panic!("{op} succeeded unexpectedly: {answer}"),
        Err(error) => error.code,
    }
}

fn workspace_state_at(
    state: &mut WorkspacesState,
    seconds: i64,
    workspace_id: &str,
) -> Option<String> {
    let answer = call_at(
        state,
        seconds,
        "DescribeWorkspaces",
        json!({"WorkspaceIds": [workspace_id]}),
    )
    .expect("DescribeWorkspaces");
    answer["Workspaces"]
        .as_array()
        .and_then(|list| list.first())
        .map(|workspace| workspace["State"].as_str().unwrap_or_default().to_owned())
}

/// The id of the first WorkSpace matching `wanted`.
fn find_workspace(
    state: &WorkspacesState,
    wanted: impl Fn(&super::model::Workspace) -> bool,
) -> String {
    state
        .workspaces
        .values()
        .map(|record| &record.workspace)
        .find(|workspace| wanted(workspace))
        .map(|workspace| workspace.workspace_id.clone())
        .expect("the seed has such a WorkSpace")
}

fn ids_of(list: &Value, member: &str) -> Vec<String> {
    list.as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|item| item[member].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// Pages through a Describe operation and returns every item.
fn all_pages(state: &mut WorkspacesState, op: &str, mut input: Value, list: &str) -> Vec<Value> {
    let mut items = Vec::new();
    for _ in 0..10_000 {
        let page = call(state, op, input.clone());
        items.extend(page[list].as_array().cloned().unwrap_or_default());
        match page.get("NextToken").and_then(Value::as_str) {
            Some(token) => input["NextToken"] = json!(token),
            None => return items,
        }
    }
    panic!("{op} never stopped paging");
}

fn create_request(state: &WorkspacesState, user: &str, bundle_name: &str) -> Value {
    let directory_id = state
        .directories
        .keys()
        .next()
        .cloned()
        .expect("a directory");
    let bundle_id = state
        .bundles
        .values()
        .find(|b| b.bundle.name == bundle_name)
        .map(|b| b.bundle.bundle_id.clone())
        .expect("the bundle");
    json!({"DirectoryId": directory_id, "UserName": user, "BundleId": bundle_id})
}

fn application_id(state: &WorkspacesState, name: &str) -> String {
    state
        .applications
        .values()
        .find(|a| a.name == name)
        .map(|a| a.application_id.clone())
        .expect("the application")
}
