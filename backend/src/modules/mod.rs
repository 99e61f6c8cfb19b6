//! Business modules, built on the platform's public services and listed in
//! `crate::registry` like any concern; companies turn each on and off
//! (`Module::business`).

pub mod hse;
