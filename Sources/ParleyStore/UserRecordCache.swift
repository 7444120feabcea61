import Synchronization

/// The user records this process last read or wrote, with the version each had then, so that an
/// exchange of a known user can write without reading first. Bounded by an estimate of the bytes
/// it holds: when over, the least recently used half of its bound is dropped.
final class UserRecordCache: Sendable {
    /// A user's record as stored at `version` (nil: no row; version 0).
    struct Known: Sendable {
        var record: UserRecord?
        var version: Int64
    }

    private struct Entry {
        var known: Known
        var bytes: Int
        var used: UInt64
    }

    private struct State {
        var entries: [String: Entry] = [:]
        var bytes = 0
        var clock: UInt64 = 0
    }

    private let state = Mutex(State())
    private let byteLimit: Int

    init(byteLimit: Int) {
        self.byteLimit = byteLimit
    }

    /// The record known for `key`, if any.
    func known(_ key: String) -> Known? {
        state.withLock { state in
            guard var entry = state.entries[key] else { return nil }
            state.clock += 1
            entry.used = state.clock
            state.entries[key] = entry
            return entry.known
        }
    }

    /// Remembers `known` for `key`, dropping the least recently used entries when over the bound.
    func remember(_ known: Known, for key: String) {
        let bytes = key.utf8.count + (known.record?.data.utf8.count ?? 0) + 96
        state.withLock { state in
            state.clock += 1
            if let old = state.entries.updateValue(Entry(known: known, bytes: bytes, used: state.clock), forKey: key) {
                state.bytes -= old.bytes
            }
            state.bytes += bytes
            guard state.bytes > byteLimit else { return }
            for (key, entry) in state.entries.sorted(by: { $0.value.used < $1.value.used }) {
                guard state.bytes > byteLimit / 2 else { break }
                state.entries[key] = nil
                state.bytes -= entry.bytes
            }
        }
    }

    /// Forgets `key`: its stored record changed elsewhere.
    func forget(_ key: String) {
        state.withLock { state in
            if let old = state.entries.removeValue(forKey: key) { state.bytes -= old.bytes }
        }
    }

    /// Forgets every key `matches` accepts (an erased person's records, whatever the mind).
    func forget(where matches: (String) -> Bool) {
        state.withLock { state in
            for key in state.entries.keys.filter(matches) {
                if let old = state.entries.removeValue(forKey: key) { state.bytes -= old.bytes }
            }
        }
    }
}
