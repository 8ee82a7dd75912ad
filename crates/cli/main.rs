//! `safe-assess`: the command line over the safe-core library, sharing the desktop app's database.
//!
//! Exit codes: 0 ok, 2 bad usage or bad input (nothing changed), 1 anything else. A failure prints
//! `error: <message>` and then `code: <code>` (the same code as the desktop app's) on stderr.

#[macro_use]
mod out;

mod args;
mod catalogue;
mod check;
mod commands;
mod crosswalk;
mod error;
mod keys;
mod rebase;
mod render;
mod report;
mod review;
mod share;

use std::process::ExitCode;

use clap::Parser;
use safe_core::ErrorCode;

use args::Cli;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            if !e.use_stderr() {
                return ExitCode::SUCCESS;
            }
            eprintln!("code: {}", ErrorCode::InvalidInput);
            return ExitCode::from(2);
        }
    };
    let result = commands::run(cli);
    out::flush();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {}", one_line(&e.message));
            eprintln!("code: {}", e.code);
            if let Some(hint) = hint(e.code) {
                eprintln!("hint: {hint}");
            }
            ExitCode::from(if e.user_error { 2 } else { 1 })
        }
    }
}

/// Error messages are printed on one line whatever they contain.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn hint(code: ErrorCode) -> Option<&'static str> {
    match code {
        ErrorCode::DatabaseDamaged => Some(
            "the file was left as it is; 'safe-assess backup --list' shows backups and 'safe-assess restore --latest' restores the newest (the damaged file is kept aside)",
        ),
        ErrorCode::ReadOnly => Some("the data folder is read-only; nothing was saved"),
        ErrorCode::DiskFull => Some("the disk is full; nothing was saved"),
        _ => None,
    }
}
