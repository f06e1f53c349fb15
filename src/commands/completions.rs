//! `wsfleet completions <SHELL>`: the script that hooks a shell's TAB into
//! wsfleet.
//!
//! The script is clap_complete's dynamic kind: at each TAB the shell runs
//! `COMPLETE=<shell> wsfleet -- <words>`, so the binary itself answers,
//! which is what lets it offer resource IDs (see `crate::complete`) and keeps
//! the script correct as commands are added, with nothing to regenerate.

use std::io::Write;

use clap::ValueEnum;
use clap_complete::env::{Bash, Elvish, EnvCompleter, Fish, Powershell, Zsh};

use crate::context::Context;
use crate::error::Result;

pub const EXAMPLES: &str = "\
Examples:
  source <(wsfleet completions bash)                      bash, this session
  wsfleet completions zsh > ~/.zfunc/_wsfleet             zsh, with ~/.zfunc in fpath
  wsfleet completions fish > ~/.config/fish/completions/wsfleet.fish
  wsfleet completions powershell >> $PROFILE";

/// The variable that switches the binary into completion mode; the scripts
/// set it when they call wsfleet.
pub const COMPLETE_VAR: &str = "COMPLETE";

/// The command the scripts run and complete: found on PATH, so a script
/// stays valid wherever the binary is installed.
const BIN: &str = "wsfleet";

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The shell to print the script for
    #[arg(value_enum, ignore_case = true)]
    pub shell: Shell,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
    Elvish,
}

impl Shell {
    /// The conventional file name of the script, as installed and as checked
    /// in under `completions/`.
    pub fn file_name(self) -> &'static str {
        match self {
            Shell::Bash => "wsfleet.bash",
            Shell::Zsh => "_wsfleet",
            Shell::Fish => "wsfleet.fish",
            Shell::Powershell => "_wsfleet.ps1",
            Shell::Elvish => "wsfleet.elv",
        }
    }

    fn completer(self) -> &'static dyn EnvCompleter {
        match self {
            Shell::Bash => &Bash,
            Shell::Zsh => &Zsh,
            Shell::Fish => &Fish,
            Shell::Powershell => &Powershell,
            Shell::Elvish => &Elvish,
        }
    }

    /// Writes the shell's completion script.
    pub fn write_script(self, out: &mut dyn Write) -> std::io::Result<()> {
        self.completer()
            .write_registration(COMPLETE_VAR, BIN, BIN, BIN, out)
    }
}

pub async fn run(args: Args, ctx: &Context) -> Result<()> {
    let mut out = ctx.printer.stdout();
    args.shell.write_script(&mut out)?;
    out.flush()?;
    Ok(())
}
