use std::path::PathBuf;
use std::time::Duration;

/// How a sandbox is seeded, where it keeps its state, and the knobs that make
/// it slow, throttled or failing on purpose.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// The port to listen on (127.0.0.1 only); 0 picks a free one.
    pub port: u16,
    /// Thin Client devices in the seed fleet.
    pub devices: usize,
    /// WorkSpaces in the seed fleet.
    pub workspaces: usize,
    /// Spread the seed's WorkSpaces evenly over this many AD directories
    /// (more are seeded as needed); `None` keeps the seed's own spread.
    pub directories: Option<usize>,
    /// Seed of the fleet generator: the same seed gives the same fleet.
    pub seed: u64,
    pub region: String,
    /// The account STS GetCallerIdentity answers with (two sandboxes can
    /// stand for two accounts).
    pub account_id: String,
    /// Member accounts of the organization this account manages (AWS
    /// Organizations ListAccounts), reached through STS AssumeRole.
    pub member_accounts: usize,
    /// WorkSpaces, and Thin Client devices, in each region of each member
    /// account: seeded on first use from the account, region and seed.
    pub member_fleet: usize,
    /// Accounts whose role refuses AssumeRole (AccessDenied).
    pub refusing_accounts: Vec<String>,
    /// Loaded at start when it exists (else seeded and written), saved after
    /// changes and at shutdown; read-only requests never rewrite it.
    pub state_file: Option<PathBuf>,
    /// Other processes change the state file too (`wsfleet --sandbox`): each
    /// request reloads it under a file lock if another process saved it, and
    /// each change is saved before it is answered.
    pub shared_state_file: bool,
    /// Added to every request before it is answered.
    pub latency: Duration,
    /// Requests per second allowed; beyond it, ThrottlingException with `Retry-After`.
    pub rate_limit: Option<f64>,
    /// Probability (0..=1) that a request fails with a 500 before it changes anything.
    pub fail_rate: f64,
    /// Where to append the request log as JSON lines, besides memory.
    pub log_file: Option<PathBuf>,
    /// How long transitional states (DEREGISTERING, installs, PENDING...) last.
    pub transition: Duration,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            port: 0,
            devices: 60,
            workspaces: 40,
            directories: None,
            seed: 42,
            region: "us-east-1".to_string(),
            account_id: crate::ACCOUNT_ID.to_string(),
            member_accounts: 3,
            member_fleet: 4,
            refusing_accounts: Vec::new(),
            state_file: None,
            shared_state_file: false,
            latency: Duration::ZERO,
            rate_limit: None,
            fail_rate: 0.0,
            log_file: None,
            transition: Duration::from_secs(2),
        }
    }
}
