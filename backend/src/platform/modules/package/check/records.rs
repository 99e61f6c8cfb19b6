//! Record types: their fields' options fit each field's type, the lists name fields that
//! can serve there, and a workflow's states are declared, distinct and all reachable.

use std::collections::BTreeSet;

use regex::RegexBuilder;

use super::Checker;
use crate::platform::modules::manifest::FieldType::{Attachment, Boolean, Choice, Link, LongText, Money, Number, Text};
use crate::platform::modules::manifest::{FieldDef, FieldType, RecordType, Workflow};

/// Types other than the package's own that a link may point at.
const CORE_LINKS: [&str; 2] = ["users", "sites"];

/// Bounds the compiled size of a field's pattern: it runs on every value saved.
const PATTERN_SIZE_LIMIT: usize = 1 << 20;

impl Checker<'_> {
    pub(super) fn record_types(&mut self) {
        let mut codes = BTreeSet::new();
        for (i, record_type) in self.manifest.record_types.iter().enumerate() {
            let at = format!("/record_types/{i}");
            if !codes.insert(record_type.code.as_str()) {
                self.error(format!("{at}/code"), "duplicate", format!("`{}` is used twice", record_type.code));
            }
            let permissions = &record_type.permissions;
            for (action, code) in [
                ("view", &permissions.view),
                ("create", &permissions.create),
                ("edit", &permissions.edit),
                ("delete", &permissions.delete),
            ] {
                self.permission(format!("{at}/permissions/{action}"), code);
            }
            let (mut fields, mut purposes) = (BTreeSet::new(), BTreeSet::new());
            for (j, field) in record_type.fields.iter().enumerate() {
                if !fields.insert(field.code.as_str()) {
                    let message = format!("`{}` is used twice", field.code);
                    self.error(format!("{at}/fields/{j}/code"), "duplicate", message);
                }
                // Attachments know their purpose, not their field: one field per purpose.
                if let Some(purpose) = field.purpose.as_deref().filter(|_| field.kind == Attachment)
                    && !purposes.insert(purpose)
                {
                    let message = format!("another attachment field takes `{purpose}` files");
                    self.error(format!("{at}/fields/{j}/purpose"), "duplicate", message);
                }
                self.field_options(&format!("{at}/fields/{j}"), field);
            }
            self.field_lists(&at, record_type);
            if let Some(workflow) = &record_type.workflow {
                self.workflow(&format!("{at}/workflow"), record_type, workflow);
            }
        }
    }

    fn field_options(&mut self, at: &str, field: &FieldDef) {
        // Option, whether it is given, the types that take it (as said), and whether
        // those types need it.
        let options: [(&str, bool, &[FieldType], &str, bool); 10] = [
            ("choices", !field.choices.is_empty(), &[Choice], "choice", true),
            ("link", field.link.is_some(), &[Link], "link", true),
            ("purpose", field.purpose.is_some(), &[Attachment], "attachment", true),
            ("max_files", field.max_files.is_some(), &[Attachment], "attachment", false),
            ("min_length", field.min_length.is_some(), &[Text, LongText], "text and long_text", false),
            ("max_length", field.max_length.is_some(), &[Text, LongText], "text and long_text", false),
            ("pattern", field.pattern.is_some(), &[Text, LongText], "text and long_text", false),
            ("min", field.min.is_some(), &[Number, Money], "number and money", false),
            ("max", field.max.is_some(), &[Number, Money], "number and money", false),
            ("currency", field.currency.is_some(), &[Money], "money", true),
        ];
        for (option, given, kinds, said, needed) in options {
            let fits = kinds.contains(&field.kind);
            if given && !fits {
                self.error(format!("{at}/{option}"), "not_allowed", format!("only {said} fields take `{option}`"));
            } else if !given && fits && needed {
                self.error(format!("{at}/{option}"), "required", format!("a {said} field needs `{option}`"));
            }
        }
        if field.unique && matches!(field.kind, LongText | Boolean | Attachment) {
            let message = "long_text, boolean and attachment fields cannot be unique";
            self.error(format!("{at}/unique"), "not_allowed", message);
        }
        let mut values = BTreeSet::new();
        for (k, choice) in field.choices.iter().enumerate() {
            if !values.insert(choice.value.as_str()) {
                let message = format!("`{}` is offered twice", choice.value);
                self.error(format!("{at}/choices/{k}/value"), "duplicate", message);
            }
        }
        if let Some(link) = field.link.as_deref().filter(|_| field.kind == Link)
            && !CORE_LINKS.contains(&link)
            && self.manifest.record_type(link).is_none()
        {
            let message = format!("`{link}` is neither users, sites nor one of the package's record types");
            self.error(format!("{at}/link"), "unknown_link", message);
        }
        if let Some(purpose) = field.purpose.as_deref().filter(|_| field.kind == Attachment)
            && !self.context.file_purposes.contains(&purpose)
        {
            let message = format!("`{purpose}` is not a file purpose; one of {:?}", self.context.file_purposes);
            self.error(format!("{at}/purpose"), "unknown_purpose", message);
        }
        if let (Some(min), Some(max)) = (field.min_length, field.max_length)
            && min > max
        {
            self.error(format!("{at}/max_length"), "range", format!("is below min_length ({min})"));
        }
        if let (Some(min), Some(max)) = (field.min, field.max)
            && min > max
        {
            self.error(format!("{at}/max"), "range", format!("is below min ({min})"));
        }
        if let Some(pattern) = &field.pattern
            && let Err(e) = RegexBuilder::new(pattern).size_limit(PATTERN_SIZE_LIMIT).build()
        {
            self.error(format!("{at}/pattern"), "invalid_pattern", e.to_string());
        }
    }

    fn field_lists(&mut self, at: &str, record_type: &RecordType) {
        if record_type.field(&record_type.title_field).is_none() {
            let message = format!("`{}` is not a field of the type", record_type.title_field);
            self.error(format!("{at}/title_field"), "unknown_field", message);
        }
        for (list, names) in [
            ("list_columns", &record_type.list_columns),
            ("filters", &record_type.filters),
            ("search_fields", &record_type.search_fields),
        ] {
            for (k, name) in names.iter().enumerate() {
                let field = format!("{at}/{list}/{k}");
                match record_type.field(name).map(|f| f.kind) {
                    None => self.error(field, "unknown_field", format!("`{name}` is not a field of the type")),
                    Some(LongText | Attachment) if list == "filters" => {
                        self.error(field, "not_filterable", "long_text and attachment fields cannot be filtered on")
                    }
                    Some(kind) if list == "search_fields" && !matches!(kind, Text | LongText) => {
                        self.error(field, "not_searchable", "only text and long_text fields can be searched")
                    }
                    Some(_) => {}
                }
            }
        }
    }

    fn workflow(&mut self, at: &str, record_type: &RecordType, workflow: &Workflow) {
        let mut states = BTreeSet::new();
        for (k, state) in workflow.states.iter().enumerate() {
            if !states.insert(state.code.as_str()) {
                self.error(format!("{at}/states/{k}/code"), "duplicate", format!("`{}` is used twice", state.code));
            }
            for (l, name) in state.required_fields.iter().enumerate() {
                let field = record_type.field(name);
                if field.is_none() {
                    let message = format!("`{name}` is not a field of the type");
                    self.error(format!("{at}/states/{k}/required_fields/{l}"), "unknown_field", message);
                }
                // Files attach to a record that exists: the first state cannot need them.
                if field.is_some_and(|f| f.kind == Attachment) && state.code == workflow.initial {
                    let message =
                        format!("`{name}` holds files, attached once the record exists: not in its first state");
                    self.error(format!("{at}/states/{k}/required_fields/{l}"), "not_allowed", message);
                }
            }
        }
        let unknown_state = |checker: &mut Self, field: String, state: &str| {
            if !states.contains(state) {
                checker.error(field, "unknown_state", format!("`{state}` is not a state of the workflow"));
            }
        };
        unknown_state(self, format!("{at}/initial"), &workflow.initial);
        let mut codes = BTreeSet::new();
        for (j, transition) in workflow.transitions.iter().enumerate() {
            let at = format!("{at}/transitions/{j}");
            if !codes.insert(transition.code.as_str()) {
                self.error(format!("{at}/code"), "duplicate", format!("`{}` is used twice", transition.code));
            }
            for (k, from) in transition.from.iter().enumerate() {
                unknown_state(self, format!("{at}/from/{k}"), from);
            }
            unknown_state(self, format!("{at}/to"), &transition.to);
            self.permission(format!("{at}/permission"), &transition.permission);
        }
        if !states.contains(workflow.initial.as_str()) {
            return;
        }
        let mut reached = BTreeSet::from([workflow.initial.as_str()]);
        loop {
            let before = reached.len();
            for transition in &workflow.transitions {
                if transition.from.iter().any(|from| reached.contains(from.as_str())) {
                    reached.insert(transition.to.as_str());
                }
            }
            if reached.len() == before {
                break;
            }
        }
        for (k, state) in workflow.states.iter().enumerate() {
            if !reached.contains(state.code.as_str()) {
                let message = format!("no transition leads to `{}` from `{}`", state.code, workflow.initial);
                self.error(format!("{at}/states/{k}/code"), "unreachable", message);
            }
        }
    }
}
