/// An output template: text with `{name}`, `{1}`, `{?var}` and `{@intent}` placeholders
/// (docs/minds-reference.md#rules), and in version 1.1 the values and functions of
/// docs/minds-reference.md#version-11; `{{` and `}}` are literal braces.
struct Template: Sendable, Hashable {
    /// One piece of a template.
    enum Segment: Sendable, Hashable {
        case text(String)
        case capture(String)
        case variable(String)
        case intent(String)
        /// `{$name}`: a user variable (1.1).
        case userVariable(String)
        /// `{bot.name}`: a bot property (1.1).
        case botProperty(String)
        /// `{that}`: the previous output (1.1).
        case that
        /// `{input}`: the text being answered (1.1).
        case input
        /// `{date}` or `{date "FORMAT"}`: the turn's time (1.1).
        case date(String?)
        /// A function with a body, and the text it is written with (1.1); boxed, so that every
        /// segment stays as small as a text.
        indirect case call(TemplateCall, written: String)
    }

    /// A syntax error at a column (Unicode scalars from 1).
    struct SyntaxError: Error, Sendable {
        let column: Int
        let message: String

        var description: String { "\(message) at column \(column)" }
    }

    /// The pieces of a template with braces; none for plain text, which `plainText` holds (most
    /// templates are plain: they need no array).
    let segments: [Segment]
    /// The whole text of a template without braces; nil when it has segments.
    private let plainText: String?

    /// A template of a version 1.1 mind: the version 1 placeholders and the 1.1 ones.
    init(extended source: String) throws(SyntaxError) {
        guard source.utf8.contains(UInt8(ascii: "{")) || source.utf8.contains(UInt8(ascii: "}")) else {
            segments = []
            plainText = source
            return
        }
        var parser = TemplateParser(source)
        segments = try parser.template(closed: false)
        plainText = nil
    }

    /// A template of plain text.
    init(plain text: String) {
        segments = []
        plainText = text
    }

    /// A template of the given segments.
    init(segments: [Segment]) {
        self.segments = segments
        plainText = nil
    }

    /// The whole text when the template has no placeholders.
    var plain: String? { plainText }

    init(_ source: String) throws(SyntaxError) {
        var source = source
        let open = UInt8(ascii: "{"), close = UInt8(ascii: "}")
        guard source.withUTF8({ ByteScan.contains(open, close, close, in: $0) }) else {
            segments = []
            plainText = source
            return
        }
        segments = try source.withUTF8 { utf8 in
            Result { () throws(SyntaxError) -> [Segment] in try Self.segments(utf8) }
        }.get()
        plainText = nil
    }

    /// The segments of a template's UTF-8 bytes: each text segment is built once from its bytes
    /// (joined across `{{` and `}}`), and a placeholder is read from its bytes.
    private static func segments(_ utf8: UnsafeBufferPointer<UInt8>) throws(SyntaxError) -> [Segment] {
        /// The column (Unicode scalars from 1) of the byte at `offset`.
        func column(_ offset: Int) -> Int {
            offset + 1 - ByteScan.continuationCount(UnsafeBufferPointer(rebasing: utf8[..<offset]))
        }
        let open = UInt8(ascii: "{"), close = UInt8(ascii: "}")
        var segments: [Segment] = []
        // Text before the current run of plain bytes (only when an escaped brace split it).
        var text = ""
        var runStart = 0
        var index = 0
        /// The text so far and the run of plain bytes up to `end`.
        func gathered(upTo end: Int) -> String {
            let run = String(decoding: UnsafeBufferPointer(rebasing: utf8[runStart..<end]), as: UTF8.self)
            return text.isEmpty ? run : text + run
        }
        while index < utf8.count {
            let byte = utf8[index]
            guard byte == open || byte == close else {
                index += 1
                continue
            }
            if index + 1 < utf8.count && utf8[index + 1] == byte {
                // An escaped brace: keep one.
                text = gathered(upTo: index + 1)
                index += 2
                runStart = index
            } else if byte == close {
                throw SyntaxError(column: column(index), message: "unmatched '}' (write '}}' for a brace)")
            } else {
                guard let end = utf8[(index + 1)...].firstIndex(of: close) else {
                    throw SyntaxError(column: column(index), message: "unclosed '{'")
                }
                let before = gathered(upTo: index)
                if !before.isEmpty { segments.append(.text(before)) }
                text = ""
                let inside = UnsafeBufferPointer(rebasing: utf8[(index + 1)..<end])
                guard let placeholder = Self.placeholder(inside) else {
                    throw SyntaxError(column: column(index),
                                      message: "invalid placeholder '{\(String(decoding: inside, as: UTF8.self))}'")
                }
                segments.append(placeholder)
                index = end + 1
                runStart = index
            }
        }
        let rest = gathered(upTo: utf8.count)
        if !rest.isEmpty { segments.append(.text(rest)) }
        return segments
    }

    /// The placeholder written with these bytes between the braces, or nil when it is invalid.
    static func placeholder(_ inside: UnsafeBufferPointer<UInt8>) -> Segment? {
        func name(from start: Int) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: inside[start...]), as: UTF8.self)
        }
        guard let first = inside.first else { return nil }
        if first == UInt8(ascii: "?") || first == UInt8(ascii: "@") {
            // Otherwise (`{?}`, `{@x-}`) it is no capture either: a capture name starts otherwise.
            guard FactSyntax.isIdentifier(utf8: inside[1...]) else { return nil }
            return first == UInt8(ascii: "?") ? .variable(name(from: 1)) : .intent(name(from: 1))
        }
        return FactSyntax.isCaptureName(utf8: inside) ? .capture(name(from: 0)) : nil
    }

    /// The segments of the template and of every function body in it, depth first.
    var allSegments: [Segment] {
        var all: [Segment] = []
        for segment in segments {
            all.append(segment)
            if case .call(let call, _) = segment {
                for body in call.bodies { all += body.allSegments }
            }
        }
        return all
    }

    /// The intents the template generates.
    var intents: [String] {
        allSegments.compactMap { segment in
            if case .intent(let name) = segment { return name }
            return nil
        }
    }

    /// Whether the template has an intent placeholder (looked for without building lists).
    var generates: Bool {
        segments.contains { segment in
            switch segment {
            case .intent: true
            case .call(let call, _): call.bodies.contains(where: \.generates)
            default: false
            }
        }
    }

    /// The text with values filled in and each `{@intent}` and 1.1 placeholder left as written
    /// (the text of a variant, docs/minds-reference.md#variants-and-repetition).
    func text(_ bindings: Bindings) -> String {
        if let plainText { return plainText }
        var output = ""
        for segment in segments {
            switch segment {
            case .text(let text): output += text
            case .capture(let name): output += bindings.capture(name)
            case .variable(let name): output += bindings.variables[name] ?? ""
            case .intent(let name): output += "{@" + name + "}"
            case .call(_, let written): output += written
            case .userVariable(let name): output += "{$" + name + "}"
            case .botProperty(let name): output += "{bot." + name + "}"
            case .that: output += "{that}"
            case .input: output += "{input}"
            case .date(let format): output += format.map { "{date \(Fact.canonical($0))}" } ?? "{date}"
            }
        }
        return output
    }
}
