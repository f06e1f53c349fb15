//! The confirmation seam: destructive verbs ask through [`Prompter`], so the
//! decision "may we ask, and what did the person say" lives in one place and
//! tests can stand in for the person.

use std::io::IsTerminal;

use dialoguer::console::Term;
use dialoguer::theme::ColorfulTheme;
use dialoguer::{Confirm, Input};

use crate::cli::ConfirmArgs;
use crate::error::{AppError, Result};
use crate::output::Printer;

/// Above this many targets the person types the count instead of `y`.
pub const TYPE_THE_COUNT_ABOVE: usize = 10;

pub trait Prompter {
    /// Asks whether to go ahead with `action` on `count` targets; default No.
    fn confirm(&self, action: &str, count: usize) -> Result<bool>;
}

/// `--yes`: every question answered yes.
pub struct AssumeYes;

impl Prompter for AssumeYes {
    fn confirm(&self, _action: &str, _count: usize) -> Result<bool> {
        Ok(true)
    }
}

/// No terminal to ask on (a script, CI): refuse before anything is sent.
pub struct NonInteractive;

impl Prompter for NonInteractive {
    fn confirm(&self, action: &str, _count: usize) -> Result<bool> {
        Err(AppError::usage(format!(
            "refusing to {action} without confirmation: not running interactively; pass --yes to confirm"
        )))
    }
}

/// A person at a terminal, asked with dialoguer on the printer's terminal
/// (stderr). When stdin carries the IDs, dialoguer (through console) reads
/// the answer from the terminal itself.
pub struct TerminalPrompter {
    term: Term,
}

impl Prompter for TerminalPrompter {
    fn confirm(&self, action: &str, count: usize) -> Result<bool> {
        let noun = if count == 1 { "target" } else { "targets" };
        let question = format!("{action} {count} {noun}?");
        // Ctrl-C at the question is a no: caught, it ends the prompt with
        // an error instead of killing the process with the cursor hidden.
        let _interrupts = catch_interrupts();
        let answer = self.ask(&question, count);
        // dialoguer shows the cursor again only when the prompt ends well.
        let _ = self.term.show_cursor();
        let (yes, how) = match answer {
            Ok(Answer::Yes) => (true, "confirmed".to_owned()),
            Ok(Answer::No) => (false, "declined".to_owned()),
            Ok(Answer::Typed(typed)) => (false, format!("declined (typed {typed:?}, not {count})")),
            Err(err) if err.kind() == std::io::ErrorKind::Interrupted => {
                (false, "declined (Ctrl-C)".to_owned())
            }
            Err(err) => return Err(prompt_error(err)),
        };
        // One plain line for what was decided: dialoguer's own report puts a
        // check mark before a no too.
        let mark = if yes { "✔" } else { "✘" };
        let _ = self.term.write_line(&format!("{mark} {question} {how}"));
        Ok(yes)
    }
}

/// What the person answered.
enum Answer {
    Yes,
    No,
    /// A count that was not the count asked for.
    Typed(String),
}

impl TerminalPrompter {
    fn ask(&self, question: &str, count: usize) -> std::io::Result<Answer> {
        let theme = ColorfulTheme::default();
        if count > TYPE_THE_COUNT_ABOVE {
            let typed: String = Input::with_theme(&theme)
                .with_prompt(format!(
                    "{question} Type {count} to confirm (anything else cancels)"
                ))
                .allow_empty(true)
                .report(false)
                .interact_text_on(&self.term)
                .map_err(into_io)?;
            let typed = typed.trim().to_owned();
            return Ok(if typed == count.to_string() {
                Answer::Yes
            } else {
                Answer::Typed(typed)
            });
        }
        let yes = Confirm::with_theme(&theme)
            .with_prompt(question)
            .default(false)
            .report(false)
            .interact_on(&self.term)
            .map_err(into_io)?;
        Ok(if yes { Answer::Yes } else { Answer::No })
    }
}

fn into_io(err: dialoguer::Error) -> std::io::Error {
    match err {
        dialoguer::Error::IO(io) => io,
    }
}

/// Takes SIGINT off its default (ending the process) while it lives, so the
/// terminal library's Ctrl-C comes back as an `Interrupted` error.
#[cfg(unix)]
fn catch_interrupts() -> Option<tokio::signal::unix::Signal> {
    tokio::runtime::Handle::try_current().ok()?;
    tokio::signal::unix::signal(tokio::signal::unix::SignalKind::interrupt()).ok()
}

#[cfg(not(unix))]
fn catch_interrupts() -> Option<()> {
    None
}

fn prompt_error(io: std::io::Error) -> AppError {
    AppError::usage(format!(
        "could not ask for confirmation on the terminal ({io}); pass --yes to confirm"
    ))
}

/// The prompter for a destructive verb, decided before any request is sent:
/// `--yes` or `--dry-run` need no one; otherwise we ask only when stderr is a
/// terminal and a terminal can be read (stdin, or /dev/tty when stdin carries
/// the IDs), and refuse (exit 2) when there is none.
pub fn for_run(
    printer: &Printer,
    confirm: &ConfirmArgs,
    action: &str,
) -> Result<Box<dyn Prompter>> {
    if confirm.yes || confirm.dry_run() {
        return Ok(Box::new(AssumeYes));
    }
    if let Some(term) = printer.prompt_terminal().filter(|_| terminal_readable()) {
        Ok(Box::new(TerminalPrompter { term }))
    } else {
        NonInteractive
            .confirm(action, 0)
            .map(|_| Box::new(NonInteractive) as Box<dyn Prompter>)
    }
}

fn terminal_readable() -> bool {
    if std::io::stdin().is_terminal() {
        return true;
    }
    #[cfg(unix)]
    {
        std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .open("/dev/tty")
            .is_ok()
    }
    #[cfg(not(unix))]
    {
        false
    }
}

/// Asks, and turns a no into [`AppError::Declined`] (exit 3).
pub fn require_confirmation(prompter: &dyn Prompter, action: &str, count: usize) -> Result<()> {
    if prompter.confirm(action, count)? {
        Ok(())
    } else {
        Err(AppError::Declined)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::ChangeArgs;
    use std::cell::Cell;

    struct Answer {
        yes: bool,
        asked: Cell<usize>,
    }

    impl Prompter for Answer {
        fn confirm(&self, _action: &str, _count: usize) -> Result<bool> {
            self.asked.set(self.asked.get() + 1);
            Ok(self.yes)
        }
    }

    #[test]
    fn non_interactive_refuses_naming_yes() {
        let err = require_confirmation(&NonInteractive, "deregister", 3).unwrap_err();
        assert_eq!(err.exit_code(), crate::error::exit::USAGE);
        assert!(err.to_string().contains("--yes"), "{err}");
    }

    #[test]
    fn a_no_is_declined_and_a_yes_goes_ahead() {
        let no = Answer {
            yes: false,
            asked: Cell::new(0),
        };
        let err = require_confirmation(&no, "delete", 1).unwrap_err();
        assert_eq!(err.exit_code(), crate::error::exit::DECLINED);
        assert_eq!(no.asked.get(), 1);
        let yes = Answer {
            yes: true,
            asked: Cell::new(0),
        };
        assert!(require_confirmation(&yes, "delete", 1).is_ok());
        assert!(require_confirmation(&AssumeYes, "delete", 500).is_ok());
    }

    #[test]
    fn yes_and_dry_run_never_ask_and_without_a_terminal_nobody_is_asked() {
        let cli = <crate::cli::Cli as clap::Parser>::try_parse_from(["wsfleet", "report"]).unwrap();
        // A captured printer has no terminal.
        let (printer, _) = Printer::capture(&cli.global);
        assert!(
            for_run(
                &printer,
                &ConfirmArgs {
                    yes: true,
                    ..ConfirmArgs::default()
                },
                "delete"
            )
            .unwrap()
            .confirm("delete", 20)
            .unwrap()
        );
        assert!(
            for_run(
                &printer,
                &ConfirmArgs::from(ChangeArgs { dry_run: true }),
                "delete"
            )
            .unwrap()
            .confirm("delete", 20)
            .unwrap()
        );
        let err = for_run(&printer, &ConfirmArgs::default(), "delete")
            .err()
            .unwrap();
        assert_eq!(err.exit_code(), crate::error::exit::USAGE);
    }
}
