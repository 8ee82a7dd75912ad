//! `safe-assess`: the command line over the safe-core library, sharing the desktop app's database.
//!
//! Exit codes: 0 ok, 2 bad usage or bad input (nothing changed), 1 anything else.

mod args;
mod check;
mod commands;
mod render;
mod report;
mod share;

use std::process::ExitCode;

use clap::Parser;

use args::Cli;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {}", one_line(&e.to_string()));
            if let Some(hint) = hint(&e) {
                eprintln!("hint: {hint}");
            }
            ExitCode::from(if e.is_user_error() { 2 } else { 1 })
        }
    }
}

/// Error messages are printed on one line whatever they contain.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn hint(e: &safe_core::Error) -> Option<&'static str> {
    match e.code() {
        "database_damaged" => Some(
            "the file was left as it is; 'safe-assess backup --list' shows backups and 'safe-assess restore --latest' restores the newest (the damaged file is kept aside)",
        ),
        "read_only" => Some("the data folder is read-only; nothing was saved"),
        "disk_full" => Some("the disk is full; nothing was saved"),
        _ => None,
    }
}
