//! DescribeWorkspacesConnectionStatus.

use serde_json::{Value, json};

use super::super::WorkspacesState;
use super::{call, error_code, seeded, start_time, workspace_state_at};

#[test]
fn connection_status_pages_every_workspace_and_tells_stopped_ones_apart() {
    let mut state = seeded(120);
    let mut statuses = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let input = match &token {
            Some(token) => json!({"NextToken": token}),
            None => json!({}),
        };
        let page = call(&mut state, "DescribeWorkspacesConnectionStatus", input);
        let items = page["WorkspacesConnectionStatus"]
            .as_array()
            .expect("a list");
        assert!(items.len() <= 25);
        statuses.extend(items.iter().cloned());
        match page["NextToken"].as_str() {
            Some(next) => token = Some(next.to_owned()),
            None => break,
        }
    }
    let workspaces = call(&mut state, "DescribeWorkspaces", json!({"Limit": 25}));
    assert!(workspaces["NextToken"].is_string());
    assert_eq!(statuses.len(), 120);

    let state_of = |id: &str, state: &mut WorkspacesState| {
        workspace_state_at(state, 0, id).expect("described")
    };
    let cutoff = start_time().timestamp() - 30 * 24 * 3600;
    let (mut stopped_recently, mut stopped_long) = (0, 0);
    for status in &statuses {
        let id = status["WorkspaceId"].as_str().expect("an id");
        let last = status["LastKnownUserConnectionTimestamp"].as_f64();
        if state_of(id, &mut state) == "STOPPED" {
            assert_eq!(status["ConnectionState"], "DISCONNECTED");
            match last {
                Some(at) if (at as i64) >= cutoff => stopped_recently += 1,
                _ => stopped_long += 1,
            }
        }
    }
    assert!(stopped_recently > 0 && stopped_long > 0);

    // Named WorkSpaces only, at most 25 of them.
    let one = statuses[0]["WorkspaceId"].clone();
    let answer = call(
        &mut state,
        "DescribeWorkspacesConnectionStatus",
        json!({"WorkspaceIds": [one]}),
    );
    assert_eq!(
        answer["WorkspacesConnectionStatus"]
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    let too_many: Vec<Value> = statuses
        .iter()
        .take(26)
        .map(|s| s["WorkspaceId"].clone())
        .collect();
    assert_eq!(
        error_code(
            &mut state,
            "DescribeWorkspacesConnectionStatus",
            json!({"WorkspaceIds": too_many})
        ),
        "ValidationException"
    );
}
