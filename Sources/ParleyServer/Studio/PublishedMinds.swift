import Foundation
import Logging
import ParleyMind
import ParleyStore
import Synchronization

/// The studio's published versions, as the reply API serves them: read from the store, compiled
/// once each and kept (they never change), under the store key of their mind's name, so that a
/// user's conversation goes on across versions. A version superseded longer ago than
/// `keepVersions` answers `mind_retired`.
public final class PublishedMinds: Sendable {
    let store: any MindStore
    /// How long a superseded version keeps answering.
    public let keepVersions: TimeInterval
    private let clock: @Sendable () -> Date
    private let logger: Logger
    /// A compiled version, with when it was superseded as last read, and when that was read.
    private struct Entry {
        let mind: Mind
        let superseded: Date?
        let read: ContinuousClock.Instant
    }

    /// Compiled versions by `NAME@N`, and the order they were compiled in (the oldest goes first
    /// when the cache is full).
    private let compiled = Mutex<(entries: [String: Entry], order: [String])>(([:], []))
    /// Each mind's latest version number as last read (nil: none), and when.
    private let latestNumbers = Mutex<[String: (number: Int?, read: ContinuousClock.Instant)]>([:])
    /// How long a latest version number is trusted before the store is asked again (another
    /// server may have published meanwhile).
    private static let latestCheckInterval = Duration.seconds(1)
    /// Compiled versions kept at most.
    private static let cacheSize = 64

    /// Versions of `store`; superseded ones answer for `keepVersions` seconds (30 days by default).
    public init(
        store: any MindStore, keepVersions: TimeInterval = 30 * 86_400, clock: @escaping @Sendable () -> Date = { Date() },
        logger: Logger
    ) {
        self.store = store
        self.keepVersions = keepVersions
        self.clock = clock
        self.logger = logger
    }

    /// The path of a version on the server: `/minds/NAME/versions/N`.
    public static func path(of name: String, version: Int) -> String {
        "/minds/\(name)/versions/\(version)"
    }

    /// The mind name and version a version URL names: `/minds/NAME/versions/N`, alone or on
    /// `requestHost` (the request's own host and port; any loopback name stands for another on
    /// the same port); nil for any other URL.
    static func version(of text: String, requestHost: String?) -> (name: String, number: Int)? {
        guard let url = URLComponents(string: text), url.query == nil, url.fragment == nil else { return nil }
        if let host = url.host, !host.isEmpty {
            guard let requestHost, let own = URLComponents(string: "http://" + requestHost), let ownHost = own.host,
                url.port == own.port,
                host.lowercased() == ownHost.lowercased() || (Self.isLoopback(host) && Self.isLoopback(ownHost))
            else { return nil }
        }
        let parts = url.path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 5, parts[0].isEmpty, parts[1] == "minds", parts[3] == "versions",
            let number = Int(parts[4]), number > 0, MindLibrary.isValidName(String(parts[2]))
        else { return nil }
        return (String(parts[2]), number)
    }

    private static func isLoopback(_ host: String) -> Bool {
        HostAllowList<ParleyRequestContext>.isLoopback(host.lowercased())
    }

    /// Version `number` of the studio mind `name`.
    func version(_ number: Int, of name: String) async throws(MindLibraryError) -> ServedMind {
        let key = "\(name)@\(number)"
        let now = ContinuousClock.now
        var found = compiled.withLock { $0.entries[key] }
        // A version read as the latest may have been superseded since: looked at again each second.
        if found == nil || (found?.superseded == nil && now - (found?.read ?? now) >= Self.latestCheckInterval) {
            let fresh: Entry
            if let entry = found, let latest = try await latestNumber(of: name), latest <= number {
                fresh = Entry(mind: entry.mind, superseded: nil, read: now)
            } else {
                let version = try await read { try await self.store.version(number, of: name) }
                guard let version else {
                    throw .unknownMind("the studio mind \"\(name)\" has no version \(number)")
                }
                let mind: Mind
                if let known = found?.mind { mind = known } else { mind = try compile(version) }
                fresh = Entry(mind: mind, superseded: version.superseded, read: now)
            }
            found = fresh
            compiled.withLock { cache in
                if cache.entries.updateValue(fresh, forKey: key) == nil { cache.order.append(key) }
                while cache.order.count > Self.cacheSize { cache.entries[cache.order.removeFirst()] = nil }
            }
        }
        guard let entry = found else { throw .unknownMind("the studio mind \"\(name)\" has no version \(number)") }
        if let superseded = entry.superseded, clock().timeIntervalSince(superseded) > keepVersions {
            throw .retired(
                "version \(number) of \"\(name)\" was superseded on \(Self.day(superseded)) and retired after "
                    + "\(Self.days(keepVersions)); use the latest version (mind=\(name))")
        }
        return ServedMind(name: name, mind: entry.mind, version: number)
    }

    /// The latest published version of the studio mind `name`; nil when it has none (or there is
    /// no such mind).
    func latest(of name: String) async throws(MindLibraryError) -> ServedMind? {
        guard MindLibrary.isValidName(name), let number = try await latestNumber(of: name) else { return nil }
        return try await version(number, of: name)
    }

    /// Forgets what was read of `name`'s versions (after a publish, rename or delete here).
    public func forget(_ name: String) {
        latestNumbers.withLock { $0[name] = nil }
        compiled.withLock { cache in
            cache.order.removeAll { $0.hasPrefix(name + "@") }
            cache.entries = cache.entries.filter { !$0.key.hasPrefix(name + "@") }
        }
    }

    /// The latest version number of `name`, read again when the last read is over a second old.
    private func latestNumber(of name: String) async throws(MindLibraryError) -> Int? {
        let now = ContinuousClock.now
        if let known = latestNumbers.withLock({ $0[name] }), now - known.read < Self.latestCheckInterval {
            return known.number
        }
        let latest = try await read { try await self.store.latestVersion(of: name) }
        latestNumbers.withLock { $0[name] = (latest?.number, now) }
        return latest?.number
    }

    private func compile(_ version: MindVersion) throws(MindLibraryError) -> Mind {
        let source = "version \(version.number) of \"\(version.mind)\""
        do {
            return try Mind.load(text: version.source, format: RulebaseFormat(text: version.source)).mind
        } catch {
            throw .invalidRulebase(source: source, diagnostics: error.diagnostics)
        }
    }

    /// Runs a store call, reporting its failure as `storeFailed` (logged).
    private func read<T: Sendable>(_ body: @Sendable () async throws -> T) async throws(MindLibraryError) -> T {
        do {
            return try await body()
        } catch {
            logger.error("cannot read the studio's versions", metadata: ["error": "\(error)"])
            throw .storeFailed("the store cannot be read now; the error was logged")
        }
    }

    private static func day(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day())
    }

    private static func days(_ seconds: TimeInterval) -> String {
        let days = seconds / 86_400
        return days == days.rounded() ? "\(Int(days)) day\(days == 1 ? "" : "s")" : "\(Int(seconds)) seconds"
    }
}
