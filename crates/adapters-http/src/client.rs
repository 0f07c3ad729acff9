//! Who a request comes from: the client address rate limits and sessions use.
//!
//! The address is the socket peer, unless the peer is a trusted proxy (`TRUSTED_PROXIES`): then
//! it is the right-most `X-Forwarded-For` hop that is not a trusted proxy. Hops to the left of it
//! were written by whoever sent the request and prove nothing; by default no proxy is trusted,
//! so the header is ignored and nobody can pick their own address.

use std::net::IpAddr;

use actix_web::HttpRequest;
use actix_web::http::header::USER_AGENT;
use hexstack_domain::ClientInfo;
use ipnet::IpNet;

/// The proxies whose `X-Forwarded-For` is believed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    /// Proxies in these networks.
    pub fn new(networks: Vec<IpNet>) -> Self {
        Self(networks)
    }

    fn trusts(&self, address: IpAddr) -> bool {
        self.0.iter().any(|network| network.contains(&address))
    }

    /// The client address of a request from `peer` with these `X-Forwarded-For` values.
    pub fn client_address<'a>(
        &self,
        peer: IpAddr,
        forwarded_for: impl DoubleEndedIterator<Item = &'a str>,
    ) -> IpAddr {
        let mut client = peer.to_canonical();
        if !self.trusts(client) {
            return client;
        }
        let hops = forwarded_for.rev().flat_map(|value| value.rsplit(','));
        for hop in hops {
            let Ok(address) = hop.trim().parse::<IpAddr>() else {
                // Garbage from the client's side: the last trusted hop is all that is known.
                return client;
            };
            client = address.to_canonical();
            if !self.trusts(client) {
                return client;
            }
        }
        client
    }
}

/// Where a request comes from: the client address (see the module) and the user agent.
pub fn client_info(req: &HttpRequest, proxies: &TrustedProxies) -> ClientInfo {
    let address = req.peer_addr().map(|peer| {
        let forwarded = req
            .headers()
            .get_all("x-forwarded-for")
            .filter_map(|value| value.to_str().ok())
            .collect::<Vec<_>>();
        proxies
            .client_address(peer.ip(), forwarded.into_iter())
            .to_string()
    });
    let agent = req.headers().get(USER_AGENT).and_then(|v| v.to_str().ok());
    ClientInfo::new(address.as_deref(), agent)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    fn proxies(networks: &[&str]) -> TrustedProxies {
        TrustedProxies::new(networks.iter().map(|n| n.parse().unwrap()).collect())
    }

    #[test]
    fn without_trusted_proxies_the_peer_is_the_client_whatever_the_header_says() {
        let none = TrustedProxies::default();
        let forged = ["1.2.3.4"];
        assert_eq!(
            none.client_address(ip("10.0.0.5"), forged.into_iter()),
            ip("10.0.0.5")
        );
    }

    #[test]
    fn behind_trusted_proxies_the_right_most_untrusted_hop_is_the_client() {
        let trusted = proxies(&["10.0.0.0/8", "192.168.1.1/32"]);
        let peer = ip("10.0.0.2");
        let client = |headers: &[&str]| trusted.client_address(peer, headers.iter().copied());
        // The client forged a left-most hop; the proxy appended the real address.
        assert_eq!(client(&["6.6.6.6, 203.0.113.9"]), ip("203.0.113.9"));
        // Two proxies, in two headers: each hop from the right until an untrusted one.
        assert_eq!(
            client(&["6.6.6.6, 203.0.113.9", "192.168.1.1"]),
            ip("203.0.113.9")
        );
        // Only trusted hops: the left-most one.
        assert_eq!(client(&["10.1.1.1"]), ip("10.1.1.1"));
        assert_eq!(client(&[]), peer);
        // Garbage stops the walk at the last trusted hop.
        assert_eq!(client(&["203.0.113.9, junk, 10.1.1.1"]), ip("10.1.1.1"));
        // An IPv4 address in IPv6 form is the same address.
        assert_eq!(client(&["::ffff:203.0.113.9"]), ip("203.0.113.9"));
        let trusted_v6 = proxies(&["10.0.0.0/8"]);
        assert_eq!(
            trusted_v6.client_address(ip("::ffff:10.0.0.2"), ["198.51.100.1"].into_iter()),
            ip("198.51.100.1")
        );
    }
}
