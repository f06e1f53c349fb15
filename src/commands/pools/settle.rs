//! `--wait` for pools: until each pool reaches the state its change leads
//! to, through the one wait engine.

use std::time::Duration;

use aws_sdk_workspaces::types::WorkspacesPool;

use crate::api::WorkspacesClient;
use crate::api::pools::{describe_pools, get_pool};
use crate::commands::waiting::{self, Progress, WaitArgs};
use crate::context::Context;
use crate::error::Result;

/// Where a change leaves a pool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Settled {
    Running,
    Stopped,
    /// Out of its transition, RUNNING or STOPPED (after a create or update).
    Steady,
    /// Deleted (after a terminate).
    Gone,
}

impl Settled {
    fn goal(self) -> &'static str {
        match self {
            Settled::Running => "become RUNNING",
            Settled::Stopped => "become STOPPED",
            Settled::Steady => "finish changing",
            Settled::Gone => "be deleted",
        }
    }

    fn progress(self, pool: Option<&WorkspacesPool>) -> Progress {
        let Some(pool) = pool else {
            return match self {
                Settled::Gone => Progress::Done,
                _ => Progress::Failed("the pool no longer exists".to_owned()),
            };
        };
        let state = pool.state().as_str();
        let steady = matches!(state, "RUNNING" | "STOPPED");
        match (self, state) {
            (Settled::Running, "RUNNING") | (Settled::Stopped, "STOPPED") => Progress::Done,
            (Settled::Steady, _) if steady => Progress::Done,
            (Settled::Running | Settled::Stopped, _) if steady => {
                let errors: Vec<&str> = pool
                    .errors()
                    .iter()
                    .filter_map(|e| e.error_message())
                    .collect();
                Progress::Failed(if errors.is_empty() {
                    format!("it is {state}")
                } else {
                    errors.join("; ")
                })
            }
            _ => Progress::Going,
        }
    }
}

/// A pool to wait for, in the region its client reaches.
#[derive(Clone)]
pub struct PoolTarget {
    pub client: WorkspacesClient,
    pub id: String,
}

impl waiting::Target for PoolTarget {
    fn name(&self) -> &str {
        &self.id
    }
}

/// Waits until every pool has `settled`.
pub async fn wait_for_pools(
    ctx: &Context,
    pools: Vec<PoolTarget>,
    settled: Settled,
    timeout: Duration,
) -> Result<()> {
    let goal = waiting::Goal {
        noun: "pools",
        goal: settled.goal(),
        timeout,
    };
    waiting::until(ctx, pools, &goal, |going| {
        waiting::each(4, going, move |pool| async move {
            let described = describe_pools(&pool.client, std::slice::from_ref(&pool.id)).await?;
            let found = described.iter().find(|p| p.pool_id() == pool.id);
            Ok(settled.progress(found))
        })
    })
    .await
}

/// With `--wait`, the pool once it has `settled`, described again;
/// without, the pool as it is.
pub async fn settled(
    ctx: &Context,
    client: WorkspacesClient,
    pool: WorkspacesPool,
    settled: Settled,
    wait: &WaitArgs,
) -> Result<WorkspacesPool> {
    let Some(timeout) = wait.timeout() else {
        return Ok(pool);
    };
    let id = pool.pool_id().to_owned();
    let target = PoolTarget {
        client: client.clone(),
        id: id.clone(),
    };
    wait_for_pools(ctx, vec![target], settled, timeout).await?;
    get_pool(&client, &id).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_sdk_workspaces::types::{WorkspacesPoolError, WorkspacesPoolState};

    fn pool(state: &str, error: Option<&str>) -> WorkspacesPool {
        let mut builder = WorkspacesPool::builder()
            .pool_id("wspool-abcdefgh1")
            .pool_arn("arn")
            .pool_name("p")
            .state(WorkspacesPoolState::from(state))
            .created_at(aws_smithy_types::DateTime::from_secs(0))
            .bundle_id("wsb-abcdefgh1")
            .directory_id("wsd-abcdefgh1")
            .running_mode("AUTO_STOP".into());
        if let Some(message) = error {
            builder = builder.errors(
                WorkspacesPoolError::builder()
                    .error_message(message)
                    .build(),
            );
        }
        builder.build().unwrap()
    }

    #[test]
    fn each_change_settles_where_it_leads() {
        assert_eq!(
            Settled::Running.progress(Some(&pool("STARTING", None))),
            Progress::Going
        );
        assert_eq!(
            Settled::Running.progress(Some(&pool("RUNNING", None))),
            Progress::Done
        );
        assert_eq!(
            Settled::Running.progress(Some(&pool("STOPPED", Some("no capacity")))),
            Progress::Failed("no capacity".to_owned())
        );
        assert_eq!(
            Settled::Steady.progress(Some(&pool("STOPPED", None))),
            Progress::Done
        );
        assert_eq!(
            Settled::Steady.progress(Some(&pool("UPDATING", None))),
            Progress::Going
        );
        assert_eq!(
            Settled::Gone.progress(Some(&pool("DELETING", None))),
            Progress::Going
        );
        assert_eq!(Settled::Gone.progress(None), Progress::Done);
        assert!(matches!(
            Settled::Stopped.progress(None),
            Progress::Failed(_)
        ));
    }
}
