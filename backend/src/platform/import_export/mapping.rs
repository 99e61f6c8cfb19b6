//! Which field each of a file's columns fills: as the importer chose, else guessed from
//! the header (a field's name or its French or English label, any case or accents).

use std::collections::BTreeMap;

use super::resource::Field;
use crate::error::{ApiError, ApiResult, FieldError};

/// A column header → the field it fills, `None` for a column left out.
pub type Mapping = BTreeMap<String, Option<String>>;

/// The field of each column, in the file's order.
pub fn resolve(header: &[String], fields: &'static [Field], chosen: Option<&Mapping>) -> Vec<Option<&'static Field>> {
    let mut taken: Vec<&str> = Vec::new();
    header
        .iter()
        .map(|column| {
            let field = match chosen.and_then(|m| m.get(column)) {
                Some(choice) => choice.as_deref().and_then(|name| fields.iter().find(|f| f.name == name)),
                None => guess(column, fields),
            }
            .filter(|f| !taken.contains(&f.name));
            if let Some(field) = field {
                taken.push(field.name);
            }
            field
        })
        .collect()
}

/// The mapping as the report shows it.
pub fn shown(header: &[String], columns: &[Option<&'static Field>]) -> Mapping {
    header.iter().cloned().zip(columns.iter().map(|f| f.map(|f| f.name.to_owned()))).collect()
}

/// Required fields no column fills.
pub fn missing(fields: &'static [Field], columns: &[Option<&'static Field>]) -> Vec<String> {
    fields
        .iter()
        .filter(|f| f.required && !columns.iter().flatten().any(|c| c.name == f.name))
        .map(|f| f.name.to_owned())
        .collect()
}

/// 422 when a chosen mapping names a field the resource does not have.
pub fn check(fields: &'static [Field], chosen: Option<&Mapping>) -> ApiResult<()> {
    let errors: Vec<FieldError> = chosen
        .into_iter()
        .flatten()
        .filter_map(|(column, field)| Some((column, field.as_deref()?)))
        .filter(|(_, field)| !fields.iter().any(|f| f.name == *field))
        .map(|(column, field)| {
            let known: Vec<&str> = fields.iter().map(|f| f.name).collect();
            FieldError::new(
                format!("mapping.{column}"),
                "unknown_field",
                format!("`{field}` is not a field of this resource; one of: {}", known.join(", ")),
            )
        })
        .collect();
    if errors.is_empty() { Ok(()) } else { Err(ApiError::Validation(errors)) }
}

fn guess(column: &str, fields: &'static [Field]) -> Option<&'static Field> {
    let wanted = simple(column);
    fields.iter().find(|f| [f.name, f.label_fr, f.label_en].iter().any(|n| simple(n) == wanted))
}

/// Lower case, no accents, no spaces, dashes or underscores: `Nom complet` = `nom_complet`.
fn simple(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'â' | 'ä' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' => 'i',
            'ô' | 'ö' => 'o',
            'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            other => other,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::platform::import_export::resource::FieldKind;

    static FIELDS: [Field; 3] = [
        Field {
            name: "email",
            label_fr: "E-mail",
            label_en: "Email",
            kind: FieldKind::Email,
            required: true,
            example: "",
        },
        Field {
            name: "full_name",
            label_fr: "Nom complet",
            label_en: "Full name",
            kind: FieldKind::Text,
            required: true,
            example: "",
        },
        Field {
            name: "roles",
            label_fr: "Rôles",
            label_en: "Roles",
            kind: FieldKind::List,
            required: false,
            example: "",
        },
    ];

    fn names(columns: &[Option<&'static Field>]) -> Vec<Option<&'static str>> {
        columns.iter().map(|f| f.map(|f| f.name)).collect()
    }

    #[test]
    fn headers_are_matched_by_name_or_label_in_either_language() {
        let header = ["E-mail", "Nom complet", "ROLES", "Notes"].map(String::from);
        assert_eq!(names(&resolve(&header, &FIELDS, None)), [Some("email"), Some("full_name"), Some("roles"), None]);
    }

    #[test]
    fn a_chosen_mapping_wins_and_a_field_is_filled_once() {
        let header = ["mail", "name", "name2"].map(String::from);
        let chosen: Mapping = [
            ("mail".to_owned(), Some("email".to_owned())),
            ("name".to_owned(), Some("full_name".to_owned())),
            ("name2".to_owned(), Some("full_name".to_owned())),
        ]
        .into();
        let columns = resolve(&header, &FIELDS, Some(&chosen));
        assert_eq!(names(&columns), [Some("email"), Some("full_name"), None]);
        assert!(missing(&FIELDS, &columns).is_empty());
        assert_eq!(missing(&FIELDS, &resolve(&header, &FIELDS, None)), ["email", "full_name"]);
        let wrong: Mapping = [("mail".to_owned(), Some("mail".to_owned()))].into();
        assert!(check(&FIELDS, Some(&wrong)).is_err());
    }
}
