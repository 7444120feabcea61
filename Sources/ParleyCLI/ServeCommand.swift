import ArgumentParser
import Foundation
import Logging
import Metrics
import NIOCore
import NIOPosix
import ParleyServer
import ParleyStore
import ParleyTasks
import ParleyWorlds
import Prometheus

/// `parley serve`: runs a task config's worlds behind the WebSocket service until SIGINT or SIGTERM.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serves a task config's worlds to people on WebSocket clients, and minds over the reply API.",
        discussion: """
            With no options, in any folder: the demo config and demo mind built into Parley (plus \
            any minds in ./minds), ws://127.0.0.1:35496/websocket, http://127.0.0.1:35496/reply and \
            its chat page http://127.0.0.1:35496/bot, the worlds chat page http://127.0.0.1:35496/, \
            and conversations recorded in ./parley.sqlite.

            SIGINT or SIGTERM shut down gracefully: people are warned, worlds end, sockets close.
            """
    )

    @Option(help: "The task config (ParlAI's config.yml schema); without one, the demo config built into Parley.")
    var config: String?

    @Flag(help: "Serve the reply API and its chat page only: no worlds, no WebSocket service.")
    var replyOnly = false

    @Option(help: "The address to listen on; 0.0.0.0 serves every network interface.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on; 0 picks a free one.")
    var port = 35496

    @Option(help: ArgumentHelp(stringLiteral: StoreArgument.help))
    var store = "./parley.sqlite"

    @Option(help: "The password a person's first message must match; overrides the config's opt.password (default: the config's, else none).")
    var password: String?

    @Option(name: .customLong("mind"), help: "A mind served by the reply API, as NAME=PATH (repeatable; the first is the default mind, else the only mind in --minds-dir, else the demo mind).")
    var minds: [String] = []

    @Option(help: "The folder of minds served by file stem; `file:` rulebase URLs must point inside it.")
    var mindsDir = "./minds"

    @Option(name: .customLong("allow-url"), help: "An http(s) URL prefix under which rulebase URLs may be fetched (repeatable; none by default).")
    var allowedURLs: [String] = []

    @Option(help: "A YAML file of output tag handlers for the reply API (tags: {WORD: {url: URL, timeout: 2s}}; default: none, tags reach the client as they are).")
    var tags: String?

    @Option(help: "Seconds away after which the reply API runs [restart n] before a user's input.")
    var restartAfter: Double = 300

    @Option(name: .customLong("key"), help: "An API key the reply API accepts (repeatable). With any key configured, requests need one.")
    var keys: [String] = []

    @Option(help: "A file of API keys, one per line; lines starting with admin: hold admin keys; blank lines and lines starting with # are skipped (default: none).")
    var keysFile: String?

    @Option(name: .customLong("admin-key"), help: "A key that opens the studio at /studio (repeatable). Without one, the studio is served only when --host is a loopback address.")
    var adminKeys: [String] = []

    @Option(help: "How long a superseded published version keeps answering, e.g. 30d, 12h, 90m.")
    var keepVersions = "30d"

    @Flag(help: "Log stateless reply API calls too (under their userid, if any), so that the studio's review sees them.")
    var logStateless = false

    @Option(name: .customLong("cors-origin"), help: "An origin whose browser pages may call the API, e.g. https://example.com (repeatable).")
    var corsOrigins: [String] = []

    @Option(help: "Reply API requests a second per key (per client address without keys); 0 turns the limit off.")
    var rateLimit: Double = RateLimit.standard.rate

    @Option(help: "Requests a client may make at once before --rate-limit applies.")
    var rateBurst: Double = RateLimit.standard.burst

    @Option(help: "Erases reply API exchanges and world conversations (with their messages and results) older than this many days, at start and then daily (default: kept until erased).")
    var retainDays: Int?

    @Flag(help: "With --retain-days, keep the world results of the conversations it erases.")
    var keepResults = false

    @Option(help: "A host name, or an origin such as https://chat.example.org behind a TLS proxy, the server answers for besides its address and localhost (repeatable).")
    var publicHost: [String] = []

    @Option(help: "The most connections open at once (default: the open file limit, raised to its hard limit, less a sixteenth).")
    var maxConnections: Int?

    @Option(help: "The most connections open at once from one client address; 0 turns the limit off (default 256).")
    var maxConnectionsPerAddress: Int?

    @Option(help: "A proxy address whose X-Forwarded-For names the client; exempt from the per-address limit (repeatable).")
    var trustedProxy: [String] = []

    @Option(help: "Seconds a new connection may take to send its request head.")
    var requestHeadTimeout: Double = 10

    @Option(help: "Seconds a keep-alive HTTP connection may stay idle.")
    var idleTimeout: Double = 60

    @Option(help: "The name this server saves its restorable worlds under; after a restart it restores the worlds saved under its name, so servers sharing a store need names of their own (default: the machine's host name).")
    var serverName: String?

    @OptionGroup(title: "Image proxy")
    var mediaArguments: MediaArguments

    @OptionGroup(title: "Chat services")
    var serviceArguments: ServiceArguments

    @OptionGroup(title: "Messenger")
    var messengerArguments: MessengerArguments

    @OptionGroup(title: "Telegram")
    var telegramArguments: TelegramArguments

    @OptionGroup(title: "Slack")
    var slackArguments: SlackArguments

    func validate() throws {
        if replyOnly, config != nil {
            throw ValidationError("--reply-only serves no worlds: leave out --config \(config ?? "").")
        }
        if replyOnly, let flag = serviceFlags.first {
            throw ValidationError("--reply-only serves no worlds, so no chat services: leave out \(flag).")
        }
        guard (0...65535).contains(port) else {
            throw ValidationError("--port \(port) is not a port number (0 to 65535).")
        }
        guard restartAfter >= 0 else {
            throw ValidationError("--restart-after \(restartAfter) must be 0 or more seconds.")
        }
        guard rateLimit >= 0, rateLimit.isFinite else {
            throw ValidationError("--rate-limit \(rateLimit) must be 0 (off) or more requests a second.")
        }
        guard rateBurst >= 1, rateBurst.isFinite else {
            throw ValidationError("--rate-burst \(rateBurst) must be 1 or more requests.")
        }
        if let retainDays, retainDays < 1 {
            throw ValidationError("--retain-days \(retainDays) must be 1 or more days.")
        }
        if let serverName, serverName.trimmingCharacters(in: .whitespaces).isEmpty || serverName.count > 200 {
            throw ValidationError("--server-name must be 1 to 200 characters, not all blank.")
        }
        for origin in corsOrigins {
            guard let url = URL(string: origin), let scheme = url.scheme, ["http", "https"].contains(scheme.lowercased()),
                url.host != nil, url.path.isEmpty || url.path == "/"
            else {
                throw ValidationError("--cors-origin \(origin): expected an origin such as https://example.com or http://localhost:8080.")
            }
        }
        if let maxConnections, maxConnections < 1 {
            throw ValidationError("--max-connections \(maxConnections) must be 1 or more.")
        }
        if let maxConnectionsPerAddress, maxConnectionsPerAddress < 0 {
            throw ValidationError("--max-connections-per-address \(maxConnectionsPerAddress) must be 0 (no limit) or more.")
        }
        for (flag, seconds) in [("--request-head-timeout", requestHeadTimeout), ("--idle-timeout", idleTimeout)] {
            guard seconds > 0, seconds.isFinite else { throw ValidationError("\(flag) \(seconds) must be more than 0 seconds.") }
        }
        for proxy in trustedProxy where (try? SocketAddress(ipAddress: proxy, port: 0)) == nil {
            throw ValidationError("--trusted-proxy \(proxy): expected an IP address such as 127.0.0.1 or 10.0.0.5.")
        }
        _ = try publicHosts()
        _ = try namedMinds()
        _ = try apiKeys()
        _ = try keepVersionsSeconds()
        _ = try remoteRulebases()
        _ = try tagHandlers()
    }

    /// The chat service flags given, as typed.
    private var serviceFlags: [String] {
        (messengerArguments.messenger ? ["--messenger"] : []) + (telegramArguments.telegram ? ["--telegram"] : [])
            + (slackArguments.slack ? ["--slack"] : []) + serviceArguments.services.map { "--service \($0)" }
    }

    /// The chat services asked for, made for `runtime`; every error (missing secrets of several
    /// services among them) is reported at once.
    private func chatServices(config: TaskConfig, runtime: WorldRuntime, ledger: any EventLedger, logger: Logger) throws -> [any ChatService] {
        // Each kind with the flag that asked for it, which its errors start with.
        var kinds: [(flag: String, kind: ChatServiceKind)] = []
        if messengerArguments.messenger { kinds.append(("--messenger", messengerArguments.kind)) }
        if let kind = telegramArguments.kind { kinds.append(("--telegram", kind)) }
        if let kind = slackArguments.kind { kinds.append(("--slack", kind)) }
        kinds += try serviceArguments.addedKinds(from: ParleyCommand.services).map { ("--service \($0.name)", $0) }
        guard !kinds.isEmpty else { return [] }
        let setup = ServiceSetup(
            runtime: runtime, config: config, secrets: try ServiceArguments.loadSecrets(file: serviceArguments.secrets), ledger: ledger,
            insecureDev: serviceArguments.insecureDev, logger: logger)
        var services: [any ChatService] = []
        var problems: [String] = []
        for (flag, kind) in kinds {
            do {
                services.append(try kind.make(setup))
            } catch {
                problems.append("\(flag): \(error)")
            }
        }
        guard problems.isEmpty else { throw CommandFailure(problems.joined(separator: "\n")) }
        return services
    }

    /// The `--public-host` names and origins.
    private func publicHosts() throws -> [PublicHost] {
        do {
            return try publicHost.map { try PublicHost($0) }
        } catch {
            throw CommandFailure("\(error)")
        }
    }

    /// The connection limits from the flags.
    private func connectionLimits() -> ConnectionLimits {
        ConnectionLimits.raiseFileLimit()
        return ConnectionLimits(
            maxConnections: maxConnections ?? ConnectionLimits.defaultMaxConnections,
            maxConnectionsPerAddress: maxConnectionsPerAddress,
            requestHeadTimeout: .milliseconds(Int64(requestHeadTimeout * 1000)),
            idleTimeout: .milliseconds(Int64(idleTimeout * 1000)),
            trustedProxies: Set(trustedProxy))
    }

    /// The reply API's keys (`--key` and `--keys-file`'s plain lines) and the admin keys
    /// (`--admin-key` and the file's `admin:` lines).
    private func apiKeys() throws -> (reply: APIKeys, admin: APIKeys) {
        do {
            let fromFile = try keysFile.map { try APIKeys.load(file: $0) } ?? []
            let adminPrefix = "admin:"
            let admin = adminKeys + fromFile.filter { $0.hasPrefix(adminPrefix) }.map { String($0.dropFirst(adminPrefix.count)) }
            return (try APIKeys(keys + fromFile.filter { !$0.hasPrefix(adminPrefix) }), try APIKeys(admin))
        } catch {
            throw CommandFailure("\(error)")
        }
    }

    /// `--keep-versions` in seconds.
    private func keepVersionsSeconds() throws -> TimeInterval {
        let units: [Character: TimeInterval] = ["d": 86_400, "h": 3_600, "m": 60, "s": 1]
        guard let unit = keepVersions.last.flatMap({ units[$0] }), let count = Double(keepVersions.dropLast()), count >= 0,
            count.isFinite
        else {
            throw ValidationError("--keep-versions \(keepVersions): expected a number and a unit, e.g. 30d, 12h, 90m or 600s.")
        }
        return count * unit
    }

    /// The `--tags` file's handlers, none without one.
    private func tagHandlers() throws -> TagHandlers {
        guard let tags else { return .none }
        do {
            return try TagHandlers.load(path: tags)
        } catch {
            throw CommandFailure("--tags \(error)")
        }
    }

    /// The `--allow-url` prefixes, checked.
    private func remoteRulebases() throws -> RemoteRulebaseOptions {
        do {
            return try RemoteRulebaseOptions(allowedPrefixes: allowedURLs)
        } catch {
            throw CommandFailure("--allow-url: \(error)")
        }
    }

    /// The `--mind NAME=PATH` pairs, in order.
    private func namedMinds() throws -> [(name: String, path: String)] {
        try minds.map { pair in
            guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex, pair.index(after: equals) != pair.endIndex
            else { throw CommandFailure("--mind \(pair): expected NAME=PATH, e.g. --mind support=minds/demo.yaml.") }
            return (String(pair[..<equals]), String(pair[pair.index(after: equals)...]))
        }
    }

    func run() async throws {
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        LoggingSystem.bootstrap { LogLineHandler(label: $0) }
        var logger = Logger(label: "parley")
        logger.logLevel = .info
        let metrics = ServerMetrics(registry: PrometheusCollectorRegistry())
        MetricsSystem.bootstrap(metrics.factory)
        let taskConfig = try replyOnly ? nil : TaskConfigArgument.load(config)
        try await Self.checkPortIsFree(host: host, port: port)
        let location = try StoreArgument.location(store)
        let store = try await location.open(logger: logger)
        let published = PublishedMinds(store: store, keepVersions: try keepVersionsSeconds(), logger: logger)
        let library = try MindLibrary(
            named: namedMinds(),
            mindsDirectory: mindsDir,
            remote: remoteRulebases(),
            published: published,
            logger: logger
        )
        let (keys, adminKeys) = try apiKeys()
        let loopback = HostAllowList<ParleyRequestContext>.isLoopback(host)
        let studio = StudioOptions(adminKeys: adminKeys, loopback: loopback)
        if keys.isEmpty && !loopback {
            logger.notice("the reply API is open to anyone who can reach \(host): no API keys are configured (--key, --keys-file)")
        }
        let limiter = rateLimit > 0 ? RateLimiter(limit: RateLimit(rate: rateLimit, burst: rateBurst)) : nil
        let replyAPI = ReplyAPI(
            minds: library, store: store,
            options: ReplyAPIOptions(
                restartAfter: restartAfter, tags: try tagHandlers(), keys: keys, rateLimiter: limiter, retainDays: retainDays,
                logStateless: logStateless),
            logger: logger
        )
        var options = RuntimeOptions(
            password: password, metricsFactory: metrics.factory, retainDays: retainDays, keepResults: keepResults)
        if let serverName { options.serverName = serverName }
        let runtime = try taskConfig.map {
            try WorldRuntime(config: $0, registry: ParleyCommand.registry, transcripts: store, options: options, logger: logger)
        }
        let services = try taskConfig.flatMap { config in
            try runtime.map { try chatServices(config: config, runtime: $0, ledger: store, logger: logger) }
        } ?? []
        let storeName = if case .sqlite(let path) = location { path } else { location.description }
        let (configName, host) = (config ?? "the built-in demo config", self.host)
        var server = ParleyServer(
            host: host, port: port, runtime: runtime,
            webSocket: WebSocketOptions(resumeWindow: options.resumeWindow), replyAPI: replyAPI,
            corsOrigins: corsOrigins, publicHosts: try publicHosts(), connections: connectionLimits(), metrics: metrics, services: services, studio: studio,
            logger: logger
        ) { boundPort in
            if let taskConfig {
                Self.say("Parley serving \(configName) (\(taskConfig.taskName)) at ws://\(host):\(boundPort)/websocket, store \(storeName)")
            } else {
                Self.say("Parley serving the reply API only, store \(storeName)")
            }
            Self.say("Reply API at http://\(host):\(boundPort)/reply, default mind \(library.defaultName)")
            for (name, source, alias) in library.listing {
                Self.say("  mind \(name)\(alias.map { " (also \($0))" } ?? ""): \(source)")
            }
            Self.say("Chat page at http://\(host):\(boundPort)/bot")
            if studio.isOpen {
                Self.say("Studio at http://\(host):\(boundPort)/studio" + (adminKeys.isEmpty ? " (no admin key: open on this machine)" : ""))
            }
            if taskConfig != nil {
                Self.say("Worlds chat page at http://\(host):\(boundPort)/")
                if studio.isOpen {
                    Self.say("Review app at http://\(host):\(boundPort)/admin" + (adminKeys.isEmpty ? " (no admin key: open on this machine)" : ""))
                }
            }
            for service in services {
                for line in service.announcement(baseURL: "http://\(host):\(boundPort)") { Self.say(line) }
            }
            Self.say("ready")
        }
        server.media = mediaArguments.options
        do {
            try await server.runUntilSignalled()
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            try? await store.close()
            throw CommandFailure("address already in use: \(host):\(port)")
        }
        try await store.close()
    }

    /// Fails with `address already in use` before anything is opened or created (the store file)
    /// when another process listens on the port. The server binds again for real afterwards; one
    /// that takes the port in between is still reported, by the server's own bind.
    private static func checkPortIsFree(host: String, port: Int) async throws {
        guard port != 0 else { return }
        do {
            let probe = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .bind(host: host, port: port).get()
            try await probe.close()
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw CommandFailure("address already in use: \(host):\(port)")
        }
    }

    /// Writes a line to standard output at once, even when it is a pipe.
    private static func say(_ line: String) {
        FileHandle.standardOutput.write(Data((line + "\n").utf8))
    }
}
