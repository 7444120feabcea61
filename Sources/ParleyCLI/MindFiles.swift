import ArgumentParser
import Foundation
import ParleyMind

/// Reading minds and conversation data for the `parley mind` commands (the engine takes a read
/// function; this is it).
enum MindFiles {
    /// A file that could not be read, with the path and the reason.
    struct ReadError: Error, CustomStringConvertible {
        let path: String
        let reason: String

        var description: String { "cannot read \(path): \(reason)" }
    }

    /// The UTF-8 text of the file at `path`.
    static func read(_ path: String) throws -> String {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch let error as CocoaError where error.code == .fileReadNoSuchFile {
            throw ReadError(path: path, reason: "no such file")
        } catch {
            throw ReadError(path: path, reason: error.localizedDescription)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ReadError(path: path, reason: "not valid UTF-8")
        }
        return text
    }

    /// Loads the mind at `path`; on failure prints every finding (or the read error) to standard
    /// error and throws `ExitCode.failure`. Warnings of a mind that loads are printed too.
    static func loadMind(_ path: String) throws -> Mind {
        do {
            let loaded = try Mind.load(path: path, read: read)
            for warning in loaded.warnings { MindTerminal.error(warning.described(in: path)) }
            return loaded.mind
        } catch let error as RulebaseError {
            for diagnostic in error.diagnostics { MindTerminal.error(diagnostic.described(in: path)) }
            throw ExitCode.failure
        } catch {
            MindTerminal.error("error: \(error)")
            throw ExitCode.failure
        }
    }

    /// The conversation data given with `--data` (a new conversation when nil); on bad data prints
    /// the reason to standard error and throws `ExitCode.failure`.
    static func conversationData(_ json: String?) throws -> ConversationData {
        guard let json else { return .new }
        do {
            return try ConversationData(jsonText: json)
        } catch {
            MindTerminal.error("error: --data: \(error.message)")
            throw ExitCode.failure
        }
    }
}
