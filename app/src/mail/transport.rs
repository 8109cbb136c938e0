//! How a message leaves: SMTP through lettre, or the local mailbox.

use lettre::message::{header::ContentType, Mailbox};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

#[derive(Clone)]
pub enum Transport {
    /// No SMTP server: messages stay in the local mailbox (`/admin/mail`).
    Local,
    /// Boxed: the transport is large, and `Local` is the common case.
    Smtp(Box<Smtp>),
}

#[derive(Clone)]
pub struct Smtp {
    mailer: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Transport {
    /// SMTP when `smtp_url` is given (lettre's form: `smtp://user:pass@host:587`
    /// for STARTTLS, `smtps://…:465` for TLS, `smtp://host:25?tls=none` for a
    /// local relay), otherwise the local mailbox.
    ///
    /// # Errors
    /// A sentence naming what is wrong with `smtp_url` or `from`.
    pub fn configure(smtp_url: Option<&str>, from: &str) -> Result<Transport, String> {
        let Some(url) = smtp_url else { return Ok(Transport::Local) };
        let from: Mailbox = from.parse().map_err(|e| format!("the sender address {from:?} is not valid: {e}"))?;
        let mailer = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| format!("the SMTP URL is not valid: {e}"))?
            .timeout(Some(std::time::Duration::from_secs(20)))
            .build();
        Ok(Transport::Smtp(Box::new(Smtp { mailer, from })))
    }

    pub fn is_smtp(&self) -> bool {
        matches!(self, Transport::Smtp(_))
    }

    /// Hands one plain-text message to the SMTP server.
    ///
    /// # Errors
    /// What the server or the address said, as text for the mailbox's record.
    pub async fn send_smtp(&self, to: &str, subject: &str, body: &str) -> Result<(), String> {
        let Transport::Smtp(smtp) = self else { return Err("no SMTP server is configured".into()) };
        let Smtp { mailer, from } = smtp.as_ref();
        let to: Mailbox = to.parse().map_err(|e| format!("the address is not valid: {e}"))?;
        let message = Message::builder()
            .from(from.clone())
            .to(to)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body.to_string())
            .map_err(|e| format!("the message could not be built: {e}"))?;
        mailer.send(message).await.map(|_| ()).map_err(|e| e.to_string())
    }
}
