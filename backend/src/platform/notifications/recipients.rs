//! Who a notification goes to: users named by id, by role (`role:hse_manager`: holders
//! of the role, directly or through a group), by group (`group:<name or id>`), or by a
//! field of the event that caused it (`field:assigned_to`). Always within one company,
//! active users only; a name that resolves to nobody is not an error.

use std::collections::BTreeSet;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use serde_json::Value;
use uuid::Uuid;

use crate::error::{ApiError, ApiResult};
use crate::infra::db::BaseEntity;
use crate::platform::rbac::grants;
use crate::platform::rbac::model::{group, group_member};
use crate::platform::users::model::{self as user, Entity as Users};

/// One recipient expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recipient {
    User(Uuid),
    Role(String),
    Group(String),
    /// A dotted path into the event's data holding a user id, a list of them, or
    /// objects with an `id`.
    Field(String),
}

impl Recipient {
    /// Reads `<uuid>`, `role:<code>`, `group:<name>` or `field:<path>`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let named = |rest: &str, what: &str| {
            let rest = rest.trim();
            if rest.is_empty() { Err(format!("`{what}:` needs a name after the colon")) } else { Ok(rest.to_owned()) }
        };
        if let Some(rest) = text.strip_prefix("role:") {
            return named(rest, "role").map(Self::Role);
        }
        if let Some(rest) = text.strip_prefix("group:") {
            return named(rest, "group").map(Self::Group);
        }
        if let Some(rest) = text.strip_prefix("field:") {
            return named(rest, "field").map(Self::Field);
        }
        Uuid::parse_str(text)
            .map(Self::User)
            .map_err(|_| format!("`{text}` is not a user id, `role:<code>`, `group:<name>` or `field:<path>`"))
    }
}

/// The active users of `company_id` the expressions name, each once, in id order.
/// `data` is the event's data, for `field:` recipients.
pub async fn resolve(
    db: &impl ConnectionTrait,
    company_id: Uuid,
    recipients: &[Recipient],
    data: Option<&Value>,
) -> ApiResult<Vec<user::Model>> {
    let mut ids = BTreeSet::new();
    for recipient in recipients {
        match recipient {
            Recipient::User(id) => {
                ids.insert(*id);
            }
            Recipient::Role(code) => ids.extend(grants::holders_of_role(db, company_id, code).await?),
            Recipient::Group(name) => ids.extend(members_of_group(db, company_id, name).await?),
            Recipient::Field(path) => ids.extend(data.map(|d| ids_at(d, path)).unwrap_or_default()),
        }
    }
    let ids: Vec<Uuid> = ids.into_iter().collect();
    let mut users = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(1000) {
        users.extend(
            Users::find_live()
                .filter(user::Column::Id.is_in(chunk.to_vec()))
                .filter(user::Column::CompanyId.eq(company_id))
                .filter(user::Column::IsActive.eq(true))
                .all(db)
                .await?,
        );
    }
    if users.is_empty() && !recipients.is_empty() {
        tracing::info!(?recipients, %company_id, "notification recipients resolve to nobody");
    }
    Ok(users)
}

async fn members_of_group(db: &impl ConnectionTrait, company_id: Uuid, name: &str) -> ApiResult<Vec<Uuid>> {
    let named = match Uuid::parse_str(name) {
        Ok(id) => group::Column::Id.eq(id),
        Err(_) => group::Column::Name.eq(name),
    };
    let groups: Vec<Uuid> = group::Entity::find_live()
        .select_only()
        .column(group::Column::Id)
        .filter(group::Column::CompanyId.eq(company_id))
        .filter(named)
        .into_tuple()
        .all(db)
        .await?;
    if groups.is_empty() {
        return Ok(Vec::new());
    }
    Ok(group_member::Entity::find()
        .select_only()
        .column(group_member::Column::UserId)
        .filter(group_member::Column::GroupId.is_in(groups))
        .into_tuple()
        .all(db)
        .await?)
}

/// User ids at `path` in `data`: an id, a list of ids, or objects (or lists of them)
/// with an `id`; anything else names nobody.
fn ids_at(data: &Value, path: &str) -> Vec<Uuid> {
    let found = path.split('.').try_fold(data, |value, key| value.get(key));
    let as_id = |value: &Value| match value {
        Value::String(text) => Uuid::parse_str(text).ok(),
        Value::Object(object) => object.get("id").and_then(Value::as_str).and_then(|t| Uuid::parse_str(t).ok()),
        _ => None,
    };
    match found {
        Some(Value::Array(items)) => items.iter().filter_map(as_id).collect(),
        Some(value) => as_id(value).into_iter().collect(),
        None => Vec::new(),
    }
}

/// Parses a list of recipient expressions, naming the first bad one.
pub fn parse_all(texts: &[String]) -> ApiResult<Vec<Recipient>> {
    texts
        .iter()
        .enumerate()
        .map(|(i, text)| {
            Recipient::parse(text)
                .map_err(|message| ApiError::field(format!("recipients[{i}]"), "invalid_recipient", message))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn expressions_parse_or_say_what_is_wrong() {
        let id = Uuid::now_v7();
        assert_eq!(Recipient::parse(&id.to_string()), Ok(Recipient::User(id)));
        assert_eq!(Recipient::parse("role:hse_manager"), Ok(Recipient::Role("hse_manager".into())));
        assert_eq!(Recipient::parse("group:Night shift"), Ok(Recipient::Group("Night shift".into())));
        assert_eq!(Recipient::parse("field:assigned_to"), Ok(Recipient::Field("assigned_to".into())));
        assert!(Recipient::parse("role:").unwrap_err().contains("needs a name"));
        assert!(Recipient::parse("bob").unwrap_err().contains("`bob`"));
    }

    #[test]
    fn a_field_may_hold_an_id_a_list_or_objects() {
        let (a, b) = (Uuid::now_v7(), Uuid::now_v7());
        let data = json!({
            "assigned_to": a.to_string(),
            "team": [a.to_string(), {"id": b.to_string()}, 42],
            "incident": {"reported_by": {"id": b.to_string()}},
        });
        assert_eq!(ids_at(&data, "assigned_to"), vec![a]);
        assert_eq!(ids_at(&data, "team"), vec![a, b]);
        assert_eq!(ids_at(&data, "incident.reported_by"), vec![b]);
        assert!(ids_at(&data, "missing.path").is_empty());
    }
}
