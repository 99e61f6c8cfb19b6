//! Outgoing email: SMTP when `OPSFLUX_SMTP_URL` is set, else `.eml` files in the outbox
//! folder (embedded mode: nothing is lost, and a developer can open them).

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::config::Settings;

/// One message, with a plain-text part always and an HTML part when there is one.
#[derive(Debug, Clone)]
pub struct Email {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: Option<String>,
}

#[async_trait::async_trait]
pub trait Mailer: Send + Sync {
    async fn send(&self, email: &Email) -> anyhow::Result<()>;
    fn backend(&self) -> &'static str;
}

pub type SharedMailer = Arc<dyn Mailer>;

pub fn from_settings(settings: &Settings) -> anyhow::Result<SharedMailer> {
    let from: Mailbox = settings.mail_from.parse().context("OPSFLUX_MAIL_FROM is not a mailbox")?;
    Ok(match &settings.smtp_url {
        Some(url) => Arc::new(SmtpMailer {
            transport: AsyncSmtpTransport::<Tokio1Executor>::from_url(url).context("OPSFLUX_SMTP_URL")?.build(),
            from,
        }),
        None => {
            let dir = settings.outbox_dir();
            std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
            Arc::new(FileMailer { transport: AsyncFileTransport::new(&dir), dir, from })
        }
    })
}

fn build(from: &Mailbox, email: &Email) -> anyhow::Result<Message> {
    let builder = Message::builder()
        .from(from.clone())
        .to(email.to.parse().context("recipient is not an email address")?)
        .subject(&email.subject);
    Ok(match &email.html {
        Some(html) => builder.multipart(MultiPart::alternative_plain_html(email.text.clone(), html.clone()))?,
        None => builder.body(email.text.clone())?,
    })
}

pub struct SmtpMailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

#[async_trait::async_trait]
impl Mailer for SmtpMailer {
    async fn send(&self, email: &Email) -> anyhow::Result<()> {
        self.transport.send(build(&self.from, email)?).await.context("SMTP send")?;
        Ok(())
    }

    fn backend(&self) -> &'static str {
        "smtp"
    }
}

pub struct FileMailer {
    transport: AsyncFileTransport<Tokio1Executor>,
    dir: PathBuf,
    from: Mailbox,
}

#[async_trait::async_trait]
impl Mailer for FileMailer {
    async fn send(&self, email: &Email) -> anyhow::Result<()> {
        let id = self.transport.send(build(&self.from, email)?).await.context("writing .eml")?;
        tracing::info!(outbox = %self.dir.display(), file = %id, "email written to the outbox");
        Ok(())
    }

    fn backend(&self) -> &'static str {
        "outbox"
    }
}
