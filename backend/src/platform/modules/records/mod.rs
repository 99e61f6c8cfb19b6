//! Records of package record types, kept as JSON in generic tables: each record's data
//! checked and normalised against its type (`value`, `validate`), and what the side
//! tables keep so filters, uniqueness and search stay fast (`index`).

pub mod index;
pub mod validate;
pub mod value;
