//! Every PDF is laid out in a worker process: the app started again with [`ARG`].
//!
//! Laying out a report allocates tens of megabytes, and the app kept much of it after each report
//! (its own process grew from 36 to 80 MB over 20 reports, see BENCHMARKS.md). A worker returns
//! all of it when it exits, and a failure inside the layout engine ends the worker, not the
//! window. The job and the answer are plain bytes on the worker's standard input and output
//! (`safe_report::worker`); the worker opens no file and no window. When the worker cannot be
//! started at all (the program file was replaced by an update while the app ran), the PDF is laid
//! out in the app as before.

use std::process::{Command, Stdio};

use safe_report::ReportError;
use safe_report::worker::Job;

/// The argument that makes the app a layout worker.
pub const ARG: &str = "--lay-out-pdf";

/// Runs the worker on this process's standard input and output; the exit code: 0 when the PDF
/// was written, 2 when not (the reason on standard error).
pub fn serve() -> i32 {
    match safe_report::worker::serve(&mut std::io::stdin().lock(), &mut std::io::stdout().lock()) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("{e}");
            2
        }
    }
}

fn failed(message: String) -> ReportError {
    ReportError::Render {
        format: "pdf",
        message,
    }
}

/// Lays `job` out in a worker process and returns the PDF.
pub fn lay_out(job: &Job) -> Result<Vec<u8>, ReportError> {
    let worker = std::env::current_exe().and_then(|exe| {
        Command::new(exe)
            .arg(ARG)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
    });
    let Ok(mut worker) = worker else {
        return job.lay_out();
    };
    // The worker reads the whole job before it writes anything, so writing first and reading
    // after cannot block on a full pipe.
    let sent = match worker.stdin.take() {
        Some(mut stdin) => job.write(&mut stdin),
        None => Err(std::io::Error::other("no input pipe")),
    };
    let out = worker
        .wait_with_output()
        .map_err(|e| failed(format!("the layout worker did not finish: {e}")))?;
    if out.status.success() && sent.is_ok() {
        return Ok(out.stdout);
    }
    let said = String::from_utf8_lossy(&out.stderr).trim().to_string();
    Err(failed(match (said.is_empty(), sent) {
        (false, _) => format!("the layout worker stopped: {said}"),
        (true, Err(e)) => format!("the layout worker did not take the job: {e}"),
        (true, Ok(())) => format!("the layout worker stopped ({})", out.status),
    }))
}
