//! Outgoing email: SMTP when `OPSFLUX_SMTP_URL` is set (and a second relay tried when
//! the first fails, with `OPSFLUX_SMTP_FALLBACK_URL`), else `.eml` files in the outbox
//! folder (embedded mode: nothing is lost, and a developer can open them).

use std::path::PathBuf;
use std::sync::Arc;

use anyhow::Context;
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::config::Settings;
use crate::infra::provider::Accepted;

/// An SMTP conversation that takes longer has failed (lettre's own default is 60 s).
/// With the fallback relay a try takes at most twice this, well within a delivery's
/// hold, which its worker renews anyway.
const SMTP_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

/// One message, with a plain-text part always, an HTML part when there is one, and
/// attachments.
#[derive(Debug, Clone, Default)]
pub struct Email {
    pub to: Vec<String>,
    pub cc: Vec<String>,
    pub bcc: Vec<String>,
    pub subject: String,
    pub text: String,
    pub html: Option<String>,
    /// `Message-ID`, e.g. `<uuid@opsflux>`: the same on every try, so receivers can
    /// tell a retry from a new message.
    pub message_id: Option<String>,
    pub attachments: Vec<FileAttachment>,
}

#[derive(Debug, Clone)]
pub struct FileAttachment {
    pub filename: String,
    pub content_type: String,
    pub bytes: Vec<u8>,
}

#[async_trait::async_trait]
pub trait Mailer: Send + Sync {
    /// Hands the message over; returns what the server answered (its reply code, and
    /// the reply's text, which names its queue id), or the outbox file.
    async fn send(&self, email: &Email) -> anyhow::Result<Accepted>;
    fn backend(&self) -> &'static str;
}

pub type SharedMailer = Arc<dyn Mailer>;

/// The relays to try in turn: the main one, then the fallback when configured.
pub fn from_settings(settings: &Settings) -> anyhow::Result<Vec<SharedMailer>> {
    let from: Mailbox = settings.email.mail_from.parse().context("OPSFLUX_MAIL_FROM is not a mailbox")?;
    let smtp = |url: &str, name: &'static str, setting: &'static str| -> anyhow::Result<SharedMailer> {
        let transport = smtp_transport(url).context(setting)?.timeout(Some(SMTP_TIMEOUT)).build();
        Ok(Arc::new(SmtpMailer { transport, from: from.clone(), name }))
    };
    let Some(url) = &settings.email.smtp_url else {
        let dir = settings.outbox_dir();
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        return Ok(vec![Arc::new(FileMailer { transport: AsyncFileTransport::new(&dir), dir, from })]);
    };
    let mut mailers = vec![smtp(url, "smtp", "OPSFLUX_SMTP_URL")?];
    if let Some(fallback) = &settings.email.smtp_fallback_url {
        mailers.push(smtp(fallback, "smtp-fallback", "OPSFLUX_SMTP_FALLBACK_URL")?);
    }
    Ok(mailers)
}

/// lettre's URL forms (`smtp://host:25` without TLS, `smtp://…?tls=required` for
/// STARTTLS, `?tls=opportunistic`, `smtps://` for TLS), and `?tls=none`, which people
/// write for "no TLS" and lettre refuses.
pub fn smtp_transport(url: &str) -> anyhow::Result<lettre::transport::smtp::AsyncSmtpTransportBuilder> {
    let url = match url.split_once('?') {
        Some((base, query)) => {
            let kept: Vec<&str> = query.split('&').filter(|pair| *pair != "tls=none").collect();
            if kept.is_empty() { base.to_owned() } else { format!("{base}?{}", kept.join("&")) }
        }
        None => url.to_owned(),
    };
    Ok(AsyncSmtpTransport::<Tokio1Executor>::from_url(&url)?)
}

fn build(from: &Mailbox, email: &Email) -> anyhow::Result<Message> {
    let mut builder =
        Message::builder().from(from.clone()).subject(&email.subject).message_id(email.message_id.clone());
    for to in &email.to {
        builder = builder.to(to.parse().with_context(|| format!("{to} is not an email address"))?);
    }
    for cc in &email.cc {
        builder = builder.cc(cc.parse().with_context(|| format!("{cc} is not an email address"))?);
    }
    for bcc in &email.bcc {
        builder = builder.bcc(bcc.parse().with_context(|| format!("{bcc} is not an email address"))?);
    }
    let body = match &email.html {
        Some(html) => MultiPart::alternative_plain_html(email.text.clone(), html.clone()),
        None => MultiPart::mixed().singlepart(SinglePart::plain(email.text.clone())),
    };
    if email.attachments.is_empty() {
        return Ok(match &email.html {
            Some(_) => builder.multipart(body)?,
            None => builder.body(email.text.clone())?,
        });
    }
    let mut mixed = MultiPart::mixed().multipart(body);
    for file in &email.attachments {
        let content_type = ContentType::parse(&file.content_type)
            .with_context(|| format!("{} is not a content type", file.content_type))?;
        mixed = mixed.singlepart(Attachment::new(file.filename.clone()).body(file.bytes.clone(), content_type));
    }
    Ok(builder.multipart(mixed)?)
}

pub struct SmtpMailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    /// `smtp` or `smtp-fallback`, as the attempts log shows it.
    name: &'static str,
}

#[async_trait::async_trait]
impl Mailer for SmtpMailer {
    async fn send(&self, email: &Email) -> anyhow::Result<Accepted> {
        let reply = self.transport.send(build(&self.from, email)?).await.context("SMTP send")?;
        let text = reply.message().collect::<Vec<_>>().join(" ");
        let status = reply.code().to_string().parse().ok();
        Ok(Accepted { status, reference: Some(format!("{} {text}", reply.code()).trim_end().to_owned()) })
    }

    fn backend(&self) -> &'static str {
        self.name
    }
}

pub struct FileMailer {
    transport: AsyncFileTransport<Tokio1Executor>,
    dir: PathBuf,
    from: Mailbox,
}

#[async_trait::async_trait]
impl Mailer for FileMailer {
    async fn send(&self, email: &Email) -> anyhow::Result<Accepted> {
        let id = self.transport.send(build(&self.from, email)?).await.context("writing .eml")?;
        tracing::info!(outbox = %self.dir.display(), file = %id, "email written to the outbox");
        Ok(Accepted { status: None, reference: Some(format!("{id}.eml")) })
    }

    fn backend(&self) -> &'static str {
        "outbox"
    }
}
