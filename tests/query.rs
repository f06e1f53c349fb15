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

/// `-o table --query` prints the result as a table (an array of objects,
/// under their keys) or one value a line, not the JSON it used to print
/// silently; `-o csv` and `-o ndjson` are kept too. Without `-o`, JSON.
#[test]
fn query_result_prints_as_the_output_format_asks() {
    let sb = TestEnv::start();
    // What `devices VERB` prints with `-o FORMAT --query EXPRESSION`.
    let queried = |verb: &[&str], format: &str, expression: &str| -> String {
        let mut args = vec!["devices"];
        args.extend_from_slice(verb);
        args.extend_from_slice(&["-o", format, "--query", expression]);
        sb.run(&args).success().stdout
    };
    let all = sb.run(&["devices", "list", "-o", "json"]).success().json();
    let registered: Vec<&Value> = all
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["status"] == "REGISTERED")
        .collect();
    let ids: Vec<&str> = registered
        .iter()
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    let list = ["list"];

    let table = queried(
        &list,
        "table",
        "[?status=='REGISTERED'].{id: id, serial: serialNumber}",
    );
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(
        lines[0].split_whitespace().collect::<Vec<_>>(),
        ["ID", "SERIAL"],
        "{table}"
    );
    assert_eq!(lines.len(), ids.len() + 1, "{table}");
    for (line, device) in lines[1..].iter().zip(&registered) {
        let cells: Vec<&str> = line.split_whitespace().collect();
        let serial = device["serialNumber"].as_str().unwrap();
        assert_eq!(cells, [device["id"].as_str().unwrap(), serial]);
    }

    let one_a_line = queried(&list, "table", "[?status=='REGISTERED'].id");
    assert_eq!(one_a_line.lines().collect::<Vec<_>>(), ids);
    let count = queried(&list, "table", "length(@)");
    assert_eq!(count.trim(), all.as_array().unwrap().len().to_string());

    let csv = queried(&list, "csv", "[?status=='REGISTERED'].{id: id}");
    assert_eq!(csv.lines().next(), Some("id"));
    assert_eq!(csv.lines().skip(1).collect::<Vec<_>>(), ids);
    let ndjson = queried(&list, "ndjson", "[?status=='REGISTERED'].id");
    let quoted: Vec<String> = ids.iter().map(|id| format!("\"{id}\"")).collect();
    assert_eq!(ndjson.lines().collect::<Vec<_>>(), quoted);

    // A get's object: a field a line.
    let fields = queried(&["get", ids[0]], "table", "{id: id, status: status}");
    assert!(
        fields
            .lines()
            .any(|l| l.split_whitespace().eq(["status", "REGISTERED"])),
        "{fields}"
    );
}
