//! HSE Reports: incidents with the people involved, their investigation, the corrective
//! and preventive actions, the history of their workflow, and the hours worked per site
//! and month that the rates are computed from.

use sea_orm_migration::prelude::*;

use crate::base::{BaseTable, cascade};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum HseIncidents {
    Table,
    Id,
    CompanyId,
    Number,
    Title,
    Description,
    Severity,
    IncidentType,
    OccurredAt,
    SiteId,
    Location,
    Latitude,
    Longitude,
    ImmediateActions,
    ReportedBy,
    AssignedTo,
    Status,
    Revision,
    IdempotencyKey,
    RequestHash,
}

#[derive(DeriveIden)]
enum HseIncidentPeople {
    Table,
    Id,
    IncidentId,
    Position,
    FullName,
    Employer,
    UserId,
    InjuryClass,
    DaysLost,
}

#[derive(DeriveIden)]
enum HseInvestigations {
    Table,
    IncidentId,
    Method,
    RootCauses,
    ContributingFactors,
    Findings,
    Investigators,
    StartedAt,
    CompletedAt,
    UpdatedAt,
    UpdatedBy,
}

#[derive(DeriveIden)]
enum HseActions {
    Table,
    CompanyId,
    IncidentId,
    Number,
    Kind,
    Title,
    Description,
    OwnerId,
    DueDate,
    Status,
    CompletedAt,
    VerifiedBy,
    VerifiedAt,
    OverdueNotifiedAt,
    EscalatedAt,
    Revision,
}

#[derive(DeriveIden)]
enum HseIncidentSteps {
    Table,
    Id,
    IncidentId,
    Transition,
    FromStatus,
    ToStatus,
    Reason,
    ByUser,
    At,
}

#[derive(DeriveIden)]
enum HseHoursWorked {
    Table,
    CompanyId,
    SiteId,
    Month,
    EmployeeHours,
    ContractorHours,
}

#[derive(DeriveIden)]
enum Companies {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Sites {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(HseIncidents::Table)
                    .base_columns()
                    .col(ColumnDef::new(HseIncidents::CompanyId).uuid().not_null())
                    .col(ColumnDef::new(HseIncidents::Number).string_len(40).not_null())
                    .col(ColumnDef::new(HseIncidents::Title).string_len(200).not_null())
                    .col(ColumnDef::new(HseIncidents::Description).text().not_null())
                    .col(ColumnDef::new(HseIncidents::Severity).string_len(10).not_null())
                    .col(ColumnDef::new(HseIncidents::IncidentType).string_len(20).not_null())
                    .col(ColumnDef::new(HseIncidents::OccurredAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(HseIncidents::SiteId).uuid().null())
                    .col(ColumnDef::new(HseIncidents::Location).string_len(200).not_null())
                    .col(ColumnDef::new(HseIncidents::Latitude).double().null())
                    .col(ColumnDef::new(HseIncidents::Longitude).double().null())
                    .col(ColumnDef::new(HseIncidents::ImmediateActions).text().null())
                    .col(ColumnDef::new(HseIncidents::ReportedBy).uuid().not_null())
                    .col(ColumnDef::new(HseIncidents::AssignedTo).uuid().null())
                    .col(ColumnDef::new(HseIncidents::Status).string_len(24).not_null())
                    .col(ColumnDef::new(HseIncidents::Revision).integer().not_null())
                    .col(ColumnDef::new(HseIncidents::IdempotencyKey).string_len(100).null())
                    .col(ColumnDef::new(HseIncidents::RequestHash).string_len(64).null())
                    .foreign_key(&mut cascade(
                        (HseIncidents::Table, HseIncidents::CompanyId),
                        (Companies::Table, Companies::Id),
                    ))
                    .foreign_key(
                        ForeignKey::create()
                            .from(HseIncidents::Table, HseIncidents::SiteId)
                            .to(Sites::Table, Sites::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(HseIncidentPeople::Table)
                    .col(ColumnDef::new(HseIncidentPeople::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(HseIncidentPeople::IncidentId).uuid().not_null())
                    .col(ColumnDef::new(HseIncidentPeople::Position).integer().not_null())
                    .col(ColumnDef::new(HseIncidentPeople::FullName).string_len(200).not_null())
                    .col(ColumnDef::new(HseIncidentPeople::Employer).string_len(20).not_null())
                    .col(ColumnDef::new(HseIncidentPeople::UserId).uuid().null())
                    .col(ColumnDef::new(HseIncidentPeople::InjuryClass).string_len(24).null())
                    .col(ColumnDef::new(HseIncidentPeople::DaysLost).integer().not_null().default(0))
                    .foreign_key(&mut cascade(
                        (HseIncidentPeople::Table, HseIncidentPeople::IncidentId),
                        (HseIncidents::Table, HseIncidents::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(HseInvestigations::Table)
                    .col(ColumnDef::new(HseInvestigations::IncidentId).uuid().not_null().primary_key())
                    .col(ColumnDef::new(HseInvestigations::Method).string_len(20).not_null())
                    .col(ColumnDef::new(HseInvestigations::RootCauses).text().null())
                    .col(ColumnDef::new(HseInvestigations::ContributingFactors).text().null())
                    .col(ColumnDef::new(HseInvestigations::Findings).text().null())
                    .col(ColumnDef::new(HseInvestigations::Investigators).json().not_null())
                    .col(ColumnDef::new(HseInvestigations::StartedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(HseInvestigations::CompletedAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(HseInvestigations::UpdatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(HseInvestigations::UpdatedBy).uuid().null())
                    .foreign_key(&mut cascade(
                        (HseInvestigations::Table, HseInvestigations::IncidentId),
                        (HseIncidents::Table, HseIncidents::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(HseActions::Table)
                    .base_columns()
                    .col(ColumnDef::new(HseActions::CompanyId).uuid().not_null())
                    .col(ColumnDef::new(HseActions::IncidentId).uuid().not_null())
                    .col(ColumnDef::new(HseActions::Number).string_len(40).not_null())
                    .col(ColumnDef::new(HseActions::Kind).string_len(12).not_null())
                    .col(ColumnDef::new(HseActions::Title).string_len(200).not_null())
                    .col(ColumnDef::new(HseActions::Description).text().null())
                    .col(ColumnDef::new(HseActions::OwnerId).uuid().not_null())
                    .col(ColumnDef::new(HseActions::DueDate).date().not_null())
                    .col(ColumnDef::new(HseActions::Status).string_len(12).not_null())
                    .col(ColumnDef::new(HseActions::CompletedAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(HseActions::VerifiedBy).uuid().null())
                    .col(ColumnDef::new(HseActions::VerifiedAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(HseActions::OverdueNotifiedAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(HseActions::EscalatedAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(HseActions::Revision).integer().not_null())
                    .foreign_key(&mut cascade(
                        (HseActions::Table, HseActions::CompanyId),
                        (Companies::Table, Companies::Id),
                    ))
                    .foreign_key(&mut cascade(
                        (HseActions::Table, HseActions::IncidentId),
                        (HseIncidents::Table, HseIncidents::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(HseIncidentSteps::Table)
                    .col(ColumnDef::new(HseIncidentSteps::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(HseIncidentSteps::IncidentId).uuid().not_null())
                    .col(ColumnDef::new(HseIncidentSteps::Transition).string_len(24).not_null())
                    .col(ColumnDef::new(HseIncidentSteps::FromStatus).string_len(24).null())
                    .col(ColumnDef::new(HseIncidentSteps::ToStatus).string_len(24).not_null())
                    .col(ColumnDef::new(HseIncidentSteps::Reason).text().null())
                    .col(ColumnDef::new(HseIncidentSteps::ByUser).uuid().null())
                    .col(ColumnDef::new(HseIncidentSteps::At).timestamp_with_time_zone().not_null())
                    .foreign_key(&mut cascade(
                        (HseIncidentSteps::Table, HseIncidentSteps::IncidentId),
                        (HseIncidents::Table, HseIncidents::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(HseHoursWorked::Table)
                    .base_columns()
                    .col(ColumnDef::new(HseHoursWorked::CompanyId).uuid().not_null())
                    .col(ColumnDef::new(HseHoursWorked::SiteId).uuid().not_null())
                    .col(ColumnDef::new(HseHoursWorked::Month).date().not_null())
                    .col(ColumnDef::new(HseHoursWorked::EmployeeHours).double().not_null())
                    .col(ColumnDef::new(HseHoursWorked::ContractorHours).double().not_null())
                    .foreign_key(&mut cascade(
                        (HseHoursWorked::Table, HseHoursWorked::CompanyId),
                        (Companies::Table, Companies::Id),
                    ))
                    .foreign_key(&mut cascade(
                        (HseHoursWorked::Table, HseHoursWorked::SiteId),
                        (Sites::Table, Sites::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        for index in [
            "CREATE UNIQUE INDEX hse_incidents_number ON hse_incidents (company_id, number)",
            // A retried report (same person, same key) finds the incident it made.
            "CREATE UNIQUE INDEX hse_incidents_idempotency ON hse_incidents (company_id, reported_by, idempotency_key) \
             WHERE idempotency_key IS NOT NULL",
            // The lists: a company's newest first, by status, by occurrence for KPIs.
            "CREATE INDEX hse_incidents_company ON hse_incidents (company_id, id) WHERE deleted_at IS NULL",
            "CREATE INDEX hse_incidents_status ON hse_incidents (company_id, status, id) WHERE deleted_at IS NULL",
            "CREATE INDEX hse_incidents_occurred ON hse_incidents (company_id, occurred_at) WHERE deleted_at IS NULL",
            "CREATE INDEX hse_incidents_reporter ON hse_incidents (reported_by, id)",
            "CREATE INDEX hse_incidents_assignee ON hse_incidents (assigned_to, id)",
            "CREATE INDEX hse_incidents_updated ON hse_incidents (company_id, updated_at)",
            "CREATE INDEX hse_incident_people_incident ON hse_incident_people (incident_id, position)",
            "CREATE INDEX hse_incident_steps_incident ON hse_incident_steps (incident_id, at)",
            "CREATE UNIQUE INDEX hse_actions_number ON hse_actions (company_id, number)",
            "CREATE INDEX hse_actions_incident ON hse_actions (incident_id)",
            "CREATE INDEX hse_actions_owner ON hse_actions (owner_id, id) WHERE deleted_at IS NULL",
            // The overdue sweep: open actions by due date.
            "CREATE INDEX hse_actions_due ON hse_actions (due_date) WHERE deleted_at IS NULL AND status IN ('open', 'in_progress')",
            "CREATE UNIQUE INDEX hse_hours_worked_month ON hse_hours_worked (company_id, site_id, month) WHERE deleted_at IS NULL",
        ] {
            db.execute_unprepared(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            HseHoursWorked::Table.into_iden(),
            HseIncidentSteps::Table.into_iden(),
            HseActions::Table.into_iden(),
            HseInvestigations::Table.into_iden(),
            HseIncidentPeople::Table.into_iden(),
            HseIncidents::Table.into_iden(),
        ] {
            manager.drop_table(Table::drop().table(table).to_owned()).await?;
        }
        Ok(())
    }
}
