import Foundation

/// A chat service's secrets, read from the environment or from a secrets file of `KEY=VALUE` lines.
///
/// In the file, blank lines and lines starting with `#` are skipped; a value set in the file wins
/// over the environment. Keys are those the services in use declare, e.g.
/// `PARLEY_TELEGRAM_BOT_TOKEN`.
public struct ServiceSecrets: Sendable, Equatable {
    /// The values found, by key; empty values count as missing.
    public private(set) var values: [String: String]

    public init(_ values: [String: String] = [:]) {
        self.values = values.filter { !$0.value.isEmpty }
    }

    /// Reads `keys` from `file` (when given) and then `environment`. Throws ``ServiceSecretsError``
    /// naming the file and line for a line that is not `KEY=VALUE` or names a key not in `keys`.
    public static func load(keys: Set<String>, file: String?, environment: [String: String]) throws(ServiceSecretsError) -> ServiceSecrets {
        var values = environment.filter { keys.contains($0.key) && !$0.value.isEmpty }
        if let file {
            let text: String
            do {
                text = try String(contentsOfFile: file, encoding: .utf8)
            } catch {
                throw ServiceSecretsError("cannot read the secrets file \(file): \(error.localizedDescription)")
            }
            for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
                if line.isEmpty || line.hasPrefix("#") { continue }
                guard let equals = line.firstIndex(of: "=") else {
                    throw ServiceSecretsError("\(file):\(index + 1): expected KEY=VALUE")
                }
                let key = line[..<equals].trimmingCharacters(in: .whitespaces)
                let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
                guard keys.contains(key) else {
                    throw ServiceSecretsError(
                        "\(file):\(index + 1): unknown key \(key) (expected one of \(keys.sorted().joined(separator: ", ")))")
                }
                values[key] = value
            }
        }
        return ServiceSecrets(values)
    }

    /// The value of `key`, nil when missing.
    public subscript(key: String) -> String? {
        values[key]
    }

    /// The values of `keys`, in order; throws one error naming every missing key at once.
    public func require(_ keys: [String], for service: String) throws(ServiceSecretsError) -> [String] {
        let missing = keys.filter { values[$0] == nil }
        guard missing.isEmpty else { throw .missing(missing, for: service) }
        return keys.map { values[$0]! }
    }
}
