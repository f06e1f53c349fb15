//! Client branding: kept per directory and platform, logos checked as PNG
//! within the model's sizes, and the API's other rules.

use base64::Engine as _;
use serde_json::{Value, json};

use super::{call, error_code, seeded};

fn png(size: usize) -> String {
    let mut bytes = b"\x89PNG\r\n\x1a\n".to_vec();
    bytes.resize(size.max(8), 0);
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn first_directory(state: &super::WorkspacesState) -> String {
    state.directories.keys().next().cloned().unwrap()
}

#[test]
fn import_replaces_each_named_platform_and_delete_removes_them() {
    let mut state = seeded(3);
    let directory = first_directory(&state);
    let seeded_branding = call(
        &mut state,
        "DescribeClientBranding",
        json!({"ResourceId": directory}),
    );
    let platforms: Vec<&String> = seeded_branding.as_object().unwrap().keys().collect();
    assert_eq!(platforms, ["DeviceTypeWeb", "DeviceTypeWindows"]);

    let imported = call(
        &mut state,
        "ImportClientBranding",
        json!({
            "ResourceId": directory,
            "DeviceTypeIos": {"Logo": png(100), "Logo2x": png(200), "SupportLink": "https://help.example.com"},
            "DeviceTypeWindows": {"SupportLink": "https://help.example.com"},
        }),
    );
    assert_eq!(imported.as_object().unwrap().len(), 2, "{imported}");
    assert!(
        imported["DeviceTypeIos"]["Logo2xUrl"]
            .as_str()
            .unwrap()
            .starts_with("https://")
    );
    assert!(imported["DeviceTypeIos"].get("Logo3xUrl").is_none());
    // Replaced, not merged: the seeded SupportEmail is gone.
    assert_eq!(
        imported["DeviceTypeWindows"],
        json!({"SupportLink": "https://help.example.com"})
    );

    call(
        &mut state,
        "DeleteClientBranding",
        json!({"ResourceId": directory, "Platforms": ["DeviceTypeIos", "DeviceTypeWeb"]}),
    );
    let left = call(
        &mut state,
        "DescribeClientBranding",
        json!({"ResourceId": directory}),
    );
    let platforms: Vec<&String> = left.as_object().unwrap().keys().collect();
    assert_eq!(platforms, ["DeviceTypeWindows"]);
}

#[test]
fn imports_that_break_the_rules_are_refused() {
    let mut state = seeded(3);
    let directory = first_directory(&state);
    let import =
        |platform: &str, attributes: Value| json!({"ResourceId": directory, platform: attributes});
    let cases = [
        (
            import("DeviceTypeOsx", json!({"Logo": png(1_500_001)})),
            "ValidationException",
        ),
        (
            import("DeviceTypeIos", json!({"Logo": png(447_001)})),
            "ValidationException",
        ),
        (
            import(
                "DeviceTypeOsx",
                json!({"Logo": base64::engine::general_purpose::STANDARD.encode(b"GIF89a")}),
            ),
            "InvalidParameterValuesException",
        ),
        (
            import(
                "DeviceTypeOsx",
                json!({"SupportEmail": "a@example.com", "SupportLink": "https://x.example"}),
            ),
            "InvalidParameterValuesException",
        ),
        (
            import("DeviceTypeOsx", json!({"SupportEmail": "not-an-address"})),
            "ValidationException",
        ),
        (
            import("DeviceTypeOsx", json!({"SupportLink": "ftp://x"})),
            "ValidationException",
        ),
        (
            import(
                "DeviceTypeOsx",
                json!({"LoginMessage": {"fr_FR": "Bonjour"}}),
            ),
            "InvalidParameterValuesException",
        ),
        (
            import("DeviceTypeOsx", json!({"LoginMessage": {"english": "Hi"}})),
            "ValidationException",
        ),
        (
            json!({"ResourceId": directory}),
            "InvalidParameterValuesException",
        ),
        (
            json!({"ResourceId": "d-9999999999", "DeviceTypeOsx": {"SupportLink": "https://x.example"}}),
            "ResourceNotFoundException",
        ),
    ];
    for (input, code) in cases {
        assert_eq!(
            error_code(&mut state, "ImportClientBranding", input.clone()),
            code,
            "{input}"
        );
    }
    // Five platforms of 1.3 MB logos: more than one request may carry.
    let big = json!({"Logo": png(1_300_000)});
    let everything = json!({
        "ResourceId": directory,
        "DeviceTypeWindows": big, "DeviceTypeOsx": big, "DeviceTypeAndroid": big,
        "DeviceTypeLinux": big, "DeviceTypeWeb": big,
    });
    assert_eq!(
        error_code(&mut state, "ImportClientBranding", everything),
        "InvalidParameterValuesException"
    );

    for input in [
        json!({"ResourceId": directory, "Platforms": []}),
        json!({"ResourceId": directory, "Platforms": ["DeviceTypeBeOS"]}),
        json!({"ResourceId": directory}),
    ] {
        assert_eq!(
            error_code(&mut state, "DeleteClientBranding", input.clone()),
            "ValidationException",
            "{input}"
        );
    }
    assert_eq!(
        error_code(
            &mut state,
            "DescribeClientBranding",
            json!({"ResourceId": "d-9999999999"})
        ),
        "ResourceNotFoundException"
    );
}
