/// A `+` trigger and the lines that belong to it.
struct RiveScriptTrigger: Sendable {
    /// The trigger text, with white space runs made single spaces.
    var text: String
    /// The `%` previous pattern, if any.
    var previous: String?
    var replies: [String] = []
    var conditions: [String] = []
    var redirect: String?
    var topic: String
    var file: String
    var line: Int
}
