import Foundation
import Yams

/// A task's `allowed_people`: a list of person ids, or a file that lists them one per line.
public enum AllowedPeople: Sendable, Equatable {
    case people(Set<String>)
    /// The file's path (resolved from the config file's folder); read at each check, so edits
    /// apply without a restart. Blank lines and lines starting with `#` are skipped.
    case file(String)

    /// True when `personID` may take the task; an unreadable file allows nobody (and says why).
    public func allows(_ personID: String) -> Result<Bool, ConfigError> {
        switch self {
        case .people(let ids):
            return .success(ids.contains(personID))
        case .file(let path):
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                return .failure(ConfigError(file: path, key: "", problem: "cannot read the allowed_people file"))
            }
            let ids = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            return .success(ids.contains { !$0.hasPrefix("#") && $0 == personID })
        }
    }

    static func parse(_ node: Node, at key: String, reader: ConfigReader) throws(ConfigError) -> AllowedPeople {
        if case .sequence = node { return .people(Set(try reader.strings(node, at: key))) }
        let name = try reader.string(node, at: key)
        let folder = (reader.file as NSString).deletingLastPathComponent
        let path = name.hasPrefix("/") || folder.isEmpty ? name : folder + "/" + name
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw reader.error(key, "expected a list of person ids or a readable file of them; cannot read \(path)")
        }
        return .file(path)
    }
}
