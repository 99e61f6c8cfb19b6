//! The HSE tables: incidents with the people involved, the investigation, the steps of
//! their workflow, corrective and preventive actions, and hours worked.

pub mod incident {
    use sea_orm::entity::prelude::*;

    use crate::modules::hse::domain::{IncidentStatus, IncidentType, Severity};

    /// An incident as reported, then investigated and approved.
    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "hse_incidents")]
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
        /// `INC-2026-00042`, from the sequences service.
        pub number: String,
        pub title: String,
        pub description: String,
        pub severity: Severity,
        pub incident_type: IncidentType,
        pub occurred_at: DateTimeUtc,
        pub site_id: Option<Uuid>,
        /// Where on the site, in words.
        pub location: String,
        pub latitude: Option<f64>,
        pub longitude: Option<f64>,
        pub immediate_actions: Option<String>,
        pub reported_by: Uuid,
        pub assigned_to: Option<Uuid>,
        pub status: IncidentStatus,
        /// Bumped by every change; `If-Match` names it.
        pub revision: i32,
        /// The reporter's `Idempotency-Key`, with a hash of what they sent under it.
        pub idempotency_key: Option<String>,
        pub request_hash: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    crate::base_entity!();
    // Scope `own`: what one reported. Being assigned an incident is checked beside it.
    crate::tenanted!("incident", live, company: CompanyId = company_id, owner: ReportedBy = reported_by);
}

pub mod person {
    use sea_orm::entity::prelude::*;

    use crate::modules::hse::domain::{Employer, InjuryClass};

    /// Someone involved in an incident, and how they were hurt.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "hse_incident_people")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub incident_id: Uuid,
        pub position: i32,
        pub full_name: String,
        pub employer: Employer,
        /// When they are a user of the company.
        pub user_id: Option<Uuid>,
        pub injury_class: Option<InjuryClass>,
        pub days_lost: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod investigation {
    use sea_orm::entity::prelude::*;

    use crate::modules::hse::domain::InvestigationMethod;

    /// The investigation of an incident: one per incident.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "hse_investigations")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub incident_id: Uuid,
        pub method: InvestigationMethod,
        pub root_causes: Option<String>,
        pub contributing_factors: Option<String>,
        pub findings: Option<String>,
        /// User ids.
        pub investigators: Json,
        pub started_at: DateTimeUtc,
        pub completed_at: Option<DateTimeUtc>,
        pub updated_at: DateTimeUtc,
        pub updated_by: Option<Uuid>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod step {
    use sea_orm::entity::prelude::*;

    use crate::modules::hse::domain::IncidentStatus;

    /// One move of an incident's workflow, for its timeline.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "hse_incident_steps")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub incident_id: Uuid,
        pub transition: String,
        pub from_status: Option<IncidentStatus>,
        pub to_status: IncidentStatus,
        pub reason: Option<String>,
        pub by_user: Option<Uuid>,
        pub at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod action {
    use sea_orm::entity::prelude::*;

    use crate::modules::hse::domain::{ActionKind, ActionStatus};

    /// A corrective or preventive action (CAPA) raised by an incident.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "hse_actions")]
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
        pub incident_id: Uuid,
        /// `ACT-2026-00007`.
        pub number: String,
        pub kind: ActionKind,
        pub title: String,
        pub description: Option<String>,
        pub owner_id: Uuid,
        pub due_date: Date,
        pub status: ActionStatus,
        pub completed_at: Option<DateTimeUtc>,
        /// Someone other than the owner.
        pub verified_by: Option<Uuid>,
        pub verified_at: Option<DateTimeUtc>,
        /// When the owner was told it is overdue, and when the HSE managers were.
        pub overdue_notified_at: Option<DateTimeUtc>,
        pub escalated_at: Option<DateTimeUtc>,
        pub revision: i32,
        /// What its last move said: what was done, or why it was reopened or cancelled.
        pub status_note: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    crate::base_entity!();
    crate::tenanted!("action", live, company: CompanyId = company_id, owner: OwnerId = owner_id);
}

pub mod hours {
    use sea_orm::entity::prelude::*;

    /// Hours worked at a site in a month (the month's first day), for the rates.
    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "hse_hours_worked")]
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
        pub site_id: Uuid,
        pub month: Date,
        pub employee_hours: f64,
        pub contractor_hours: f64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    crate::base_entity!();
    crate::tenanted!("hours worked", live, company: CompanyId = company_id);
}
