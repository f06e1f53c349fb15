//! GetMetricData's answers, decoded as CBOR: the SDK's own parsing of them
//! is tested end to end in the wsfleet crate (`tests/usage.rs`).

use chrono::TimeZone;

use super::*;

fn request(queries: Vec<Value>, start: i64, end: i64, extra: Vec<(Value, Value)>) -> Vec<u8> {
    let mut map = vec![
        (text("MetricDataQueries"), Value::Array(queries)),
        (
            text("StartTime"),
            Value::Tag(1, Box::new(Value::Integer(start.into()))),
        ),
        (
            text("EndTime"),
            Value::Tag(1, Box::new(Value::Float(end as f64))),
        ),
    ];
    map.extend(extra);
    encode(&Value::Map(map))
}

fn user_connected(id: &str, workspace_id: &str) -> Value {
    let dimension = Value::Map(vec![
        (text("Name"), text("WorkspaceId")),
        (text("Value"), text(workspace_id)),
    ]);
    let metric = Value::Map(vec![
        (text("Namespace"), text("AWS/WorkSpaces")),
        (text("MetricName"), text("UserConnected")),
        (text("Dimensions"), Value::Array(vec![dimension])),
    ]);
    Value::Map(vec![
        (text("Id"), text(id)),
        (
            text("MetricStat"),
            Value::Map(vec![
                (text("Metric"), metric),
                (text("Period"), Value::Integer(300.into())),
                (text("Stat"), text("Maximum")),
            ]),
        ),
    ])
}

fn decode(bytes: &[u8]) -> Value {
    ciborium::from_reader(bytes).unwrap()
}

fn october() -> (i64, i64, DateTime<Utc>) {
    let start = Utc.with_ymd_and_hms(2026, 10, 1, 0, 0, 0).unwrap();
    let end = Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap();
    (
        start.timestamp(),
        end.timestamp(),
        end + TimeDelta::days(10),
    )
}

/// A seeded WorkSpace of each profile and running mode wanted.
fn workspace_of(state: &WorkspacesState, wanted: Profile, running_mode: &str) -> String {
    (0..)
        .map_while(|index| state.nth_workspace_id(index))
        .find(|id| {
            let subject = state.usage_subject(id).unwrap();
            Profile::of(id, &subject) == wanted && subject.running_mode == running_mode
        })
        .unwrap_or_else(|| panic!("no seeded {wanted:?} {running_mode} WorkSpace"))
}

#[test]
fn a_heavy_user_is_connected_every_weekday_and_an_unused_one_never() {
    let state = WorkspacesState::seed(200, 7, Utc::now());
    let heavy = workspace_of(&state, Profile::Heavy, "AUTO_STOP");
    let never = workspace_of(&state, Profile::Never, "ALWAYS_ON");
    let (start, end, now) = october();
    let body = request(
        vec![
            user_connected("heavy", &heavy),
            user_connected("never", &never),
        ],
        start,
        end,
        vec![],
    );
    let answer = decode(&handle(&state, "GetMetricData", &body, now).unwrap());
    let results = member(&answer, "MetricDataResults")
        .unwrap()
        .as_array()
        .unwrap();
    // 22 weekdays × (9 h 30 min - 40 min lunch = 8 h 50 min = 106 periods).
    let heavy_values = member(&results[0], "Values").unwrap().as_array().unwrap();
    assert_eq!(heavy_values.len(), 22 * 106);
    let first = &member(&results[0], "Timestamps")
        .unwrap()
        .as_array()
        .unwrap()[0];
    let october_1_0800 = Utc.with_ymd_and_hms(2026, 10, 1, 8, 0, 0).unwrap();
    assert_eq!(
        first,
        &Value::Tag(
            1,
            Box::new(Value::Integer(october_1_0800.timestamp().into()))
        )
    );
    // ALWAYS_ON and never used: a 0 for each of the month's 8,928 periods.
    let never_values = member(&results[1], "Values").unwrap().as_array().unwrap();
    assert_eq!(never_values.len(), 8_928);
    assert!(never_values.iter().all(|value| value == &Value::Float(0.0)));
    assert_eq!(member(&answer, "NextToken"), None);
}

#[test]
fn an_answer_over_the_point_limit_is_paged_with_a_next_token() {
    let state = WorkspacesState::seed(200, 7, Utc::now());
    let never = workspace_of(&state, Profile::Never, "ALWAYS_ON");
    let (start, end, now) = october();
    let queries = |count: usize| {
        (0..count)
            .map(|index| user_connected(&format!("q{index}"), &never))
            .collect::<Vec<_>>()
    };
    // 12 × 8,928 = 107,136 points > 100,800: cut after 11 queries and 2,592 points.
    let answer = decode(
        &handle(
            &state,
            "GetMetricData",
            &request(queries(12), start, end, vec![]),
            now,
        )
        .unwrap(),
    );
    let token = member(&answer, "NextToken")
        .and_then(Value::as_text)
        .unwrap()
        .to_owned();
    assert_eq!(token, "11:2592");
    let page = vec![(text("NextToken"), text(&token))];
    let rest = decode(
        &handle(
            &state,
            "GetMetricData",
            &request(queries(12), start, end, page),
            now,
        )
        .unwrap(),
    );
    let results = member(&rest, "MetricDataResults")
        .unwrap()
        .as_array()
        .unwrap();
    assert_eq!(results.len(), 1);
    assert_eq!(
        member(&results[0], "Values")
            .unwrap()
            .as_array()
            .unwrap()
            .len(),
        8_928 - 2_592
    );
    assert_eq!(member(&rest, "NextToken"), None);
}

#[test]
fn over_500_queries_and_unknown_operations_are_refused() {
    let state = WorkspacesState::seed(5, 7, Utc::now());
    let (start, end, now) = october();
    let many = (0..501)
        .map(|index| user_connected(&format!("q{index}"), "ws-x"))
        .collect();
    let refused = handle(
        &state,
        "GetMetricData",
        &request(many, start, end, vec![]),
        now,
    )
    .unwrap_err();
    assert_eq!(refused.code, "InvalidParameterValueException");
    assert_eq!(refused.query_error(), "InvalidParameterValue;Sender");
    assert_eq!(
        handle(&state, "PutMetricData", &[], now).unwrap_err().code,
        "UnknownOperationException"
    );
    assert_eq!(
        operation_of("/service/GraniteServiceVersion20100801/operation/GetMetricData"),
        Some("GetMetricData")
    );
    assert_eq!(operation_of("/devices"), None);
}

#[test]
fn the_seed_has_every_profile_and_one_skip_convert_workspace() {
    let state = WorkspacesState::seed(200, 7, Utc::now());
    for profile in [
        Profile::Heavy,
        Profile::Light,
        Profile::Idle,
        Profile::Never,
    ] {
        for mode in ["AUTO_STOP", "ALWAYS_ON"] {
            workspace_of(&state, profile, mode);
        }
    }
    let tagged: Vec<String> = (0..)
        .map_while(|index| state.nth_workspace_id(index))
        .filter(|id| {
            let subject = state.usage_subject(id).unwrap();
            subject.tag_keys.iter().any(|key| key == "Skip_Convert")
        })
        .collect();
    assert_eq!(tagged.len(), 1);
    let subject = state.usage_subject(&tagged[0]).unwrap();
    assert_eq!(subject.running_mode, "AUTO_STOP");
    assert_eq!(Profile::of(&tagged[0], &subject), Profile::Heavy);
}
