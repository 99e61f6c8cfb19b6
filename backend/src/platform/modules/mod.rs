//! The module manager (in progress): module packages' manifest (`manifest`), reading
//! and checking a package (`package`), and checking package records (`records`).

pub mod manifest;
pub mod package;
pub mod records;
