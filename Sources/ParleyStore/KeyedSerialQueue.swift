import Synchronization

/// Runs work one at a time per key, in the order it arrived; different keys run concurrently.
/// A free key is taken under a lock with no suspension (the common case costs no thread hop).
final class KeyedSerialQueue: Sendable {
    /// For each busy key, the callers waiting their turn (first in first out).
    private let waiting = Mutex<[String: [CheckedContinuation<Void, Never>]]>([:])

    /// Runs `body` once every earlier caller with the same key has finished.
    func run<T: Sendable>(_ key: String, _ body: () async throws -> T) async throws -> T {
        if !take(key, orQueue: nil) {
            await withCheckedContinuation { continuation in
                // Freed since the first try: go ahead; else wait to be handed the key.
                if take(key, orQueue: continuation) { continuation.resume() }
            }
        }
        defer { release(key) }
        return try await body()
    }

    /// Takes `key` when no one holds it; otherwise queues `waiter` (when given) for its turn.
    private func take(_ key: String, orQueue waiter: CheckedContinuation<Void, Never>?) -> Bool {
        waiting.withLock { waiting in
            guard waiting[key] != nil else {
                waiting[key] = []
                return true
            }
            if let waiter { waiting[key]!.append(waiter) }
            return false
        }
    }

    /// Hands `key` to the next caller waiting for it, or frees it.
    private func release(_ key: String) {
        let next = waiting.withLock { waiting -> CheckedContinuation<Void, Never>? in
            guard let queue = waiting[key], !queue.isEmpty else {
                waiting[key] = nil
                return nil
            }
            return waiting[key]!.removeFirst()
        }
        next?.resume()
    }
}
