/// An output template: text with `{name}`, `{1}`, `{?var}` and `{@intent}` placeholders
/// (mind-language.md section 5); `{{` and `}}` are literal braces.
struct Template: Sendable, Hashable {
    /// One piece of a template.
    enum Segment: Sendable, Hashable {
        case text(String)
        case capture(String)
        case variable(String)
        case intent(String)
    }

    /// A syntax error at a column (Unicode scalars from 1).
    struct SyntaxError: Error, Sendable {
        let column: Int
        let message: String

        var description: String { "\(message) at column \(column)" }
    }

    let segments: [Segment]

    init(_ source: String) throws(SyntaxError) {
        // Plain text (no braces): one segment sharing the source's storage.
        var source = source
        let open = UInt8(ascii: "{"), close = UInt8(ascii: "}")
        guard source.withUTF8({ ByteScan.contains(open, close, close, in: $0) }) else {
            segments = source.isEmpty ? [] : [.text(source)]
            return
        }
        segments = try source.withUTF8 { utf8 in
            Result { () throws(SyntaxError) -> [Segment] in try Self.segments(utf8) }
        }.get()
    }

    /// The segments of a template's UTF-8 bytes.
    private static func segments(_ utf8: UnsafeBufferPointer<UInt8>) throws(SyntaxError) -> [Segment] {
        /// The column (Unicode scalars from 1) of the byte at `offset`.
        func column(_ offset: Int) -> Int {
            offset + 1 - ByteScan.continuationCount(UnsafeBufferPointer(rebasing: utf8[..<offset]))
        }
        let open = UInt8(ascii: "{"), close = UInt8(ascii: "}")
        var segments: [Segment] = []
        var text: [UInt8] = []
        var index = 0
        func flush() {
            if !text.isEmpty { segments.append(.text(String(decoding: text, as: UTF8.self))) }
            text.removeAll(keepingCapacity: true)
        }
        while index < utf8.count {
            let byte = utf8[index]
            let next = index + 1 < utf8.count ? utf8[index + 1] : nil
            if byte == open && next == open || byte == close && next == close {
                text.append(byte)
                index += 2
            } else if byte == close {
                throw SyntaxError(column: column(index), message: "unmatched '}' (write '}}' for a brace)")
            } else if byte == open {
                guard let end = utf8[index...].firstIndex(of: close) else {
                    throw SyntaxError(column: column(index), message: "unclosed '{'")
                }
                let inside = String(decoding: UnsafeBufferPointer(rebasing: utf8[(index + 1)..<end]), as: UTF8.self)
                flush()
                segments.append(try Self.placeholder(inside, column: column(index)))
                index = end + 1
            } else {
                text.append(byte)
                index += 1
            }
        }
        flush()
        return segments
    }

    private static func placeholder(_ inside: String, column: Int) throws(SyntaxError) -> Segment {
        if inside.hasPrefix("?"), FactSyntax.isIdentifier(String(inside.dropFirst())) {
            return .variable(String(inside.dropFirst()))
        }
        if inside.hasPrefix("@"), FactSyntax.isIdentifier(String(inside.dropFirst())) {
            return .intent(String(inside.dropFirst()))
        }
        if FactSyntax.isCaptureName(inside) { return .capture(inside) }
        throw SyntaxError(column: column, message: "invalid placeholder '{\(inside)}'")
    }

    /// The variables the template names.
    var variables: [String] {
        segments.compactMap { segment in
            if case .variable(let name) = segment { return name }
            return nil
        }
    }

    /// The captures the template names.
    var captures: [String] {
        segments.compactMap { segment in
            if case .capture(let name) = segment { return name }
            return nil
        }
    }

    /// Whether the template has an intent placeholder.
    var generates: Bool {
        segments.contains { segment in
            if case .intent = segment { return true }
            return false
        }
    }

    /// The intents the template generates.
    var intents: [String] {
        segments.compactMap { segment in
            if case .intent(let name) = segment { return name }
            return nil
        }
    }

    /// The text with values filled in and each `{@intent}` left as written.
    func text(_ bindings: Bindings) -> String {
        render(bindings) { "{@\($0)}" }
    }

    /// The text with values filled in and each intent replaced by `generate(intent)`, in order.
    func render(_ bindings: Bindings, generate: (String) -> String) -> String {
        var output = ""
        for segment in segments {
            switch segment {
            case .text(let text): output += text
            case .capture(let name): output += bindings.capture(name)
            case .variable(let name): output += bindings.variables[name] ?? ""
            case .intent(let name): output += generate(name)
            }
        }
        return output
    }
}
