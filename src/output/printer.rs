//! The printer: the one way wsfleet writes. Data goes to stdout; what is
//! for the person (notes, errors, the plan before a question, progress,
//! prompts) goes to stderr. Whether each stream is a terminal, colour,
//! `--quiet` and `-v` are decided here once, when the printer is built, and
//! every command asks the printer rather than the process. A test builds a
//! printer that writes into buffers instead ([`Printer::capture`]).

use std::io::{BufWriter, IsTerminal, StderrLock, StdoutLock, Write};
use std::sync::Arc;
use std::time::Duration;

use dialoguer::console::Term;
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::cell::cell_text;
use super::columns::{Resource, Selection, View};
use super::names::{Names, Referred, referred_in};
use super::writer::{ListWriter, text_table, write_one};
use super::{Format, OutputSettings};
use crate::cli::{ColorChoice, GlobalArgs};
use crate::error::Result;

/// How long a spinner waits between frames.
const SPINNER_TICK: Duration = Duration::from_millis(120);

/// Cheap to clone: every clone writes to the same streams.
#[derive(Clone)]
pub struct Printer {
    inner: Arc<Inner>,
}

struct Inner {
    /// How data is rendered on stdout: the global output options.
    output: OutputSettings,
    /// How tables for the person are drawn on stderr (the plan before a
    /// question): always a table, fitted to stderr's width.
    stderr_tables: OutputSettings,
    quiet: bool,
    verbose: u8,
    stderr_is_terminal: bool,
    streams: Streams,
}

enum Streams {
    /// The process's own stdout and stderr.
    Process,
    #[cfg(test)]
    Captured(Captured),
}

impl Printer {
    /// The printer of a run: the global options, and whether stdout and
    /// stderr are terminals (tables fit the width, colour on `auto`,
    /// progress and prompts only where someone watches).
    pub fn new(global: &GlobalArgs) -> Printer {
        let stdout_is_terminal = std::io::stdout().is_terminal();
        let stderr_is_terminal = std::io::stderr().is_terminal();
        let color = match global.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => stdout_is_terminal && std::env::var_os("NO_COLOR").is_none(),
        };
        let stdout_width = stdout_is_terminal
            .then(|| Term::stdout().size_checked())
            .flatten()
            .map(|(_rows, columns)| usize::from(columns));
        let stderr_width = stderr_is_terminal
            .then(|| Term::stderr().size_checked())
            .flatten()
            .map(|(_rows, columns)| usize::from(columns));
        Printer::build(
            global,
            color,
            (stdout_width, stderr_width),
            (stdout_is_terminal, stderr_is_terminal),
            Streams::Process,
        )
    }

    /// A printer that writes into buffers, no terminal anywhere (so no
    /// colour on `auto`, no progress, no prompt), for tests that run a
    /// command in-process and read what it wrote.
    #[cfg(test)]
    pub fn capture(global: &GlobalArgs) -> (Printer, Captured) {
        let captured = Captured::default();
        let color = global.color == ColorChoice::Always;
        let printer = Printer::build(
            global,
            color,
            (None, None),
            (false, false),
            Streams::Captured(captured.clone()),
        );
        (printer, captured)
    }

    fn build(
        global: &GlobalArgs,
        color: bool,
        (stdout_width, stderr_width): (Option<usize>, Option<usize>),
        (stdout_is_terminal, stderr_is_terminal): (bool, bool),
        streams: Streams,
    ) -> Printer {
        let output = OutputSettings {
            // A query is over the JSON, whatever -o says; -o then says how
            // its result is printed.
            format: if global.query.is_some() {
                Format::Json
            } else {
                global.output.unwrap_or(Format::Table)
            },
            query: global.query.clone(),
            query_format: global.output.unwrap_or(Format::Json),
            columns: global.columns.clone(),
            headers: !global.no_headers,
            csv_raw: global.csv_raw,
            color,
            width: stdout_width,
            terminal: stdout_is_terminal,
        };
        let stderr_tables = OutputSettings {
            format: Format::Table,
            width: stderr_width,
            terminal: stderr_is_terminal,
            ..output.clone()
        };
        Printer {
            inner: Arc::new(Inner {
                output,
                stderr_tables,
                quiet: global.quiet,
                verbose: global.verbose,
                stderr_is_terminal,
                streams,
            }),
        }
    }

    /// The global output options (`-o`, `--columns`, ...).
    pub fn settings(&self) -> &OutputSettings {
        &self.inner.output
    }

    pub fn format(&self) -> Format {
        self.inner.output.format
    }

    /// `--quiet`: no notes, no plan, no progress on stderr.
    pub fn quiet(&self) -> bool {
        self.inner.quiet
    }

    /// `-v` given this many times.
    pub fn verbose(&self) -> u8 {
        self.inner.verbose
    }

    pub fn stderr_is_terminal(&self) -> bool {
        self.inner.stderr_is_terminal
    }

    /// Stdout, for data only; buffered, so flush after each page.
    pub fn stdout(&self) -> Out {
        Out(match &self.inner.streams {
            Streams::Process => Target::Stdout(BufWriter::with_capacity(
                64 * 1024,
                std::io::stdout().lock(),
            )),
            #[cfg(test)]
            Streams::Captured(captured) => Target::Buffer(captured.stdout.clone()),
        })
    }

    /// Stderr, for what the person reads.
    pub fn stderr(&self) -> Out {
        Out(match &self.inner.streams {
            Streams::Process => Target::Stderr(std::io::stderr().lock()),
            #[cfg(test)]
            Streams::Captured(captured) => Target::Buffer(captured.stderr.clone()),
        })
    }

    /// A note for the person, unless `--quiet`.
    pub fn note(&self, message: impl AsRef<str>) {
        if !self.inner.quiet {
            self.line(message.as_ref());
        }
    }

    /// A line the person must see even under `--quiet` (an interruption).
    pub fn alert(&self, message: impl AsRef<str>) {
        self.line(message.as_ref());
    }

    /// An error as the person reads it: `error: …` (after the place it
    /// happened in, when a run spans several) and a `hint: …` line for each
    /// of its hints, whatever `--quiet` says.
    pub fn report(&self, err: &crate::error::AppError, place: Option<&str>) {
        // Error text quotes what the service or the input said.
        self.line(&super::escape_invisible(&err.render(place)));
    }

    fn line(&self, message: &str) {
        // Nothing useful can be done when stderr itself is gone.
        let _ = writeln!(self.stderr(), "{message}");
    }

    /// [`Printer::note`] that a list came out empty, for a table only: JSON
    /// and CSV say it themselves (`[]`, a header row).
    pub fn note_if_none(&self, count: usize, message: impl AsRef<str>) {
        if count == 0 && self.format() == Format::Table {
            self.note(message);
        }
    }

    /// The writer of a `list` of `T` on stdout, its columns resolved from
    /// `--columns` (or the view's defaults). Called before any request, so
    /// an unknown column is a usage error with nothing sent.
    pub fn list<T: Resource>(&self, view: View) -> Result<ListWriter<'_, T, Out>> {
        self.list_with(view, &[])
    }

    /// [`Printer::list`] whose rows also carry `extra` columns (a plan's
    /// changes and verdicts), given to [`ListWriter::write_with`].
    pub fn list_with<T: Resource>(
        &self,
        view: View,
        extra: &'static [&'static str],
    ) -> Result<ListWriter<'_, T, Out>> {
        let output = &self.inner.output;
        let selection = Selection::resolve(
            output.columns.as_deref(),
            view,
            output.format == Format::Table,
        )?;
        Ok(ListWriter::with_extra(
            selection,
            output,
            self.stdout(),
            extra,
        ))
    }

    /// A list of `T` on stdout in its default columns, whatever `--columns`
    /// says: a bulk verb's per-target results, or a part of a `get` that
    /// `--columns` does not describe.
    pub fn default_list<T: Resource>(&self) -> Result<ListWriter<'_, T, Out>> {
        let output = &self.inner.output;
        let selection = Selection::resolve(
            None,
            View::List { details: false },
            output.format == Format::Table,
        )?;
        Ok(ListWriter::new(selection, output, self.stdout()))
    }

    /// The writer of a `get`: one `T` in full (or in `--columns`), resolved
    /// before any request.
    pub fn one<T: Resource>(&self) -> Result<ItemWriter<'_, T>> {
        let selection =
            Selection::resolve(self.inner.output.columns.as_deref(), View::Detail, false)?;
        Ok(ItemWriter {
            selection,
            printer: self,
            names: Names::default(),
        })
    }

    /// A table of `T`'s default columns on stderr, for the person to read
    /// before a question.
    /// `extra` columns (a plan's changes and verdicts) follow the resource's.
    pub fn stderr_table_with<T: Resource>(
        &self,
        extra: &'static [&'static str],
    ) -> Result<ListWriter<'_, T, Out>> {
        let selection = Selection::resolve(None, View::List { details: false }, true)?;
        Ok(ListWriter::with_extra(
            selection,
            &self.inner.stderr_tables,
            self.stderr(),
            extra,
        ))
    }

    /// A table of cells as text under fields' API names (a report's
    /// sections), drawn and fitted as lists are.
    pub fn text_table(&self, names: &[&str], rows: Vec<Vec<String>>) -> String {
        text_table(&self.inner.output, names, rows)
    }

    /// Progress is drawn only on a terminal, and never under `--quiet`.
    fn shows_progress(&self) -> bool {
        self.inner.stderr_is_terminal && !self.inner.quiet
    }

    /// Where progress bars draw: stderr, or nowhere.
    fn draw_target(&self) -> ProgressDrawTarget {
        if self.shows_progress() {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        }
    }

    /// A bar of `len` steps, `message` before it.
    pub fn progress_bar(&self, len: usize, message: &str) -> ProgressBar {
        if !self.shows_progress() {
            return ProgressBar::hidden();
        }
        let bar = ProgressBar::with_draw_target(Some(len as u64), self.draw_target());
        if let Ok(style) = ProgressStyle::with_template(
            "{msg} [{bar:30}] {pos}/{len} done ({elapsed}, {eta} left)",
        ) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(message.to_owned());
        bar
    }

    /// A spinner saying `message`; under `group`, one line of several.
    pub fn spinner(&self, message: &str, group: Option<&MultiProgress>) -> ProgressBar {
        if !self.shows_progress() {
            return ProgressBar::hidden();
        }
        let spinner = ProgressBar::with_draw_target(None, self.draw_target());
        let spinner = match group {
            Some(group) => group.add(spinner),
            None => spinner,
        };
        if let Ok(style) = ProgressStyle::with_template("{spinner} {msg}") {
            spinner.set_style(style);
        }
        spinner.set_message(message.to_owned());
        spinner.enable_steady_tick(SPINNER_TICK);
        spinner
    }

    /// Several spinners drawn together, one line each.
    pub fn multi_progress(&self) -> MultiProgress {
        MultiProgress::with_draw_target(self.draw_target())
    }

    /// The terminal a prompt draws on and reads from, when someone can
    /// answer: stderr is a terminal (stdout may be a pipe).
    pub fn prompt_terminal(&self) -> Option<Term> {
        self.inner.stderr_is_terminal.then(Term::stderr)
    }
}

/// The writer of a `get`, its columns resolved.
pub struct ItemWriter<'a, T: 'static> {
    selection: Selection<T>,
    printer: &'a Printer,
    names: Names,
}

impl<T: 'static> ItemWriter<'_, T> {
    /// Leaves out a column (one a command draws its own way).
    pub fn without(mut self, column: &str) -> Self {
        self.selection.columns.retain(|c| c.name != column);
        self
    }

    /// The IDs of other kinds a FIELD/VALUE table of `item` would show,
    /// for their names to be looked up; none in any other format.
    pub fn referred(&self, item: &T) -> std::collections::BTreeSet<Referred> {
        if self.printer.format() != Format::Table {
            return std::collections::BTreeSet::new();
        }
        let row: Vec<String> = self
            .selection
            .values(item, None)
            .iter()
            .map(|v| v.as_ref().map(cell_text).unwrap_or_default())
            .collect();
        referred_in(&self.selection.refers(), [&row])
    }

    /// The table shows the IDs `names` knows as `name (id)`.
    pub fn show_names(mut self, names: Names) -> Self {
        self.names = names;
        self
    }

    /// Writes `item` to stdout: a JSON object, one NDJSON line, a CSV header
    /// and row, or a FIELD/VALUE table.
    pub fn write(&self, item: &T) -> Result<()> {
        write_one(
            &self.selection,
            &self.printer.inner.output,
            item,
            &self.names,
            self.printer.stdout(),
        )
    }
}

/// One of the printer's streams, to write to.
pub struct Out(Target);

enum Target {
    Stdout(BufWriter<StdoutLock<'static>>),
    Stderr(StderrLock<'static>),
    #[cfg(test)]
    Buffer(Arc<std::sync::Mutex<Vec<u8>>>),
}

impl Write for Out {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match &mut self.0 {
            Target::Stdout(out) => out.write(buf),
            Target::Stderr(err) => err.write(buf),
            #[cfg(test)]
            Target::Buffer(buffer) => {
                buffer
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .extend_from_slice(buf);
                Ok(buf.len())
            }
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.0 {
            Target::Stdout(out) => out.flush(),
            Target::Stderr(err) => err.flush(),
            #[cfg(test)]
            Target::Buffer(_) => Ok(()),
        }
    }
}

/// What a [`Printer::capture`] printer wrote.
#[cfg(test)]
#[derive(Clone, Default)]
pub struct Captured {
    stdout: Arc<std::sync::Mutex<Vec<u8>>>,
    stderr: Arc<std::sync::Mutex<Vec<u8>>>,
}

#[cfg(test)]
impl Captured {
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.stdout.lock().unwrap()).into_owned()
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.stderr.lock().unwrap()).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::Cli;
    use clap::Parser;

    fn capture(args: &[&str]) -> (Printer, Captured) {
        let cli = Cli::try_parse_from(["wsfleet"].iter().chain(args).chain(&["report"])).unwrap();
        Printer::capture(&cli.global)
    }

    #[test]
    fn notes_go_to_stderr_unless_quiet_and_errors_always() {
        let (printer, captured) = capture(&[]);
        printer.note("a note");
        let broke = crate::error::AppError::usage("it broke").with_hint("try again");
        printer.report(&broke, Some("region eu-west-1"));
        writeln!(printer.stdout(), "data").unwrap();
        assert_eq!(
            captured.stderr(),
            "a note\nerror: region eu-west-1: it broke\nhint: try again\n"
        );
        assert_eq!(captured.stdout(), "data\n");

        let (quiet, captured) = capture(&["--quiet"]);
        quiet.note("a note");
        quiet.alert("interrupted");
        quiet.report(&crate::error::AppError::usage("it broke"), None);
        assert_eq!(captured.stderr(), "interrupted\nerror: it broke\n");
        assert!(quiet.progress_bar(10, "x").is_hidden());
    }

    #[test]
    fn an_empty_list_is_noted_in_a_table_only() {
        let (table, captured) = capture(&[]);
        table.note_if_none(0, "no devices found");
        table.note_if_none(2, "no devices found");
        assert_eq!(captured.stderr(), "no devices found\n");
        let (json, captured) = capture(&["-o", "json"]);
        json.note_if_none(0, "no devices found");
        assert_eq!(captured.stderr(), "");
    }

    /// Every write goes through the printer: no module prints on its own
    /// (main's panic hook and tracing, which run outside any command, aside).
    #[test]
    fn nothing_writes_behind_the_printers_back() {
        const FORBIDDEN: [&str; 8] = [
            "println!",
            "print!(",
            "eprint!(",
            "eprintln!",
            "io::stdout()",
            "io::stderr()",
            "dbg!(",
            "ProgressDrawTarget::stderr",
        ];
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut offenders = Vec::new();
        let mut dirs = vec![root.clone()];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                    continue;
                }
                let relative = path
                    .strip_prefix(&root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                if path.extension().is_none_or(|e| e != "rs") || relative == "output/printer.rs" {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                for (number, line) in text.lines().enumerate() {
                    let code = line.split("//").next().unwrap_or_default();
                    let allowed = relative == "main.rs" && line.contains("own stderr");
                    if !allowed && FORBIDDEN.iter().any(|f| code.contains(f)) {
                        offenders.push(format!("src/{relative}:{}: {}", number + 1, line.trim()));
                    }
                }
            }
        }
        assert!(
            offenders.is_empty(),
            "write through the printer (src/output/printer.rs), not directly:\n{}",
            offenders.join("\n")
        );
    }
}
