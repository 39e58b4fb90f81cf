//! Live updates of the agent inbox: whatever changes a brand's queue (a
//! message triaged, a reply sent or failed, a conversation resolved) is
//! published here, and each signed-in page, subscribed with Server-Sent
//! Events, refreshes what it shows. On this host only: a change made by
//! another host sharing the database shows at the page's next refresh.

use std::sync::Arc;

use tokio::sync::broadcast;

/// How many changes a slow page may fall behind before it is told to
/// refresh everything.
const BACKLOG: usize = 256;

/// A change to one brand's inbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InboxChange {
    /// The brand.
    pub brand: Arc<str>,
    /// The conversation that changed.
    pub conversation: i64,
    /// What happened: `message`, `reply` or `resolved`.
    pub kind: &'static str,
}

/// Where inbox changes are published and subscribed to.
#[derive(Debug)]
pub struct InboxEvents {
    sender: broadcast::Sender<InboxChange>,
}

impl Default for InboxEvents {
    fn default() -> Self {
        Self {
            sender: broadcast::channel(BACKLOG).0,
        }
    }
}

impl InboxEvents {
    /// Publishes a change; nobody listening is fine.
    pub fn publish(&self, brand: &str, conversation: i64, kind: &'static str) {
        let _ = self.sender.send(InboxChange {
            brand: brand.into(),
            conversation,
            kind,
        });
    }

    /// A subscription to every change from now on (filter by brand).
    pub fn subscribe(&self) -> broadcast::Receiver<InboxChange> {
        self.sender.subscribe()
    }
}
