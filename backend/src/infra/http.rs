//! Outgoing HTTP to addresses users choose (webhooks), behind an SSRF guard: only
//! http(s), and the host must resolve to public addresses only — no loopback,
//! private, link-local (cloud metadata), multicast, unspecified or other reserved
//! ranges. The URL is checked before the request, and the client's own resolver
//! checks again the addresses it connects to (so a DNS answer that changes in between
//! cannot rebind to a private address); redirects are not followed, and the answer is
//! read up to a cap. One pooled client serves every delivery.
//!
//! `webhook_allowed_hosts` (`host:port` entries) lets tests and development reach
//! local receivers on purpose.

use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use std::sync::{Arc, OnceLock};

use reqwest::Url;
use reqwest::dns::{Addrs, Name, Resolve, Resolving};

const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// Enough of an answer to show in a delivery log.
const BODY_CAP: usize = 4096;

/// Makes ring the process's TLS implementation (the one lettre uses too), before any
/// HTTPS client is built. Idempotent.
pub fn install_tls() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// Why an address is refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum Refused {
    #[error("only http and https URLs are allowed")]
    Scheme,
    #[error("the URL has no host")]
    NoHost,
    #[error("the URL must not carry a user name or password")]
    Credentials,
    #[error("{0} is not a public address")]
    NotPublic(IpAddr),
    #[error("the host does not resolve: {0}")]
    Unresolvable(String),
}

/// What came back.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    /// The first `BODY_CAP` bytes, as text.
    pub body: String,
}

#[derive(Clone)]
pub struct OutboundHttp {
    allowed: Arc<Vec<String>>,
    timeout: Duration,
    /// Built at the first request: API processes only vet URLs.
    client: Arc<OnceLock<reqwest::Client>>,
}

impl OutboundHttp {
    /// `timeout` is for the whole exchange (5 s at most of it to connect).
    pub fn new(allowed_hosts: &[String], timeout: Duration) -> Self {
        let allowed = Arc::new(allowed_hosts.iter().map(|h| h.to_ascii_lowercase()).collect());
        Self { allowed, timeout, client: Arc::default() }
    }

    fn client(&self) -> &reqwest::Client {
        self.client.get_or_init(|| {
            install_tls();
            reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .connect_timeout(CONNECT_TIMEOUT.min(self.timeout))
                .timeout(self.timeout)
                .dns_resolver(Arc::new(PublicOnly { allowed: self.allowed.clone() }))
                .user_agent(concat!("OpsFlux-Webhooks/", env!("CARGO_PKG_VERSION")))
                .build()
                .expect("the HTTP client builds with static settings")
        })
    }

    /// Parses and vets a URL and the addresses its host resolves to; returns the URL
    /// and the address to connect to.
    pub async fn check(&self, url: &str) -> Result<(Url, SocketAddr), Refused> {
        let url = Url::parse(url).map_err(|_| Refused::Scheme)?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(Refused::Scheme);
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(Refused::Credentials);
        }
        let host = url.host_str().ok_or(Refused::NoHost)?.trim_start_matches('[').trim_end_matches(']').to_owned();
        let port = url.port_or_known_default().ok_or(Refused::NoHost)?;
        let addresses: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), port))
            .await
            .map_err(|e| Refused::Unresolvable(e.to_string()))?
            .collect();
        let first = *addresses.first().ok_or_else(|| Refused::Unresolvable(host.clone()))?;
        if self.allowed.contains(&format!("{}:{port}", host.to_ascii_lowercase())) {
            return Ok((url, first));
        }
        // Every address must be public: a host with one private record is refused.
        if let Some(bad) = addresses.iter().map(SocketAddr::ip).find(|ip| !is_public(*ip)) {
            return Err(Refused::NotPublic(bad));
        }
        Ok((url, first))
    }

    /// POSTs `body` to a checked URL.
    pub async fn post(&self, url: &str, headers: &[(String, String)], body: Vec<u8>) -> anyhow::Result<Answer> {
        let (url, _) = self.check(url).await?;
        let mut request = self.client().post(url).header("content-type", "application/json").body(body);
        for (name, value) in headers {
            request = request.header(name, value);
        }
        let mut response = request.send().await.map_err(|e| anyhow::anyhow!(describe(&e)))?;
        let status = response.status().as_u16();
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.unwrap_or(None) {
            body.extend_from_slice(&chunk);
            if body.len() >= BODY_CAP {
                body.truncate(BODY_CAP);
                break;
            }
        }
        Ok(Answer { status, body: String::from_utf8_lossy(&body).into_owned() })
    }
}

/// The client's resolver: only public addresses (or allow-listed hosts, whose port
/// `check` has vetted) are connected to.
struct PublicOnly {
    allowed: Arc<Vec<String>>,
}

impl Resolve for PublicOnly {
    fn resolve(&self, name: Name) -> Resolving {
        let host = name.as_str().to_ascii_lowercase();
        let allowed = self.allowed.iter().any(|a| a.rsplit_once(':').is_some_and(|(h, _)| h == host));
        Box::pin(async move {
            let addresses: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0)).await?.collect();
            if !allowed && let Some(bad) = addresses.iter().map(SocketAddr::ip).find(|ip| !is_public(*ip)) {
                return Err(Box::new(Refused::NotPublic(bad)) as Box<dyn std::error::Error + Send + Sync>);
            }
            Ok(Box::new(addresses.into_iter()) as Addrs)
        })
    }
}

fn describe(err: &reqwest::Error) -> String {
    if err.is_timeout() {
        "timed out".into()
    } else if err.is_connect() {
        "could not connect".into()
    } else {
        err.to_string()
    }
}

/// Globally routable unicast, by the IANA special-purpose registries.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            !(v4.is_private()
                || v4.is_loopback()
                || v4.is_link_local()
                || v4.is_multicast()
                || v4.is_broadcast()
                || v4.is_documentation()
                || v4.is_unspecified()
                || a == 0
                || (a == 100 && (64..128).contains(&b)) // shared address space (CGNAT)
                || (a == 192 && b == 0) // IETF protocol assignments
                || (a == 198 && (18..20).contains(&b)) // benchmarking
                || a >= 240)
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public(IpAddr::V4(v4));
            }
            let first = v6.segments()[0];
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || (first & 0xfe00) == 0xfc00 // unique local
                || (first & 0xffc0) == 0xfe80 // link-local
                || first == 0x2001 && v6.segments()[1] == 0x0db8 // documentation
                || first == 0x0064) // NAT64 well-known prefix
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_public_addresses_pass() {
        for private in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "0.0.0.0",
            "100.64.0.1",
            "224.0.0.1",
            "255.255.255.255",
            "::1",
            "::",
            "fe80::1",
            "fd00::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
        ] {
            assert!(!is_public(private.parse().unwrap()), "{private}");
        }
        for public in ["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111"] {
            assert!(is_public(public.parse().unwrap()), "{public}");
        }
    }

    #[tokio::test]
    async fn urls_are_vetted_before_any_request() {
        let http = OutboundHttp::new(&["127.0.0.1:9999".to_owned()], Duration::from_secs(1));
        for (url, refused) in [
            ("ftp://example.com/x", Refused::Scheme),
            ("http://user:pw@8.8.8.8/", Refused::Credentials),
            ("http://127.0.0.1/hook", Refused::NotPublic("127.0.0.1".parse().unwrap())),
            ("http://169.254.169.254/latest/meta-data", Refused::NotPublic("169.254.169.254".parse().unwrap())),
            ("http://[::1]:8080/", Refused::NotPublic("::1".parse().unwrap())),
            ("http://localhost:9999/", Refused::NotPublic("127.0.0.1".parse().unwrap())),
        ] {
            let got = http.check(url).await.unwrap_err();
            assert!(
                got == refused || matches!((&got, &refused), (Refused::NotPublic(_), Refused::NotPublic(_))),
                "{url}: {got:?}"
            );
        }
        assert!(http.check("http://127.0.0.1:9999/hook").await.is_ok(), "the allow-list admits it");
    }
}
