//! `chorus`: the Chorus command line.

mod cli;

fn main() -> std::process::ExitCode {
    // Like every Unix command, stop quietly when the reader of our output
    // goes away (`chorus eval triage ... | head`) instead of panicking on
    // the failed write: Rust ignores SIGPIPE unless told otherwise.
    // SAFETY: restoring a signal's default disposition, before any thread
    // is started, with a valid signal number.
    #[cfg(unix)]
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    cli::main()
}
