//! The browser the inbox's tests drive: Debian's `chromium` and
//! `chromium-driver`. Found where the packages put them, or installed with
//! apt-get when this runs as root; otherwise the browser test prints a loud
//! SKIPPED line (and fails under `CHORUS_REQUIRE_BROWSER=1`, as in CI).

use std::path::Path;
use std::process::Command;

/// Where Debian's packages install the browser and its driver.
const BINARIES: [&str; 2] = ["/usr/bin/chromium", "/usr/bin/chromedriver"];

/// Makes sure chromium and chromedriver are there, installing them when
/// possible; says what it did.
pub fn ensure() {
    if present() {
        return;
    }
    let root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    if !root || !Path::new("/usr/bin/apt-get").exists() {
        eprintln!(
            "xtask: chromium and chromedriver are missing, and apt-get cannot run here: the inbox's browser test will be SKIPPED"
        );
        return;
    }
    eprintln!("xtask: installing chromium and chromium-driver for the inbox's browser test");
    let installed = Command::new("apt-get")
        .args(["install", "-y", "-q", "chromium", "chromium-driver"])
        .env("DEBIAN_FRONTEND", "noninteractive")
        .status()
        .is_ok_and(|s| s.success());
    if !installed || !present() {
        eprintln!(
            "xtask: apt-get could not install chromium and chromium-driver: the inbox's browser test will be SKIPPED"
        );
    }
}

fn present() -> bool {
    BINARIES.iter().all(|p| Path::new(p).exists())
}
