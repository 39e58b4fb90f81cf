//! Cursor paging for the store's long lists (the inbox, dead letters): a
//! page of at most [`MAX_PAGE`] rows in a stable order, and an opaque
//! cursor that continues after the page's last row (keyset paging: a row
//! added or removed meanwhile never shifts the next page).

use std::fmt;
use std::str::FromStr;

/// The most rows one page may hold.
pub const MAX_PAGE: u32 = 500;

/// Where a page starts and how long it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    /// Rows after this position; `None`: from the start.
    pub after: Option<Cursor>,
    /// Most rows, 1 to [`MAX_PAGE`].
    pub limit: u32,
}

impl Default for Page {
    fn default() -> Self {
        Self {
            after: None,
            limit: MAX_PAGE,
        }
    }
}

impl Page {
    /// A page of `limit` rows after `after`; `limit` must be 1 to
    /// [`MAX_PAGE`].
    pub fn new(after: Option<Cursor>, limit: u32) -> Result<Self, PageError> {
        if (1..=MAX_PAGE).contains(&limit) {
            Ok(Self { after, limit })
        } else {
            Err(PageError::Limit(limit))
        }
    }

    /// The rows the store reads for this page: one more than the limit,
    /// which tells whether another page follows.
    pub fn fetch(&self) -> i64 {
        i64::from(self.limit) + 1
    }

    /// A page of `rows` (read with [`Page::fetch`]), with the cursor of the
    /// next page when there is one; `cursor` gives a row's position.
    pub fn of<T>(&self, mut rows: Vec<T>, cursor: impl Fn(&T) -> Cursor) -> Paged<T> {
        let limit = usize::try_from(self.limit).unwrap_or(usize::MAX);
        let more = rows.len() > limit;
        rows.truncate(limit);
        let next = if more { rows.last().map(cursor) } else { None };
        Paged { items: rows, next }
    }
}

/// One page of rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paged<T> {
    /// The rows, in the list's order.
    pub items: Vec<T>,
    /// Where the next page starts; `None` on the last page.
    pub next: Option<Cursor>,
}

/// The position of a row in a list: its sort key and its id (which breaks
/// ties). Shown to clients as an opaque string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cursor {
    /// The row's sort key (the list's own: a due time, or the id again).
    pub key: i64,
    /// The row's id.
    pub id: i64,
}

impl fmt::Display for Cursor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Two's complement bits in hex: opaque, short, and any i64 fits.
        write!(f, "{:x}.{:x}", self.key as u64, self.id as u64)
    }
}

impl FromStr for Cursor {
    type Err = PageError;

    fn from_str(text: &str) -> Result<Self, PageError> {
        let bad = || PageError::Cursor(text.chars().take(64).collect());
        let (key, id) = text.split_once('.').ok_or_else(bad)?;
        let number = |part: &str| {
            u64::from_str_radix(part, 16)
                .map(|bits| bits as i64)
                .map_err(|_| bad())
        };
        Ok(Self {
            key: number(key)?,
            id: number(id)?,
        })
    }
}

/// A page that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PageError {
    /// The limit is out of range.
    #[error("limit {0}: expected 1 to {MAX_PAGE}")]
    Limit(u32),
    /// The cursor is not one this API returned.
    #[error("cursor `{0}`: not a cursor this API returned")]
    Cursor(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_read_back_what_they_wrote() {
        for cursor in [
            Cursor { key: 0, id: 1 },
            Cursor {
                key: i64::MAX,
                id: 42,
            },
            Cursor { key: -5, id: 7 },
        ] {
            assert_eq!(cursor.to_string().parse::<Cursor>(), Ok(cursor));
        }
        for bad in ["", "12", "x.1", "1.", "1.2.3", "ffffffffffffffffff.1"] {
            assert!(bad.parse::<Cursor>().is_err(), "{bad}");
        }
    }

    #[test]
    fn a_page_says_whether_another_follows() {
        let page = Page::new(None, 2).expect("page");
        assert_eq!(page.fetch(), 3);
        let cursor = |n: &i64| Cursor { key: *n, id: *n };
        let full = page.of(vec![1, 2, 3], cursor);
        assert_eq!(full.items, [1, 2]);
        assert_eq!(full.next, Some(Cursor { key: 2, id: 2 }));
        let last = page.of(vec![1, 2], cursor);
        assert_eq!(last.next, None, "exactly the limit: nothing follows");
        assert_eq!(Page::new(None, 0), Err(PageError::Limit(0)));
        assert_eq!(Page::new(None, MAX_PAGE + 1), Err(PageError::Limit(501)));
    }
}
