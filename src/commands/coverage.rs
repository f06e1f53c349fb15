//! `wsfleet coverage` (hidden): which API operation each verb reaches, from
//! the map in `crate::coverage`, as a list in any output format; the figures
//! on stderr.

use crate::context::Context;
use crate::coverage::{MAP, Operation, summary};
use crate::error::Result;
use crate::output::View;

#[derive(Debug, clap::Args)]
pub struct Args {}

pub async fn run(_args: Args, ctx: &Context) -> Result<()> {
    let mut writer = ctx
        .printer
        .list::<Operation>(View::List { details: false })?;
    for operation in MAP {
        writer.write(operation)?;
    }
    writer.finish()?;
    ctx.printer.note(summary(MAP));
    Ok(())
}
