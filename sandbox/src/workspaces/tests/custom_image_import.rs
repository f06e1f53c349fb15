//! Custom image imports: PENDING → IN_PROGRESS → COMPLETED over time, the
//! image AVAILABLE once imported, and the API's refusals.

use serde_json::{Value, json};

use super::{call, call_at, error_code, seeded};

const INFRA: &str = "arn:aws:imagebuilder:us-east-1:123456789012:infrastructure-configuration/ws";

fn request(name: &str, source: Value) -> Value {
    json!({
        "ImageName": name, "ImageDescription": "custom import", "ComputeType": "BASE",
        "Protocol": "DCV", "ImageSource": source, "InfrastructureConfigurationArn": INFRA,
        "Platform": "WINDOWS", "OsVersion": "Windows_11",
    })
}

#[test]
fn an_import_goes_pending_in_progress_completed() {
    let mut state = seeded(3);
    let answer = call(
        &mut state,
        "ImportCustomWorkspaceImage",
        request("custom-1", json!({"Ec2ImageId": "ami-0123456789abcdef0"})),
    );
    assert_eq!(answer["State"], "PENDING");
    let image_id = answer["ImageId"].as_str().unwrap().to_owned();
    let describe = json!({"ImageId": image_id});
    let mut seen = Vec::new();
    for seconds in [0, 31, 61] {
        let import = call_at(
            &mut state,
            seconds,
            "DescribeCustomWorkspaceImageImport",
            describe.clone(),
        )
        .unwrap();
        seen.push((
            import["State"].clone(),
            import["ProgressPercentage"].clone(),
        ));
        assert_eq!(
            import["ImageSource"],
            json!({"Ec2ImageId": "ami-0123456789abcdef0"})
        );
    }
    assert_eq!(
        seen,
        [
            (json!("PENDING"), json!(0)),
            (json!("IN_PROGRESS"), json!(50)),
            (json!("COMPLETED"), json!(100))
        ]
    );
    let images = call_at(
        &mut state,
        61,
        "DescribeWorkspaceImages",
        json!({"ImageIds": [image_id]}),
    )
    .unwrap();
    assert_eq!(images["Images"][0]["State"], "AVAILABLE");
    assert_eq!(images["Images"][0]["RequiredTenancy"], "DEDICATED");
    // The name is the image's now.
    let again = call_at(
        &mut state,
        62,
        "ImportCustomWorkspaceImage",
        request(
            "custom-1",
            json!({"Ec2ImportTaskId": "import-ami-0123abcd"}),
        ),
    )
    .unwrap_err();
    assert_eq!(again.code, "ResourceAlreadyExistsException");
}

#[test]
fn imports_that_break_the_rules_are_refused() {
    let mut state = seeded(3);
    let build = "arn:aws:imagebuilder:us-east-1:123456789012:image/win11/1.0.x";
    let mut g6_pcoip = request("g6", json!({"ImageBuildVersionArn": build}));
    g6_pcoip["ComputeType"] = json!("GRAPHICS_G6");
    g6_pcoip["Protocol"] = json!("PCOIP");
    let mut other_account = request("other", json!({"Ec2ImageId": "ami-01234567"}));
    other_account["InfrastructureConfigurationArn"] =
        json!("arn:aws:imagebuilder:us-east-1:210987654321:infrastructure-configuration/ws");
    let mut bad_os = request("os", json!({"Ec2ImageId": "ami-01234567"}));
    bad_os["OsVersion"] = json!("Windows_7");
    let cases = [
        (g6_pcoip, "OperationNotSupportedException"),
        (other_account, "ResourceNotFoundException"),
        (bad_os, "ValidationException"),
        (
            request(
                "two",
                json!({"Ec2ImageId": "ami-01234567", "Ec2ImportTaskId": "import-ami-0123abcd"}),
            ),
            "ValidationException",
        ),
        (request("none", json!({})), "ValidationException"),
        (
            request("ami", json!({"Ec2ImageId": "ami-xyz"})),
            "ValidationException",
        ),
        (
            request("task", json!({"Ec2ImportTaskId": "import-ami-1"})),
            "ValidationException",
        ),
        (
            request(
                "arn",
                json!({"ImageBuildVersionArn": "arn:aws:imagebuilder:us-east-1:123456789012:image/w/1.0"}),
            ),
            "ValidationException",
        ),
        (
            request("bad name!", json!({"Ec2ImageId": "ami-01234567"})),
            "ValidationException",
        ),
    ];
    for (input, code) in cases {
        assert_eq!(
            error_code(&mut state, "ImportCustomWorkspaceImage", input.clone()),
            code,
            "{input}"
        );
    }
    assert_eq!(
        error_code(
            &mut state,
            "DescribeCustomWorkspaceImageImport",
            json!({"ImageId": "wsi-zzzzzzzzz"})
        ),
        "ResourceNotFoundException"
    );
    assert_eq!(
        error_code(
            &mut state,
            "DescribeCustomWorkspaceImageImport",
            json!({"ImageId": "img-1"})
        ),
        "ValidationException"
    );
}
