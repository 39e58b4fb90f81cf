//! Host services for one message: the channel's services, with the
//! customer's history (fetched once from the store before the plugin runs)
//! answering `host.customer-history`.

use std::sync::Arc;

use crate::model::{KnowledgeHit, KnowledgeMatch, KnowledgeQuery, PastConversation, Timestamp};
use crate::runtime::{Grants, HmacHash, HostServices, InMemoryServices, ServiceError};

/// The channel's services plus one customer's history.
#[derive(Debug)]
pub struct MessageServices {
    channel: Arc<InMemoryServices>,
    history: Vec<PastConversation>,
}

impl MessageServices {
    /// Wraps the channel's services with `history` (newest first).
    pub fn new(channel: Arc<InMemoryServices>, history: Vec<PastConversation>) -> Self {
        Self { channel, history }
    }
}

impl HostServices for MessageServices {
    fn config(&self, key: &str) -> Option<String> {
        self.channel.config(key)
    }

    fn hmac(
        &self,
        hash: HmacHash,
        secret_name: &str,
        data: &[u8],
    ) -> Result<Vec<u8>, ServiceError> {
        self.channel.hmac(hash, secret_name, data)
    }

    fn kv_get(&self, key: &str) -> Result<Option<Vec<u8>>, ServiceError> {
        self.channel.kv_get(key)
    }

    fn kv_set(&self, key: &str, value: &[u8]) -> Result<(), ServiceError> {
        self.channel.kv_set(key, value)
    }

    fn kv_delete(&self, key: &str) -> Result<(), ServiceError> {
        self.channel.kv_delete(key)
    }

    fn customer_history(
        &self,
        _author_id: &str,
        limit: u32,
    ) -> Result<Vec<PastConversation>, ServiceError> {
        Ok(self.history.iter().take(limit as usize).cloned().collect())
    }

    fn knowledge_search(&self, query: &str, limit: u32) -> Result<Vec<KnowledgeHit>, ServiceError> {
        self.channel.knowledge_search(query, limit)
    }

    fn knowledge_find(&self, query: &KnowledgeQuery) -> Result<Vec<KnowledgeMatch>, ServiceError> {
        self.channel.knowledge_find(query)
    }

    fn now(&self) -> Timestamp {
        self.channel.now()
    }

    fn denied(&self) -> Grants {
        self.channel.denied()
    }

    fn prepare(&self) {
        self.channel.prepare()
    }
}
