import Foundation
import Logging
import NIOPosix
import ParleyMind
import Synchronization

/// The rulebases the server answers with: the minds named at start (`NAME=PATH` pairs and every
/// `*.yaml`, `*.yml` and `*.json` in the minds folder, by file stem), `file:` URLs inside the
/// minds folder, `http(s)` URLs under an allowed prefix, and the studio's published versions
/// (`NAME@N`, `NAME` for the latest, and version URLs). Each is compiled once, a file again
/// when it changes; a file that fails to compile after a change keeps its last good version
/// answering, and its errors are logged once. URL minds are kept in a least-recently-used cache,
/// and concurrent first requests for one remote URL share one fetch. Named minds are read without
/// the actor (every request asks for one), from a dictionary behind a lock, and their files are
/// checked for a change at most once per `fileCheckInterval`.
public actor MindLibrary {
    /// The mind used when a request names none: the first `NAME=PATH` pair, else the only mind in
    /// the minds folder, else `demo` (the folder's, or the demo mind built into Parley).
    public nonisolated let defaultName: String
    /// The names of the minds loaded at start: the pairs' names in order, then the folder's stems
    /// (and `demo` when the built-in demo mind is served).
    public nonisolated var names: [String] { listing.map(\.name) }
    /// Each mind loaded at start: its name, where it came from, and the rulebase's own `mind:`
    /// name when that differs (requests may use either).
    public nonisolated let listing: [(name: String, source: String, alias: String?)]
    /// The names of the minds that come from the minds folder.
    public nonisolated let folderNames: Set<String>
    /// The studio's published minds; nil without a studio.
    public nonisolated let published: PublishedMinds?
    /// Rulebase `mind:` names that differ from the name a mind is served under, to that name.
    private nonisolated let aliases: [String: String]

    /// The minds folder with symbolic links resolved; nil when there is none.
    private let mindsDirectory: String?
    private let cacheSize: Int
    private let remote: RemoteRulebaseOptions
    private nonisolated let logger: Logger
    /// The named minds, each with when its file was last checked for a change.
    private nonisolated let named: Mutex<[String: NamedMind]>
    private nonisolated let fileCheckInterval: Duration
    /// URL minds by real path (`file:`) or normalised URL (remote).
    private var cached: [String: CachedMind] = [:]
    /// The remote fetches under way, by normalised URL.
    private var fetching: [String: Task<CachedMind, any Error>] = [:]
    private var uses: UInt64 = 0
    /// Hits and misses of the URL mind cache, for `/metrics`.
    public nonisolated let cacheLookups = MindCacheLookups()

    /// A mind loaded at start: its file, its last good version, and the last attempt to compile it.
    private struct NamedMind: Sendable {
        let path: String
        var good: CachedMind?
        /// The file's stamp when it was last compiled (or tried); a new stamp means a new attempt.
        var attempted: CachedMind.Stamp?
        /// Why the last attempt failed, nil when it succeeded.
        var failure: MindLibraryError?
        var checked: ContinuousClock.Instant

        /// The good version, else the error of the last attempt.
        func served(as name: String) throws(MindLibraryError) -> ServedMind {
            if let good { return ServedMind(name: name, mind: good.mind) }
            throw failure ?? .unknownMind("cannot read the rulebase of mind \"\(name)\"")
        }
    }

    /// The file extensions of rulebases.
    static let rulebaseExtensions: Set<String> = ["yaml", "yml", "json"]

    /// Loads `minds` (name and file path each) and every rulebase in `mindsDirectory` (a missing
    /// folder holds none); a pair's name wins over a folder file's stem. Keeps at most
    /// `cacheSize` URL minds; fetches the `http(s)` URLs `remote` allows (none by default).
    /// A named mind's file is checked for a change at most once per `fileCheckInterval` (one
    /// `stat` per request cost 3% of a stateless request; zero checks on every request).
    /// Throws when a name is invalid or repeated or the default mind fails to load; another mind
    /// that fails to load is logged and answers `invalid_rulebase` until its file is fixed.
    /// `published` serves the studio's versions.
    public init(
        named minds: [(name: String, path: String)], mindsDirectory: String?, cacheSize: Int = 64,
        remote: RemoteRulebaseOptions = .none, fileCheckInterval: Duration = .seconds(1),
        published: PublishedMinds? = nil, logger: Logger
    ) throws(MindLibraryError) {
        let directory = mindsDirectory.flatMap(Self.realPath)
        var paths: [(name: String, path: String)] = []
        for (name, path) in minds {
            guard Self.isValidName(name) else {
                throw .invalidConfiguration(
                    "invalid mind name \"\(name)\": use 1 to 64 letters, digits, '.', '_' or '-'")
            }
            guard !paths.contains(where: { $0.name == name }) else {
                throw .invalidConfiguration("the mind name \"\(name)\" is given twice")
            }
            paths.append((name, path))
        }
        let explicitNames = Set(paths.map(\.name))
        var folderNames: Set<String> = []
        for (name, path) in try Self.folderMinds(directory) where !explicitNames.contains(name) {
            paths.append((name, path))
            folderNames.insert(name)
        }
        let defaultName = minds.first?.name ?? (paths.count == 1 ? paths[0].name : "demo")
        var named: [String: NamedMind] = [:]
        var listing: [(name: String, source: String, alias: String?)] = []
        for (name, path) in paths {
            let source = "mind \"\(name)\" (\(path))"
            do throws(MindLibraryError) {
                let entry = try Self.load(path: path, source: source, logger: logger)
                named[name] = NamedMind(path: path, good: entry, attempted: entry.stamp, failure: nil, checked: .now)
                listing.append((name, path, entry.mind.name == name ? nil : entry.mind.name))
            } catch {
                guard name != defaultName else { throw error }
                // One broken file does not stop the server: it answers invalid_rulebase until fixed.
                logger.error("mind skipped: it does not load", metadata: ["mind": "\(name)", "error": "\(error)"])
                named[name] = NamedMind(path: path, good: nil, attempted: CachedMind.Stamp(path: path), failure: error, checked: .now)
                listing.append((name, path, nil))
            }
        }
        if named[defaultName] == nil, !listing.contains(where: { $0.alias == defaultName }),
            let demo = BuiltInMinds.mind(named: "demo")
        {
            let entry = CachedMind(path: "", stamp: nil, mind: demo, lastUse: 0)
            named[defaultName] = NamedMind(path: "", good: entry, attempted: nil, failure: nil, checked: .now)
            listing.append((defaultName, "built into Parley", demo.name))
        }
        let aliases = try Self.aliases(listing)
        self.aliases = aliases
        self.named = Mutex(named)
        self.fileCheckInterval = fileCheckInterval
        self.listing = listing
        self.folderNames = folderNames
        self.published = published
        self.defaultName = aliases[defaultName] ?? defaultName
        self.mindsDirectory = directory
        self.cacheSize = max(0, cacheSize)
        self.remote = remote
        self.logger = logger
    }

    /// The mind named `requested`: one loaded at start (compiled again first if its file changed;
    /// checked when the last check is `fileCheckInterval` old), else the studio's latest published
    /// version of that name; `NAME@N` is the studio's version N.
    public nonisolated func mind(named requested: String) async throws(MindLibraryError) -> ServedMind {
        if let at = requested.lastIndex(of: "@"), let published {
            let number = requested[requested.index(after: at)...]
            guard let version = Int(number), version > 0 else {
                throw .unknownMind("\"\(requested)\" names no version: write NAME@N with N a version number, e.g. pizza@3")
            }
            return try await published.version(version, of: String(requested[..<at]))
        }
        let name = aliases[requested] ?? requested
        let now = ContinuousClock.now
        let found = named.withLock { named -> (entry: NamedMind, check: Bool)? in
            guard let entry = named[name] else { return nil }
            guard now - entry.checked >= fileCheckInterval else { return (entry, false) }
            named[name]?.checked = now  // the other requests of this interval skip the check
            return (entry, true)
        }
        guard let (entry, check) = found else {
            if let published, let latest = try await published.latest(of: requested) { return latest }
            let known = names.isEmpty ? "none" : names.joined(separator: ", ")
            throw .unknownMind("no mind named \"\(requested)\" (this server has: \(known))")
        }
        guard check, let stamp = CachedMind.Stamp(path: entry.path), stamp != entry.attempted else {
            // Unchanged, tried already, or unreadable for now: keep answering with the good version.
            return try entry.served(as: name)
        }
        // Claimed under the lock, so that one request compiles a changed file and logs its errors once.
        let claimed = named.withLock { named in
            guard named[name]?.attempted != stamp else { return false }
            named[name]?.attempted = stamp
            return true
        }
        guard claimed else { return try entry.served(as: name) }
        do throws(MindLibraryError) {
            let fresh = try await Self.loadOffTheEventLoops(path: entry.path, source: "mind \"\(name)\"", logger: logger)
            named.withLock { named in
                named[name]?.good = fresh
                named[name]?.failure = nil
            }
            return ServedMind(name: name, mind: fresh.mind)
        } catch {
            named.withLock { named in named[name]?.failure = error }
            if entry.good != nil {
                logger.error(
                    "mind file changed but does not load; the last good version answers until it is fixed",
                    metadata: ["mind": "\(name)", "error": "\(error)"])
            } else {
                logger.error("mind does not load", metadata: ["mind": "\(name)", "error": "\(error)"])
            }
            return try NamedMind(path: entry.path, good: entry.good, attempted: stamp, failure: error, checked: now).served(as: name)
        }
    }

    /// Whether `name` is taken by a mind loaded at start (its name or its rulebase's `mind:` name).
    public nonisolated func isLoaded(_ name: String) -> Bool {
        aliases[name] != nil || named.withLock { $0[name] != nil }
    }

    /// The text of the mind loaded at start under `name` (read from its file now); nil for none.
    public nonisolated func source(of name: String) -> String? {
        guard let path = named.withLock({ $0[aliases[name] ?? name]?.path }) else { return nil }
        if path.isEmpty { return BuiltInMinds.sources["demo"] }
        return try? String(contentsOfFile: path, encoding: .utf8)
    }

    /// The mind at `url`: a `file:` URL (absolute, or relative to the minds folder) whose file,
    /// symbolic links resolved, is inside the minds folder, or an `http(s)` URL under an allowed
    /// prefix. The store keys a `file:` mind's users by `file:` and the path inside the minds
    /// folder, a remote mind's by its normalised URL.
    ///
    /// A studio version URL (`/minds/NAME/versions/N`, alone or on the host `requestHost` the
    /// request was sent to) is read from the store, never fetched.
    public func mind(url text: String, requestHost: String? = nil) async throws(MindLibraryError) -> ServedMind {
        if let published, let (name, number) = PublishedMinds.version(of: text, requestHost: requestHost) {
            return try await published.version(number, of: name)
        }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased() else {
            throw .unknownMind("\"\(text)\" is not a URL")
        }
        switch scheme {
        case "file":
            return try await fileMind(url, text: text)
        case "http", "https":
            return try await remoteMind(text)
        default:
            throw .unknownMind("unsupported rulebase URL scheme \"\(scheme):\" (use file:, http: or https:)")
        }
    }

    /// The mind of a `file:` URL inside the minds folder.
    private func fileMind(_ url: URL, text: String) async throws(MindLibraryError) -> ServedMind {
        guard let directory = mindsDirectory else {
            throw .unknownMind("file: URLs are not served: this server has no minds folder")
        }
        if let host = url.host, !host.isEmpty, host != "localhost" {
            throw .unknownMind("the file: URL \(text) names another host (\(host))")
        }
        let path = url.path.hasPrefix("/") ? url.path : directory + "/" + url.path
        // One answer for a missing path and a path outside the folder, so that requests cannot
        // tell which files exist elsewhere.
        guard let real = Self.realPath(path), real.hasPrefix(directory + "/") else {
            throw .unknownMind("no rulebase in the minds folder at \(text)")
        }
        let name = "file:" + real.dropFirst(directory.count + 1)
        let stamp = CachedMind.Stamp(path: real)
        if let entry = recall(real), stamp == entry.stamp || stamp == entry.failed {
            cacheLookups.recordHit()
            return ServedMind(name: name, mind: entry.mind)
        }
        cacheLookups.recordMiss()
        do throws(MindLibraryError) {
            let entry = try await Self.loadOffTheEventLoops(path: real, source: text, logger: logger)
            remember(entry, as: real)
            return ServedMind(name: name, mind: entry.mind)
        } catch {
            // A good version keeps answering until the file is fixed; the errors are logged once.
            guard var entry = cached[real] else { throw error }
            entry.failed = stamp
            cached[real] = entry
            logger.error(
                "mind file changed but does not load; the last good version answers until it is fixed",
                metadata: ["mind": "\(text)", "error": "\(error)"])
            return ServedMind(name: name, mind: entry.mind)
        }
    }

    /// The mind of an `http(s)` URL: from the cache, else fetched (once for concurrent requests)
    /// and compiled. A URL outside the allowed prefixes is `unknownMind`, like a `file:` URL
    /// outside the minds folder: nothing upstream failed.
    private func remoteMind(_ text: String) async throws(MindLibraryError) -> ServedMind {
        let url: RemoteURL
        do {
            url = try RemoteURL(text)
        } catch {
            throw .unknownMind("the rulebase URL \(text) is unusable: \(error.reason)")
        }
        guard remote.allows(url) else {
            throw .unknownMind(
                remote.allowedPrefixes.isEmpty
                    ? "remote rulebases are not allowed: this server has no allowed URL prefixes (--allow-url)"
                    : "\(url) is not under an allowed URL prefix (\(remote.allowedPrefixes.joined(separator: ", ")))")
        }
        let key = url.description
        if let entry = recall(key) {
            cacheLookups.recordHit()
            return ServedMind(name: key, mind: entry.mind)
        }
        cacheLookups.recordMiss()
        let task: Task<CachedMind, any Error>
        let started = fetching[key] == nil
        if let running = fetching[key] {
            task = running
        } else {
            let (fetcher, logger) = (RulebaseFetcher(options: remote), logger)
            task = Task { try await Self.fetchAndCompile(url, fetcher: fetcher, logger: logger) }
            fetching[key] = task
        }
        let result = await task.result
        if started {
            fetching[key] = nil
            if case .success(let entry) = result { remember(entry, as: key) }
        }
        switch result {
        case .success(let entry):
            return ServedMind(name: key, mind: entry.mind)
        case .failure(let error as MindLibraryError):
            throw error
        case .failure(let error):
            throw .unreachable("cannot fetch the rulebase at \(key): \(error)")
        }
    }

    /// Fetches and compiles the rulebase at `url`.
    private static func fetchAndCompile(
        _ url: RemoteURL, fetcher: RulebaseFetcher, logger: Logger
    ) async throws(MindLibraryError) -> CachedMind {
        let (text, format) = try await fetcher.fetch(url)
        return try await offTheEventLoops(source: url.description) { () throws(MindLibraryError) in
            let loaded: LoadedMind
            do throws(RulebaseError) {
                loaded = try Mind.load(text: text, format: format)
            } catch {
                throw .invalidRulebase(source: url.description, diagnostics: error.diagnostics)
            }
            logWarnings(loaded, source: url.description, logger: logger)
            return CachedMind(path: url.description, stamp: nil, mind: loaded.mind, lastUse: 0)
        }
    }

    /// `load(path:source:logger:)` on a thread of NIO's blocking pool.
    private static func loadOffTheEventLoops(path: String, source: String, logger: Logger) async throws(MindLibraryError) -> CachedMind {
        try await offTheEventLoops(source: source) { () throws(MindLibraryError) in try load(path: path, source: source, logger: logger) }
    }

    /// Runs `work` (reading and compiling a rulebase: up to a second for a large one) on a thread
    /// of NIO's blocking pool, so that it holds up no event loop, and with it no connection.
    private static func offTheEventLoops(
        source: String, _ work: @escaping @Sendable () throws(MindLibraryError) -> CachedMind
    ) async throws(MindLibraryError) -> CachedMind {
        let result: Result<CachedMind, MindLibraryError>
        do {
            result = try await NIOThreadPool.singleton.runIfActive { Result(catching: work) }
        } catch {
            throw .unreachable("cannot compile the rulebase of \(source): the server is shutting down")
        }
        return try result.get()
    }

    /// The cached URL mind under `key`, marked as just used.
    private func recall(_ key: String) -> CachedMind? {
        guard var entry = cached[key] else { return nil }
        uses += 1
        entry.lastUse = uses
        cached[key] = entry
        return entry
    }

    /// Caches `entry` under `key`, evicting the least recently used URL minds past the cache size.
    private func remember(_ entry: CachedMind, as key: String) {
        var entry = entry
        uses += 1
        entry.lastUse = uses
        cached[key] = entry
        while cached.count > cacheSize, let oldest = cached.min(by: { $0.value.lastUse < $1.value.lastUse }) {
            cached[oldest.key] = nil
        }
    }

    /// How many URL minds are cached now.
    public var cachedCount: Int { cached.count }

    /// Compiles the rulebase file at `path`; `source` names it in errors and logs.
    private static func load(path: String, source: String, logger: Logger) throws(MindLibraryError) -> CachedMind {
        guard let stamp = CachedMind.Stamp(path: path) else {
            throw .unknownMind("cannot read the rulebase of \(source)")
        }
        let loaded: LoadedMind
        do {
            loaded = try Mind.load(path: path) { path in try String(contentsOfFile: path, encoding: .utf8) }
        } catch let error as RulebaseError {
            throw .invalidRulebase(source: source, diagnostics: error.diagnostics)
        } catch {
            throw .unknownMind("cannot read the rulebase of \(source): \(error.localizedDescription)")
        }
        logWarnings(loaded, source: source, logger: logger)
        return CachedMind(path: path, stamp: stamp, mind: loaded.mind, lastUse: 0)
    }

    private static func logWarnings(_ loaded: LoadedMind, source: String, logger: Logger) {
        for warning in loaded.warnings {
            logger.warning("rulebase warning", metadata: ["rulebase": "\(source)", "warning": "\(warning)"])
        }
    }

    /// The rulebases' own `mind:` names that differ from the names they are served under; throws
    /// when one such name would stand for two minds.
    private static func aliases(
        _ listing: [(name: String, source: String, alias: String?)]
    ) throws(MindLibraryError) -> [String: String] {
        var aliases: [String: String] = [:]
        var aliasSources: [String: String] = [:]
        for (name, source, alias) in listing {
            guard let alias, isValidName(alias) else { continue }
            let served = listing.first { $0.name == alias }
            let claim = served.map { ($0.source, "served as") } ?? aliasSources[alias].map { ($0, "whose rulebase is also named") }
            // The same file under two names is no ambiguity: the name leads to it either way.
            if let (other, how) = claim, other != source {
                throw .invalidConfiguration(
                    "the name \"\(alias)\" is ambiguous: it names \(source) (its rulebase's mind: name) and \(other), \(how) \"\(alias)\"; "
                        + "rename one, or serve them as NAME=PATH under other names")
            }
            if claim == nil {
                aliases[alias] = name
                aliasSources[alias] = source
            }
        }
        return aliases
    }

    /// The rulebase files directly in `directory` by stem, sorted; throws when two share a stem.
    private static func folderMinds(_ directory: String?) throws(MindLibraryError) -> [(name: String, path: String)] {
        guard let directory, let files = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            return []
        }
        var found: [String: String] = [:]
        for file in files.sorted() {
            let url = URL(fileURLWithPath: file)
            guard rulebaseExtensions.contains(url.pathExtension.lowercased()) else { continue }
            let stem = url.deletingPathExtension().lastPathComponent
            guard isValidName(stem) else { continue }
            if let other = found[stem] {
                throw .invalidConfiguration(
                    "the minds folder has two rulebases named \"\(stem)\": \((other as NSString).lastPathComponent) and \(file)")
            }
            found[stem] = directory + "/" + file
        }
        return found.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    /// Whether `name` can name a mind: 1 to 64 ASCII letters, digits, `.`, `_` or `-`.
    static func isValidName(_ name: String) -> Bool {
        (1...64).contains(name.utf8.count)
            && name.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || byte == 0x2E || byte == 0x5F || byte == 0x2D
            }
    }

    /// `path` with symbolic links, `.` and `..` resolved by the system; nil when it does not exist.
    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
