//! Two sandboxes standing for two accounts in two regions, reached through
//! two AWS profiles: what `report` and `export` must both cover.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on what they did not expect
#![allow(dead_code)]

use crate::common::{TestEnv, isolated_wsfleet, unreachable_endpoint};
use wsfleet_sandbox::Config;

pub struct TwoAccounts {
    pub east: TestEnv,
    pub west: TestEnv,
    pub home: tempfile::TempDir,
}

pub const EAST_ACCOUNT: &str = "111111111111";
pub const WEST_ACCOUNT: &str = "222222222222";

impl TwoAccounts {
    /// `east` (us-east-1) and `west` (eu-west-1), with these fleet sizes.
    pub fn start(east: (usize, usize), west: (usize, usize)) -> TwoAccounts {
        // Each sandbox's ARNs name its own region and account.
        let sandbox = |(devices, workspaces): (usize, usize), account: &str, region: &str| {
            TestEnv::with(Config {
                devices,
                workspaces,
                account_id: account.to_owned(),
                region: region.to_owned(),
                ..Config::default()
            })
        };
        let east = sandbox(east, EAST_ACCOUNT, "us-east-1");
        let west = sandbox(west, WEST_ACCOUNT, "eu-west-1");
        let home = tempfile::tempdir().unwrap();
        let config = format!(
            "[profile east]\nregion = us-east-1\nendpoint_url = {}\n\n\
             [profile west]\nregion = eu-west-1\nendpoint_url = {}\n",
            east.endpoint, west.endpoint
        );
        std::fs::write(home.path().join("aws-config"), config).unwrap();
        std::fs::write(home.path().join("aws-credentials"), "").unwrap();
        TwoAccounts { east, west, home }
    }

    /// The binary with both profiles named.
    pub fn wsfleet(&self) -> assert_cmd::Command {
        let mut cmd = self.wsfleet_without_profiles();
        cmd.args(["--profile", "east,west"]);
        cmd
    }

    /// Adds profile `name`, in ap-south-1, whose endpoint cannot be reached.
    pub fn add_unreachable_profile(&self, name: &str) {
        let config = self.home.path().join("aws-config");
        let mut profiles = std::fs::read_to_string(&config).unwrap();
        profiles.push_str(&format!(
            "\n[profile {name}]\nregion = ap-south-1\nendpoint_url = {}\n",
            unreachable_endpoint()
        ));
        std::fs::write(&config, profiles).unwrap();
    }

    /// The binary reading this config, for a test that names its own profiles.
    pub fn wsfleet_without_profiles(&self) -> assert_cmd::Command {
        let mut cmd = isolated_wsfleet(&self.home);
        cmd.env(
            "AWS_SHARED_CREDENTIALS_FILE",
            self.home.path().join("aws-credentials"),
        );
        cmd
    }
}
