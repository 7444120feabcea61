/// Reads a version 1.1 template (docs/minds-reference.md#version-11): the version 1 placeholders,
/// the 1.1 values and the functions `{NAME ARGUMENTS: BODY}` whose bodies nest.
struct TemplateParser {
    private let scalars: [Unicode.Scalar]
    private var index = 0

    init(_ source: String) {
        scalars = Array(source.unicodeScalars)
    }

    private var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    private func error(_ message: String, at position: Int? = nil) -> Template.SyntaxError {
        Template.SyntaxError(column: (position ?? index) + 1, message: message)
    }

    /// The segments up to the end (`closed` false) or up to the `}` that closes a body, which it
    /// consumes. Outside bodies `{{` and `}}` are braces; inside, `{{` is a brace and `}` closes.
    mutating func template(closed: Bool, opening: Int = 0) throws(Template.SyntaxError) -> [Template.Segment] {
        var segments: [Template.Segment] = []
        var text = String.UnicodeScalarView()
        func flush() {
            if !text.isEmpty {
                segments.append(.text(String(text)))
                text = String.UnicodeScalarView()
            }
        }
        while let scalar = current {
            let next = index + 1 < scalars.count ? scalars[index + 1] : nil
            if scalar == "{" && next == "{" {
                text.append("{")
                index += 2
            } else if scalar == "}" {
                if closed {
                    index += 1
                    flush()
                    return segments
                }
                guard next == "}" else { throw error("unmatched '}' (write '}}' for a brace)") }
                text.append("}")
                index += 2
            } else if scalar == "{" {
                flush()
                let open = index
                let segment = try placeholder()
                try append(segment, to: &segments, at: open)
            } else {
                text.append(scalar)
                index += 1
            }
        }
        if closed { throw error("unclosed '{'", at: opening) }
        flush()
        return segments
    }

    /// Adds a segment, joining `elif`/`else` to the `if` and `or` to the `random` right before it.
    private func append(_ segment: Template.Segment, to segments: inout [Template.Segment], at open: Int)
        throws(Template.SyntaxError)
    {
        guard case .call(let call, let written) = segment else {
            segments.append(segment)
            return
        }
        switch (call, segments.last) {
        case (.branches(let more), .call(.branches(let branches), let before)?) where more.count == 1
            && Self.isContinuation(written):
            guard branches.last?.conditions != nil else { throw error("nothing may follow {else: ...}", at: open) }
            segments[segments.count - 1] = .call(.branches(branches + more), written: before + written)
        case (.random(let more), .call(.random(let bodies), let before)?) where written.hasPrefix("{or"):
            segments[segments.count - 1] = .call(.random(bodies + more), written: before + written)
        default:
            if Self.isContinuation(written) {
                throw error("{elif ...} and {else: ...} must follow an {if ...} directly", at: open)
            }
            if written.hasPrefix("{or:") || written.hasPrefix("{or ") {
                throw error("{or: ...} must follow a {random: ...} directly", at: open)
            }
            segments.append(segment)
        }
    }

    private static func isContinuation(_ written: String) -> Bool {
        written.hasPrefix("{elif ") || written.hasPrefix("{else:") || written.hasPrefix("{else ")
    }

    /// One placeholder, at its `{`.
    private mutating func placeholder() throws(Template.SyntaxError) -> Template.Segment {
        let open = index
        index += 1
        if current == "\"" {
            let text = try quoted()
            guard current == "}" else { throw error("expected '}' after the quoted text") }
            index += 1
            return .text(text)
        }
        let headStart = index
        while let scalar = current, !scalar.isWhiteSpace, scalar != ":", scalar != "}", scalar != "{" { index += 1 }
        let head = String(String.UnicodeScalarView(scalars[headStart..<index]))
        if current == "}" {
            index += 1
            return try value(head, at: open)
        }
        guard current != nil else { throw error("unclosed '{'", at: open) }
        // A function: arguments up to a ':' outside quotes, parentheses and braces, then a body.
        if head == "=" {
            let body = try self.body(skipping: true, opening: open)
            return call(.arithmetic(body), from: open)
        }
        if head == "date" {
            skipWhiteSpace()
            guard current == "\"" else { throw error("expected a quoted format after date") }
            let format = try quoted()
            skipWhiteSpace()
            guard current == "}" else { throw error("expected '}' after the date format") }
            index += 1
            return .date(format)
        }
        let argumentsStart = index
        let colon = argumentsEnd()
        let arguments = String(String.UnicodeScalarView(scalars[argumentsStart..<colon])).trimmingWhiteSpace
        let hasBody = colon < scalars.count && scalars[colon] == ":"
        index = colon + 1
        let argumentColumn = argumentsStart
        switch head {
        case "count":
            guard !hasBody else { throw error("{count ...} has no body", at: colon) }
            return call(.count(try conditions(arguments, at: argumentColumn)), from: open)
        default:
            break
        }
        guard hasBody else { throw error("expected ':' and a body after {\(head) ...", at: colon) }
        func noArguments() throws(Template.SyntaxError) {
            guard arguments.isEmpty else { throw error("{\(head): ...} takes no arguments", at: argumentColumn) }
        }
        func name() throws(Template.SyntaxError) -> String {
            guard FactSyntax.isIdentifier(arguments) else {
                throw error("expected a name after \(head), found \"\(arguments)\"", at: argumentColumn)
            }
            return arguments
        }
        switch head {
        case "think":
            try noArguments()
            return call(.think(try body(opening: open)), from: open)
        case "reply":
            try noArguments()
            return call(.reply(try body(opening: open)), from: open)
        case "random", "or":
            try noArguments()
            return call(.random([try body(opening: open)]), from: open)
        case "else":
            try noArguments()
            return call(.branches([.init(conditions: nil, body: try body(opening: open))]), from: open)
        case "if", "elif":
            let conditions = try conditions(arguments, at: argumentColumn)
            return call(.branches([.init(conditions: conditions, body: try body(opening: open))]), from: open)
        case "set":
            let name = try name()
            return call(.set(name, try body(opening: open)), from: open)
        case "map":
            let name = try name()
            return call(.map(name, try body(opening: open)), from: open)
        case "sum":
            return call(.sum(try conditions(arguments, at: argumentColumn), try body(opening: open)), from: open)
        case "each":
            let (conditionText, separator, last) = try eachOptions(arguments, at: argumentColumn)
            let conditions = try conditions(conditionText, at: argumentColumn)
            return call(.each(conditions, try body(opening: open), separator: separator, last: last), from: open)
        default:
            guard let transform = TextTransform(rawValue: head) else {
                throw error("unknown function \"\(head)\"", at: open)
            }
            try noArguments()
            return call(.transform(transform, try body(opening: open)), from: open)
        }
    }

    /// A call segment with the text it is written with, from `open` to here.
    private func call(_ call: TemplateCall, from open: Int) -> Template.Segment {
        .call(call, written: String(String.UnicodeScalarView(scalars[open..<index])))
    }

    /// A placeholder without a body: a 1.1 value or a version 1 placeholder.
    private func value(_ head: String, at open: Int) throws(Template.SyntaxError) -> Template.Segment {
        switch head {
        case "that": return .that
        case "input": return .input
        case "date": return .date(nil)
        default: break
        }
        if head.hasPrefix("$"), FactSyntax.isIdentifier(utf8: head.utf8.dropFirst()) {
            return .userVariable(String(head.dropFirst()))
        }
        if head.hasPrefix("bot."), FactSyntax.isIdentifier(utf8: head.utf8.dropFirst(4)) {
            return .botProperty(String(head.dropFirst(4)))
        }
        var bytes = Array(head.utf8)
        if let segment = bytes.withUnsafeMutableBufferPointer({ Template.placeholder(UnsafeBufferPointer($0)) }) {
            return segment
        }
        throw error("invalid placeholder '{\(head)}'", at: open)
    }

    /// A body: after the ':' (and one space after it, when there is one) up to its closing `}`.
    private mutating func body(skipping: Bool = false, opening: Int) throws(Template.SyntaxError) -> Template {
        if skipping {
            skipWhiteSpace()
        } else if current == " " {
            index += 1
        }
        // Only the written text of a template's own functions is read (as a variant's text): the
        // functions in a body keep none, which saves a big mind much memory.
        let segments = try template(closed: true, opening: opening).map { segment -> Template.Segment in
            if case .call(let call, _) = segment { return .call(call, written: "") }
            return segment
        }
        return Template(segments: segments)
    }

    private mutating func skipWhiteSpace() {
        while let scalar = current, scalar.isWhiteSpace { index += 1 }
    }

    /// A JSON string at `index`.
    private mutating func quoted() throws(Template.SyntaxError) -> String {
        let start = index
        guard let (end, text) = ScalarText.quoted(in: scalars, at: start) else {
            throw error("unterminated string", at: start)
        }
        index = end
        guard case .success(let text) = text else { throw error("invalid string", at: start) }
        return text
    }

    /// The position of the ':' or '}' that ends a function's arguments (outside quotes,
    /// parentheses and braces), or the end.
    private func argumentsEnd() -> Int {
        var position = index
        var depth = 0
        var inString = false
        while position < scalars.count {
            let scalar = scalars[position]
            if inString {
                if scalar == "\\" { position += 1 } else if scalar == "\"" { inString = false }
            } else {
                switch scalar {
                case "\"": inString = true
                case "(", "{": depth += 1
                case ")": depth -= 1
                case "}" where depth > 0: depth -= 1
                case "}": return position
                case ":" where depth == 0: return position
                default: break
                }
            }
            position += 1
        }
        return position
    }

    /// Comma-separated conditions (`when` syntax) written at `column`.
    private func conditions(_ text: String, at column: Int) throws(Template.SyntaxError) -> [Condition] {
        var conditions: [Condition] = []
        for (offset, part) in Self.splitTopLevel(text, at: ",") {
            do {
                conditions.append(try FactSyntax.condition(part))
            } catch {
                throw self.error(error.message, at: column + offset + error.column - 1)
            }
        }
        guard !conditions.isEmpty else { throw self.error("expected conditions", at: column) }
        return conditions
    }

    /// `each` arguments: the conditions, then optional `sep "TEXT"` and `last "TEXT"`.
    private func eachOptions(_ text: String, at column: Int) throws(Template.SyntaxError)
        -> (conditions: String, separator: String, last: String)
    {
        var conditions = text
        var separator = ", ", last = " and "
        while true {
            let words = Self.splitTopLevel(conditions, at: " ")
            guard words.count >= 2 else { break }
            let keyword = words[words.count - 2].text, value = words[words.count - 1]
            guard keyword == "sep" || keyword == "last", value.text.hasPrefix("\"") else { break }
            guard case .string(let option)? = try? JSONDocumentReader.read(value.text) else {
                throw error("invalid string after \(keyword)", at: column + value.offset)
            }
            if keyword == "sep" { separator = option } else { last = option }
            conditions = String(conditions.unicodeScalars.prefix(words[words.count - 2].offset)).trimmingWhiteSpace
        }
        return (conditions, separator, last)
    }

    /// The parts of `text` between `separator`s outside quotes, parentheses and braces, with the
    /// offset (in scalars) of each; empty parts dropped, parts trimmed.
    private static func splitTopLevel(_ text: String, at separator: Unicode.Scalar) -> [(offset: Int, text: String)] {
        let scalars = Array(text.unicodeScalars)
        var parts: [(offset: Int, text: String)] = []
        var start = 0, depth = 0, inString = false, position = 0
        func close(at end: Int) {
            var first = start
            while first < end, scalars[first].isWhiteSpace { first += 1 }
            var stop = end
            while stop > first, scalars[stop - 1].isWhiteSpace { stop -= 1 }
            if first < stop { parts.append((first, String(String.UnicodeScalarView(scalars[first..<stop])))) }
        }
        while position < scalars.count {
            let scalar = scalars[position]
            if inString {
                if scalar == "\\" { position += 1 } else if scalar == "\"" { inString = false }
            } else if scalar == "\"" {
                inString = true
            } else if scalar == "(" || scalar == "{" {
                depth += 1
            } else if scalar == ")" || scalar == "}" {
                depth -= 1
            } else if depth == 0 && (scalar == separator || (separator == " " && scalar.isWhiteSpace)) {
                close(at: position)
                start = position + 1
            }
            position += 1
        }
        close(at: scalars.count)
        return parts
    }
}
