//! Calendar: events (single or recurring per RFC 5545, with changed occurrences as rows
//! of their own), their attendees and answers, the reminders already sent (one row per
//! occurrence, offset and person: what keeps workers from sending one twice), and each
//! user's iCal feed token.

use sea_orm_migration::prelude::*;

use crate::base::{BaseTable, cascade};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum CalendarEvents {
    Table,
    Id,
    CompanyId,
    OrganizerId,
    Title,
    Description,
    Location,
    SiteId,
    TimeZone,
    AllDay,
    StartsAt,
    EndsAt,
    Rrule,
    Exdates,
    SeriesEndsAt,
    SeriesId,
    OriginalStart,
    Invitees,
    Category,
    Color,
    Visibility,
    Reminders,
    Sequence,
}

#[derive(DeriveIden)]
enum CalendarAttendees {
    Table,
    Id,
    EventId,
    UserId,
    Response,
    RespondedAt,
}

#[derive(DeriveIden)]
enum CalendarRemindersSent {
    Table,
    EventId,
    OccurrenceStart,
    MinutesBefore,
    SentAt,
}

#[derive(DeriveIden)]
enum CalendarFeeds {
    Table,
    UserId,
    TokenHash,
    CreatedAt,
    LastUsedAt,
}

#[derive(DeriveIden)]
enum Companies {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum Users {
    Table,
    Id,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(CalendarEvents::Table)
                    .base_columns()
                    .col(ColumnDef::new(CalendarEvents::CompanyId).uuid().not_null())
                    .col(ColumnDef::new(CalendarEvents::OrganizerId).uuid().not_null())
                    .col(ColumnDef::new(CalendarEvents::Title).string_len(200).not_null())
                    .col(ColumnDef::new(CalendarEvents::Description).text().null())
                    .col(ColumnDef::new(CalendarEvents::Location).string_len(200).null())
                    .col(ColumnDef::new(CalendarEvents::SiteId).uuid().null())
                    .col(ColumnDef::new(CalendarEvents::TimeZone).string_len(64).not_null())
                    .col(ColumnDef::new(CalendarEvents::AllDay).boolean().not_null().default(false))
                    .col(ColumnDef::new(CalendarEvents::StartsAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(CalendarEvents::EndsAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(CalendarEvents::Rrule).string_len(500).null())
                    .col(ColumnDef::new(CalendarEvents::Exdates).json().not_null())
                    // The end of the last occurrence; null while the rule never ends.
                    .col(ColumnDef::new(CalendarEvents::SeriesEndsAt).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(CalendarEvents::SeriesId).uuid().null())
                    .col(ColumnDef::new(CalendarEvents::OriginalStart).timestamp_with_time_zone().null())
                    .col(ColumnDef::new(CalendarEvents::Invitees).json().not_null())
                    .col(ColumnDef::new(CalendarEvents::Category).string_len(40).null())
                    .col(ColumnDef::new(CalendarEvents::Color).string_len(7).null())
                    .col(ColumnDef::new(CalendarEvents::Visibility).string_len(10).not_null())
                    .col(ColumnDef::new(CalendarEvents::Reminders).json().not_null())
                    .col(ColumnDef::new(CalendarEvents::Sequence).integer().not_null().default(0))
                    .foreign_key(&mut cascade(
                        (CalendarEvents::Table, CalendarEvents::CompanyId),
                        (Companies::Table, Companies::Id),
                    ))
                    .foreign_key(&mut cascade(
                        (CalendarEvents::Table, CalendarEvents::SeriesId),
                        (CalendarEvents::Table, CalendarEvents::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CalendarAttendees::Table)
                    .col(ColumnDef::new(CalendarAttendees::Id).uuid().not_null().primary_key())
                    .col(ColumnDef::new(CalendarAttendees::EventId).uuid().not_null())
                    .col(ColumnDef::new(CalendarAttendees::UserId).uuid().not_null())
                    .col(ColumnDef::new(CalendarAttendees::Response).string_len(20).not_null())
                    .col(ColumnDef::new(CalendarAttendees::RespondedAt).timestamp_with_time_zone().null())
                    .foreign_key(&mut cascade(
                        (CalendarAttendees::Table, CalendarAttendees::EventId),
                        (CalendarEvents::Table, CalendarEvents::Id),
                    ))
                    .foreign_key(&mut cascade(
                        (CalendarAttendees::Table, CalendarAttendees::UserId),
                        (Users::Table, Users::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CalendarRemindersSent::Table)
                    .col(ColumnDef::new(CalendarRemindersSent::EventId).uuid().not_null())
                    .col(ColumnDef::new(CalendarRemindersSent::OccurrenceStart).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(CalendarRemindersSent::MinutesBefore).integer().not_null())
                    .col(ColumnDef::new(CalendarRemindersSent::SentAt).timestamp_with_time_zone().not_null())
                    .primary_key(
                        Index::create()
                            .col(CalendarRemindersSent::EventId)
                            .col(CalendarRemindersSent::OccurrenceStart)
                            .col(CalendarRemindersSent::MinutesBefore),
                    )
                    .foreign_key(&mut cascade(
                        (CalendarRemindersSent::Table, CalendarRemindersSent::EventId),
                        (CalendarEvents::Table, CalendarEvents::Id),
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(CalendarFeeds::Table)
                    .col(ColumnDef::new(CalendarFeeds::UserId).uuid().not_null().primary_key())
                    .col(ColumnDef::new(CalendarFeeds::TokenHash).string_len(64).not_null().unique_key())
                    .col(ColumnDef::new(CalendarFeeds::CreatedAt).timestamp_with_time_zone().not_null())
                    .col(ColumnDef::new(CalendarFeeds::LastUsedAt).timestamp_with_time_zone().null())
                    .foreign_key(&mut cascade((CalendarFeeds::Table, CalendarFeeds::UserId), (Users::Table, Users::Id)))
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        for index in [
            // Range queries: a company's live events starting before the range's end.
            "CREATE INDEX calendar_events_range ON calendar_events (company_id, starts_at) WHERE deleted_at IS NULL",
            "CREATE INDEX calendar_events_series ON calendar_events (series_id) WHERE series_id IS NOT NULL",
            "CREATE UNIQUE INDEX calendar_attendees_once ON calendar_attendees (event_id, user_id)",
            "CREATE INDEX calendar_attendees_user ON calendar_attendees (user_id)",
        ] {
            db.execute_unprepared(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["calendar_feeds", "calendar_reminders_sent", "calendar_attendees", "calendar_events"] {
            manager.drop_table(Table::drop().table(Alias::new(table)).to_owned()).await?;
        }
        Ok(())
    }
}
