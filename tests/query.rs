//! `--query`: JMESPath over the JSON output, as the AWS CLI; a bad
//! expression is exit 2 before any request.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on what they did not expect

mod common;

use common::TestEnv;
use serde_json::{Value, json};

#[test]
fn query_selects_from_the_json_and_a_bad_one_sends_nothing() {
    let sb = TestEnv::start();
    let all = sb.run(&["devices", "list", "-o", "json"]).success().json();
    let registered: Vec<Value> = all
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["status"] == "REGISTERED")
        .map(|d| d["id"].clone())
        .collect();
    // A table was asked for (the default): the query is over the JSON.
    let queried = sb
        .run(&["devices", "list", "--query", "[?status=='REGISTERED'].id"])
        .success();
    assert_eq!(queried.json(), Value::Array(registered.clone()));

    let id = registered[0].as_str().unwrap();
    let serial = sb
        .run(&[
            "devices",
            "get",
            id,
            "--query",
            "{id: id, serial: serialNumber}",
        ])
        .success()
        .json();
    assert_eq!(serial["id"], json!(id));
    assert!(serial["serial"].is_string(), "{serial}");

    sb.clear_requests();
    let bad = sb.run(&["devices", "list", "--query", "[?status=="]);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
    assert!(bad.stderr.contains("JMESPath"), "{}", bad.stderr);
    assert!(sb.requests().is_empty());
}
