import Foundation

/// A trigger or `%Previous` pattern read into its parts, each capture with the number
/// rivescript-python's regular expression gives it (`<star1>`, `<star2>`, ...: the groups in the
/// order their `(` opens, wildcards outside optionals, and, as its regex rewriting leaves them,
/// `_` wildcards inside optionals).
struct RiveScriptPattern: Sendable {
    indirect enum Node: Sendable {
        case word(String)
        case wildcard(Wildcard, capture: Int?)
        /// `( a | b )`: always a capture.
        case group([[Node]], capture: Int)
        /// `[ a | b ]`: never a capture.
        case optional([[Node]])
        /// `@name`: the entries of an array.
        case array(String)
        /// `<get name>`: the user variable's value.
        case variable(String)
        /// `<input>`, `<reply2>`...: the history variable's value ("undefined" too).
        case history(String)
        /// Text no message can hold (a tag rivescript-python leaves in the regex as it is).
        case never(String)
    }

    enum Wildcard: Sendable {
        /// `*`: one or more words; `zeroStar` is a trigger that is only `*`, which also matches nothing.
        case star, zeroStar
        /// `#`: a number.
        case pound
        /// `_`: a word without digits.
        case under
    }

    /// One way the pattern reads: with the `<get name>` tags of `undefinedVariables` gone (an
    /// undefined user variable puts nothing in the regex), the others standing for their values.
    struct Reading: Sendable {
        let nodes: [Node]
        let undefinedVariables: [String]
    }

    /// The readings that can match anything, each `<get>` defined or not (for up to two of them).
    let readings: [Reading]
    let captureCount: Int
    /// What of the pattern the mind language cannot express; the rule cannot be made when not empty.
    let unsupported: [String]
    /// What the import approximates.
    let approximations: [String]

    /// Reads a trigger or previous pattern as written; `botValue` gives the formatted value of a bot
    /// variable, nil when it is not defined; `isArray` tells the arrays that are defined.
    init(_ text: String, botValue: (String) -> String?, isArray: (String) -> Bool) {
        // rivescript-python puts nothing in place of an undefined array, bot or user variable; the
        // white space around it then stays in the regex, unless an optional's `\s*` takes it.
        // In its order: arrays, then `{weight}` with the white space around it, then bot variables.
        let filled = Self.fillingBotVariables(
            RiveScriptWeight.removing(from: Self.removingUndefinedArrays(text, isArray)), botValue)
        if text == "*" {
            readings = [Reading(nodes: [.wildcard(.zeroStar, capture: 1)], undefinedVariables: [])]
            captureCount = 1
            unsupported = []
            approximations = []
            return
        }
        var readings: [Reading] = []
        var count = 0, unsupported: [String] = [], approximations: [String] = []
        let variables = Self.variableTags(in: filled)
        for mask in 0..<(variables.count <= 2 ? 1 << variables.count : 1) {
            var reading = filled
            var undefined: [String] = []
            for (bit, tag) in variables.enumerated().reversed() where mask & (1 << bit) != 0 {
                reading.replaceSubrange(tag.range, with: "")
                undefined.append(tag.name)
            }
            guard !Self.hasStraySpace(reading) else { continue }
            var reader = Reader(reading)
            readings.append(Reading(nodes: reader.sequence(closer: nil, inOptional: false)[0], undefinedVariables: undefined))
            count = reader.captures
            unsupported = reader.unsupported
            approximations = reader.approximations
        }
        self.readings = readings
        captureCount = count
        self.unsupported = unsupported
        self.approximations = approximations
    }

    /// The `<get name>` tags of a pattern.
    private static func variableTags(in text: String) -> [(range: Range<String.Index>, name: String)] {
        var tags: [(range: Range<String.Index>, name: String)] = []
        var rest = text[...]
        while let open = rest.range(of: "<get "), let close = rest[open.upperBound...].firstIndex(of: ">") {
            tags.append((open.lowerBound..<text.index(after: close), String(rest[open.upperBound..<close])))
            rest = rest[text.index(after: close)...]
        }
        return tags
    }

    /// The pattern without `@name` for each array not defined.
    private static func removingUndefinedArrays(_ text: String, _ isArray: (String) -> Bool) -> String {
        guard text.contains("@") else { return text }
        var result = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            guard scalars[index] == "@" else {
                result.append(scalars[index])
                index += 1
                continue
            }
            var end = index + 1
            while end < scalars.count, scalars[end].isRiveScriptWordCharacter || scalars[end] == "_" { end += 1 }
            if isArray(String(String.UnicodeScalarView(scalars[(index + 1)..<end]))) {
                result.append(contentsOf: scalars[index..<end])
            }
            index = end
        }
        return String(result)
    }

    /// Whether white space is left where no message has it: at either end or doubled, and not next
    /// to an optional (whose regex takes the white space around it).
    private static func hasStraySpace(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            guard scalars[index].isPythonSpace else {
                index += 1
                continue
            }
            var end = index
            while end < scalars.count, scalars[end].isPythonSpace { end += 1 }
            let before = index > 0 ? scalars[index - 1] : nil, after = end < scalars.count ? scalars[end] : nil
            let absorbed = after == "[" || before == "]"
            if !absorbed && (before == nil || after == nil || end - index > 1) { return true }
            index = end
        }
        return false
    }

    /// The pattern with each `<bot name>` replaced by the variable's value (nothing when undefined).
    private static func fillingBotVariables(_ text: String, _ botValue: (String) -> String?) -> String {
        var result = ""
        var rest = Substring(text)
        while let open = rest.range(of: "<bot ") {
            guard let close = rest[open.upperBound...].firstIndex(of: ">") else { break }
            result += rest[..<open.lowerBound]
            result += botValue(String(rest[open.upperBound..<close])) ?? ""
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }

    /// Reads the scalars of a pattern into nodes.
    private struct Reader {
        let scalars: [Unicode.Scalar]
        var index = 0
        var captures = 0
        var unsupported: [String] = []
        var approximations: [String] = []

        init(_ text: String) {
            scalars = Array(text.unicodeScalars)
        }

        private var current: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

        /// The alternatives up to `closer` (consumed), or to the end.
        mutating func sequence(closer: Unicode.Scalar?, inOptional: Bool) -> [[Node]] {
            var alternatives: [[Node]] = [[]]
            var word = String.UnicodeScalarView()
            var gluedToWildcard = false
            func flush() {
                if !word.isEmpty {
                    alternatives[alternatives.count - 1].append(.word(String(word)))
                    word = String.UnicodeScalarView()
                }
            }
            func add(_ node: Node) {
                flush()
                alternatives[alternatives.count - 1].append(node)
            }
            func noteGlued() {
                if !gluedToWildcard {
                    approximations.append("a wildcard written against a word matches whole words here")
                    gluedToWildcard = true
                }
            }
            while let scalar = current {
                if scalar == closer {
                    index += 1
                    break
                }
                switch scalar {
                case "|" where closer != nil:
                    flush()
                    alternatives.append([])
                    index += 1
                case "(":
                    flush()
                    index += 1
                    captures += 1
                    let capture = captures
                    add(.group(sequence(closer: ")", inOptional: inOptional), capture: capture))
                case "[":
                    flush()
                    index += 1
                    add(.optional(sequence(closer: "]", inOptional: true)))
                case "*", "#", "_":
                    let before = index > 0 ? scalars[index - 1] : " "
                    let after = index + 1 < scalars.count ? scalars[index + 1] : " "
                    if !(before.isPythonSpace || "([|".unicodeScalars.contains(before))
                        || !(after.isPythonSpace || ")]|".unicodeScalars.contains(after))
                    {
                        noteGlued()
                    }
                    let kind: Wildcard = scalar == "*" ? .star : scalar == "#" ? .pound : .under
                    // Inside optionals `*` and `#` become non-capturing; `_` stays a capture.
                    var capture: Int?
                    if !inOptional || kind == .under {
                        captures += 1
                        capture = captures
                    }
                    add(.wildcard(kind, capture: capture))
                    index += 1
                case "@":
                    flush()
                    index += 1
                    var name = String.UnicodeScalarView()
                    while let next = current, next.isRiveScriptWordCharacter || next == "_" {
                        name.append(next)
                        index += 1
                    }
                    add(.array(String(name)))
                case "<":
                    flush()
                    let start = index
                    while let next = current, next != ">" { index += 1 }
                    index += 1
                    let tag = String(String.UnicodeScalarView(scalars[(start + 1)..<min(index - 1, scalars.count)]))
                    if tag.hasPrefix("get ") {
                        add(.variable(String(tag.dropFirst(4))))
                    } else if let kind = ["input", "reply"].first(where: { tag.hasPrefix($0) }),
                        let number = tag == kind ? 1 : Int(tag.dropFirst(kind.count)), (1...9).contains(number)
                    {
                        add(.history("rs_\(kind)\(number)"))
                    } else {
                        add(.never("<\(tag)>"))
                    }
                case "{", "}", "=":
                    // Left in rivescript-python's regex as they are: no message holds them.
                    flush()
                    let start = index
                    while let next = current, !next.isPythonSpace { index += 1 }
                    add(.never(String(String.UnicodeScalarView(scalars[start..<index]))))
                case ")", "]":
                    flush()
                    index += 1
                default:
                    if scalar.isPythonSpace {
                        flush()
                    } else {
                        if word.isEmpty, index > 0, "*#_".unicodeScalars.contains(scalars[index - 1]) { noteGlued() }
                        word.append(scalar)
                    }
                    index += 1
                }
            }
            flush()
            return alternatives
        }
    }
}
