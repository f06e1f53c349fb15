//! The GetMetricData queries of `workspaces usage` and the limits they are
//! packed by. Nothing here but the SDK's types: the benchmark's floor
//! (bench/floor) compiles this file too, so both make the same calls.

use aws_sdk_cloudwatch::types::{Dimension, Metric, MetricDataQuery, MetricStat};

/// GetMetricData's limits on one call.
pub const MAX_QUERIES_PER_CALL: usize = 500;
pub const MAX_DATAPOINTS_PER_CALL: usize = 100_800;

/// The metric's period: the finest `UserConnected` has, and the one the
/// Cost Optimizer counts in.
pub const PERIOD_SECONDS: i64 = 300;

/// The query of one WorkSpace; its id (`q0`, `q1`, …) says which.
pub fn user_connected_query(index: usize, workspace_id: &str) -> MetricDataQuery {
    let dimension = Dimension::builder()
        .name("WorkspaceId")
        .value(workspace_id)
        .build();
    let metric = Metric::builder()
        .namespace("AWS/WorkSpaces")
        .metric_name("UserConnected")
        .dimensions(dimension)
        .build();
    let stat = MetricStat::builder()
        .metric(metric)
        .period(PERIOD_SECONDS as i32)
        .stat("Maximum")
        .build();
    MetricDataQuery::builder()
        .id(format!("q{index}"))
        .metric_stat(stat)
        .return_data(true)
        .build()
}
