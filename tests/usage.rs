//! End to end: `workspaces usage` and `workspaces optimize` against the
//! sandbox, whose CloudWatch answers GetMetricData over RPC v2 CBOR from
//! each seeded WorkSpace's usage profile, parsed by the real SDK.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on what they did not expect

mod common;

use std::collections::{BTreeMap, BTreeSet};

use common::TestEnv;
use serde_json::Value;

/// October 2026, a whole month in the past: 31 days, 22 weekdays.
const OCTOBER: &[&str] = &["--month", "2026-10"];

fn rows(sb: &TestEnv, args: &[&str]) -> Vec<Value> {
    let run = sb
        .run(&[&["-o", "json", "workspaces"][..], args].concat())
        .success();
    run.json().as_array().cloned().unwrap()
}

fn field<'a>(row: &'a Value, name: &str) -> &'a str {
    row[name].as_str().unwrap_or_default()
}

/// Every WorkSpace's running mode, as DescribeWorkspaces says now.
fn running_modes(sb: &TestEnv) -> BTreeMap<String, String> {
    rows(sb, &["list"])
        .iter()
        .map(|w| {
            (
                field(w, "WorkspaceId").to_owned(),
                w["WorkspaceProperties"]["RunningMode"]
                    .as_str()
                    .unwrap()
                    .to_owned(),
            )
        })
        .collect()
}

#[test]
fn usage_recommends_and_optimize_switches_exactly_the_recommended() {
    let sb = TestEnv::start();
    let usage = rows(&sb, &[&["usage"][..], OCTOBER].concat());
    let workspaces = running_modes(&sb);
    assert_eq!(usage.len(), workspaces.len(), "one row a WorkSpace");

    // Every kind of recommendation is there.
    let kinds: BTreeSet<(String, String, String)> = usage
        .iter()
        .map(|row| {
            (
                field(row, "RunningMode").to_owned(),
                field(row, "Action").to_owned(),
                field(row, "RecommendedRunningMode").to_owned(),
            )
        })
        .collect();
    for wanted in [
        ("AUTO_STOP", "switch", "ALWAYS_ON"),
        ("ALWAYS_ON", "switch", "AUTO_STOP"),
        ("AUTO_STOP", "keep", "AUTO_STOP"),
        ("ALWAYS_ON", "keep", "ALWAYS_ON"),
        ("AUTO_STOP", "skip", "ALWAYS_ON"),
    ] {
        let wanted = (wanted.0.into(), wanted.1.into(), wanted.2.into());
        assert!(kinds.contains(&wanted), "no {wanted:?} in {kinds:?}");
    }
    assert!(usage.iter().any(|row| field(row, "Action") == "not-judged"));

    // The Skip_Convert WorkSpace is a heavy user: 22 weekdays, each one session of
    // 08:00-17:30 (the 40-minute lunch is under any idle timeout) → 10 h, plus its
    // AutoStop timeout once a day.
    let skipped: Vec<&Value> = usage
        .iter()
        .filter(|row| field(row, "Action") == "skip")
        .collect();
    assert_eq!(skipped.len(), 1);
    let skipped = skipped[0];
    let timeout_hours = skipped["RunningModeAutoStopTimeoutInMinutes"]
        .as_u64()
        .unwrap()
        / 60;
    assert_eq!(
        skipped["BillableHours"].as_u64(),
        Some(22 * (10 + timeout_hours))
    );
    assert_eq!(skipped["Sessions"].as_u64(), Some(22));
    assert!(field(skipped, "Reason").starts_with("tagged Skip_Convert"));
    let skipped_id = field(skipped, "WorkspaceId").to_owned();

    // The rule, row by row.
    for row in &usage {
        let (Some(hours), Some(threshold)) =
            (row["BillableHours"].as_u64(), row["Threshold"].as_u64())
        else {
            continue;
        };
        let expected = match (field(row, "RunningMode"), hours > threshold) {
            ("AUTO_STOP", true) | ("ALWAYS_ON", false) => "switch",
            ("AUTO_STOP", false) | ("ALWAYS_ON", true) => "keep",
            _ => "not-judged",
        };
        let action = field(row, "Action");
        let action = if action == "skip" { "switch" } else { action };
        assert_eq!(action, expected, "{row}");
    }

    // The metrics came in packed calls: a month is 8,928 points a WorkSpace, so 11
    // WorkSpaces a call (100,800 points at most).
    let calls = sb.requests_for("GetMetricData");
    assert_eq!(calls.len(), workspaces.len().div_ceil(11));
    assert!(calls.iter().all(|call| call.status == 200));

    // WorkSpaces accepts ModifyWorkspaceProperties from AVAILABLE or STOPPED only.
    let switch: BTreeMap<String, String> = usage
        .iter()
        .filter(|row| field(row, "Action") == "switch")
        .filter(|row| matches!(field(row, "State"), "AVAILABLE" | "STOPPED"))
        .map(|row| {
            (
                field(row, "WorkspaceId").to_owned(),
                field(row, "RecommendedRunningMode").to_owned(),
            )
        })
        .collect();

    // --dry-run: the plan is the switches, and nothing changes.
    let plan = rows(&sb, &[&["optimize", "--dry-run"][..], OCTOBER].concat());
    let planned: BTreeSet<&str> = plan.iter().map(|row| field(row, "WorkspaceId")).collect();
    assert_eq!(planned, switch.keys().map(String::as_str).collect());
    assert!(sb.requests_for("ModifyWorkspaceProperties").is_empty());
    assert_eq!(running_modes(&sb), workspaces);

    // Without --yes and without a terminal: refused before any change.
    let refused = sb.run(&[&["workspaces", "optimize"][..], OCTOBER].concat());
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(sb.requests_for("ModifyWorkspaceProperties").is_empty());

    // --yes: exactly the recommended WorkSpaces switch; the Skip_Convert one does not.
    let applied = sb.run(&[&["workspaces", "optimize", "--yes"][..], OCTOBER].concat());
    assert_eq!(applied.code, 0, "{}", applied.stderr);
    assert!(
        applied
            .stderr
            .contains("1 WorkSpace(s) tagged Skip_Convert left as they are")
    );
    assert!(applied.stderr.contains("bills that month both ways"));
    assert!(
        applied.stderr.contains("cannot be modified now: ws-"),
        "{}",
        applied.stderr
    );
    let modified: BTreeSet<String> = sb
        .requests_for("ModifyWorkspaceProperties")
        .into_iter()
        .filter_map(|request| request.resource)
        .collect();
    assert_eq!(modified, switch.keys().cloned().collect());
    let after = running_modes(&sb);
    for (id, mode) in &workspaces {
        let expected = switch.get(id).unwrap_or(mode);
        assert_eq!(&after[id], expected, "{id}");
    }
    assert_eq!(after[&skipped_id], "AUTO_STOP");

    // Nothing is left to switch.
    let again = sb.run(&[&["workspaces", "optimize", "--yes"][..], OCTOBER].concat());
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(
        again.stderr.contains("nothing to switch"),
        "{}",
        again.stderr
    );
}

#[test]
fn usage_formats_filters_thresholds_and_unused() {
    let sb = TestEnv::start();
    // A filter and a threshold override: every STANDARD WorkSpace judged at 300 h,
    // which no profile reaches (heavy: at most 22 × 13 = 286 h).
    let standard = rows(
        &sb,
        &[
            &[
                "usage",
                "--compute-type",
                "standard",
                "--threshold",
                "Standard=300",
            ][..],
            OCTOBER,
        ]
        .concat(),
    );
    assert!(!standard.is_empty());
    for row in &standard {
        assert_eq!(field(row, "ComputeTypeName"), "STANDARD");
        assert_eq!(row["Threshold"].as_u64(), Some(300));
        let expected = match field(row, "RunningMode") {
            "AUTO_STOP" => "keep",
            "ALWAYS_ON" => "switch",
            _ => "not-judged",
        };
        assert_eq!(field(row, "Action"), expected, "{row}");
    }

    // CSV and NDJSON from the same declaration.
    let csv = sb
        .run(&[
            "-o",
            "csv",
            "workspaces",
            "usage",
            "--month",
            "2026-10",
            "--columns",
            "WorkspaceId,BillableHours,Action",
        ])
        .success();
    assert_eq!(
        csv.stdout.lines().next(),
        Some("WorkspaceId,BillableHours,Action")
    );
    let ndjson = sb
        .run(&["-o", "ndjson", "workspaces", "usage", "--month", "2026-10"])
        .success();
    let all = rows(&sb, &[&["usage"][..], OCTOBER].concat());
    assert_eq!(ndjson.stdout.lines().count(), all.len());
    assert_eq!(csv.stdout.lines().count(), all.len() + 1);

    // Unused for 60 days: no connected period in the metric, and no connection
    // since by the connection status.
    let unused = rows(&sb, &["usage", "--unused-for", "60d"]);
    assert!(!unused.is_empty());
    assert!(unused.len() < all.len());
    for row in &unused {
        assert_eq!(row["ConnectedMinutes"].as_u64(), Some(0), "{row}");
        assert_eq!(row["BillableHours"].as_u64(), Some(0), "{row}");
    }

    // Bad periods and thresholds are usage errors, before any request.
    sb.clear_requests();
    for bad in [
        &["workspaces", "usage", "--month", "2026-13"][..],
        &["workspaces", "usage", "--month", "2999-01"],
        &["workspaces", "usage", "--threshold", "Huge=3"],
        &[
            "workspaces",
            "usage",
            "--month",
            "2026-10",
            "--since",
            "2026-10-02",
        ],
        &[
            "workspaces",
            "usage",
            "--since",
            "2026-11-02",
            "--until",
            "2026-11-01",
        ],
    ] {
        let run = sb.run(bad);
        assert_eq!(run.code, 2, "{bad:?}: {}", run.stderr);
    }
    assert!(sb.requests().is_empty());
}

/// The sandbox's CloudWatch, read by the SDK alone: its CBOR answers, its
/// paging and its errors are what the SDK expects of CloudWatch.
#[test]
fn the_sdk_reads_the_sandbox_cloudwatch() {
    use aws_sdk_cloudwatch::primitives::DateTime;
    use aws_sdk_cloudwatch::types::{Dimension, Metric, MetricDataQuery, MetricStat};

    let sb = TestEnv::start();
    // ALWAYS_ON WorkSpaces have a point (0 or 1) in every period while they run.
    let ids: Vec<String> = running_modes(&sb)
        .into_iter()
        .filter(|(_, mode)| mode == "ALWAYS_ON")
        .map(|(id, _)| id)
        .collect();
    assert!(ids.len() >= 15);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let config = aws_sdk_cloudwatch::Config::builder()
        .behavior_version(aws_sdk_cloudwatch::config::BehaviorVersion::latest())
        .region(aws_sdk_cloudwatch::config::Region::new("us-east-1"))
        .endpoint_url(&sb.endpoint)
        .credentials_provider(aws_sdk_cloudwatch::config::Credentials::new(
            common::ACCESS_KEY,
            common::SECRET_KEY,
            None,
            None,
            "test",
        ))
        .build();
    let client = aws_sdk_cloudwatch::Client::from_conf(config);
    let query = |index: usize, id: &str| {
        MetricDataQuery::builder()
            .id(format!("q{index}"))
            .metric_stat(
                MetricStat::builder()
                    .metric(
                        Metric::builder()
                            .namespace("AWS/WorkSpaces")
                            .metric_name("UserConnected")
                            .dimensions(Dimension::builder().name("WorkspaceId").value(id).build())
                            .build(),
                    )
                    .period(300)
                    .stat("Maximum")
                    .build(),
            )
            .build()
    };
    // 2026-10-01 to 2026-11-01.
    let (start, end) = (
        DateTime::from_secs(1_790_812_800),
        DateTime::from_secs(1_793_491_200),
    );
    runtime.block_on(async {
        // 15 × 8,928 points = 133,920, over the 100,800 of one answer: the SDK's
        // paginator follows the NextToken to the end.
        let queries: Vec<MetricDataQuery> = ids
            .iter()
            .take(15)
            .enumerate()
            .map(|(i, id)| query(i, id))
            .collect();
        let pages: Vec<_> = client
            .get_metric_data()
            .set_metric_data_queries(Some(queries))
            .start_time(start)
            .end_time(end)
            .into_paginator()
            .send()
            .collect::<Result<Vec<_>, _>>()
            .await
            .unwrap();
        let points: usize = pages
            .iter()
            .flat_map(|page| page.metric_data_results())
            .map(|result| result.values().len())
            .sum();
        assert_eq!(points, 15 * 8_928);
        assert_eq!(pages.len(), 2);
        assert!(pages.iter().all(|page| {
            page.metric_data_results()
                .iter()
                .map(|r| r.values().len())
                .sum::<usize>()
                <= 100_800
        }));
        for result in pages.iter().flat_map(|page| page.metric_data_results()) {
            assert_eq!(result.timestamps().len(), result.values().len());
            assert!(result.timestamps().iter().all(|t| *t >= start && *t < end));
        }

        // Over 500 queries: the service's own error, as the SDK reads it.
        let many: Vec<MetricDataQuery> = (0..501).map(|i| query(i, &ids[0])).collect();
        let err = client
            .get_metric_data()
            .set_metric_data_queries(Some(many))
            .start_time(start)
            .end_time(end)
            .send()
            .await
            .unwrap_err();
        let code = aws_sdk_cloudwatch::error::ProvideErrorMetadata::code(&err);
        assert_eq!(code, Some("InvalidParameterValue"), "{err:?}");
    });
}
