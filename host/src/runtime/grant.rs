//! What one call may ask of the host. A plugin gets the capabilities it
//! declared in its metadata, minus those the operator denies for the brand.
//! Every host call is checked here before any work is done: the capability
//! must be granted, the argument must fit its cap, the capability's budget
//! for this call (count and bytes) must not be spent, and the call's
//! deadline must not have passed. Host calls run outside wasm code, where
//! epoch interruption cannot stop them, so the bounds must hold up front.

use std::fmt;
use std::time::Instant;

/// A host capability of the contract (`capability` in the WIT).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Capability {
    /// `host.config`.
    Config,
    /// `host.hmac-sha256` with host-held secrets.
    Secrets,
    /// `host.kv-get`, `host.kv-set`, `host.kv-delete`.
    Kv,
    /// `host.customer-history`.
    History,
    /// `host.knowledge-search`.
    Knowledge,
}

impl Capability {
    /// Every capability, in the contract's order.
    pub const ALL: [Self; 5] = [
        Self::Config,
        Self::Secrets,
        Self::Kv,
        Self::History,
        Self::Knowledge,
    ];

    /// The contract's name, e.g. `kv`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Config => "config",
            Self::Secrets => "secrets",
            Self::Kv => "kv",
            Self::History => "history",
            Self::Knowledge => "knowledge",
        }
    }

    /// The capability named `name`, if any.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.name() == name)
    }

    fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Capability {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A set of capabilities.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Grants(u8);

impl Grants {
    /// The capabilities named in `names`; unknown names are ignored.
    pub fn from_names<'a>(names: impl IntoIterator<Item = &'a str>) -> Self {
        names
            .into_iter()
            .filter_map(Capability::from_name)
            .fold(Self::default(), Self::with)
    }

    /// This set with `capability` added.
    #[must_use]
    pub fn with(self, capability: Capability) -> Self {
        Self(self.0 | 1 << capability.index())
    }

    /// This set without any of `denied`.
    #[must_use]
    pub fn without(self, denied: Self) -> Self {
        Self(self.0 & !denied.0)
    }

    /// Whether `capability` is in the set.
    pub fn contains(self, capability: Capability) -> bool {
        self.0 & 1 << capability.index() != 0
    }

    /// The capabilities in the set, in the contract's order.
    pub fn iter(self) -> impl Iterator<Item = Capability> {
        Capability::ALL
            .into_iter()
            .filter(move |c| self.contains(*c))
    }
}

impl fmt::Display for Grants {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.iter().map(Capability::name).collect();
        if names.is_empty() {
            f.write_str("none")
        } else {
            f.write_str(&names.join(", "))
        }
    }
}

/// Caps on the arguments of host calls and on what one plugin call may ask
/// of each capability.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HostCallLimits {
    /// Bytes of a config key, key-value key or secret name.
    pub max_key_bytes: usize,
    /// Bytes of a knowledge-search query.
    pub max_query_bytes: usize,
    /// Bytes of data to HMAC in one call.
    pub max_hmac_bytes: usize,
    /// Host calls per capability in one plugin call.
    pub max_calls_per_capability: u32,
    /// Argument bytes per capability in one plugin call.
    pub max_bytes_per_capability: usize,
}

impl Default for HostCallLimits {
    fn default() -> Self {
        Self {
            max_key_bytes: 256,
            // A message's text with the ids of the texts that may answer it
            // (`knowledge-find`); retrieval is linear in it.
            max_query_bytes: 64 << 10,
            // An email body is at most 25 MiB by default; signing schemes
            // that cover the body must fit.
            max_hmac_bytes: 32 << 20,
            max_calls_per_capability: 256,
            max_bytes_per_capability: 64 << 20,
        }
    }
}

/// One argument of a host call: its name, size in bytes and cap.
#[derive(Debug, Clone, Copy)]
pub struct Arg<'a> {
    /// What it is, for the error, e.g. `kv key`.
    pub what: &'a str,
    /// Its size in bytes.
    pub size: usize,
    /// Its cap in bytes.
    pub cap: usize,
}

/// Why the host refused a call before doing any work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The call's deadline has passed; the plugin call ends as a timeout.
    Deadline,
    /// The capability was not declared, or the operator denied it.
    NotPermitted(String),
    /// An argument or the capability's budget is over its cap.
    Limit(String),
}

/// The error a host call returns to end the plugin call when its deadline
/// has passed; reported as a timeout.
#[derive(Debug, Clone, Copy, thiserror::Error)]
#[error("the call's deadline passed before a host call")]
pub struct DeadlineExceeded;

/// The host-call budget of one plugin call.
#[derive(Debug)]
pub struct Budget {
    granted: Grants,
    deadline: Instant,
    limits: HostCallLimits,
    calls: [u32; Capability::ALL.len()],
    bytes: [usize; Capability::ALL.len()],
}

impl Budget {
    /// A fresh budget for a call that must end by `deadline`.
    pub fn new(granted: Grants, deadline: Instant, limits: HostCallLimits) -> Self {
        Self {
            granted,
            deadline,
            limits,
            calls: [0; Capability::ALL.len()],
            bytes: [0; Capability::ALL.len()],
        }
    }

    /// Moves the deadline (the clock starts when the instance does).
    pub fn restart(&mut self, deadline: Instant) {
        self.deadline = deadline;
    }

    /// The argument caps.
    pub fn limits(&self) -> &HostCallLimits {
        &self.limits
    }

    /// Admits one call of `capability` with these arguments, each checked
    /// against its cap.
    pub fn admit(&mut self, capability: Capability, args: &[Arg<'_>]) -> Result<(), Refusal> {
        if Instant::now() >= self.deadline {
            return Err(Refusal::Deadline);
        }
        if !self.granted.contains(capability) {
            return Err(Refusal::NotPermitted(format!(
                "capability `{capability}` is not granted to this plugin (granted: {})",
                self.granted
            )));
        }
        if let Some(arg) = args.iter().find(|a| a.size > a.cap) {
            return Err(Refusal::Limit(format!(
                "{} of {} bytes is over the cap of {}",
                arg.what, arg.size, arg.cap
            )));
        }
        let total: usize = args.iter().map(|a| a.size).sum();
        let i = capability.index();
        if self.calls[i] >= self.limits.max_calls_per_capability {
            return Err(Refusal::Limit(format!(
                "more than {} `{capability}` calls in one plugin call",
                self.limits.max_calls_per_capability
            )));
        }
        let bytes = self.bytes[i].saturating_add(total);
        if bytes > self.limits.max_bytes_per_capability {
            return Err(Refusal::Limit(format!(
                "more than {} bytes of `{capability}` arguments in one plugin call",
                self.limits.max_bytes_per_capability
            )));
        }
        self.calls[i] += 1;
        self.bytes[i] = bytes;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn arg(what: &str, size: usize, cap: usize) -> Arg<'_> {
        Arg { what, size, cap }
    }

    fn budget(granted: Grants) -> Budget {
        Budget::new(
            granted,
            Instant::now() + Duration::from_secs(60),
            HostCallLimits {
                max_calls_per_capability: 2,
                max_bytes_per_capability: 10,
                ..HostCallLimits::default()
            },
        )
    }

    #[test]
    fn names_round_trip_and_unknown_names_are_ignored() {
        let grants = Grants::from_names(["kv", "config", "teleport"]);
        assert_eq!(grants.to_string(), "config, kv");
        assert_eq!(Grants::default().to_string(), "none");
        let denied = Grants::from_names(["kv"]);
        assert_eq!(grants.without(denied).to_string(), "config");
    }

    #[test]
    fn undeclared_capabilities_are_not_permitted() {
        let mut budget = budget(Grants::from_names(["config"]));
        assert!(
            budget
                .admit(Capability::Config, &[arg("config key", 3, 256)])
                .is_ok()
        );
        match budget.admit(Capability::Kv, &[arg("kv key", 3, 256)]) {
            Err(Refusal::NotPermitted(reason)) => assert!(reason.contains("`kv`"), "{reason}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn arguments_and_budgets_are_capped_before_any_work() {
        let mut budget = budget(Grants::from_names(["kv"]));
        assert!(matches!(
            budget.admit(Capability::Kv, &[arg("kv key", 300, 256)]),
            Err(Refusal::Limit(_))
        ));
        assert!(
            budget
                .admit(Capability::Kv, &[arg("kv key", 4, 256)])
                .is_ok()
        );
        assert!(matches!(
            budget.admit(Capability::Kv, &[arg("kv key", 4, 256), arg("kv value", 3, 64)]),
            Err(Refusal::Limit(reason)) if reason.contains("bytes")
        ));
        assert!(
            budget
                .admit(Capability::Kv, &[arg("kv key", 4, 256)])
                .is_ok()
        );
        assert!(matches!(
            budget.admit(Capability::Kv, &[arg("kv key", 1, 256)]),
            Err(Refusal::Limit(reason)) if reason.contains("calls")
        ));
    }

    #[test]
    fn a_passed_deadline_refuses_every_call() {
        let mut budget = Budget::new(
            Grants::from_names(["config"]),
            Instant::now(),
            HostCallLimits::default(),
        );
        assert_eq!(
            budget.admit(Capability::Config, &[arg("config key", 1, 256)]),
            Err(Refusal::Deadline)
        );
    }
}
