import Foundation

/// Messenger's secrets, read from the environment or from a secrets file of `KEY=VALUE` lines.
///
/// The keys are `PARLEY_MESSENGER_APP_SECRET`, `PARLEY_MESSENGER_VERIFY_TOKEN` and
/// `PARLEY_MESSENGER_PAGE_TOKEN`. In the file, blank lines and lines starting with `#` are
/// skipped; a value set in the file wins over the environment.
public struct MessengerSecrets: Sendable, Equatable {
    public static let appSecretKey = "PARLEY_MESSENGER_APP_SECRET"
    public static let verifyTokenKey = "PARLEY_MESSENGER_VERIFY_TOKEN"
    public static let pageTokenKey = "PARLEY_MESSENGER_PAGE_TOKEN"

    public var appSecret: String?
    public var verifyToken: String?
    public var pageToken: String?

    /// Reads the secrets from `file` (when given) and then `environment`.
    /// Throws ``MessengerConfigError`` naming the file and line for a line that is not `KEY=VALUE`
    /// or names an unknown key.
    public static func load(file: String?, environment: [String: String]) throws(MessengerConfigError) -> MessengerSecrets {
        var values = environment.filter { [appSecretKey, verifyTokenKey, pageTokenKey].contains($0.key) && !$0.value.isEmpty }
        if let file {
            let text: String
            do {
                text = try String(contentsOfFile: file, encoding: .utf8)
            } catch {
                throw MessengerConfigError("cannot read the secrets file \(file): \(error.localizedDescription)")
            }
            for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
                if line.isEmpty || line.hasPrefix("#") { continue }
                guard let equals = line.firstIndex(of: "=") else {
                    throw MessengerConfigError("\(file):\(index + 1): expected KEY=VALUE")
                }
                let key = line[..<equals].trimmingCharacters(in: .whitespaces)
                let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
                guard [appSecretKey, verifyTokenKey, pageTokenKey].contains(key) else {
                    throw MessengerConfigError(
                        "\(file):\(index + 1): unknown key \(key) (expected \(appSecretKey), \(verifyTokenKey) or \(pageTokenKey))")
                }
                values[key] = value
            }
        }
        return MessengerSecrets(appSecret: values[appSecretKey], verifyToken: values[verifyTokenKey], pageToken: values[pageTokenKey])
    }

    public init(appSecret: String?, verifyToken: String?, pageToken: String?) {
        self.appSecret = appSecret
        self.verifyToken = verifyToken
        self.pageToken = pageToken
    }
}
