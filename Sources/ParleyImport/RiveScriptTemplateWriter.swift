import Foundation

/// Writes RiveScript replies as mind templates, in the order rivescript-python evaluates them: the
/// tags from left to right, then `{topic=...}`, then inline redirects. A reply whose text after a
/// redirect reads or sets values renders those parts into `rs_t` variables first.
struct RiveScriptTemplateWriter {
    /// A rendered part of a reply.
    enum Segment {
        /// Text with no effect.
        case literal(String)
        /// A value read or an effect, in place.
        case value(String)
        /// `<set ...>`: the BEGIN block does these before it answers the message.
        case set(String)
        case topic(String)
        case redirect(String)
        /// `{ok}` in the BEGIN block.
        case ok
    }

    let context: RiveScriptMindContext
    /// The captures of the trigger and the number of groups rivescript-python's regex has.
    let stars: [Int: RiveScriptCapture]
    let starCount: Int
    let botstars: [Int: RiveScriptCapture]
    let botstarCount: Int
    /// Whether the reply is the BEGIN block's.
    let isBegin: Bool
    private var temporaries = 0
    private(set) var notes: [(kind: ImportNote.Kind, message: String)] = []
    /// The user variables the templates read, with the default each needs.
    private(set) var reads: [String: String] = [:]

    init(context: RiveScriptMindContext, stars: [Int: RiveScriptCapture], starCount: Int,
         botstars: [Int: RiveScriptCapture], botstarCount: Int, isBegin: Bool) {
        self.context = context
        self.stars = stars
        self.starCount = starCount
        self.botstars = botstars
        self.botstarCount = botstarCount
        self.isBegin = isBegin
    }

    /// A reply as a template.
    mutating func template(_ text: String) -> String {
        let segments = render(RiveScriptReply(text, arrays: context.source.arrays).nodes)
        return isBegin ? beginLayout(segments) : layout(segments)
    }

    /// A redirect (`@ text`): the answer to its text, lowercased.
    mutating func redirect(_ text: String) -> String {
        let inner = layout(render(RiveScriptReply(text, arrays: context.source.arrays).nodes))
        let lowered = inner.contains("{") ? "{lower: \(inner)}" : inner.lowercased()
        return redirecting(lowered)
    }

    /// A condition's operand: a term of a condition, and a template to render before the condition
    /// when the operand needs a variable to hold it.
    mutating func operand(_ text: String) -> (prefix: String, term: String) {
        let nodes = RiveScriptReply(text, arrays: context.source.arrays).nodes
        if nodes.isEmpty { return ("", "undefined") }
        if nodes.count == 1 {
            switch nodes[0] {
            case .text(let literal):
                return ("", RiveScriptFacts.value(literal))
            case .star(let number):
                if let capture = stars[number], case .named(let name, _) = capture { return ("", "{\(name)}") }
            case .tag("get", let data):
                if let name = Self.plain(data) {
                    let variable = readVariable(name)
                    return ("", "{$\(variable)}")
                }
            case .tag(let tag, let data) where tag == "bot" || tag == "env":
                let changed = tag == "bot" ? context.changedBotVariables : context.changedGlobals
                if let name = Self.plain(data), !name.contains("="), !changed.contains(name) {
                    let value = tag == "bot" ? context.source.vars[name] : context.source.globals[name]
                    guard let value else { return ("", "undefined") }
                    return ("", tag == "bot" ? "{bot.\(MindName.identifier(name))}" : RiveScriptFacts.value(value))
                }
            default:
                break
            }
        }
        temporaries += 1
        let variable = "rs_c\(temporaries)"
        return ("{set \(variable): \(layout(render(nodes)))}", "{$\(variable)}")
    }

    // MARK: Layout

    /// Segments in rivescript-python's order of evaluation, shown in their written order.
    mutating func layout(_ segments: [Segment]) -> String {
        let topics = segments.compactMap { if case .topic(let set) = $0 { set } else { nil } }
        guard let first = segments.firstIndex(where: { if case .redirect = $0 { true } else { false } }) else {
            return segments.map(Self.inline).joined() + topics.joined()
        }
        var output = segments[..<first].map(Self.inline).joined()
        var saved = ""
        var later = ""
        for segment in segments[first...] {
            switch segment {
            case .literal(let text), .redirect(let text): later += text
            case .topic: break
            case .value(let text), .set(let text):
                temporaries += 1
                saved += "{set rs_t\(temporaries): \(text)}"
                later += "{$rs_t\(temporaries)}"
            case .ok: later += Self.inline(segment)
            }
        }
        output += saved + topics.joined() + later
        return output
    }

    /// The BEGIN block's order: its `<set>` and `{topic=}` first, then the answer to the message for
    /// `{ok}`, then the rest.
    private mutating func beginLayout(_ segments: [Segment]) -> String {
        var first = ""
        var rest: [Segment] = []
        for segment in segments {
            switch segment {
            case .set(let text), .topic(let text): first += text
            default: rest.append(segment)
            }
        }
        if rest.contains(where: { if case .ok = $0 { true } else { false } }) {
            let stage = RiveScriptMindContext.stage
            first += "{set \(stage): main}{set \(RiveScriptMindContext.ok): {reply: {$\(RiveScriptMindContext.message)}}}"
        }
        return first + layout(rest)
    }

    private static func inline(_ segment: Segment) -> String {
        switch segment {
        case .literal(let text), .value(let text), .set(let text), .redirect(let text): text
        case .topic: ""
        case .ok: "{$\(RiveScriptMindContext.ok)}"
        }
    }

    /// `{reply: TEXT}` one redirect deeper, as `_getreply(step + 1)`: past the depth limit
    /// rivescript-python's error; previous patterns match only at depth 0.
    private mutating func redirecting(_ text: String) -> String {
        let depth = readVariable(RiveScriptMindContext.depth, default: "0")
        return "{if {$\(depth)} >= \(context.depth): [ERR: Deep recursion detected]}{else: {set \(depth): {= {$\(depth)} + 1}}"
            + "{reply: \(text)}{set \(depth): {= {$\(depth)} - 1}}}"
    }

    // MARK: Nodes

    /// The text of nodes that are all text, else nil.
    static func plain(_ nodes: [RiveScriptReply.Node]) -> String? {
        var text = ""
        for node in nodes {
            guard case .text(let part) = node else { return nil }
            text += part
        }
        return text
    }

    mutating func note(_ kind: ImportNote.Kind, _ message: String) {
        if !notes.contains(where: { $0.kind == kind && $0.message == message }) { notes.append((kind, message)) }
    }

    mutating func readVariable(_ name: String, default value: String = "undefined") -> String {
        let variable = context.variableName(name)
        if variable != name { note(.renamed, "the variable \"\(name)\" is \"\(variable)\" in the mind") }
        remember(variable, default: value)
        return variable
    }

    /// Records that a variable is read, with its default unless one was recorded.
    mutating func remember(_ variable: String, default value: String) {
        if reads[variable] == nil { reads[variable] = value }
    }

    mutating func render(_ nodes: [RiveScriptReply.Node]) -> [Segment] {
        var segments: [Segment] = []
        for node in nodes {
            segments += render(node)
        }
        return segments
    }

    mutating func render(_ node: RiveScriptReply.Node) -> [Segment] {
        switch node {
        case .text(let text):
            return [.literal(TemplateText.escaped(text))]
        case .star(let number):
            return [capture(number, stars, count: starCount, tag: "star")]
        case .botstar(let number):
            return [capture(number, botstars, count: botstarCount, tag: "botstar")]
        case .input(let number), .reply(let number):
            let kind = if case .input = node { "input" } else { "reply" }
            return [.value("{$\(readVariable("rs_\(kind)\(number)"))}")]
        case .id:
            note(.approximated, "<id> is the variable \"id\" (default \"localuser\"); set it in the data's vars")
            return [.value("{$\(readVariable("id", default: "localuser"))}")]
        case .random(let pieces):
            let bodies = pieces.map { layout(render($0)) }
            return [.value(bodies.enumerated().map { "{\($0.offset == 0 ? "random" : "or"): \($0.element)}" }.joined())]
        case .format(let format, let inner):
            let body = layout(render(inner))
            let function = switch format {
            case .person: "{person: \(body)}"
            case .formal: "{formal: \(body)}"
            case .sentence: Self.isLowered(body) ? "{sentence: \(body)}" : "{sentence: {lower: \(body)}}"
            case .uppercase: "{upper: \(body)}"
            case .lowercase: "{lower: \(body)}"
            }
            return [.value(function)]
        case .tag(let name, let data):
            return tag(name, data)
        case .topic(let inner):
            guard let name = Self.plain(inner) else {
                note(.approximated, "a topic named at run time is set as it is; an unknown one does not fall back to random")
                return [.topic("{set topic: \(layout(render(inner)))}")]
            }
            if context.isTopic(name) || name == "random" { return [.topic("{set topic: \(TemplateText.escaped(name))}")] }
            note(.approximated, "{topic=\(name)} names no topic: rivescript-python falls back to random, and so does the mind")
            return [.topic("{set topic: random}")]
        case .redirect(let inner):
            return [.redirect(redirecting(layout(render(inner))))]
        case .call(let inner):
            return call(inner)
        case .ok:
            return isBegin ? [.ok] : [.literal(TemplateText.escaped("{ok}"))]
        }
    }

    /// Whether a template is one `{lower: ...}` call.
    private static func isLowered(_ template: String) -> Bool {
        guard template.hasPrefix("{lower: ") else { return false }
        var depth = 0
        for (offset, character) in template.enumerated() {
            if character == "{" { depth += 1 }
            if character == "}" {
                depth -= 1
                if depth == 0 { return offset == template.count - 1 }
            }
        }
        return false
    }

    /// `<starN>`: the capture; "undefined" when the trigger has none; the tag itself when N is
    /// beyond the groups, as rivescript-python leaves it.
    private mutating func capture(_ number: Int, _ captures: [Int: RiveScriptCapture], count: Int, tag: String)
        -> Segment
    {
        if count == 0 {
            return .literal(number == 1 ? "undefined" : number == 0 ? "" : "<\(tag)\(number)>")
        }
        guard number >= 1, number <= count else { return .literal(number == 0 ? "" : "<\(tag)\(number)>") }
        guard let capture = captures[number] else {
            // The pattern was expanded for an alternative without this group: Python's None.
            return .literal("None")
        }
        return .value(Self.render(capture))
    }

    private static func render(_ capture: RiveScriptCapture) -> String {
        switch capture {
        case .named(let name, let lower): lower ? "{lower: {\(name)}}" : "{\(name)}"
        case .literal(let text): TemplateText.escaped(text)
        case .joined(let parts): parts.map(render).joined(separator: " ")
        }
    }
}
