//! A connection pool with its dialect: what every query function takes.

use std::borrow::Cow;

use sqlx::{Any, AnyPool, AssertSqlSafe, Transaction};

use super::dialect::Dialect;
use crate::store::StoreError;

/// A pool and the dialect its queries are written in.
#[derive(Debug, Clone)]
pub(super) struct Db {
    /// The pool.
    pub pool: AnyPool,
    /// Its backend.
    pub dialect: Dialect,
}

impl Db {
    /// `sql`, written with `?` placeholders, for this backend.
    pub fn sql(&self, sql: impl Into<Cow<'static, str>>) -> AssertSqlSafe<Cow<'static, str>> {
        self.dialect.sql(sql)
    }

    /// A transaction that reads, then writes (see [`Dialect::begin_write`]).
    pub async fn begin_write(&self) -> Result<Transaction<'static, Any>, StoreError> {
        Ok(self.pool.begin_with(self.dialect.begin_write()).await?)
    }
}
