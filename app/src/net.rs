//! Who is on the other end of a request, behind trusted reverse proxies.

use std::net::IpAddr;

/// The client's address: the peer itself, unless the peer is a trusted
/// proxy; then the rightmost address in `X-Forwarded-For` that is not a
/// trusted proxy (entries left of it could be written by anyone, so they are
/// never believed). A malformed entry ends the walk at the last good one.
pub fn client_address(peer: IpAddr, forwarded_for: &[&str], trusted: &[IpAddr]) -> IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    let mut client = peer;
    for entry in forwarded_for.iter().rev().flat_map(|header| header.rsplit(',')) {
        match entry.trim().parse::<IpAddr>() {
            Ok(address) => {
                client = address;
                if !trusted.contains(&address) {
                    break;
                }
            }
            Err(_) => break,
        }
    }
    client
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn the_header_counts_only_from_a_trusted_proxy() {
        let proxy = [ip("10.0.0.2")];
        // Straight from the internet: the header is anyone's text.
        assert_eq!(client_address(ip("198.51.100.7"), &["1.2.3.4"], &proxy), ip("198.51.100.7"));
        // Through the proxy: the address it saw.
        assert_eq!(client_address(ip("10.0.0.2"), &["203.0.113.9"], &proxy), ip("203.0.113.9"));
        // A client that forges the header gets its own address appended by the proxy: that one counts.
        assert_eq!(client_address(ip("10.0.0.2"), &["1.2.3.4, 203.0.113.9"], &proxy), ip("203.0.113.9"));
        assert_eq!(client_address(ip("10.0.0.2"), &["1.2.3.4", "203.0.113.9"], &proxy), ip("203.0.113.9"));
        // Two proxies in a row.
        let chain = [ip("10.0.0.2"), ip("10.0.0.3")];
        assert_eq!(client_address(ip("10.0.0.2"), &["203.0.113.9, 10.0.0.3"], &chain), ip("203.0.113.9"));
        // Nothing usable: the proxy itself.
        assert_eq!(client_address(ip("10.0.0.2"), &[], &proxy), ip("10.0.0.2"));
        assert_eq!(client_address(ip("10.0.0.2"), &["garbage"], &proxy), ip("10.0.0.2"));
        // No proxies configured: never the header.
        assert_eq!(client_address(ip("10.0.0.2"), &["203.0.113.9"], &[]), ip("10.0.0.2"));
    }
}
