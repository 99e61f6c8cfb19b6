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

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
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

/// Globally routable unicast, by the IANA special-purpose registries. An IPv6 address
/// that carries an IPv4 one (mapped, NAT64, 6to4, Teredo, ISATAP…) must carry a public one.
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => is_public_v4(v4),
        IpAddr::V6(v6) => embedded_ipv4(v6).iter().all(|v4| is_public_v4(*v4)) && is_public_v6(v6),
    }
}

fn is_public_v4(v4: Ipv4Addr) -> bool {
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

fn is_public_v6(v6: Ipv6Addr) -> bool {
    let s = v6.segments();
    let zeros = |range: std::ops::Range<usize>| s[range].iter().all(|&x| x == 0);
    !(v6.is_loopback()
        || v6.is_unspecified()
        || v6.is_multicast()
        || (zeros(0..5) && s[5] == 0xffff) // IPv4-mapped: the IPv4 rules decided
        || zeros(0..6) // IPv4-compatible (deprecated)
        || (zeros(0..4) && s[4] == 0xffff && s[5] == 0) // IPv4-translated
        || (s[0] == 0x0064 && s[1] == 0xff9b && s[2] == 0x0001) // NAT64 local-use 64:ff9b:1::/48, whatever it embeds
        || (s[0] == 0x0100 && zeros(1..4)) // discard-only 100::/64
        || (s[0] == 0x2001 && s[1] == 0x0002 && s[2] == 0) // benchmarking 2001:2::/48
        || (s[0] == 0x2001 && (s[1] & 0xffe0) == 0x0020) // ORCHIDv2 2001:20::/28
        || (s[0] == 0x2001 && (s[1] & 0xfff0) == 0x0010) // ORCHID 2001:10::/28
        || (s[0] == 0x2001 && s[1] == 0x0db8) // documentation
        || (s[0] & 0xfff0) == 0x3ff0 // documentation 3fff::/20
        || (s[0] & 0xfe00) == 0xfc00 // unique local
        || (s[0] & 0xffc0) == 0xfe80 // link-local
        || (s[0] & 0xffc0) == 0xfec0) // site-local (deprecated)
}

/// The IPv4 addresses an IPv6 address embeds (RFC 4291, 6052, 6145, 3056, 4380, 5214):
/// traffic to it may reach them.
fn embedded_ipv4(v6: Ipv6Addr) -> Vec<Ipv4Addr> {
    let s = v6.segments();
    let v4 = |hi: u16, lo: u16| Ipv4Addr::from((u32::from(hi) << 16) | u32::from(lo));
    let zeros = |range: std::ops::Range<usize>| s[range].iter().all(|&x| x == 0);
    let mapped_or_compatible = zeros(0..5) && (s[5] == 0xffff || s[5] == 0);
    let translated = zeros(0..4) && s[4] == 0xffff && s[5] == 0;
    let nat64 = s[0] == 0x0064 && s[1] == 0xff9b && zeros(2..6);
    let isatap = (s[4] & 0xfdff) == 0 && s[5] == 0x5efe;
    let mut found = Vec::new();
    if mapped_or_compatible || translated || nat64 || isatap {
        found.push(v4(s[6], s[7]));
    }
    if s[0] == 0x2002 {
        found.push(v4(s[1], s[2])); // 6to4
    }
    if s[0] == 0x2001 && s[1] == 0 {
        found.push(v4(s[2], s[3])); // Teredo server
        found.push(v4(!s[6], !s[7])); // Teredo client, XOR-ed
    }
    found
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

    /// Every IPv6 form that carries an IPv4 address, around loopback, private and
    /// metadata addresses; the same forms around a public address pass.
    type Embed = fn(Ipv4Addr) -> Ipv6Addr;
    const EMBEDDING_FORMS: [(&str, Embed); 9] = [
        ("IPv4-compatible", |v4| Ipv6Addr::from(u128::from(u32::from(v4)))),
        ("IPv4-mapped", |v4| v4.to_ipv6_mapped()),
        ("IPv4-translated", |v4| Ipv6Addr::from((0xffff_u128 << 48) | u128::from(u32::from(v4)))),
        ("NAT64", |v4| Ipv6Addr::from((0x0064_ff9b_u128 << 96) | u128::from(u32::from(v4)))),
        ("6to4", |v4| Ipv6Addr::from((0x2002_u128 << 112) | (u128::from(u32::from(v4)) << 80) | 1)),
        ("Teredo server", |v4| {
            Ipv6Addr::from((0x2001_0000_u128 << 96) | (u128::from(u32::from(v4)) << 64) | 0xfefe_fefe)
        }),
        ("Teredo client", |v4| Ipv6Addr::from((0x2001_0000_0808_0808_u128 << 64) | u128::from(!u32::from(v4)))),
        ("ISATAP", |v4| Ipv6Addr::from((0x2606_4700_u128 << 96) | (0x5efe_u128 << 32) | u128::from(u32::from(v4)))),
        ("ISATAP global", |v4| {
            Ipv6Addr::from((0x2606_4700_u128 << 96) | (0x0200_5efe_u128 << 32) | u128::from(u32::from(v4)))
        }),
    ];

    const EMBEDDED_REFUSED: [Ipv4Addr; 4] = [
        Ipv4Addr::new(127, 0, 0, 1),
        Ipv4Addr::new(10, 0, 0, 1),
        Ipv4Addr::new(169, 254, 169, 254),
        Ipv4Addr::new(192, 168, 1, 1),
    ];

    #[test]
    fn ipv6_forms_embedding_an_ipv4_address_are_judged_by_it() {
        for (form, embed) in EMBEDDING_FORMS {
            for private in EMBEDDED_REFUSED {
                let v6 = embed(private);
                assert!(!is_public(IpAddr::V6(v6)), "{form} {v6} carries {private}");
            }
        }
        // Forms still routed on the Internet pass around a public address.
        for (form, embed) in EMBEDDING_FORMS.iter().filter(|(form, _)| !form.starts_with("IPv4")) {
            let v6 = embed(Ipv4Addr::new(8, 8, 8, 8));
            assert!(is_public(IpAddr::V6(v6)), "{form} {v6}");
        }
        for local in ["64:ff9b:1::808:808", "100::1", "2001:2::1", "2001:20::1", "3fff::1", "fec0::1"] {
            assert!(!is_public(local.parse().unwrap()), "{local}");
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
            // Other spellings of loopback: numeric forms the URL parser normalises,
            // embedded IPv4, a trailing dot, upper case.
            ("http://2130706433/", Refused::NotPublic("127.0.0.1".parse().unwrap())),
            ("http://0x7f.1/", Refused::NotPublic("127.0.0.1".parse().unwrap())),
            ("http://0177.0.0.1/", Refused::NotPublic("127.0.0.1".parse().unwrap())),
            ("http://127.1/", Refused::NotPublic("127.0.0.1".parse().unwrap())),
            ("http://[::127.0.0.1]/", Refused::NotPublic("::7f00:1".parse().unwrap())),
            ("http://[::ffff:127.0.0.1]:9999/", Refused::NotPublic("::ffff:7f00:1".parse().unwrap())),
            ("http://[2002:7f00:1::1]/", Refused::NotPublic("2002:7f00:1::1".parse().unwrap())),
            ("http://LOCALHOST:9998/", Refused::NotPublic("127.0.0.1".parse().unwrap())),
        ] {
            let got = http.check(url).await.unwrap_err();
            assert!(
                got == refused || matches!((&got, &refused), (Refused::NotPublic(_), Refused::NotPublic(_))),
                "{url}: {got:?}"
            );
        }
        // Resolved to loopback, or not at all (resolvers differ on a trailing dot).
        let trailing_dot = http.check("http://localhost.:9999/").await.unwrap_err();
        assert!(matches!(trailing_dot, Refused::NotPublic(_) | Refused::Unresolvable(_)), "{trailing_dot:?}");
        assert!(http.check("http://127.0.0.1:9999/hook").await.is_ok(), "the allow-list admits it");
    }
}
