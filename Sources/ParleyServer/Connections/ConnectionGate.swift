import Synchronization

/// Counts open connections, in all and per client address, and admits new ones within the
/// ``ConnectionLimits``.
final class ConnectionGate: Sendable {
    /// Why a connection was refused.
    enum Refusal: Error, Sendable, Equatable {
        case serverFull
        case addressFull
    }

    let limits: ConnectionLimits
    private struct State {
        var open = 0
        var byAddress: [String: Int] = [:]
        var refused = 0
    }
    private let state = Mutex(State())

    init(limits: ConnectionLimits) {
        self.limits = limits
    }

    /// Admits a connection from `address` (nil when unknown), or says why not.
    func admit(_ address: String?) -> Refusal? {
        state.withLock { state in
            guard state.open < limits.maxConnections else {
                state.refused += 1
                return .serverFull
            }
            if let address, limits.maxConnectionsPerAddress > 0, !limits.trustedProxies.contains(address) {
                let count = state.byAddress[address, default: 0]
                guard count < limits.maxConnectionsPerAddress else {
                    state.refused += 1
                    return .addressFull
                }
                state.byAddress[address] = count + 1
            }
            state.open += 1
            return nil
        }
    }

    /// A connection admitted from `address` closed.
    func release(_ address: String?) {
        state.withLock { state in
            state.open -= 1
            guard let address, let count = state.byAddress[address] else { return }
            state.byAddress[address] = count > 1 ? count - 1 : nil
        }
    }

    /// Connections open now.
    var openConnections: Int { state.withLock { $0.open } }

    /// Connections refused so far.
    var refusedConnections: Int { state.withLock { $0.refused } }
}
