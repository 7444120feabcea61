import Foundation
import Yams

/// The tag handlers of the reply API by tag word, read from a YAML file (`parley serve --tags`):
///
/// ```yaml
/// tags:
///   select:                      # matches [select ...] in an output
///     url: http://127.0.0.1:9000/price
///     timeout: 2s                # optional (default 2s): a number with s or ms, at most 60s
/// ```
public struct TagHandlers: Sendable {
    /// The handlers by tag word.
    public let byWord: [String: TagHandler]

    /// No handlers: outputs go to the client as the mind wrote them.
    public static let none = TagHandlers([])

    /// At most this many handler rounds run for one request.
    public static let maximumRounds = 4

    /// The given handlers; a later one replaces an earlier one for the same word.
    public init(_ handlers: [TagHandler]) {
        byWord = Dictionary(handlers.map { ($0.word, $0) }) { _, later in later }
    }

    /// Reads the configuration file at `path`.
    public static func load(path: String) throws(TagHandlersError) -> TagHandlers {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw TagHandlersError(file: path, key: "", reason: "cannot read the file: \(error.localizedDescription)")
        }
        return try TagHandlers(yaml: text, file: path)
    }

    /// Reads a configuration's text; `file` names it in errors. Unknown keys, tag words that are
    /// not lowercase words, URLs that are not `http(s)` and durations without `s` or `ms` are errors.
    public init(yaml text: String, file: String) throws(TagHandlersError) {
        func failure(_ key: String, _ reason: String) -> TagHandlersError {
            TagHandlersError(file: file, key: key, reason: reason)
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text, .basic)
        } catch {
            throw failure("", "invalid YAML: \(error)")
        }
        guard let root, case .mapping(let top) = root else {
            throw failure("", "expected a mapping with the key tags (tags: {WORD: {url: URL, timeout: 2s}})")
        }
        var handlers: [TagHandler] = []
        for (key, value) in top {
            guard key.string == "tags" else { throw failure(key.string ?? "?", "unknown key (expected tags)") }
            guard case .mapping(let tags) = value else {
                if case .scalar(let scalar) = value, scalar.string.isEmpty || scalar.string == "null" { continue }
                throw failure("tags", "expected a mapping of tag words to {url, timeout}")
            }
            for (wordNode, settings) in tags {
                let word = wordNode.string ?? ""
                let path = "tags.\(word)"
                guard Self.isTagWord(word) else {
                    throw failure(
                        path, "a tag word is 1 to 64 lowercase letters, digits, '-' or '_', starting and ending with a letter or digit")
                }
                guard !handlers.contains(where: { $0.word == word }) else { throw failure(path, "the tag is given twice") }
                handlers.append(try Self.handler(word, settings, path: path, failure))
            }
        }
        self.init(handlers)
    }

    /// One tag's `{url, timeout}`.
    private static func handler(
        _ word: String, _ node: Node, path: String, _ failure: (String, String) -> TagHandlersError
    ) throws(TagHandlersError) -> TagHandler {
        guard case .mapping(let settings) = node else { throw failure(path, "expected a mapping with url and timeout") }
        var url: String?
        var timeout = TagHandler.defaultTimeout
        for (key, value) in settings {
            let name = key.string ?? "?"
            guard case .scalar(let scalar) = value else { throw failure("\(path).\(name)", "expected a single value") }
            switch name {
            case "url":
                do {
                    url = try RemoteURL(scalar.string).description
                } catch {
                    throw failure("\(path).url", "\"\(scalar.string)\" is not a usable http(s) URL: \(error.reason)")
                }
            case "timeout":
                guard let duration = duration(scalar.string), duration > .zero, duration <= TagHandler.maximumTimeout else {
                    throw failure(
                        "\(path).timeout",
                        "\"\(scalar.string)\" is not a duration from 1ms to 60s; write a number with s or ms, e.g. 2s or 500ms")
                }
                timeout = duration
            default:
                throw failure("\(path).\(name)", "unknown key (expected url, timeout)")
            }
        }
        guard let url else { throw failure("\(path).url", "missing: the endpoint to POST the tag to") }
        return TagHandler(word: word, url: url, timeout: timeout)
    }

    /// `2s`, `1.5s` or `500ms` as a duration; nil for anything else.
    static func duration(_ text: String) -> Duration? {
        let (number, scale): (Substring, Double) =
            text.hasSuffix("ms") ? (text.dropLast(2), 0.001) : text.hasSuffix("s") ? (text.dropLast(), 1) : ("", 0)
        guard !number.isEmpty, number.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
            let value = Double(number)
        else { return nil }
        return .milliseconds(Int64((value * scale * 1000).rounded()))
    }

    /// Whether `word` can be a tag word: 1 to 64 lowercase ASCII letters, digits, `-`, `_`,
    /// starting and ending with a letter or digit (an output tag's first word compares by its
    /// match form: lowercase, edge punctuation removed).
    static func isTagWord(_ word: String) -> Bool {
        guard (1...64).contains(word.utf8.count), let first = word.utf8.first, let last = word.utf8.last,
            isLetterOrDigit(first), isLetterOrDigit(last)
        else { return false }
        return word.utf8.allSatisfy { isLetterOrDigit($0) || $0 == 0x2D || $0 == 0x5F }
    }

    private static func isLetterOrDigit(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7A)
    }
}
