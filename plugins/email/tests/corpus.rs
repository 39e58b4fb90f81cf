//! Robustness: every message of the 246-file corpus, the malformed files
//! and oversized messages either become a message or a typed error, and
//! never a panic.

mod common;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use chorus_sdk::PluginError;
use chorus_sdk::testing::{self, Outcome};
use common::{assert_email_shaped, attribute, eml, fixtures_dir, processed, run};

#[test]
fn malformed_files_are_refused_or_read_and_never_panic() {
    let mut seen = 0;
    for entry in std::fs::read_dir(fixtures_dir().join("malformed")).expect("malformed") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        if !name.ends_with(".eml") || name == "oversize.eml" {
            continue;
        }
        seen += 1;
        let outcome = catch_unwind(AssertUnwindSafe(|| run(eml(&format!("malformed/{name}")))));
        match outcome {
            Err(_) => panic!("{name}: panicked"),
            Ok(Err(PluginError::BadInput(_) | PluginError::Unsupported(_))) => {}
            Ok(Ok(Outcome::Messages(messages))) => {
                assert!(
                    messages.iter().all(|p| !p.message.text.is_empty()),
                    "{name}"
                );
            }
            Ok(other) => panic!("{name}: {other:?}"),
        }
    }
    assert!(seen >= 5, "only {seen} malformed files");
    assert!(matches!(
        run(eml("malformed/binary-garbage.eml")),
        Err(PluginError::BadInput(_))
    ));
    let headers_only = processed(eml("malformed/headers-only-empty-body.eml")).message;
    assert_eq!(headers_only.text, "Testing 123");
    let invalid_utf8 = processed(eml("malformed/invalid-utf8-headers.eml")).message;
    assert!(!invalid_utf8.author.id.is_empty());
}

#[test]
fn long_texts_are_truncated_and_marked() {
    let line = "The parcel has still not arrived and nobody answers the phone.\n";
    let mut raw = b"From: Ada <ada@example.com>\r\nSubject: Late\r\n\r\n".to_vec();
    raw.extend(line.repeat(300 * 1024 / line.len()).as_bytes());
    let message = processed(testing::request("POST", &raw).build()).message;
    assert!(message.text.len() <= 256 * 1024);
    assert!(message.text.len() > 250 * 1024);
    assert_eq!(attribute(&message, "email.truncated"), Some("true"));
}

#[test]
fn a_message_just_under_the_cap_is_truncated_not_refused() {
    // 4 MB of HTML and a ~5 MB base64 attachment: just under the cap.
    let mut raw = b"From: a@example.com\r\nSubject: big\r\nContent-Type: multipart/mixed; boundary=XX\r\n\r\n--XX\r\nContent-Type: text/html\r\n\r\n".to_vec();
    let paragraph =
        "<p>Hello <b>there</b> &amp; welcome <a href=\"https://x.example\">link</a></p>\r\n";
    raw.extend(paragraph.repeat(4_000_000 / paragraph.len()).as_bytes());
    raw.extend(b"\r\n--XX\r\nContent-Type: application/pdf; name=a.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\n");
    let line = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVphYmNkZWZnaGlqa2xtbm9wcXJzdHV2d3h5ejAx\r\n";
    raw.extend(line.repeat(5_000_000 / line.len()).as_bytes());
    raw.extend(b"--XX--\r\n");
    assert!(raw.len() < email::DEFAULT_MAX_MESSAGE_BYTES);
    // Speed belongs to the benchmarks (`cargo xtask bench`), not to tests.
    let message = processed(testing::request("POST", &raw).build()).message;
    assert!(message.text.len() <= 256 * 1024);
    assert_eq!(attribute(&message, "email.truncated"), Some("true"));
    assert_eq!(message.attachments[0].name, "a.pdf");
}

#[test]
fn the_corpus_never_panics() {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(fixtures_dir().join("corpus"))
        .expect("corpus")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "eml"))
        .collect();
    paths.sort();
    let (mut messages, mut errors, mut panics) = (0, Vec::new(), Vec::new());
    let mut slowest = (Duration::ZERO, String::new());
    for path in &paths {
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let body = std::fs::read(path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let started = Instant::now();
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            run(testing::request("POST", &body)
                .header("Content-Type", "message/rfc822")
                .build())
        }));
        if started.elapsed() > slowest.0 {
            slowest = (started.elapsed(), name.clone());
        }
        match outcome {
            Err(_) => panics.push(name),
            Ok(Ok(Outcome::Messages(processed))) => {
                for p in &processed {
                    assert!(!p.message.author.id.is_empty(), "{name}: empty author");
                    assert!(!p.message.text.trim().is_empty(), "{name}: empty text");
                    assert!(p.message.text.len() <= 256 * 1024, "{name}");
                    assert_email_shaped(p);
                }
                messages += 1;
            }
            Ok(Err(e @ (PluginError::BadInput(_) | PluginError::Unsupported(_)))) => {
                errors.push(format!("{name}: {e:?}"))
            }
            Ok(other) => panic!("{name}: unexpected {other:?}"),
        }
    }
    println!(
        "corpus: {} files, {messages} messages, {} typed errors, {} panics; slowest {} in {:?}",
        paths.len(),
        errors.len(),
        panics.len(),
        slowest.1,
        slowest.0
    );
    for error in &errors {
        println!("  {error}");
    }
    assert_eq!(paths.len(), 246);
    assert!(panics.is_empty(), "panicked on: {panics:?}");
}
