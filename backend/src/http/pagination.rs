//! Cursor pagination for list routes: `?limit=&cursor=` in, `{items, next_cursor}` out.
//!
//! Lists are ordered newest first by id (UUIDv7 ids sort by creation time), and the
//! cursor is an opaque token for "rows older than this id": stable while rows are
//! added, cheap on any table size (an index range scan, no OFFSET).

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PartialModelTrait, QueryFilter, QueryOrder, QuerySelect, Select,
};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::error::{ApiError, ApiResult};
use crate::infra::db::BaseEntity;

pub const DEFAULT_LIMIT: u64 = 50;
pub const MAX_LIMIT: u64 = 200;
const CURSOR_VERSION: &str = "v1";

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageQuery {
    /// Items per page, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200, example = 50)]
    pub limit: Option<u64>,
    /// `next_cursor` of the previous page; omit for the first page.
    pub cursor: Option<String>,
}

/// One page of a list.
#[derive(Debug, Serialize, ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Pass as `cursor` to get the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

impl<T> Page<T> {
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page { items: self.items.into_iter().map(f).collect(), next_cursor: self.next_cursor }
    }
}

impl PageQuery {
    pub fn limit(&self) -> ApiResult<u64> {
        match self.limit {
            None => Ok(DEFAULT_LIMIT),
            Some(n @ 1..=MAX_LIMIT) => Ok(n),
            Some(_) => {
                Err(ApiError::bad_request("invalid_limit", format!("`limit` must be between 1 and {MAX_LIMIT}.")))
            }
        }
    }

    /// The id the previous page ended on.
    pub fn after(&self) -> ApiResult<Option<Uuid>> {
        self.cursor.as_deref().map(decode_cursor).transpose()
    }
}

pub fn encode_cursor(last_id: Uuid) -> String {
    URL_SAFE_NO_PAD.encode(format!("{CURSOR_VERSION}:{last_id}"))
}

fn decode_cursor(cursor: &str) -> ApiResult<Uuid> {
    let invalid = || ApiError::bad_request("invalid_cursor", "`cursor` is not a cursor returned by this list.");
    let bytes = URL_SAFE_NO_PAD.decode(cursor).map_err(|_| invalid())?;
    let text = std::str::from_utf8(&bytes).map_err(|_| invalid())?;
    let id = text.strip_prefix(CURSOR_VERSION).and_then(|rest| rest.strip_prefix(':')).ok_or_else(invalid)?;
    Uuid::parse_str(id).map_err(|_| invalid())
}

/// Runs `select` for one page, newest first.
pub async fn paginate<E: BaseEntity>(
    db: &impl ConnectionTrait,
    select: Select<E>,
    query: &PageQuery,
) -> ApiResult<Page<E::Model>> {
    paginate_by_id(db, select, E::id_column(), E::model_id, query).await
}

/// [`paginate`] for tables without the base columns: keyed by a UUIDv7 `id_column`.
pub async fn paginate_by_id<E: EntityTrait>(
    db: &impl ConnectionTrait,
    select: Select<E>,
    id_column: E::Column,
    id_of: impl Fn(&E::Model) -> Uuid,
    query: &PageQuery,
) -> ApiResult<Page<E::Model>> {
    let (select, limit) = one_page(select, id_column, query)?;
    Ok(Page::cut(select.all(db).await?, limit, id_of))
}

/// [`paginate_by_id`] reading only the columns of the partial model `M`: for hot lists
/// whose rows carry columns the answer does not show.
pub async fn paginate_partial<E: EntityTrait, M: PartialModelTrait + Send>(
    db: &impl ConnectionTrait,
    select: Select<E>,
    id_column: E::Column,
    id_of: impl Fn(&M) -> Uuid,
    query: &PageQuery,
) -> ApiResult<Page<M>> {
    let (select, limit) = one_page(select, id_column, query)?;
    Ok(Page::cut(select.into_partial_model::<M>().all(db).await?, limit, id_of))
}

/// `select` ordered newest first from the cursor, one row past the page to tell whether
/// another follows.
fn one_page<E: EntityTrait>(select: Select<E>, id_column: E::Column, query: &PageQuery) -> ApiResult<(Select<E>, u64)> {
    let limit = query.limit()?;
    let mut select = select.order_by_desc(id_column).limit(limit + 1);
    if let Some(after) = query.after()? {
        select = select.filter(id_column.lt(after));
    }
    Ok((select, limit))
}

impl<T> Page<T> {
    /// The page of `limit` from rows read one past it.
    fn cut(mut items: Vec<T>, limit: u64, id_of: impl Fn(&T) -> Uuid) -> Self {
        let next_cursor = if items.len() as u64 > limit {
            items.truncate(limit as usize);
            items.last().map(|m| encode_cursor(id_of(m)))
        } else {
            None
        };
        Page { items, next_cursor }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip() {
        let id = Uuid::now_v7();
        let q = PageQuery { limit: None, cursor: Some(encode_cursor(id)) };
        assert_eq!(q.after().unwrap(), Some(id));
    }

    #[test]
    fn garbage_cursors_are_rejected() {
        for bad in
            ["%%%", "bm90LWEtY3Vyc29y", &URL_SAFE_NO_PAD.encode("v1:not-a-uuid"), &URL_SAFE_NO_PAD.encode("v9:0192")]
        {
            let q = PageQuery { limit: None, cursor: Some(bad.to_string()) };
            assert_eq!(q.after().unwrap_err().code(), "invalid_cursor", "{bad}");
        }
    }

    #[test]
    fn limits_are_bounded() {
        assert_eq!(PageQuery::default().limit().unwrap(), DEFAULT_LIMIT);
        assert!(PageQuery { limit: Some(0), cursor: None }.limit().is_err());
        assert!(PageQuery { limit: Some(MAX_LIMIT + 1), cursor: None }.limit().is_err());
        assert_eq!(PageQuery { limit: Some(MAX_LIMIT), cursor: None }.limit().unwrap(), MAX_LIMIT);
    }
}
