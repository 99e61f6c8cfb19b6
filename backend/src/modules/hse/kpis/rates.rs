//! The injury rates, from cases and hours. Per 200,000 hours (100 people for a year,
//! OSHA): TRIR, DART and the severity rate; per 1,000,000 hours: LTIF and TRIFR.

use serde::Serialize;
use utoipa::ToSchema;

use crate::modules::hse::domain::InjuryClass;

/// Cases counted from the people hurt.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub struct Cases {
    /// Beyond first aid.
    pub recordable: u32,
    /// Days away, restricted or transferred.
    pub dart: u32,
    pub lost_time: u32,
    pub days_lost: u32,
}

impl Cases {
    /// `people` hurt as `class`, who lost `days_lost` days between them.
    pub fn add(&mut self, class: InjuryClass, people: u32, days_lost: i64) {
        self.recordable += people * u32::from(class.is_recordable());
        self.dart += people * u32::from(class.is_dart());
        self.lost_time += people * u32::from(class.is_lost_time());
        self.days_lost += u32::try_from(days_lost).unwrap_or(0);
    }

    pub fn plus(self, other: Self) -> Self {
        Self {
            recordable: self.recordable + other.recordable,
            dart: self.dart + other.dart,
            lost_time: self.lost_time + other.lost_time,
            days_lost: self.days_lost + other.days_lost,
        }
    }
}

/// One population's cases, hours and rates; a rate is `null` without hours.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Rates {
    pub hours: f64,
    pub recordable_cases: u32,
    pub dart_cases: u32,
    pub lost_time_injuries: u32,
    pub days_lost: u32,
    /// Recordable cases per 200,000 hours.
    pub trir: Option<f64>,
    /// DART cases per 200,000 hours.
    pub dart: Option<f64>,
    /// Lost-time injuries per 1,000,000 hours.
    pub ltif: Option<f64>,
    /// Recordable cases per 1,000,000 hours.
    pub trifr: Option<f64>,
    /// Days lost per 200,000 hours.
    pub severity_rate: Option<f64>,
}

impl Rates {
    pub fn of(cases: Cases, hours: f64) -> Self {
        let per = |count: u32, base: f64| (hours > 0.0).then(|| round(f64::from(count) * base / hours));
        Self {
            hours,
            recordable_cases: cases.recordable,
            dart_cases: cases.dart,
            lost_time_injuries: cases.lost_time,
            days_lost: cases.days_lost,
            trir: per(cases.recordable, 200_000.0),
            dart: per(cases.dart, 200_000.0),
            ltif: per(cases.lost_time, 1_000_000.0),
            trifr: per(cases.recordable, 1_000_000.0),
            severity_rate: per(cases.days_lost, 200_000.0),
        }
    }
}

/// Two decimals, as rates are reported.
fn round(rate: f64) -> f64 {
    (rate * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_follow_their_definitions() {
        let mut cases = Cases::default();
        cases.add(InjuryClass::FirstAid, 2, 0);
        cases.add(InjuryClass::MedicalTreatment, 1, 0);
        cases.add(InjuryClass::LostTime, 1, 12);
        // 2 recordable, 1 DART, 1 lost time, 12 days over 400,000 hours.
        let rates = Rates::of(cases, 400_000.0);
        assert_eq!(rates.trir, Some(1.0)); // 2 × 200,000 / 400,000
        assert_eq!(rates.dart, Some(0.5)); // 1 × 200,000 / 400,000
        assert_eq!(rates.ltif, Some(2.5)); // 1 × 1,000,000 / 400,000
        assert_eq!(rates.trifr, Some(5.0)); // 2 × 1,000,000 / 400,000
        assert_eq!(rates.severity_rate, Some(6.0)); // 12 × 200,000 / 400,000
    }

    #[test]
    fn without_hours_there_is_no_rate() {
        let rates = Rates::of(Cases { recordable: 3, ..Cases::default() }, 0.0);
        assert_eq!((rates.trir, rates.ltif), (None, None));
        assert_eq!(rates.recordable_cases, 3);
    }
}
