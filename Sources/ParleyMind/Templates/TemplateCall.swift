/// A version 1.1 template function and what it works on (docs/minds-reference.md#functions).
enum TemplateCall: Sendable, Hashable {
    /// `{upper: T}`, `{person: T}`, ...: the body's text changed.
    case transform(TextTransform, Template)
    /// `{think: T}`: the body for its effects; shows nothing.
    case think(Template)
    /// `{set NAME: T}`: sets a user variable; shows nothing.
    case set(String, Template)
    /// `{reply: T}`: the reply to the body's text as an input.
    case reply(Template)
    /// `{if C: T}{elif C: T}{else: T}`: the first branch whose conditions hold (nil: `else`).
    case branches([Branch])
    /// `{random: T}{or: T}`: one body at random.
    case random([Template])
    /// `{each C: T}`: the body for each solution, joined.
    case each([Condition], Template, separator: String, last: String)
    /// `{count C}`: the number of solutions.
    case count([Condition])
    /// `{sum C: T}`: the sum of the body over the solutions.
    case sum([Condition], Template)
    /// `{= T}`: the arithmetic the body's text writes.
    case arithmetic(Template)
    /// `{map NAME: T}`: the value of the body's text in a map.
    case map(String, Template)

    /// One branch of an `if`.
    struct Branch: Sendable, Hashable {
        let conditions: [Condition]?
        let body: Template
    }

    /// The bodies the function renders (or may render).
    var bodies: [Template] {
        switch self {
        case .transform(_, let body), .think(let body), .set(_, let body), .reply(let body), .each(_, let body, _, _),
             .sum(_, let body), .arithmetic(let body), .map(_, let body):
            [body]
        case .branches(let branches): branches.map(\.body)
        case .random(let bodies): bodies
        case .count: []
        }
    }
}

/// The text changes of version 1.1 templates.
enum TextTransform: String, Sendable, Hashable, CaseIterable {
    case upper, lower, formal, sentence, person, person2, gender
}
