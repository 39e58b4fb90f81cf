//! Agents of the inbox and their sessions, as the store keeps them: a
//! password's Argon2id hash, never the password; a session's token hash,
//! never the token (see `server::inbox`).

use crate::model::Timestamp;

/// An agent as the sign-in reads it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AgentLogin {
    /// Row id.
    pub id: i64,
    /// Display name.
    pub name: String,
    /// The PHC string of the password's Argon2id hash.
    pub password_hash: String,
}

/// A signed-in agent, as a request's session gives it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AgentSession {
    /// The agent's row id.
    pub agent_id: i64,
    /// The agent's brand: the only brand whose data the session sees.
    pub brand: String,
    /// The agent's email.
    pub email: String,
    /// The agent's name.
    pub name: String,
    /// The session's CSRF token, which every form and POST must carry.
    pub csrf: String,
    /// When the session ends.
    pub expires_at: Timestamp,
}

/// A session to open ([`super::Store::open_session`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSession {
    /// SHA-256 (hex) of the cookie's token.
    pub token_hash: String,
    /// The agent.
    pub agent_id: i64,
    /// Its CSRF token.
    pub csrf: String,
    /// When it opens.
    pub now: Timestamp,
    /// When it ends.
    pub expires_at: Timestamp,
}
