//! Linking on glibc Linux: relative relocations packed (DT_RELR).
//!
//! A position-independent executable carries a relocation entry for every
//! pointer in its data, which the dynamic loader applies at each start:
//! about 2 MB of them in wsfleet, read and applied before `main`. Packed,
//! they take a few kilobytes, and the start is shorter (bench/README.md).
//! glibc loads packed relocations from 2.36 on and a binary linked with
//! them asks for that, so they are asked for only when the glibc linked
//! against is 2.36 or later; a linker that does not know the option ignores
//! it with a warning.

use std::process::Command;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let var = |name: &str| std::env::var(name).unwrap_or_default();
    let native = var("HOST") == var("TARGET");
    if native
        && var("CARGO_CFG_TARGET_OS") == "linux"
        && var("CARGO_CFG_TARGET_ENV") == "gnu"
        && glibc_at_least(2, 36)
    {
        println!("cargo:rustc-link-arg-bins=-Wl,-z,pack-relative-relocs");
    }
}

/// The build machine's glibc, as `getconf GNU_LIBC_VERSION` says it ("glibc 2.36").
fn glibc_at_least(major: u32, minor: u32) -> bool {
    let Ok(output) = Command::new("getconf").arg("GNU_LIBC_VERSION").output() else {
        return false;
    };
    let text = String::from_utf8_lossy(&output.stdout);
    let Some(version) = text.split_whitespace().nth(1) else {
        return false;
    };
    let mut numbers = version.split('.').map(|n| n.parse::<u32>().ok());
    match (numbers.next().flatten(), numbers.next().flatten()) {
        (Some(found_major), Some(found_minor)) => (found_major, found_minor) >= (major, minor),
        _ => false,
    }
}
