//! A company's format for one kind of number, and its counters, one per period.

pub mod sequence {
    use sea_orm::entity::prelude::*;

    use crate::platform::companies::model as company;

    /// Written from the kind's defaults the first time the company takes a number of
    /// that kind or an administrator changes its format.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "sequences")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub id: Uuid,
        pub company_id: Uuid,
        /// The kind's code, `hse.incident`.
        pub code: String,
        pub prefix: String,
        /// Digits the value is padded to.
        pub padding: i16,
        /// `year`, `month` or `none`.
        pub period: String,
        pub created_at: DateTimeUtc,
        pub updated_at: DateTimeUtc,
        pub updated_by: Option<Uuid>,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {
        #[sea_orm(belongs_to = "company::Entity", from = "Column::CompanyId", to = "company::Column::Id")]
        Company,
    }

    impl Related<company::Entity> for Entity {
        fn to() -> RelationDef {
            Relation::Company.def()
        }
    }

    impl ActiveModelBehavior for ActiveModel {}
}

pub mod counter {
    use sea_orm::entity::prelude::*;

    /// The last value taken in one period (`2026`) of a sequence.
    #[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
    #[sea_orm(table_name = "sequence_counters")]
    pub struct Model {
        #[sea_orm(primary_key, auto_increment = false)]
        pub sequence_id: Uuid,
        /// `2026`, `2026-12`, or empty for a sequence that never restarts.
        #[sea_orm(primary_key, auto_increment = false)]
        pub period_key: String,
        pub last_value: i64,
    }

    #[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
    pub enum Relation {}

    impl ActiveModelBehavior for ActiveModel {}
}
