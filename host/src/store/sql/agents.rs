//! Inbox agents and their sessions.

use super::db::Db;
use crate::model::Timestamp;
use crate::store::StoreError;
use crate::store::agents::{AgentLogin, AgentSession, NewSession};

/// Adds an agent, or replaces the name and password of the brand's agent
/// with this email; returns its id.
pub(super) async fn put_agent(
    db: &Db,
    brand: &str,
    email: &str,
    name: &str,
    password_hash: &str,
    now: Timestamp,
) -> Result<i64, StoreError> {
    let mut transaction = db.begin_write().await?;
    let existing: Option<i64> =
        sqlx::query_scalar(db.sql("SELECT id FROM agents WHERE brand = ? AND email = ?"))
            .bind(brand)
            .bind(email)
            .fetch_optional(&mut *transaction)
            .await?;
    let id = match existing {
        Some(id) => {
            sqlx::query(db.sql("UPDATE agents SET name = ?, password_hash = ? WHERE id = ?"))
                .bind(name)
                .bind(password_hash)
                .bind(id)
                .execute(&mut *transaction)
                .await?;
            // A new password ends the agent's sessions.
            sqlx::query(db.sql("DELETE FROM agent_sessions WHERE agent_id = ?"))
                .bind(id)
                .execute(&mut *transaction)
                .await?;
            id
        }
        None => {
            sqlx::query_scalar(db.sql(
                "INSERT INTO agents (brand, email, name, password_hash, created_at)
                 VALUES (?, ?, ?, ?, ?) RETURNING id",
            ))
            .bind(brand)
            .bind(email)
            .bind(name)
            .bind(password_hash)
            .bind(now)
            .fetch_one(&mut *transaction)
            .await?
        }
    };
    transaction.commit().await?;
    Ok(id)
}

/// The brand's agent with this email, for signing in.
pub(super) async fn agent_login(
    db: &Db,
    brand: &str,
    email: &str,
) -> Result<Option<AgentLogin>, StoreError> {
    Ok(sqlx::query_as(
        db.sql("SELECT id, name, password_hash FROM agents WHERE brand = ? AND email = ?"),
    )
    .bind(brand)
    .bind(email)
    .fetch_optional(&db.pool)
    .await?)
}

/// Opens a session.
pub(super) async fn open_session(db: &Db, session: &NewSession) -> Result<(), StoreError> {
    sqlx::query(db.sql(
        "INSERT INTO agent_sessions (token_hash, agent_id, csrf, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?)",
    ))
    .bind(&session.token_hash)
    .bind(session.agent_id)
    .bind(&session.csrf)
    .bind(session.now)
    .bind(session.expires_at)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// The session with this token hash, unless it has expired at `now`.
pub(super) async fn session(
    db: &Db,
    token_hash: &str,
    now: Timestamp,
) -> Result<Option<AgentSession>, StoreError> {
    Ok(sqlx::query_as(db.sql(
        "SELECT a.id AS agent_id, a.brand, a.email, a.name, s.csrf, s.expires_at
         FROM agent_sessions s JOIN agents a ON a.id = s.agent_id
         WHERE s.token_hash = ? AND s.expires_at > ?",
    ))
    .bind(token_hash)
    .bind(now)
    .fetch_optional(&db.pool)
    .await?)
}

/// Ends the session with this token hash, and every expired one.
pub(super) async fn end_session(
    db: &Db,
    token_hash: &str,
    now: Timestamp,
) -> Result<(), StoreError> {
    sqlx::query(db.sql("DELETE FROM agent_sessions WHERE token_hash = ? OR expires_at <= ?"))
        .bind(token_hash)
        .bind(now)
        .execute(&db.pool)
        .await?;
    Ok(())
}
