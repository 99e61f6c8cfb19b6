//! Installed packages, each company's enabled modules, and package records with the
//! values their lists filter on.

pub mod package {
    use sea_orm::entity::prelude::*;

    /// A module package as installed: its manifest (checked) and its scripts, once for
    /// the whole platform; companies enable it one by one.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "module_packages")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        #[sea_orm(unique)]
        pub code: String,
        pub version: String,
        pub manifest: Json,
        /// Its Rhai scripts by path (`scripts/flag.rhai`).
        pub scripts: Json,
        /// SHA-256 of the uploaded archive.
        pub sha256: String,
        /// The publisher whose signature it carried, if any.
        pub signed_by: Option<String>,
        pub installed_at: DateTimeUtc,
        pub installed_by: Option<Uuid>,
        pub updated_at: DateTimeUtc,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod company_module {
    use sea_orm::entity::prelude::*;

    /// Whether a company has a module on; no row is off.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "company_modules")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub company_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub code: String,
        pub enabled: bool,
        pub changed_at: DateTimeUtc,
        pub changed_by: Option<Uuid>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod record {
    use sea_orm::entity::prelude::*;

    /// A record of a package's record type, its data checked against the type.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "module_records")]
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
        pub module: String,
        pub record_type: String,
        /// Its human number, when the type is numbered.
        pub number: Option<String>,
        /// Its workflow state, when the type has a workflow.
        pub state: Option<String>,
        pub title: String,
        pub data: Json,
        /// The search fields' words, lowercased.
        pub search: String,
        /// Bumped by every change: the `ETag` that `If-Match` names.
        pub revision: i32,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    crate::base_entity!();
    crate::tenanted!("record", live, company: CompanyId = company_id, owner: CreatedBy = created_by);
}

pub mod record_value {
    use sea_orm::entity::prelude::*;

    /// One filterable or unique field's value of a record.
    #[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
    #[sea_orm(table_name = "module_record_values")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub record_id: Uuid,
        #[sea_orm(primary_key, auto_increment = false)]
        pub field: String,
        pub company_id: Uuid,
        pub module: String,
        pub record_type: String,
        pub text: Option<String>,
        pub number: Option<f64>,
        pub unique_text: Option<String>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
