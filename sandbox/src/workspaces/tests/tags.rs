//! Tags.

use serde_json::{Value, json};

use super::{call, error_code, seeded};

#[test]
fn tags_are_created_replaced_described_and_deleted() {
    let mut state = seeded(5);
    let directory_id = state
        .directories
        .keys()
        .next()
        .cloned()
        .expect("a directory");
    call(
        &mut state,
        "CreateTags",
        json!({"ResourceId": directory_id, "Tags": [{"Key": "Owner", "Value": "it"}, {"Key": "Environment", "Value": "staging"}]}),
    );
    let tags = call(
        &mut state,
        "DescribeTags",
        json!({"ResourceId": directory_id}),
    );
    assert_eq!(
        tags["TagList"],
        json!([{"Key": "Environment", "Value": "staging"}, {"Key": "Owner", "Value": "it"}])
    );
    call(
        &mut state,
        "DeleteTags",
        json!({"ResourceId": directory_id, "TagKeys": ["Environment"]}),
    );
    let tags = call(
        &mut state,
        "DescribeTags",
        json!({"ResourceId": directory_id}),
    );
    assert_eq!(tags["TagList"], json!([{"Key": "Owner", "Value": "it"}]));
    assert_eq!(
        error_code(
            &mut state,
            "DescribeTags",
            json!({"ResourceId": "ws-zzzzzzzzz"})
        ),
        "ResourceNotFoundException"
    );
    assert_eq!(
        error_code(
            &mut state,
            "CreateTags",
            json!({"ResourceId": directory_id, "Tags": [{"Key": "aws:owner", "Value": "x"}]})
        ),
        "InvalidParameterValuesException"
    );
    let many: Vec<Value> = (0..50)
        .map(|i| json!({"Key": format!("k{i}"), "Value": "v"}))
        .collect();
    assert_eq!(
        error_code(
            &mut state,
            "CreateTags",
            json!({"ResourceId": directory_id, "Tags": many})
        ),
        "ResourceLimitExceededException"
    );
}
