//! `rampart`: the command-line face of the engine. JSON in and out, exit codes as Cedar does:
//! 0 = ran and the answer is allow / clean, 1 = could not run (bad input, IO), 2 = `check`
//! answered deny, 3 = validation issues, lint errors or failed scenario checks.

mod args;
mod cmd;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = args::Args::parse();
    match cmd::run(args.command) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("rampart: {error:#}");
            ExitCode::from(1)
        }
    }
}
