//! The plugins' durable key-value store: one namespace per brand × plugin,
//! each write admitted by [`rules::kv_admit`] against the namespace's
//! quotas, in one transaction with the namespace locked.

use super::db::Db;
use crate::store::rules::{self, KvQuota, KvUsage};
use crate::store::{KvNamespace, StoreError};

/// The value under `key`, if any.
pub(super) async fn get(
    db: &Db,
    space: &KvNamespace,
    key: &str,
) -> Result<Option<Vec<u8>>, StoreError> {
    Ok(sqlx::query_scalar(
        db.sql("SELECT value FROM plugin_kv WHERE brand = ? AND plugin = ? AND key = ?"),
    )
    .bind(&space.brand)
    .bind(&space.plugin)
    .bind(key)
    .fetch_optional(&db.pool)
    .await?)
}

/// Stores `value` under `key` when the quotas allow it.
pub(super) async fn set(
    db: &Db,
    space: &KvNamespace,
    key: &str,
    value: &[u8],
    quota: &KvQuota,
) -> Result<(), StoreError> {
    let mut transaction = db.begin_write().await?;
    if let Some(lock) = db.dialect.lock_kv_namespace() {
        sqlx::query(db.sql(lock))
            // A hash of the name: a collision only makes two namespaces wait
            // for each other.
            .bind(format!("{}/{}", space.brand, space.plugin))
            .execute(&mut *transaction)
            .await?;
    }
    let (keys, bytes): (i64, i64) = sqlx::query_as(db.sql(
        "SELECT COUNT(*), CAST(COALESCE(SUM(bytes), 0) AS BIGINT) FROM plugin_kv
         WHERE brand = ? AND plugin = ?",
    ))
    .bind(&space.brand)
    .bind(&space.plugin)
    .fetch_one(&mut *transaction)
    .await?;
    let replaced: Option<i64> = sqlx::query_scalar(
        db.sql("SELECT bytes FROM plugin_kv WHERE brand = ? AND plugin = ? AND key = ?"),
    )
    .bind(&space.brand)
    .bind(&space.plugin)
    .bind(key)
    .fetch_optional(&mut *transaction)
    .await?;
    let usage = KvUsage {
        keys: u64::try_from(keys).unwrap_or_default(),
        bytes: u64::try_from(bytes).unwrap_or_default(),
    };
    let replaced = replaced.map(|b| u64::try_from(b).unwrap_or_default());
    rules::kv_admit(quota, usage, key, value, replaced).map_err(StoreError::KvQuota)?;
    let entry_bytes = i64::try_from(rules::kv_entry_bytes(key, value)).unwrap_or(i64::MAX);
    sqlx::query(db.sql(
        "INSERT INTO plugin_kv (brand, plugin, key, value, bytes) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (brand, plugin, key) DO UPDATE SET value = excluded.value, bytes = excluded.bytes",
    ))
    .bind(&space.brand)
    .bind(&space.plugin)
    .bind(key)
    .bind(value)
    .bind(entry_bytes)
    .execute(&mut *transaction)
    .await?;
    transaction.commit().await?;
    Ok(())
}

/// Deletes `key`, if it is there.
pub(super) async fn delete(db: &Db, space: &KvNamespace, key: &str) -> Result<(), StoreError> {
    sqlx::query(db.sql("DELETE FROM plugin_kv WHERE brand = ? AND plugin = ? AND key = ?"))
        .bind(&space.brand)
        .bind(&space.plugin)
        .bind(key)
        .execute(&db.pool)
        .await?;
    Ok(())
}
