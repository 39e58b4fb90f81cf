//! `cargo run -p chorus-fuzz --example seed -- CORPUS_DIR [TARGET…]`:
//! writes the seeds of each target (all by default) into
//! `CORPUS_DIR/<target>/`, for `cargo fuzz run` (`cargo xtask fuzz` does).

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(corpus) = args.next().map(PathBuf::from) else {
        eprintln!("usage: seed CORPUS_DIR [TARGET…]");
        return ExitCode::from(2);
    };
    let wanted: Vec<String> = args.collect();
    for (target, _) in chorus_fuzz::TARGETS {
        if !wanted.is_empty() && !wanted.iter().any(|w| w == target) {
            continue;
        }
        let dir = corpus.join(target);
        let seeds = chorus_fuzz::seeds::seeds(target);
        let written = std::fs::create_dir_all(&dir).and_then(|()| {
            seeds
                .iter()
                .try_for_each(|(name, bytes)| std::fs::write(dir.join(name), bytes))
        });
        if let Err(e) = written {
            eprintln!("{}: cannot write the seeds: {e}", dir.display());
            return ExitCode::FAILURE;
        }
        println!("{target}: {} seeds in {}", seeds.len(), dir.display());
    }
    ExitCode::SUCCESS
}
