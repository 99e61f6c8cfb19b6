//! Files, attachments and the files' jobs.

pub mod file {
    use sea_orm::entity::prelude::*;

    /// An upload: scanned, stored under a random key, with its SHA-256.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "files")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
        /// Who uploaded it.
        pub created_by: Option<Uuid>,
        pub updated_by: Option<Uuid>,
        pub deleted_at: Option<DateTimeUtc>,
        pub deleted_by: Option<Uuid>,
        pub company_id: Uuid,
        pub purpose: String,
        /// The name it came with, for display and downloads; never a storage path.
        pub name: String,
        /// As the content's magic bytes tell it.
        pub content_type: String,
        pub size: i64,
        /// Of the stored bytes, checked again on download.
        pub sha256: String,
        pub storage_key: String,
        /// See [`super::super::service::Status`].
        pub status: String,
        /// What the scanner found, for an infected file.
        pub signature: Option<String>,
        pub width: Option<i32>,
        pub height: Option<i32>,
        /// Set once the thumbnail job has made it.
        pub thumbnail_key: Option<String>,
        pub thumbnail_size: Option<i64>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    crate::base_entity!();
    crate::tenanted!("file", live, company: CompanyId = company_id, owner: CreatedBy = created_by);
}

pub mod attachment {
    use sea_orm::entity::prelude::*;

    /// A file on a record of some module, in an order, with a caption.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "attachments")]
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
        pub file_id: Uuid,
        /// The record's model (`hse.incident`), which names the rule that guards it.
        pub model: String,
        pub record_id: Uuid,
        pub position: i32,
        pub caption: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    crate::base_entity!();
}

pub mod job {
    use sea_orm::entity::prelude::*;

    /// Work on a file after its upload, run by the delivery engine with retries:
    /// `thumbnail`, or `scan` for one kept in quarantine.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "file_jobs")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub created_at: DateTimeUtc,
        pub company_id: Uuid,
        pub file_id: Uuid,
        pub job: String,
        pub status: String,
        pub attempts: i32,
        pub max_attempts: i32,
        pub next_attempt_at: DateTimeUtc,
        pub enqueued_at: Option<DateTimeUtc>,
        pub locked_until: Option<DateTimeUtc>,
        pub last_error: Option<String>,
        pub finished_at: Option<DateTimeUtc>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

crate::delivery_table!(job, "file_job", finished: FinishedAt);
