//! Records of package record types: their data checked and normalised against the
//! type (`value`, `validate`), the values lists filter on and uniqueness is kept by
//! (`index`), the rules of the generic API (`service`) and its routes (`api`), and the
//! events its writes send (`events`).

pub mod api;
pub mod events;
pub mod index;
pub mod service;
pub mod validate;
pub mod value;
