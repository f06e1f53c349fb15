//! `--query`: a JMESPath expression over the JSON a command writes, as AWS
//! admins type it to the AWS CLI (the `jmespath` crate).

use serde_json::Value;

use crate::error::{AppError, Result};

/// clap's check of `--query`: an expression that does not compile is a
/// usage error (exit 2) before any request is sent.
pub fn checked(expression: &str) -> std::result::Result<String, String> {
    jmespath::compile(expression)
        .map(|_| expression.to_owned())
        .map_err(|e| format!("not a JMESPath expression: {e}"))
}

/// The result of `expression` over `document`, as JSON.
pub fn apply(expression: &str, document: &Value) -> Result<Value> {
    let compiled = jmespath::compile(expression)
        .map_err(|e| AppError::usage(format!("--query: not a JMESPath expression: {e}")))?;
    let data = jmespath::Variable::from_json(&document.to_string())
        .map_err(|e| AppError::Other(anyhow::anyhow!("--query: {e}")))?;
    let found = compiled
        .search(data)
        .map_err(|e| AppError::usage(format!("--query: {e}")))?;
    serde_json::to_value(&*found).map_err(|e| AppError::Other(anyhow::anyhow!("--query: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn expressions_select_from_the_json() {
        let devices =
            json!([{"id": "a", "status": "REGISTERED"}, {"id": "b", "status": "ARCHIVED"}]);
        assert_eq!(
            apply("[?status=='REGISTERED'].id", &devices).unwrap(),
            json!(["a"])
        );
        assert_eq!(apply("length(@)", &devices).unwrap(), json!(2));
        assert!(checked("[?status==").is_err());
    }
}
