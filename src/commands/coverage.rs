//! `wsfleet coverage` (hidden): which API operation each verb reaches, from
//! the map in `crate::coverage`, as a list in any output format; the figures
//! on stderr.

use crate::context::Context;
use crate::coverage::{MAP, Operation, summary};
use crate::error::Result;
use crate::output::{Format, ListWriter, Selection, View};

#[derive(Debug, clap::Args)]
pub struct Args {}

pub async fn run(_args: Args, ctx: &Context) -> Result<()> {
    let selection = Selection::<Operation>::resolve(
        ctx.output.columns.as_deref(),
        View::List { details: false },
        ctx.output.format == Format::Table,
    )?;
    let mut writer = ListWriter::new(&selection, &ctx.output, ctx.stdout())?;
    for operation in MAP {
        writer.write(operation)?;
    }
    writer.finish()?;
    ctx.note(summary(MAP));
    Ok(())
}
