import Foundation
import ParleyCore
import ParleyStore

/// The settings of one `opt.models` entry, with typed readers whose errors name the setting.
public struct BotModelSettings: Sendable {
    /// The entry's key under `opt.models`.
    public let key: String
    /// Every setting of the entry, `model` included, as written.
    public let values: [String: JSONValue]
    /// The folder of the config file; relative paths in settings are read from there.
    public let configFolder: String
    /// Where a model may log each exchange it answers (the store, when it keeps reply API
    /// exchanges), so that the studio's review sees conversations in worlds; nil for nowhere.
    public let exchangeLog: (any UserStateStore)?

    /// An error in one setting.
    public struct Problem: Error, CustomStringConvertible {
        public let setting: String
        public let problem: String
        public var description: String { "\(setting): \(problem)" }

        public init(setting: String, problem: String) {
            self.setting = setting
            self.problem = problem
        }
    }

    public init(key: String, values: [String: JSONValue], configFolder: String, exchangeLog: (any UserStateStore)? = nil) {
        self.key = key
        self.values = values
        self.configFolder = configFolder
        self.exchangeLog = exchangeLog
    }

    /// The text of `name`, or nil when absent.
    public func string(_ name: String) throws(Problem) -> String? {
        switch values[name] {
        case nil, .null?: return nil
        case .string(let text)?: return text
        case .number(let number)?: return number == number.rounded() ? String(Int(number)) : String(number)
        default: throw Problem(setting: name, problem: "expected text")
        }
    }

    /// The non-empty text of `name`; throws when it is absent.
    public func requiredString(_ name: String) throws(Problem) -> String {
        guard let text = try string(name), !text.isEmpty else { throw Problem(setting: name, problem: "required") }
        return text
    }

    /// The number of `name`, or nil when absent; throws unless it lies in `range`.
    public func number(_ name: String, in range: ClosedRange<Double>) throws(Problem) -> Double? {
        switch values[name] {
        case nil, .null?: return nil
        case .number(let number)? where range.contains(number): return number
        default: throw Problem(setting: name, problem: "expected a number from \(Self.shown(range.lowerBound)) to \(Self.shown(range.upperBound))")
        }
    }

    /// `number` as people write it: `5`, not `5.0`; `0.5` as it is.
    private static func shown(_ number: Double) -> String {
        number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
    }

    /// The whole number of `name`, or nil when absent; throws unless it lies in `range`.
    public func integer(_ name: String, in range: ClosedRange<Int>) throws(Problem) -> Int? {
        guard let number = try number(name, in: Double(range.lowerBound)...Double(range.upperBound)) else { return nil }
        guard number == number.rounded() else { throw Problem(setting: name, problem: "expected a whole number") }
        return Int(number)
    }

    /// The duration of `name` in seconds (`10`, `2.5`) or with a unit (`500ms`, `2s`, `1m`), or nil.
    public func duration(_ name: String) throws(Problem) -> Duration? {
        let problem = Problem(setting: name, problem: "expected a positive duration such as 10, 2s, 500ms or 1m")
        let seconds: Double
        switch values[name] {
        case nil, .null?: return nil
        case .number(let number)?: seconds = number
        case .string(let text)?:
            let units: [(suffix: String, scale: Double)] = [("ms", 0.001), ("s", 1), ("m", 60)]
            guard let unit = units.first(where: { text.hasSuffix($0.suffix) }),
                let value = Double(text.dropLast(unit.suffix.count))
            else { throw problem }
            seconds = value * unit.scale
        default: throw problem
        }
        guard seconds > 0, seconds <= 86_400 else { throw problem }
        return .milliseconds(Int64((seconds * 1000).rounded()))
    }

    /// The texts of `name`: one text or a list of texts, at least one.
    public func texts(_ name: String) throws(Problem) -> [String] {
        switch values[name] {
        case .string(let text)?: return [text]
        case .array(let items)? where !items.isEmpty:
            return try items.map { item throws(Problem) in
                guard let text = item.stringValue else { throw Problem(setting: name, problem: "expected a list of texts") }
                return text
            }
        case nil, .null?: throw Problem(setting: name, problem: "required: a text or a list of texts")
        default: throw Problem(setting: name, problem: "expected a text or a list of texts")
        }
    }

    /// An `http(s)` URL in `name`; throws when it is absent or not one.
    public func httpURL(_ name: String) throws(Problem) -> URL {
        let text = try requiredString(name)
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme),
            url.host?.isEmpty == false
        else { throw Problem(setting: name, problem: "expected an http or https URL, got \"\(text)\"") }
        return url
    }

    /// `path` as given when absolute, else inside the config file's folder.
    public func resolvedPath(_ path: String) -> String {
        path.hasPrefix("/") ? path : (configFolder as NSString).appendingPathComponent(path)
    }

    /// Throws for a setting not in `known` (besides `model`), so that typos do not pass silently.
    public func allowOnly(_ known: Set<String>) throws(Problem) {
        if let unknown = values.keys.sorted().first(where: { $0 != "model" && !known.contains($0) }) {
            let list = known.sorted().joined(separator: ", ")
            throw Problem(setting: unknown, problem: "unknown setting (known: \(list.isEmpty ? "none" : list))")
        }
    }
}
