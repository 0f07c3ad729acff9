//! Paging of lists: `skip`/`limit` in, one page plus the total count out.

/// Which slice of a list to return. Both bounds are non-negative by construction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    /// How many rows to skip from the start (newest first).
    pub skip: u64,
    /// The most rows to return; `0` returns none (the count is still computed).
    pub limit: u64,
}

impl Default for PageRequest {
    /// The API's defaults: the first 100 rows.
    fn default() -> Self {
        Self {
            skip: 0,
            limit: 100,
        }
    }
}

/// One page of a list, newest first, and the number of rows the caller may see in total.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    /// The rows of this page.
    pub data: Vec<T>,
    /// All rows visible to the caller, ignoring `skip` and `limit`.
    pub count: u64,
}

impl<T> Page<T> {
    /// Maps the rows, keeping the count.
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            data: self.data.into_iter().map(f).collect(),
            count: self.count,
        }
    }
}
