//! Guest initialization happens once, in the host's snapshot, never per event.

use chorus_e2e::{first_attribute, load, no_services, test_guest};
use chorus_host::model::HttpRequest;
use chorus_host::runtime::{Limits, LoadedPlugin};

async fn init_report(plugin: &LoadedPlugin) -> (String, String, String) {
    let request = HttpRequest {
        method: "POST".into(),
        body: b"init".to_vec(),
        ..HttpRequest::default()
    };
    let outcome = plugin
        .listen(no_services(), &request)
        .await
        .expect("reports");
    let value = |key: &str| first_attribute(&outcome, key);
    (
        value("init.runs"),
        value("init.from-snapshot"),
        value("init.checksum"),
    )
}

#[tokio::test]
async fn init_runs_once_in_the_snapshot_not_per_event() {
    let plugin = load(&test_guest("hostile"), Limits::default()).await;
    assert!(plugin.preinitialized());
    for _event in 0..3 {
        let (runs, from_snapshot, checksum) = init_report(&plugin).await;
        assert_eq!(runs, "1", "init ran again inside an event");
        assert_eq!(
            from_snapshot, "true",
            "the instance did not start from the snapshot"
        );
        assert_ne!(checksum, "0", "the snapshot lost init's work");
    }
}

#[tokio::test]
async fn every_event_starts_from_the_pristine_snapshot() {
    let plugin = load(&test_guest("hostile"), Limits::default()).await;
    // Running init again in one instance must not leak into the next.
    plugin.call_init(no_services()).await.expect("init runs");
    let (runs, _, _) = init_report(&plugin).await;
    assert_eq!(runs, "1");
}

#[tokio::test]
async fn a_second_load_comes_from_the_cache() {
    let first = load(&test_guest("hostile"), Limits::default()).await;
    assert!(first.preinitialized());
    let second = load(&test_guest("hostile"), Limits::default()).await;
    assert!(second.from_cache(), "the compiled snapshot was not cached");
    assert_eq!(init_report(&second).await.0, "1");
}
