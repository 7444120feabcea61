/// What rivescript-python keeps of loaded RiveScript files: the definitions, the topics with the
/// topics they include and inherit, the triggers and the object macros.
struct RiveScriptSource: Sendable {
    /// `! global`, `! var`, `! sub` and `! person` definitions.
    var globals = RiveScriptTable<String>()
    var vars = RiveScriptTable<String>()
    var subs = RiveScriptTable<String>()
    var persons = RiveScriptTable<String>()
    /// Where each `! sub` was last defined.
    var substitutionPlaces: [String: (file: String, line: Int)] = [:]
    /// `! array` definitions, their entries as written (nested `@name` entries included).
    var arrays = RiveScriptTable<[String]>()
    /// The triggers of each topic in load order (`__begin__` is the BEGIN block).
    var topics = RiveScriptTable<[Int]>()
    /// The topics each topic includes and inherits, in the order first named.
    var includes: [String: RiveScriptTable<Bool>] = [:]
    var inherits: [String: RiveScriptTable<Bool>] = [:]
    /// Every trigger, in load order; topics refer to them by index.
    var triggers: [RiveScriptTrigger] = []
    /// The object macros by name, with their language.
    var objects = RiveScriptTable<Object>()

    /// The topic holding the BEGIN block.
    static let beginTopic = "__begin__"

    /// An object macro: `> object NAME LANGUAGE`.
    struct Object: Sendable {
        let language: String
        let file: String
        let line: Int
    }
}
