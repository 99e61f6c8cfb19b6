//! Records of package record types: their data checked and normalised against the
//! type (`value`, `validate`), the values lists filter on and uniqueness is kept by
//! (`index`) and the side rows a write keeps (`store`), the rules of the generic API
//! (`service`, `list`), what it reads and returns (`out`) and its routes (`api`), and the
//! events its writes send (`events`); files on records (`files`); each type as a file
//! to import and export (`transfer`); the served OpenAPI document names each type's
//! routes (`openapi`).

pub mod api;
pub mod events;
pub mod files;
pub mod index;
pub mod list;
pub mod openapi;
pub mod out;
pub mod service;
pub mod store;
pub mod transfer;
pub mod validate;
pub mod value;
