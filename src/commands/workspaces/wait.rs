//! `--wait` of the WorkSpaces verbs: the one wait engine
//! ([`crate::commands::waiting`]) polling DescribeWorkspaces (25 IDs a
//! call, one place at a time) until each WorkSpace is where the verb's
//! change ends.

use std::collections::HashMap;
use std::time::Duration;

use aws_sdk_workspaces::types::Workspace;

use crate::api::WorkspacesClient;
use crate::api::workspaces::describe_workspaces;
use crate::commands::waiting::{self, Progress};
use crate::context::Context;
use crate::error::{AppError, Result};
use crate::scope::{PlaceId, Placed};

/// Where a WorkSpace's change ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Settled {
    /// In this state.
    In(&'static str),
    /// Gone: terminated and no longer described.
    Gone,
    /// AVAILABLE or STOPPED with no property change in progress (ModifyWorkspaceProperties).
    Modified,
}

impl Settled {
    /// "become AVAILABLE", for the spinner and the messages.
    fn goal(self) -> String {
        match self {
            Settled::In(state) => format!("become {state}"),
            Settled::Gone => "become TERMINATED".to_owned(),
            Settled::Modified => "finish their modifications".to_owned(),
        }
    }

    /// How a WorkSpace is doing (`None`: not described).
    fn progress(self, workspace: Option<&Workspace>) -> Progress {
        let Some(workspace) = workspace else {
            // A terminated WorkSpace soon stops being described; a new one
            // may not be described yet.
            return if self == Settled::Gone {
                Progress::Done
            } else {
                Progress::Going
            };
        };
        let state = workspace.state().map(|s| s.as_str()).unwrap_or_default();
        match self {
            Settled::In(wanted) if state == wanted => Progress::Done,
            Settled::Gone if state == "TERMINATED" => Progress::Done,
            Settled::Modified
                if ["AVAILABLE", "STOPPED"].contains(&state)
                    && workspace.modification_states().is_empty() =>
            {
                Progress::Done
            }
            _ if state == "ERROR" => Progress::Failed("went to ERROR".to_owned()),
            _ => Progress::Going,
        }
    }
}

/// Waits until every target has settled, or `timeout`. `client_of` gives
/// the client a place's WorkSpaces are described with; `blame` names the
/// place of an error when the run spans several.
pub async fn until_settled<'a>(
    ctx: &Context,
    targets: Vec<Placed<String>>,
    settled: Settled,
    timeout: Duration,
    client_of: impl Fn(PlaceId) -> &'a WorkspacesClient,
    blame: impl Fn(PlaceId, AppError) -> AppError,
) -> Result<()> {
    let goal = settled.goal();
    let goal = waiting::Goal {
        noun: "WorkSpaces",
        goal: &goal,
        timeout,
    };
    let (client_of, blame) = (&client_of, &blame);
    waiting::until(ctx, targets, &goal, |going| async move {
        // One DescribeWorkspaces a place a poll.
        let mut by_place: Vec<(PlaceId, Vec<String>)> = Vec::new();
        for target in &going {
            match by_place
                .iter_mut()
                .find(|(place, _)| *place == target.place)
            {
                Some((_, ids)) => ids.push(target.item.clone()),
                None => by_place.push((target.place, vec![target.item.clone()])),
            }
        }
        let mut described: HashMap<String, Workspace> = HashMap::new();
        for (place, ids) in by_place {
            let found = describe_workspaces(client_of(place), &ids)
                .await
                .map_err(|err| blame(place, err))?;
            for workspace in found {
                if let Some(id) = workspace.workspace_id() {
                    described.insert(id.to_owned(), workspace.clone());
                }
            }
        }
        Ok(going
            .iter()
            .map(|target| settled.progress(described.get(&target.item)))
            .collect())
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_workspaces::types::{
        ModificationResourceEnum, ModificationState, ModificationStateEnum, WorkspaceState,
    };

    fn in_state(state: WorkspaceState) -> Workspace {
        Workspace::builder()
            .workspace_id("ws-a")
            .state(state)
            .build()
    }

    #[test]
    fn each_end_is_judged_by_what_describe_says() {
        let available = in_state(WorkspaceState::Available);
        assert_eq!(
            Settled::In("AVAILABLE").progress(Some(&available)),
            Progress::Done
        );
        assert_eq!(Settled::In("AVAILABLE").progress(None), Progress::Going);
        assert_eq!(Settled::Gone.progress(None), Progress::Done);
        assert!(matches!(
            Settled::In("STOPPED").progress(Some(&in_state(WorkspaceState::Error))),
            Progress::Failed(_)
        ));
        let modifying = Workspace::builder()
            .workspace_id("ws-a")
            .state(WorkspaceState::Available)
            .modification_states(
                ModificationState::builder()
                    .resource(ModificationResourceEnum::ComputeType)
                    .state(ModificationStateEnum::UpdateInProgress)
                    .build(),
            )
            .build();
        assert_eq!(
            Settled::Modified.progress(Some(&modifying)),
            Progress::Going
        );
        assert_eq!(Settled::Modified.progress(Some(&available)), Progress::Done);
    }
}
