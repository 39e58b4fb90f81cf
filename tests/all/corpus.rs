//! The email corpus (real messages from public MIME test suites) through the
//! real email component: every message becomes a message with an author and
//! text, or the plugin's own typed error. Zero traps, zero timeouts.

use std::time::Duration;

use chorus_e2e::{fixture, load, no_services, plugin};
use chorus_host::model::{HttpRequest, ListenOutcome};
use chorus_host::runtime::{Limits, PluginError};

#[tokio::test]
async fn every_corpus_message_is_a_message_or_a_typed_error() {
    // A debug build of the host is slow to copy large bodies into the guest;
    // the bound still proves that nothing hangs.
    let limits = Limits {
        deadline: Duration::from_secs(2),
        ..Limits::default()
    };
    let email = load(&plugin("email"), limits).await;
    let mut paths: Vec<_> = std::fs::read_dir(fixture("email/corpus"))
        .expect("corpus")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "eml"))
        .collect();
    paths.sort();
    assert!(paths.len() >= 100, "only {} corpus messages", paths.len());
    let (mut messages, mut refused) = (0, 0);
    for path in &paths {
        let request = HttpRequest {
            method: "POST".into(),
            headers: vec![("content-type".into(), "message/rfc822".into())],
            body: std::fs::read(path).expect("reads"),
            ..HttpRequest::default()
        };
        match email.listen(no_services(), &request).await {
            Ok(ListenOutcome::Messages(list)) => {
                for message in &list {
                    assert!(
                        !message.author.id.is_empty(),
                        "{}: empty author",
                        path.display()
                    );
                    assert!(
                        !message.text.trim().is_empty(),
                        "{}: empty text",
                        path.display()
                    );
                }
                messages += 1;
            }
            Ok(other) => panic!("{}: unexpected {other:?}", path.display()),
            Err(PluginError::Plugin(_)) => refused += 1,
            Err(error) => panic!("{}: {error}", path.display()),
        }
    }
    println!(
        "email corpus: {} files, {messages} messages, {refused} typed refusals",
        paths.len()
    );
}
