//! Running programs: echo the command line, run it, and report failures as one readable message.

use std::ffi::OsStr;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

/// What a finished program left behind.
pub struct Output {
    /// Whether it exited with status 0.
    pub success: bool,
    /// Everything it printed on stdout.
    pub stdout: String,
    /// Everything it printed on stdout and stderr, interleaved roughly as printed.
    pub combined: String,
}

/// Builds a command for `program` with `args`, run in `dir`.
pub fn command<I, S>(dir: &Path, program: &str, args: I) -> Command
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let mut cmd = Command::new(program);
    cmd.args(args).current_dir(dir);
    cmd
}

/// Runs `cmd` with inherited stdio and fails unless it exits with status 0.
pub fn run(cmd: &mut Command) -> Result<(), String> {
    echo(cmd);
    let status = cmd
        .stdin(Stdio::null())
        .status()
        .map_err(|err| spawn_error(cmd, &err))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{}` failed with {status}", display(cmd)))
    }
}

/// Runs `cmd` and returns its trimmed stdout, or `None` when it cannot start or fails.
/// Used to ask tools for their version without printing anything.
pub fn probe(cmd: &mut Command) -> Option<String> {
    let output = cmd
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_string())
}

/// Runs `cmd`, printing its output as it comes (stdout only when `echo_stdout`), and returns
/// that output for parsing.
pub fn run_captured(cmd: &mut Command, echo_stdout: bool) -> Result<Output, String> {
    echo(cmd);
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|err| spawn_error(cmd, &err))?;
    let (sender, receiver) = mpsc::channel::<(bool, String)>();
    let readers = [
        child
            .stdout
            .take()
            .map(|out| forward(out, true, sender.clone())),
        child
            .stderr
            .take()
            .map(|err| forward(err, false, sender.clone())),
    ];
    drop(sender);
    let mut stdout = String::new();
    let mut combined = String::new();
    for (is_stdout, line) in receiver {
        if is_stdout {
            if echo_stdout {
                println!("{line}");
            }
            stdout.push_str(&line);
            stdout.push('\n');
        } else {
            eprintln!("{line}");
        }
        combined.push_str(&line);
        combined.push('\n');
    }
    for reader in readers.into_iter().flatten() {
        let _ = reader.join();
    }
    let status = child
        .wait()
        .map_err(|err| format!("waiting for `{}`: {err}", display(cmd)))?;
    Ok(Output {
        success: status.success(),
        stdout,
        combined,
    })
}

/// Formats a duration the way people read it: `4.2s`, `3m07s`.
pub fn human(duration: Duration) -> String {
    let secs = duration.as_secs_f64();
    if secs < 60.0 {
        format!("{secs:.1}s")
    } else {
        let whole = duration.as_secs();
        format!("{}m{:02}s", whole / 60, whole % 60)
    }
}

/// Runs `step` and prints how long it took under `label`.
pub fn timed<T>(label: &str, step: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let result = step();
    println!("xtask: {label} took {}", human(start.elapsed()));
    result
}

fn forward(
    stream: impl Read + Send + 'static,
    is_stdout: bool,
    sender: mpsc::Sender<(bool, String)>,
) -> thread::JoinHandle<()> {
    thread::spawn(move || {
        for line in BufReader::new(stream).lines() {
            let Ok(line) = line else { break };
            if sender.send((is_stdout, line)).is_err() {
                break;
            }
        }
    })
}

fn echo(cmd: &Command) {
    println!("$ {}", display(cmd));
}

fn display(cmd: &Command) -> String {
    let mut parts = vec![cmd.get_program().to_string_lossy().into_owned()];
    parts.extend(cmd.get_args().map(|arg| arg.to_string_lossy().into_owned()));
    parts.join(" ")
}

fn spawn_error(cmd: &Command, err: &std::io::Error) -> String {
    format!("cannot start `{}`: {err}", display(cmd))
}
