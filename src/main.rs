//! wsfleet: parse, run, map the outcome to an exit code.

mod api;
mod bulk;
mod cli;
mod commands;
mod complete;
mod context;
mod coverage;
mod duration;
mod enum_arg;
mod error;
mod maintenance_window;
mod output;
mod prompt;
mod report;
mod resources;
mod scope;
mod tags;
mod usage;
mod validate;

use std::io::Write;
use std::process::ExitCode;

use clap::CommandFactory;
use clap_complete::CompleteEnv;
use tracing_subscriber::EnvFilter;

use crate::cli::{Cli, Command};
use crate::context::Context;
use crate::error::{AppError, ErrorKind, exit};
use crate::output::Printer;

fn main() -> ExitCode {
    // Under `COMPLETE=<shell>` (set by the completion scripts) this answers
    // the shell and exits; it must run before anything parses or prints.
    CompleteEnv::with_factory(|| complete::with_id_completers(Cli::command()))
        .var(commands::completions::COMPLETE_VAR)
        .complete();
    install_panic_hook();
    let (cli, matches, command, line) = bulk::invocation::parse(std::env::args_os().collect());
    let printer = Printer::new(&cli.global);
    init_tracing(&printer);
    if let Err(err) = scope::assume::check(&cli.global) {
        printer.report(&err, None);
        return ExitCode::from(err.exit_code());
    }
    let mut ctx = Context::new(&cli.global, printer.clone());
    // A bulk verb's journal, before any request: a resume that disagrees
    // with its journal, or a journal that cannot be written, stops here.
    match bulk::invocation::open_journal(&command, &matches) {
        Ok(journal) => ctx.set_journal(journal),
        Err(err) => {
            printer.report(&err, None);
            return ExitCode::from(err.exit_code());
        }
    }
    let embedded_sandbox = cli.global.sandbox && !matches!(cli.command, Command::Sandbox(_));

    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            printer.report(&AppError::Io(err), None);
            return ExitCode::from(exit::FAILED);
        }
    };
    // Names given for IDs are looked up once the sandbox, if any, answers.
    let run = async |parsed, ctx: &Context| {
        let resolved = resources::names::resolve(ctx, &command, &line, &matches)
            .await?
            .unwrap_or(parsed);
        commands::run(resolved, ctx).await
    };
    let outcome = runtime.block_on(async {
        if !embedded_sandbox {
            return run(cli.command, &ctx).await;
        }
        let sandbox = commands::sandbox::start_embedded(&mut ctx).await?;
        let outcome = run(cli.command, &ctx).await;
        // Saving the state is what lets the next --sandbox command see this one's changes.
        let saved = sandbox.shutdown().await;
        outcome.and(saved.map_err(AppError::from))
    });
    // Requests still in flight are abandoned rather than awaited.
    runtime.shutdown_background();
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) if err.is_broken_pipe() => ExitCode::SUCCESS,
        Err(err) if err.kind() == ErrorKind::NothingToDo => {
            printer.note(err.to_string());
            ExitCode::SUCCESS
        }
        Err(err) => {
            printer.report(&err, None);
            ExitCode::from(err.exit_code())
        }
    }
}

/// A panic is our bug, not the user's: one line, a pointer to -vv, exit 1,
/// never a backtrace dump in the middle of someone's script output. The hook
/// writes to the process's own stderr: it is installed before the printer
/// exists and runs wherever the panic happened, printer or not.
fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_owned());
        let location = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let _ = writeln!(
            std::io::stderr(), // own stderr: see above
            "error: internal error: {message}{location} (this is a wsfleet bug; run again with -vv and report it)"
        );
        std::process::exit(i32::from(exit::FAILED));
    }));
}

/// -v: what wsfleet does; -vv: every SDK request too. Signing is never traced
/// below info, so no signature or credential reaches the log. The log goes
/// to the process's own stderr: tracing writes from any thread, at any time,
/// and is for diagnosing wsfleet itself, not output of a command.
fn init_tracing(printer: &Printer) {
    let directives = match (printer.quiet(), printer.verbose()) {
        (true, _) => "error",
        // aws-config warns of each place it looked for a region or
        // credentials (IMDS responses and all): our own error says it in a line.
        (false, 0) => "warn,aws_config=error",
        (false, 1) => "warn,wsfleet=info,aws_config=error",
        (false, _) => {
            "info,wsfleet=debug,aws_smithy_runtime=debug,aws_config=debug,aws_sigv4=info,hyper=info"
        }
    };
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::new(directives))
        .with_writer(std::io::stderr) // own stderr: see above
        .with_target(printer.verbose() > 1)
        .with_ansi(printer.stderr_is_terminal())
        .without_time()
        .init();
}
