//! Secrets in messages (the token of a reset or invitation link, a verification code)
//! are for their recipient only. A queued email, SMS or push keeps, in the columns that
//! administrators read through the API, its content with `[redacted]` in each secret's
//! place; the real content is sealed (AES-256-GCM, see `infra::crypto::SecretBox`) in
//! its `sealed` column, which only the delivery step opens and the API never returns.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::config::Settings;
use crate::infra::crypto::SecretBox;

/// What a secret reads as wherever an administrator can see the message.
pub const REDACTED: &str = "[redacted]";

/// The secret values a message carries; empty for most messages. A value is redacted
/// wherever it appears, as written or HTML-escaped.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Secrets(Vec<String>);

impl Secrets {
    pub fn of(values: impl IntoIterator<Item = impl Into<String>>) -> Self {
        Self(values.into_iter().map(Into::into).filter(|v: &String| !v.is_empty()).collect())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `text` as an administrator may read it.
    pub fn redact(&self, text: &str) -> String {
        self.0.iter().fold(text.to_owned(), |text, secret| {
            let escaped = minijinja::HtmlEscape(secret).to_string();
            text.replace(secret.as_str(), REDACTED).replace(&escaped, REDACTED)
        })
    }

    /// Every string in `value` (keys included), redacted.
    pub fn redact_json(&self, value: &Value) -> Value {
        match value {
            Value::String(s) => Value::String(self.redact(s)),
            Value::Array(items) => Value::Array(items.iter().map(|v| self.redact_json(v)).collect()),
            Value::Object(map) => {
                Value::Object(map.iter().map(|(k, v)| (self.redact(k), self.redact_json(v))).collect())
            }
            other => other.clone(),
        }
    }

    /// The real `content`, sealed for the delivery step, when there is a secret to keep.
    pub fn seal<T: Serialize>(&self, settings: &Settings, content: &T) -> anyhow::Result<Option<String>> {
        if self.is_empty() {
            return Ok(None);
        }
        Ok(Some(sealer(settings).seal(&serde_json::to_vec(content)?)?))
    }
}

/// Opens what `Secrets::seal` sealed.
pub fn open<T: DeserializeOwned>(settings: &Settings, sealed: &str) -> anyhow::Result<T> {
    Ok(serde_json::from_slice(&sealer(settings).open(sealed)?)?)
}

fn sealer(settings: &Settings) -> SecretBox {
    SecretBox::new(&settings.secret_key, "message-content")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_redacted_as_written_and_html_escaped_and_sealed_apart() {
        let secrets = Secrets::of(["tok/en&1", ""]);
        assert_eq!(secrets.redact("go to /reset?token=tok/en&1 now"), "go to /reset?token=[redacted] now");
        assert_eq!(secrets.redact("<a href=\"?t=tok&#x2f;en&amp;1\">"), "<a href=\"?t=[redacted]\">");
        let context = serde_json::json!({ "link": "x?token=tok/en&1", "n": 3, "list": ["tok/en&1"] });
        assert_eq!(
            secrets.redact_json(&context),
            serde_json::json!({ "link": "x?token=[redacted]", "n": 3, "list": ["[redacted]"] })
        );
        let settings = Settings::default();
        let sealed = secrets.seal(&settings, &"tok/en&1 inside").unwrap().expect("sealed");
        assert!(!sealed.contains("tok"));
        assert_eq!(open::<String>(&settings, &sealed).unwrap(), "tok/en&1 inside");
        assert_eq!(Secrets::default().seal(&settings, &"plain").unwrap(), None);
    }
}
