import CoreMetrics
import Metrics
import ParleyWorlds
import Prometheus

/// The server's metrics, kept in a Prometheus registry and served as text at `/metrics`: requests
/// by route, method and status, their latency, open WebSocket connections, and (added when the
/// page is made) the mind cache's hits and misses.
public struct ServerMetrics: Sendable {
    /// Where the metrics are kept; `parley serve` bootstraps the global metrics system with it too.
    public let registry: PrometheusCollectorRegistry
    /// Makes the server's metrics in `registry` (never through the global metrics system).
    public let factory: PrometheusMetricsFactory
    /// Open WebSocket connections.
    let webSocketConnections: Meter
    /// The request meters made so far.
    private let requestMeters = RequestMeters()

    static let requestsLabel = "parley_http_requests_total"
    static let durationLabel = "parley_http_request_duration_seconds"

    /// Metrics kept in `registry` (a new one by default, so that servers in tests do not share).
    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets[Self.durationLabel] = [
            .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
            .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
            .seconds(1), .seconds(2.5), .seconds(5), .seconds(10),
        ]
        // The runtime's histograms (ParleyWorlds' WorldMetrics): a pool wait, a bot's reply.
        factory.durationHistogramBuckets["parley_pool_wait_seconds"] = [
            .seconds(1), .seconds(5), .seconds(15), .seconds(30), .seconds(60), .seconds(120), .seconds(300), .seconds(600),
        ]
        factory.durationHistogramBuckets["parley_bot_reply_seconds"] = [
            .milliseconds(10), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
            .seconds(2.5), .seconds(5), .seconds(10), .seconds(30),
        ]
        self.factory = factory
        webSocketConnections = Meter(label: "parley_websocket_connections", factory: factory)
    }

    /// Counts a finished request and records how long it took.
    func recordRequest(route: String, method: String, status: Int, nanoseconds: UInt64) {
        let factory = self.factory
        let meters = requestMeters.meters(for: .init(route: route, method: method, status: status)) {
            (
                Counter(
                    label: Self.requestsLabel,
                    dimensions: [("route", route), ("method", method), ("status", String(status))],
                    factory: factory),
                Timer(label: Self.durationLabel, dimensions: [("route", route), ("method", method)], factory: factory)
            )
        }
        meters.requests.increment()
        meters.duration.recordNanoseconds(Int64(clamping: nanoseconds))
    }

    /// The Prometheus text exposition of every metric, with `cacheLookups` when given, the
    /// connections and the WebSocket queues' memory.
    func exposition(
        cacheLookups: MindCacheLookups?, gate: ConnectionGate, queueBudget: QueueBudget, services: [ServiceMetric] = []
    ) -> [UInt8] {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        let gauges = [
            ("parley_connections", "gauge", "Open TCP connections (HTTP and WebSocket).", gate.openConnections),
            ("parley_connections_refused_total", "counter",
             "Connections refused over --max-connections or the per-address limit.", gate.refusedConnections),
            ("parley_websocket_queued_bytes", "gauge", "Bytes waiting in WebSocket connections' outgoing queues.",
             queueBudget.bytes),
            ("parley_websocket_queued_bytes_peak", "gauge", "The most bytes waiting in those queues at once so far.",
             queueBudget.peakBytes),
            ("parley_websocket_queued_bytes_limit", "gauge", "The most bytes those queues may hold together.",
             queueBudget.limit),
        ]
        for (name, type, help, value) in gauges {
            buffer.append(contentsOf: "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n\(name) \(value)\n".utf8)
        }
        if let cacheLookups {
            let text = """
                # HELP parley_mind_cache_lookups_total Lookups of URL minds in the mind cache, by result.
                # TYPE parley_mind_cache_lookups_total counter
                parley_mind_cache_lookups_total{result="hit"} \(cacheLookups.hits)
                parley_mind_cache_lookups_total{result="miss"} \(cacheLookups.misses)

                """
            buffer.append(contentsOf: text.utf8)
        }
        Self.emit(services, into: &buffer)
        return buffer
    }

    /// The chat services' metrics, one HELP and TYPE per name, in the order first given.
    private static func emit(_ metrics: [ServiceMetric], into buffer: inout [UInt8]) {
        var names: [String] = []
        var byName: [String: [ServiceMetric]] = [:]
        for metric in metrics {
            if byName[metric.name] == nil { names.append(metric.name) }
            byName[metric.name, default: []].append(metric)
        }
        for name in names {
            let series = byName[name] ?? []
            guard let first = series.first else { continue }
            buffer.append(contentsOf: "# HELP \(name) \(first.help)\n# TYPE \(name) \(first.kind.rawValue)\n".utf8)
            for metric in series {
                let labels = metric.labels.sorted { $0.key < $1.key }.map { "\($0.key)=\"\($0.value)\"" }
                let labelText = labels.isEmpty ? "" : "{" + labels.joined(separator: ",") + "}"
                buffer.append(contentsOf: "\(name)\(labelText) \(metric.value)\n".utf8)
            }
        }
    }
}
