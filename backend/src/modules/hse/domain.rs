//! The HSE vocabulary of DOMAIN.md, stored as text and spoken as snake_case JSON.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// Declares a string enum stored in a text column (its length is the migration's).
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema)]
        #[sea_orm(rs_type = "String", db_type = "String(StringLen::None)", rename_all = "snake_case")]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];
        }
    };
}

vocabulary! {
    /// How bad it was, low to critical.
    Severity { Low, Medium, High, Critical }
}

vocabulary! {
    /// What happened.
    IncidentType { Injury, NearMiss, Environment, PropertyDamage, Security, ProcessSafety }
}

vocabulary! {
    /// Where an incident is in its workflow.
    IncidentStatus { Draft, Submitted, UnderInvestigation, PendingApproval, Approved, Closed, Rejected }
}

vocabulary! {
    /// How badly a person was hurt, for the rates (TRIR counts all but first aid).
    InjuryClass { FirstAid, MedicalTreatment, RestrictedWork, LostTime, Fatality }
}

vocabulary! {
    /// Who a person involved works for: the company or a contractor.
    Employer { Employee, Contractor }
}

vocabulary! {
    /// How the root causes were looked for.
    InvestigationMethod { FiveWhys, Fishbone, Other }
}

vocabulary! {
    /// Corrective (fixes what happened) or preventive (stops it happening elsewhere).
    ActionKind { Corrective, Preventive }
}

vocabulary! {
    /// Where an action is.
    ActionStatus { Open, InProgress, Done, Verified, Cancelled }
}

impl IncidentStatus {
    /// No field of the incident changes any more.
    pub fn is_locked(self) -> bool {
        matches!(self, Self::Approved | Self::Closed)
    }
}

impl InjuryClass {
    /// Counts towards TRIR: anything beyond first aid.
    pub fn is_recordable(self) -> bool {
        !matches!(self, Self::FirstAid)
    }

    /// Days away, restricted or transferred (DART).
    pub fn is_dart(self) -> bool {
        matches!(self, Self::RestrictedWork | Self::LostTime | Self::Fatality)
    }

    /// A lost-time injury (LTIF).
    pub fn is_lost_time(self) -> bool {
        matches!(self, Self::LostTime | Self::Fatality)
    }
}

impl ActionStatus {
    /// Still to be done: it can fall overdue.
    pub fn is_pending(self) -> bool {
        matches!(self, Self::Open | Self::InProgress)
    }

    /// Verified or cancelled: it no longer changes, and its incident may close.
    pub fn is_settled(self) -> bool {
        matches!(self, Self::Verified | Self::Cancelled)
    }
}
