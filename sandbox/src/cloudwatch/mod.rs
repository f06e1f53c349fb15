//! CloudWatch, as far as usage needs it: GetMetricData of the
//! `AWS/WorkSpaces` `UserConnected` metric, over the protocol the Rust SDK
//! speaks to CloudWatch (Smithy RPC v2 CBOR: `POST
//! /service/GraniteServiceVersion20100801/operation/GetMetricData`, CBOR
//! bodies, `smithy-protocol: rpc-v2-cbor`), answered from each WorkSpace's
//! usage profile ([`profiles`]). Other metrics have no data, as in an
//! account that never published them.

mod profiles;

use chrono::{DateTime, TimeDelta, Utc};
use ciborium::Value;

use crate::workspaces::WorkspacesState;
pub use profiles::Profile;

const PATH_PREFIX: &str = "/service/GraniteServiceVersion20100801/operation/";
pub const CONTENT_TYPE: &str = "application/cbor";

/// GetMetricData's limits, as CloudWatch enforces them.
const MAX_QUERIES: usize = 500;
const MAX_DATAPOINTS: usize = 100_800;

/// The CloudWatch operation a request path names, if it is one.
pub fn operation_of(path: &str) -> Option<&str> {
    path.strip_prefix(PATH_PREFIX)
        .filter(|name| !name.is_empty())
}

/// An error shaped as CloudWatch shapes it over RPC v2 CBOR (query
/// compatible: the awsQuery code in `x-amzn-query-error`).
#[derive(Debug, Clone, PartialEq)]
pub struct CwError {
    pub status: u16,
    /// The exception's shape name (`__type`).
    pub code: &'static str,
    /// The awsQuery error code, for `x-amzn-query-error: CODE;Sender`.
    pub query_code: &'static str,
    pub message: String,
}

impl CwError {
    fn invalid(message: impl Into<String>) -> CwError {
        CwError {
            status: 400,
            code: "InvalidParameterValueException",
            query_code: "InvalidParameterValue",
            message: message.into(),
        }
    }

    pub fn throttled() -> CwError {
        CwError {
            status: 400,
            code: "ThrottlingException",
            query_code: "Throttling",
            message: "Rate exceeded".to_owned(),
        }
    }

    pub fn internal(message: impl Into<String>) -> CwError {
        CwError {
            status: 500,
            code: "InternalServiceFault",
            query_code: "InternalServiceError",
            message: message.into(),
        }
    }

    /// The `x-amzn-query-error` header's value.
    pub fn query_error(&self) -> String {
        let fault = if self.status >= 500 {
            "Receiver"
        } else {
            "Sender"
        };
        format!("{};{fault}", self.query_code)
    }

    /// The CBOR body: `__type` and `message`.
    pub fn body(&self) -> Vec<u8> {
        encode(&Value::Map(vec![
            (text("__type"), text(self.code)),
            (text("message"), text(&self.message)),
        ]))
    }
}

/// What a metric needs to know of a WorkSpace.
#[derive(Debug, Clone)]
pub struct UsageSubject {
    pub running_mode: String,
    pub last_user_connection: Option<DateTime<Utc>>,
    pub tag_keys: Vec<String>,
}

/// Answers one CloudWatch operation (a CBOR request body) at `now`.
pub fn handle(
    state: &WorkspacesState,
    operation: &str,
    body: &[u8],
    now: DateTime<Utc>,
) -> Result<Vec<u8>, CwError> {
    if operation != "GetMetricData" {
        return Err(CwError {
            status: 400,
            code: "UnknownOperationException",
            query_code: "InvalidAction",
            message: format!("operation {operation} is not supported by the sandbox"),
        });
    }
    let input: Value = if body.is_empty() {
        Value::Map(Vec::new())
    } else {
        ciborium::from_reader(body)
            .map_err(|err| CwError::invalid(format!("the request body is not valid CBOR: {err}")))?
    };
    get_metric_data(state, &GetMetricData::read(&input)?, now).map(|answer| encode(&answer))
}

/// The members of a GetMetricData request the sandbox reads.
struct GetMetricData {
    queries: Vec<Query>,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    /// How many points the answer may hold before it is cut at a NextToken.
    max_datapoints: usize,
    /// Where the previous page stopped: (query index, point index).
    resume_at: (usize, usize),
}

struct Query {
    id: String,
    /// The WorkSpace of an `AWS/WorkSpaces` `UserConnected` Maximum query.
    workspace_id: Option<String>,
    period: i64,
    label: String,
}

impl GetMetricData {
    fn read(input: &Value) -> Result<GetMetricData, CwError> {
        let queries = member(input, "MetricDataQueries")
            .and_then(Value::as_array)
            .ok_or_else(|| CwError::invalid("MetricDataQueries is required"))?;
        if queries.is_empty() || queries.len() > MAX_QUERIES {
            return Err(CwError::invalid(format!(
                "The collection MetricDataQueries must hold between 1 and {MAX_QUERIES} items \
                 (it holds {}).",
                queries.len()
            )));
        }
        let queries = queries
            .iter()
            .map(Query::read)
            .collect::<Result<Vec<_>, _>>()?;
        let start = timestamp(input, "StartTime")?;
        let end = timestamp(input, "EndTime")?;
        if end <= start {
            return Err(CwError::invalid(
                "The parameter StartTime must be less than the parameter EndTime.",
            ));
        }
        let max_datapoints = match member(input, "MaxDatapoints").and_then(integer) {
            Some(max) if max > 0 => (max as usize).min(MAX_DATAPOINTS),
            Some(_) => return Err(CwError::invalid("MaxDatapoints must be at least 1.")),
            None => MAX_DATAPOINTS,
        };
        let resume_at = match member(input, "NextToken").and_then(Value::as_text) {
            Some(token) => {
                read_token(token).ok_or_else(|| CwError::invalid("The NextToken is not valid."))?
            }
            None => (0, 0),
        };
        Ok(GetMetricData {
            queries,
            start,
            end,
            max_datapoints,
            resume_at,
        })
    }
}

impl Query {
    fn read(query: &Value) -> Result<Query, CwError> {
        let id = member(query, "Id")
            .and_then(Value::as_text)
            .filter(|id| {
                id.starts_with(|c: char| c.is_ascii_lowercase())
                    && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            })
            .ok_or_else(|| {
                CwError::invalid("Each query needs an Id that matches ^[a-z][a-zA-Z0-9_]*$.")
            })?
            .to_owned();
        let stat = member(query, "MetricStat")
            .ok_or_else(|| CwError::invalid(format!("Query {id} has no MetricStat.")))?;
        let period = member(stat, "Period").and_then(integer).unwrap_or(0);
        if period <= 0 || period % 60 != 0 {
            return Err(CwError::invalid(format!(
                "The Period of query {id} must be a multiple of 60."
            )));
        }
        let metric = member(stat, "Metric");
        let namespace = metric
            .and_then(|m| member(m, "Namespace"))
            .and_then(Value::as_text);
        let name = metric
            .and_then(|m| member(m, "MetricName"))
            .and_then(Value::as_text);
        let statistic = member(stat, "Stat").and_then(Value::as_text);
        let workspace_id = metric
            .and_then(|m| member(m, "Dimensions"))
            .and_then(Value::as_array)
            .and_then(|dimensions| {
                dimensions.iter().find_map(|dimension| {
                    let is_workspace =
                        member(dimension, "Name").and_then(Value::as_text) == Some("WorkspaceId");
                    is_workspace
                        .then(|| member(dimension, "Value").and_then(Value::as_text))
                        .flatten()
                })
            })
            .filter(|_| {
                namespace == Some("AWS/WorkSpaces")
                    && name == Some("UserConnected")
                    && statistic == Some("Maximum")
            })
            .map(str::to_owned);
        Ok(Query {
            label: name.unwrap_or_default().to_owned(),
            id,
            workspace_id,
            period,
        })
    }
}

fn get_metric_data(
    state: &WorkspacesState,
    request: &GetMetricData,
    now: DateTime<Utc>,
) -> Result<Value, CwError> {
    let mut budget = request.max_datapoints;
    let mut results = Vec::new();
    let mut next_token = None;
    let (first_query, mut skip) = request.resume_at;
    for (index, query) in request.queries.iter().enumerate().skip(first_query) {
        let points = series(state, query, request.start, request.end.min(now));
        let remaining = points.get(skip..).unwrap_or_default();
        let taken = remaining.len().min(budget);
        budget -= taken;
        let (timestamps, values): (Vec<Value>, Vec<Value>) = remaining[..taken]
            .iter()
            .map(|(at, value)| {
                (
                    Value::Tag(1, Box::new(Value::Integer(at.timestamp().into()))),
                    Value::Float(*value),
                )
            })
            .unzip();
        let complete = taken == remaining.len();
        results.push(Value::Map(vec![
            (text("Id"), text(&query.id)),
            (text("Label"), text(&query.label)),
            (text("Timestamps"), Value::Array(timestamps)),
            (text("Values"), Value::Array(values)),
            (
                text("StatusCode"),
                text(if complete { "Complete" } else { "PartialData" }),
            ),
        ]));
        if !complete {
            next_token = Some(format!("{index}:{}", skip + taken));
            break;
        }
        skip = 0;
    }
    let mut answer = vec![
        (text("MetricDataResults"), Value::Array(results)),
        (text("Messages"), Value::Array(Vec::new())),
    ];
    if let Some(token) = next_token {
        answer.push((text("NextToken"), text(&token)));
    }
    Ok(Value::Map(answer))
}

/// One query's points in `[start, end)`, oldest first: 1 while the user is
/// connected, 0 while an ALWAYS_ON WorkSpace runs with nobody on it, and no
/// point while an AUTO_STOP WorkSpace is stopped, as CloudWatch has them.
fn series(
    state: &WorkspacesState,
    query: &Query,
    start: DateTime<Utc>,
    end: DateTime<Utc>,
) -> Vec<(DateTime<Utc>, f64)> {
    let Some(workspace_id) = &query.workspace_id else {
        return Vec::new();
    };
    let Some(subject) = state.usage_subject(workspace_id) else {
        return Vec::new();
    };
    let profile = Profile::of(workspace_id, &subject);
    let always_on = subject.running_mode == "ALWAYS_ON";
    let step = TimeDelta::seconds(query.period);
    // Periods start on multiples of the period, as CloudWatch aligns them.
    let first = start.timestamp().div_euclid(query.period) * query.period;
    let mut at = DateTime::from_timestamp(first, 0).unwrap_or(start);
    if at < start {
        at += step;
    }
    let mut points = Vec::new();
    while at < end {
        // A period longer than 5 minutes takes the Maximum of its 5-minute parts.
        let mut part = at;
        let mut connected = false;
        while part < at + step && !connected {
            connected = profile.connected(part);
            part += TimeDelta::minutes(5);
        }
        if connected {
            points.push((at, 1.0));
        } else if always_on {
            points.push((at, 0.0));
        }
        at += step;
    }
    points
}

fn read_token(token: &str) -> Option<(usize, usize)> {
    let (query, point) = token.split_once(':')?;
    Some((query.parse().ok()?, point.parse().ok()?))
}

fn member<'a>(map: &'a Value, name: &str) -> Option<&'a Value> {
    map.as_map()?
        .iter()
        .find(|(key, _)| key.as_text() == Some(name))
        .map(|(_, value)| value)
}

fn integer(value: &Value) -> Option<i64> {
    match value {
        Value::Integer(number) => i64::try_from(i128::from(*number)).ok(),
        Value::Float(number) if number.fract() == 0.0 => Some(*number as i64),
        _ => None,
    }
}

/// A timestamp member: CBOR tag 1 over epoch seconds (integer or float).
fn timestamp(input: &Value, name: &str) -> Result<DateTime<Utc>, CwError> {
    let seconds = match member(input, name) {
        Some(Value::Tag(1, inner)) => match inner.as_ref() {
            Value::Float(seconds) => Some(*seconds),
            other => integer(other).map(|seconds| seconds as f64),
        },
        _ => None,
    };
    seconds
        .and_then(|seconds| DateTime::from_timestamp(seconds.floor() as i64, 0))
        .ok_or_else(|| CwError::invalid(format!("{name} is required (a timestamp).")))
}

fn text(value: &str) -> Value {
    Value::Text(value.to_owned())
}

fn encode(value: &Value) -> Vec<u8> {
    let mut bytes = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = ciborium::into_writer(value, &mut bytes);
    bytes
}

#[cfg(test)]
mod tests;
