//! Limits applied to every plugin call.

use std::time::Duration;

use super::grant::HostCallLimits;

/// Limits on time, memory, tables, stdio and output of one call.
#[derive(Debug, Clone, PartialEq)]
pub struct Limits {
    /// Wall-clock deadline of one call, enforced by epoch interruption.
    pub deadline: Duration,
    /// Deadline of the plugin's `init`, run once at load (it may build
    /// large tables, so it gets more time than an event).
    pub init_deadline: Duration,
    /// Linear memory cap per instance, in bytes.
    pub max_memory_bytes: usize,
    /// Memory kept resident between instances by the pooling allocator, so a
    /// fresh instance does not fault its snapshot back in page by page.
    pub keep_resident_bytes: usize,
    /// Elements per table.
    pub max_table_elements: usize,
    /// Core instances per component.
    pub max_instances: usize,
    /// Tables per component.
    pub max_tables: usize,
    /// Memories per component.
    pub max_memories: usize,
    /// Wasm stack size, in bytes.
    pub max_stack_bytes: usize,
    /// Fuel per call (`None`: unmetered; the deadline still applies).
    pub fuel: Option<u64>,
    /// Bytes of stdout and of stderr captured per call.
    pub max_stdio_bytes: usize,
    /// Bytes of `host.log` text accepted per call.
    pub max_log_bytes: usize,
    /// Caps on what a call may return.
    pub output: OutputLimits,
    /// Caps on what a call may ask of the host.
    pub host_calls: HostCallLimits,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            deadline: Duration::from_millis(50),
            init_deadline: Duration::from_secs(10),
            max_memory_bytes: 64 << 20,
            keep_resident_bytes: 8 << 20,
            max_table_elements: 20_000,
            max_instances: 32,
            max_tables: 16,
            max_memories: 4,
            max_stack_bytes: 512 << 10,
            fuel: None,
            max_stdio_bytes: 64 << 10,
            max_log_bytes: 64 << 10,
            output: OutputLimits::default(),
            host_calls: HostCallLimits::default(),
        }
    }
}

/// Caps on plugin output. Exceeding one is a `BadOutput` error: the host
/// never stores or forwards an oversized result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputLimits {
    /// Messages from one `listen`.
    pub max_messages: usize,
    /// Bytes of one message's text.
    pub max_text_bytes: usize,
    /// Bytes of any short field (ids, names, labels, reasons, attribute values).
    pub max_field_bytes: usize,
    /// Attachments, attributes, labels or reasons in one list.
    pub max_list_items: usize,
    /// Suggestions from one `suggest`.
    pub max_suggestions: usize,
    /// Bytes of one suggestion's text (channel limits are the voice engine's job).
    pub max_suggestion_bytes: usize,
    /// Bytes of a handshake response body.
    pub max_response_bytes: usize,
}

impl Default for OutputLimits {
    fn default() -> Self {
        Self {
            max_messages: 100,
            max_text_bytes: 1 << 20,
            max_field_bytes: 4 << 10,
            max_list_items: 256,
            max_suggestions: 10,
            max_suggestion_bytes: 64 << 10,
            max_response_bytes: 64 << 10,
        }
    }
}
