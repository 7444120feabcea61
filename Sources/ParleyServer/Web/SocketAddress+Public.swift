import NIOCore

extension SocketAddress {
    /// Whether this is a public unicast Internet address: not loopback, private, link-local,
    /// shared (carrier NAT), multicast, reserved or unspecified, nor an IPv6 form of one of those.
    var isPublicUnicast: Bool {
        switch self {
        case .v4(let address):
            Self.isPublic(ipv4: withUnsafeBytes(of: address.address.sin_addr) { Array($0) })
        case .v6(let address):
            Self.isPublic(ipv6: withUnsafeBytes(of: address.address.sin6_addr) { Array($0) })
        case .unixDomainSocket:
            false
        }
    }

    /// Whether the four bytes of an IPv4 address (network order) make a public unicast address.
    private static func isPublic(ipv4 bytes: [UInt8]) -> Bool {
        switch (bytes[0], bytes[1], bytes[2]) {
        case (0, _, _), (10, _, _), (127, _, _): false  // this network, private, loopback
        case (100, 64...127, _): false  // shared address space (carrier NAT)
        case (169, 254, _): false  // link-local, where clouds serve instance metadata
        case (172, 16...31, _), (192, 168, _): false  // private
        case (192, 0, 0), (198, 18...19, _): false  // protocol assignments, benchmarking
        case (224..., _, _): false  // multicast, reserved, broadcast
        default: true
        }
    }

    /// Whether the sixteen bytes of an IPv6 address make a public unicast address: global unicast
    /// (2000::/3), or an IPv4-mapped, NAT64 or 6to4 form of a public IPv4 address.
    private static func isPublic(ipv6 bytes: [UInt8]) -> Bool {
        let embedded = Array(bytes[12..<16])
        if bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xFF, bytes[11] == 0xFF {
            return isPublic(ipv4: embedded)  // ::ffff:a.b.c.d
        }
        if bytes[0..<12] == [0x00, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0] {
            return isPublic(ipv4: embedded)  // 64:ff9b::a.b.c.d
        }
        if bytes[0] == 0x20, bytes[1] == 0x02 {
            return isPublic(ipv4: Array(bytes[2..<6]))  // 2002:aabb:ccdd::
        }
        return bytes[0] & 0xE0 == 0x20
    }
}
