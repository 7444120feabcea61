/// A number a chat service reports at `/metrics`, in Prometheus terms.
public struct ServiceMetric: Sendable, Equatable {
    /// Whether the number only grows (`counter`) or goes up and down (`gauge`).
    public enum Kind: String, Sendable {
        case counter, gauge
    }

    /// The metric's name, e.g. `parley_service_events_total`.
    public var name: String
    /// One line on what it counts.
    public var help: String
    public var kind: Kind
    /// Label names and values, e.g. `[("service", "telegram")]`.
    public var labels: [String: String]
    public var value: Int

    public init(name: String, help: String, kind: Kind, labels: [String: String] = [:], value: Int) {
        self.name = name
        self.help = help
        self.kind = kind
        self.labels = labels
        self.value = value
    }
}
