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
        guard source.utf8.contains(where: { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "}") }) else {
            segments = source.isEmpty ? [] : [.text(source)]
            return
        }
        let scalars = Array(source.unicodeScalars)
        var segments: [Segment] = []
        var text = ScalarText()
        var index = 0
        func flush() {
            if !text.isEmpty { segments.append(.text(text.string)) }
            text.removeAll()
        }
        while index < scalars.count {
            let scalar = scalars[index]
            let next = index + 1 < scalars.count ? scalars[index + 1] : nil
            if scalar == "{" && next == "{" || scalar == "}" && next == "}" {
                text.append(scalar)
                index += 2
            } else if scalar == "}" {
                throw SyntaxError(column: index + 1, message: "unmatched '}' (write '}}' for a brace)")
            } else if scalar == "{" {
                guard let close = scalars[index...].firstIndex(of: "}") else {
                    throw SyntaxError(column: index + 1, message: "unclosed '{'")
                }
                let inside = ScalarText(scalars[(index + 1)..<close]).string
                flush()
                segments.append(try Self.placeholder(inside, column: index + 1))
                index = close + 1
            } else {
                text.append(scalar)
                index += 1
            }
        }
        flush()
        self.segments = segments
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
