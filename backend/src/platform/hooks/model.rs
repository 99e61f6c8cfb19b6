//! Hooks and their runs.

pub mod hook {
    use sea_orm::entity::prelude::*;

    /// The seed's `Hook`: when `event` happens in the company and `conditions` match,
    /// run `actions`, hooks in `priority` order (lowest first).
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "hooks")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
        pub created_by: Option<Uuid>,
        pub updated_by: Option<Uuid>,
        pub deleted_at: Option<DateTimeUtc>,
        pub deleted_by: Option<Uuid>,
        pub company_id: Uuid,
        pub name: String,
        pub event: String,
        pub is_active: bool,
        pub conditions: Option<Json>,
        pub actions: Json,
        pub priority: i32,
        /// The module that installed it, if one did.
        pub module: Option<String>,
        /// Resting while its module is off for the company.
        pub paused: bool,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    crate::base_entity!();
    crate::tenanted!("hook", live, company: CompanyId = company_id, owner: CreatedBy = created_by);

    impl Model {
        /// Whether its conditions hold for `context` (no conditions: always).
        pub fn matches(
            &self,
            context: &serde_json::Value,
        ) -> Result<bool, crate::platform::hooks::conditions::ConditionError> {
            let condition = self.conditions.as_ref().map(crate::platform::hooks::conditions::parse).transpose()?;
            Ok(condition.is_none_or(|c| c.matches(context)))
        }
    }
}

pub mod execution {
    use sea_orm::entity::prelude::*;

    /// The seed's `HookExecution`: one matched run of a hook.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "hook_executions")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub hook_id: Uuid,
        pub company_id: Uuid,
        pub event_id: Option<Uuid>,
        pub event_type: String,
        pub context: Json,
        pub matched: bool,
        pub success: bool,
        pub error: Option<String>,
        pub duration_ms: i32,
        /// What each action did (or why it failed).
        pub actions: Json,
        pub created_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
