//! `wsfleet workspaces create`: one WorkSpace from flags, or many from a
//! file, sent 25 a CreateWorkspaces call; each request's outcome (pending
//! with its new ID, or failed with the service's code) is one output row.

use std::io::Read;

use aws_sdk_workspaces::types::{FailedCreateWorkspaceRequest, Workspace, WorkspaceRequest};
use serde::Deserialize;
use serde_json::{Map, Value};

use super::modify::PropertyArgs;
use super::wait::{Settled, until_settled};
use super::{ComputeArg, OperatingSystemArg, ProtocolArg, RunningModeArg};
use crate::api::workspaces::{BATCH_SIZE, create_workspaces, tags};
use crate::cli::ChangeArgs;
use crate::commands::waiting::WaitArgs;
use crate::context::Context;
use crate::enum_arg::ApiEnum;
use crate::error::{AppError, Result};
use crate::output::{Column, Resource, View, columns_get as get};
use crate::resources::{BundleId, DirectoryId};
use crate::scope::{PlaceId, Placed};
use crate::validate::printable;

pub const EXAMPLES: &str = "\
Examples:
  wsfleet workspaces create --directory d-90670b1234 --user jdoe --bundle wsb-b0s22j3d7
  wsfleet workspaces create --directory d-90670b1234 --user jdoe --bundle wsb-b0s22j3d7 \\
      --running-mode auto-stop --auto-stop-timeout 60 --os windows-10 --tag team=sales
  wsfleet workspaces create --from-file new-hires.csv --wait
  wsfleet workspaces create --from-file - < requests.ndjson

A CSV file has a header row of the API's names, dotted for nested ones, in any case:
  DirectoryId,UserName,BundleId,WorkspaceProperties.RunningMode,Tags
  d-90670b1234,jdoe,wsb-b0s22j3d7,AUTO_STOP,team=sales;site=paris
(Protocols are joined by ';', Tags are Key=Value joined by ';'.)
JSON and NDJSON files hold CreateWorkspaces' WorkspaceRequest objects as the API spells them.";

/// Refuse files larger than this: far more than any real batch of requests.
const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

#[derive(Debug, clap::Args)]
#[command(mut_arg("wait_timeout", |arg| arg.default_value("1h")))]
pub struct Args {
    /// Requests from FILE (`-` for stdin): CSV with a header, JSON array or NDJSON
    #[arg(long, value_name = "FILE", conflicts_with_all = ["directory", "user", "bundle"])]
    pub from_file: Option<String>,

    /// The directory the user belongs to
    #[arg(
        long,
        value_name = "DIRECTORY_ID",
        required_unless_present = "from_file"
    )]
    pub directory: Option<DirectoryId>,

    /// The user name in that directory
    #[arg(long, value_name = "USER_NAME", required_unless_present = "from_file")]
    pub user: Option<String>,

    /// The bundle to create the WorkSpace from
    #[arg(long, value_name = "BUNDLE_ID", required_unless_present = "from_file")]
    pub bundle: Option<BundleId>,

    #[command(flatten)]
    pub properties: PropertyArgs,

    /// KMS key (ARN or ID) that encrypts the volumes
    #[arg(long, value_name = "KEY")]
    pub volume_encryption_key: Option<String>,

    /// Encrypt the root volume
    #[arg(long)]
    pub encrypt_root: bool,

    /// Encrypt the user volume
    #[arg(long)]
    pub encrypt_user: bool,

    /// A tag for the new WorkSpace (repeatable)
    #[arg(long = "tag", value_name = "KEY=VALUE")]
    pub tags: Vec<String>,

    #[command(flatten)]
    pub change: ChangeArgs,

    #[command(flatten)]
    pub wait: WaitArgs,
}

/// One request's outcome.
#[derive(Debug, Clone)]
pub struct CreateResult {
    /// 1-based position in the input.
    pub row: usize,
    pub directory_id: String,
    pub user_name: String,
    pub bundle_id: String,
    pub outcome: &'static str,
    pub workspace_id: Option<String>,
    pub state: Option<String>,
    pub error_code: Option<String>,
    pub error_message: Option<String>,
}

impl Resource for CreateResult {
    const KIND: &'static str = "request";

    fn columns() -> &'static [Column<Self>] {
        const COLUMNS: &[Column<CreateResult>] = &[
            Column::new("Row", |r: &CreateResult| Some(Value::from(r.row))).shown("ROW"),
            Column::new("DirectoryId", |r: &CreateResult| {
                get::text(Some(&r.directory_id))
            })
            .shown("DIRECTORY"),
            Column::new("UserName", |r: &CreateResult| get::text(Some(&r.user_name))).shown("USER"),
            Column::new("BundleId", |r: &CreateResult| get::text(Some(&r.bundle_id))),
            Column::new("Outcome", |r: &CreateResult| get::text(Some(r.outcome))).shown("OUTCOME"),
            Column::new("WorkspaceId", |r: &CreateResult| {
                get::text(r.workspace_id.as_deref())
            })
            .shown("WORKSPACE"),
            Column::new("State", |r: &CreateResult| get::text(r.state.as_deref())).shown("STATE"),
            Column::new("ErrorCode", |r: &CreateResult| {
                get::text(r.error_code.as_deref())
            })
            .shown("ERROR CODE"),
            Column::new("ErrorMessage", |r: &CreateResult| {
                get::text(r.error_message.as_deref())
            })
            .shown("ERROR"),
        ];
        COLUMNS
    }
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let requests = match &args.from_file {
        Some(path) => read_requests(path)?,
        None => vec![request_from_flags(&args)?],
    };
    let mut writer = ctx
        .printer
        .list::<CreateResult>(View::List { details: false })?;
    let mut results: Vec<CreateResult> = requests
        .iter()
        .enumerate()
        .map(|(i, request)| CreateResult {
            row: i + 1,
            directory_id: request.directory_id().to_owned(),
            user_name: request.user_name().to_owned(),
            bundle_id: request.bundle_id().to_owned(),
            outcome: "would-create",
            workspace_id: None,
            state: None,
            error_code: None,
            error_message: None,
        })
        .collect();
    let client = if args.change.dry_run {
        None
    } else {
        Some(ctx.workspaces().await?)
    };
    if let Some(client) = &client {
        for (batch, batch_results) in requests
            .chunks(BATCH_SIZE)
            .zip(results.chunks_mut(BATCH_SIZE))
        {
            match create_workspaces(client, batch.to_vec()).await {
                Ok(created) => record(batch_results, &created.pending, &created.failed),
                Err(err) => {
                    let (code, message) = match &err {
                        AppError::Aws(aws) => (aws.code_or_kind().to_owned(), aws.message.clone()),
                        other => ("Error".to_owned(), other.to_string()),
                    };
                    for result in batch_results.iter_mut() {
                        result.outcome = "failed";
                        result.error_code = Some(code.clone());
                        result.error_message = Some(message.clone());
                    }
                }
            }
        }
    }
    for result in &results {
        writer.write(result)?;
    }
    writer.finish()?;
    let failed = results.iter().filter(|r| r.outcome == "failed").count();
    if args.change.dry_run {
        ctx.printer.note(format!(
            "dry run: would create {} WorkSpaces; nothing was sent",
            results.len()
        ));
        return Ok(());
    }
    ctx.printer.note(format!(
        "create: {} pending, {failed} failed",
        results.len() - failed
    ));
    let outcome = if failed > 0 {
        Err(AppError::Failed(format!(
            "{failed} of {} WorkSpaces could not be created",
            results.len()
        )))
    } else {
        Ok(())
    };
    let pending: Vec<Placed<String>> = results
        .iter()
        .filter_map(|r| r.workspace_id.clone())
        .map(|id| Placed::new(PlaceId(0), id))
        .collect();
    match (args.wait.timeout(), &client) {
        (Some(timeout), Some(client)) if !pending.is_empty() => {
            let settled = Settled::In("AVAILABLE");
            let waited = until_settled(ctx, pending, settled, timeout, |_| client, |_, e| e).await;
            outcome.and(waited)
        }
        _ => outcome,
    }
}

/// Pairs the service's answer with the requests of a batch: a pending
/// WorkSpace or a failed request belongs to the first request not yet
/// answered with the same directory and user.
fn record(
    results: &mut [CreateResult],
    pending: &[Workspace],
    failed: &[FailedCreateWorkspaceRequest],
) {
    let mut answered = vec![false; results.len()];
    let mut claim = |directory: Option<&str>, user: Option<&str>| -> Option<usize> {
        let index = results.iter().enumerate().position(|(i, r)| {
            !answered[i]
                && directory == Some(r.directory_id.as_str())
                && user.is_some_and(|u| u.eq_ignore_ascii_case(&r.user_name))
        })?;
        answered[index] = true;
        Some(index)
    };
    let mut outcomes: Vec<(usize, Result<&Workspace, &FailedCreateWorkspaceRequest>)> = Vec::new();
    for workspace in pending {
        if let Some(i) = claim(workspace.directory_id(), workspace.user_name()) {
            outcomes.push((i, Ok(workspace)));
        }
    }
    for failure in failed {
        let request = failure.workspace_request();
        let directory = request.map(|r| r.directory_id());
        let user = request.map(|r| r.user_name());
        if let Some(i) = claim(directory, user) {
            outcomes.push((i, Err(failure)));
        }
    }
    for result in results.iter_mut() {
        result.outcome = "failed";
        result.error_code = Some("NoAnswer".to_owned());
        result.error_message =
            Some("the service reported neither a pending nor a failed request".to_owned());
    }
    for (i, outcome) in outcomes {
        let result = &mut results[i];
        match outcome {
            Ok(workspace) => {
                result.outcome = "pending";
                result.workspace_id = workspace.workspace_id().map(str::to_owned);
                result.state = workspace.state().map(|s| s.as_str().to_owned());
                result.error_code = None;
                result.error_message = None;
            }
            Err(failure) => {
                result.error_code = failure.error_code().map(str::to_owned);
                result.error_message = failure.error_message().map(str::to_owned);
            }
        }
    }
}

fn request_from_flags(args: &Args) -> Result<WorkspaceRequest> {
    let tags = args
        .tags
        .iter()
        .map(|t| crate::tags::pair(t, crate::tags::TagRules::WorkSpaces))
        .collect::<Result<Vec<_>>>()?;
    build_request(RequestFields {
        directory_id: args.directory.clone().map(String::from).unwrap_or_default(),
        user_name: args.user.clone().unwrap_or_default(),
        bundle_id: args.bundle.clone().map(String::from).unwrap_or_default(),
        volume_encryption_key: args.volume_encryption_key.clone(),
        user_volume_encryption_enabled: args.encrypt_user.then_some(true),
        root_volume_encryption_enabled: args.encrypt_root.then_some(true),
        workspace_name: None,
        properties: args.properties.clone(),
        tags,
    })
}

/// A request's fields once read, from flags or a file row.
struct RequestFields {
    directory_id: String,
    user_name: String,
    bundle_id: String,
    volume_encryption_key: Option<String>,
    user_volume_encryption_enabled: Option<bool>,
    root_volume_encryption_enabled: Option<bool>,
    workspace_name: Option<String>,
    properties: PropertyArgs,
    tags: Vec<(String, String)>,
}

fn build_request(fields: RequestFields) -> Result<WorkspaceRequest> {
    // A file's rows are checked here; flags were checked as clap parsed them.
    let directory_id = DirectoryId::RULE.check(&fields.directory_id)?;
    let bundle_id = BundleId::RULE.check(&fields.bundle_id)?;
    if fields.user_name.trim().is_empty() || fields.user_name.chars().count() > 63 {
        return Err(AppError::usage(format!(
            "invalid user name '{}': expected 1 to 63 characters",
            printable(&fields.user_name)
        )));
    }
    let encrypted = fields.user_volume_encryption_enabled == Some(true)
        || fields.root_volume_encryption_enabled == Some(true);
    if encrypted && fields.volume_encryption_key.is_none() {
        return Err(AppError::usage(
            "encrypting a volume needs --volume-encryption-key (VolumeEncryptionKey)",
        ));
    }
    let properties = (!fields.properties.is_empty())
        .then(|| fields.properties.to_sdk())
        .transpose()?;
    WorkspaceRequest::builder()
        .directory_id(directory_id)
        .user_name(fields.user_name)
        .bundle_id(bundle_id)
        .set_volume_encryption_key(fields.volume_encryption_key)
        .set_user_volume_encryption_enabled(fields.user_volume_encryption_enabled)
        .set_root_volume_encryption_enabled(fields.root_volume_encryption_enabled)
        .set_workspace_name(fields.workspace_name)
        .set_workspace_properties(properties)
        .set_tags(if fields.tags.is_empty() {
            None
        } else {
            Some(tags(&fields.tags)?)
        })
        .build()
        .map_err(|e| AppError::usage(format!("incomplete request: {e}")))
}

/// A WorkspaceRequest as the API spells it (JSON, NDJSON, and CSV once its
/// dotted header has nested each row).
#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
struct RequestRow {
    directory_id: String,
    user_name: String,
    bundle_id: String,
    volume_encryption_key: Option<String>,
    user_volume_encryption_enabled: Option<bool>,
    root_volume_encryption_enabled: Option<bool>,
    workspace_name: Option<String>,
    workspace_properties: Option<PropertiesRow>,
    #[serde(default)]
    tags: Vec<TagRow>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
struct PropertiesRow {
    running_mode: Option<String>,
    running_mode_auto_stop_timeout_in_minutes: Option<i32>,
    root_volume_size_gib: Option<i32>,
    user_volume_size_gib: Option<i32>,
    compute_type_name: Option<String>,
    #[serde(default)]
    protocols: Vec<String>,
    operating_system_name: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
struct TagRow {
    key: String,
    #[serde(default)]
    value: String,
}

fn enum_value<E: ApiEnum>(field: &str, value: Option<&str>) -> Result<Option<E>> {
    value
        .map(|v| {
            E::parse(v).ok_or_else(|| {
                AppError::usage(format!(
                    "invalid {field} '{}'; valid values: {}",
                    printable(v),
                    E::spellings().join(", ")
                ))
            })
        })
        .transpose()
}

impl RequestRow {
    fn into_request(self) -> Result<WorkspaceRequest> {
        let p = self.workspace_properties.unwrap_or_default();
        let properties = PropertyArgs {
            running_mode: enum_value::<RunningModeArg>("RunningMode", p.running_mode.as_deref())?,
            auto_stop_timeout: p.running_mode_auto_stop_timeout_in_minutes,
            root_volume_size: p.root_volume_size_gib,
            user_volume_size: p.user_volume_size_gib,
            compute_type: enum_value::<ComputeArg>(
                "ComputeTypeName",
                p.compute_type_name.as_deref(),
            )?,
            protocol: p
                .protocols
                .iter()
                .map(|v| enum_value::<ProtocolArg>("Protocols", Some(v)))
                .collect::<Result<Vec<_>>>()?
                .into_iter()
                .flatten()
                .collect(),
            os: enum_value::<OperatingSystemArg>(
                "OperatingSystemName",
                p.operating_system_name.as_deref(),
            )?,
        };
        build_request(RequestFields {
            directory_id: self.directory_id,
            user_name: self.user_name,
            bundle_id: self.bundle_id,
            volume_encryption_key: self.volume_encryption_key,
            user_volume_encryption_enabled: self.user_volume_encryption_enabled,
            root_volume_encryption_enabled: self.root_volume_encryption_enabled,
            workspace_name: self.workspace_name,
            properties,
            tags: self.tags.into_iter().map(|t| (t.key, t.value)).collect(),
        })
    }
}

fn read_requests(path: &str) -> Result<Vec<WorkspaceRequest>> {
    let source = if path == "-" { "stdin" } else { path };
    let mut bytes = Vec::new();
    let read = if path == "-" {
        std::io::stdin()
            .take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
    };
    read.map_err(|e| AppError::usage(format!("--from-file {source}: cannot read: {e}")))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(AppError::usage(format!(
            "--from-file {source}: file too large"
        )));
    }
    let text = String::from_utf8(bytes)
        .map_err(|_| AppError::usage(format!("--from-file {source}: not UTF-8 text")))?;
    let rows = parse_rows(&text, source)?;
    if rows.is_empty() {
        return Err(AppError::usage(format!(
            "--from-file {source}: no requests found"
        )));
    }
    rows.into_iter()
        .enumerate()
        .map(|(i, row)| {
            serde_json::from_value::<RequestRow>(row)
                .map_err(|e| AppError::usage(e.to_string()))
                .and_then(RequestRow::into_request)
                .map_err(|e| {
                    AppError::usage(format!("--from-file {source}: request {}: {e}", i + 1))
                })
        })
        .collect()
}

/// The file's rows as JSON objects: a JSON array, NDJSON, or CSV.
fn parse_rows(text: &str, source: &str) -> Result<Vec<Value>> {
    let trimmed = text.trim_start();
    if trimmed.starts_with('[') {
        let value: Value = serde_json::from_str(trimmed)
            .map_err(|e| AppError::usage(format!("--from-file {source}: invalid JSON: {e}")))?;
        match value {
            Value::Array(items) => Ok(items),
            _ => Err(AppError::usage(format!(
                "--from-file {source}: expected a JSON array"
            ))),
        }
    } else if trimmed.starts_with('{') {
        text.lines()
            .enumerate()
            .filter(|(_, line)| !line.trim().is_empty())
            .map(|(i, line)| {
                serde_json::from_str(line).map_err(|e| {
                    AppError::usage(format!(
                        "--from-file {source}: line {}: invalid JSON: {e}",
                        i + 1
                    ))
                })
            })
            .collect()
    } else {
        csv_rows(text, source)
    }
}

#[derive(Clone, Copy)]
enum CellKind {
    Text,
    Integer,
    Boolean,
    List,
    Tags,
}

/// The CSV columns a request can have: the API's names, dotted when nested.
const CSV_COLUMNS: &[(&str, CellKind)] = &[
    ("DirectoryId", CellKind::Text),
    ("UserName", CellKind::Text),
    ("BundleId", CellKind::Text),
    ("VolumeEncryptionKey", CellKind::Text),
    ("UserVolumeEncryptionEnabled", CellKind::Boolean),
    ("RootVolumeEncryptionEnabled", CellKind::Boolean),
    ("WorkspaceName", CellKind::Text),
    ("WorkspaceProperties.RunningMode", CellKind::Text),
    (
        "WorkspaceProperties.RunningModeAutoStopTimeoutInMinutes",
        CellKind::Integer,
    ),
    ("WorkspaceProperties.RootVolumeSizeGib", CellKind::Integer),
    ("WorkspaceProperties.UserVolumeSizeGib", CellKind::Integer),
    ("WorkspaceProperties.ComputeTypeName", CellKind::Text),
    ("WorkspaceProperties.Protocols", CellKind::List),
    ("WorkspaceProperties.OperatingSystemName", CellKind::Text),
    ("Tags", CellKind::Tags),
];

fn csv_rows(text: &str, source: &str) -> Result<Vec<Value>> {
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let csv_error =
        |e: csv::Error| AppError::usage(format!("--from-file {source}: invalid CSV: {e}"));
    let headers = reader.headers().map_err(csv_error)?.clone();
    let columns = headers
        .iter()
        .map(|header| {
            CSV_COLUMNS
                .iter()
                .find(|(name, _)| name.eq_ignore_ascii_case(header))
                .copied()
                .ok_or_else(|| {
                    let valid: Vec<&str> = CSV_COLUMNS.iter().map(|(n, _)| *n).collect();
                    AppError::usage(format!(
                        "--from-file {source}: unknown column '{}'; valid columns: {}",
                        printable(header),
                        valid.join(", ")
                    ))
                })
        })
        .collect::<Result<Vec<_>>>()?;
    let mut rows = Vec::new();
    for (line, record) in reader.records().enumerate() {
        let record = record.map_err(csv_error)?;
        let mut row = Map::new();
        for ((name, kind), cell) in columns.iter().zip(record.iter()) {
            if cell.is_empty() {
                continue;
            }
            let value = cell_value(*kind, cell).map_err(|message| {
                AppError::usage(format!(
                    "--from-file {source}: row {}: {name}: {message}",
                    line + 1
                ))
            })?;
            insert_dotted(&mut row, name, value);
        }
        rows.push(Value::Object(row));
    }
    Ok(rows)
}

fn cell_value(kind: CellKind, cell: &str) -> std::result::Result<Value, String> {
    let parts = || cell.split(';').map(str::trim).filter(|p| !p.is_empty());
    match kind {
        CellKind::Text => Ok(Value::from(cell)),
        CellKind::Integer => cell
            .parse::<i32>()
            .map(Value::from)
            .map_err(|_| format!("'{}' is not a whole number", printable(cell))),
        CellKind::Boolean => match cell.to_ascii_lowercase().as_str() {
            "true" | "yes" | "1" => Ok(Value::Bool(true)),
            "false" | "no" | "0" => Ok(Value::Bool(false)),
            _ => Err(format!("'{}' is not true or false", printable(cell))),
        },
        CellKind::List => Ok(Value::Array(parts().map(Value::from).collect())),
        CellKind::Tags => parts()
            .map(|pair| {
                crate::tags::pair(pair, crate::tags::TagRules::WorkSpaces)
                    .map(|(k, v)| serde_json::json!({"Key": k, "Value": v}))
                    .map_err(|e| e.to_string())
            })
            .collect::<std::result::Result<Vec<_>, _>>()
            .map(Value::Array),
    }
}

fn insert_dotted(row: &mut Map<String, Value>, name: &str, value: Value) {
    match name.split_once('.') {
        None => {
            row.insert(name.to_owned(), value);
        }
        Some((parent, child)) => {
            if let Value::Object(nested) = row
                .entry(parent.to_owned())
                .or_insert_with(|| Value::Object(Map::new()))
            {
                insert_dotted(nested, child, value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_headers_are_the_api_names_dotted_in_any_case() {
        let text = "directoryid,UserName,BundleId,WorkspaceProperties.OperatingSystemName,WorkspaceProperties.Protocols,Tags\n\
                    d-90670b1234,jdoe,wsb-b0s22j3d7,windows_10,WSP,team=sales;site=paris\n";
        let rows = parse_rows(text, "f.csv").unwrap();
        let request = serde_json::from_value::<RequestRow>(rows[0].clone())
            .unwrap()
            .into_request()
            .unwrap();
        assert_eq!(request.user_name(), "jdoe");
        let properties = request.workspace_properties().unwrap();
        assert_eq!(
            properties.operating_system_name().map(|o| o.as_str()),
            Some("WINDOWS_10")
        );
        assert_eq!(properties.protocols().len(), 1);
        assert_eq!(request.tags().len(), 2);
    }

    #[test]
    fn bad_rows_are_usage_errors_naming_the_problem() {
        for (text, expected) in [
            (
                "DirectoryId,User\nd-90670b1234,x\n",
                "unknown column 'User'",
            ),
            (
                "DirectoryId,UserName,BundleId\nd-nothex!!,jdoe,wsb-b0s22j3d7\n",
                "invalid directory ID",
            ),
            (
                "[{\"DirectoryId\":\"d-90670b1234\",\"UserName\":\"a\",\"BundleId\":\"wsb-b0s22j3d7\",\"WorkspaceProperties\":{\"RunningMode\":\"SOMETIMES\"}}]",
                "invalid RunningMode 'SOMETIMES'",
            ),
            ("{\"DirectoryId\":\"d-90670b1234\"}\n", "missing field"),
        ] {
            let err = match parse_rows(text, "f") {
                Err(err) => err,
                Ok(rows) => serde_json::from_value::<RequestRow>(rows[0].clone())
                    .map_err(|e| AppError::usage(e.to_string()))
                    .and_then(RequestRow::into_request)
                    .unwrap_err(),
            };
            assert_eq!(err.exit_code(), 2, "{text}");
            assert!(err.to_string().contains(expected), "{text}: {err}");
        }
    }

    #[test]
    fn answers_are_paired_with_their_requests() {
        let result = |row: usize, user: &str| CreateResult {
            row,
            directory_id: "d-90670b1234".into(),
            user_name: user.into(),
            bundle_id: "wsb-b0s22j3d7".into(),
            outcome: "would-create",
            workspace_id: None,
            state: None,
            error_code: None,
            error_message: None,
        };
        let mut results = vec![result(1, "ann"), result(2, "bob")];
        let pending = [Workspace::builder()
            .workspace_id("ws-abc12345")
            .directory_id("d-90670b1234")
            .user_name("bob")
            .build()];
        let failed = [FailedCreateWorkspaceRequest::builder()
            .workspace_request(
                WorkspaceRequest::builder()
                    .directory_id("d-90670b1234")
                    .user_name("ann")
                    .bundle_id("wsb-b0s22j3d7")
                    .build()
                    .unwrap(),
            )
            .error_code("ResourceLimitExceeded")
            .error_message("too many")
            .build()];
        record(&mut results, &pending, &failed);
        assert_eq!(results[0].outcome, "failed");
        assert_eq!(
            results[0].error_code.as_deref(),
            Some("ResourceLimitExceeded")
        );
        assert_eq!(results[1].outcome, "pending");
        assert_eq!(results[1].workspace_id.as_deref(), Some("ws-abc12345"));
    }
}

#[cfg(test)]
mod proptests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn no_from_file_text_panics(text in "\\PC*", csv_ish in "[A-Za-z.,;=\"\n 0-9-]{0,80}") {
            let _ = parse_rows(&text, "f");
            let _ = parse_rows(&format!("DirectoryId,UserName,Tags\n{csv_ish}"), "f");
        }

        #[test]
        fn csv_requests_round_trip(
            rows in proptest::collection::vec(
                ("d-[0-9a-f]{10}", "[a-z][a-z0-9.]{0,19}", "wsb-[a-z0-9]{9}", 1i32..1000,
                 proptest::collection::btree_map("[a-z]{1,10}", "[a-z0-9]{0,10}", 0..4)),
                1..10,
            )
        ) {
            let mut text = String::from(
                "DirectoryId,UserName,BundleId,WorkspaceProperties.RootVolumeSizeGib,Tags\n",
            );
            for (directory, user, bundle, size, tags) in &rows {
                let tags: Vec<String> = tags.iter().map(|(k, v)| format!("{k}={v}")).collect();
                text.push_str(&format!("{directory},{user},{bundle},{size},{}\n", tags.join(";")));
            }
            let parsed = parse_rows(&text, "f").unwrap();
            prop_assert_eq!(parsed.len(), rows.len());
            for (row, (directory, user, bundle, size, tags)) in parsed.iter().zip(&rows) {
                prop_assert_eq!(&row["DirectoryId"], directory.as_str());
                prop_assert_eq!(&row["UserName"], user.as_str());
                prop_assert_eq!(&row["BundleId"], bundle.as_str());
                prop_assert_eq!(&row["WorkspaceProperties"]["RootVolumeSizeGib"], *size);
                let expected: Vec<Value> = tags
                    .iter()
                    .map(|(k, v)| serde_json::json!({"Key": k, "Value": v}))
                    .collect();
                let found = row.get("Tags").cloned().unwrap_or_else(|| Value::Array(Vec::new()));
                prop_assert_eq!(found, Value::Array(expected));
            }
        }
    }
}
