import Foundation

/// A compiled rulebase: immutable, shared by every conversation. `reply` is a pure function of
/// the mind, the input and the conversation data (docs/minds-reference.md).
public struct Mind: Sendable {
    let program: MindProgram

    /// The rulebase's `mind` name.
    public var name: String { program.name }

    /// The language version the mind declares: "1" or "1.1".
    public var version: String { program.extensions == nil ? "1" : "1.1" }

    /// Compiles a rulebase document; throws every error found (with the warnings beside them).
    public static func load(text: String, format: RulebaseFormat) throws(RulebaseError) -> LoadedMind {
        let document: DocumentNode
        switch format {
        case .json:
            do {
                document = try JSONDocumentReader.read(text)
            } catch {
                throw RulebaseError(diagnostics: [Diagnostic(
                    path: "", message: "invalid JSON: \(error.description)", severity: .error, line: error.line,
                    column: error.column)])
            }
        case .yaml:
            do {
                document = try YAMLDocumentReader.read(text)
            } catch {
                throw RulebaseError(diagnostics: [Diagnostic(
                    path: "", message: "invalid YAML: \(error.description)", severity: .error, line: error.line,
                    column: error.column)])
            }
        }
        var compiler = RulebaseCompiler()
        let program = compiler.compile(document)
        // Located only when there is something to report: it reads the text a second time.
        let diagnostics = SourceMap.locate(compiler.diagnostics, in: text)
        guard let program, !diagnostics.contains(where: { $0.severity == .error }) else {
            throw RulebaseError(diagnostics: diagnostics)
        }
        return LoadedMind(mind: Mind(program: program), warnings: diagnostics)
    }

    /// Loads the rulebase at `path`, read with `read` (the caller does the file I/O); the format
    /// follows the extension (`.json`, `.yaml`, `.yml`). Throws `read`'s errors or a `RulebaseError`.
    public static func load(path: String, read: (String) throws -> String) throws -> LoadedMind {
        guard let format = RulebaseFormat(path: path) else {
            throw RulebaseError(diagnostics: [Diagnostic(
                path: "", message: "unknown rulebase format of \(path) (expected .json, .yaml or .yml)",
                severity: .error)])
        }
        return try load(text: try read(path), format: format)
    }

    /// Every rule, in mind order.
    public var rules: [MindRule] {
        program.rules.map { rule in
            MindRule(id: rule.id, path: rule.list + "[\(rule.position)]", kind: rule.kind.rawValue,
                     isCatchAll: RulebaseLinter.isCatchAll(rule))
        }
    }

    /// The words of `input` as the mind matches them: normalised, substitutions applied, joined by
    /// spaces (a control input such as `[start]` as it is). Inputs that read the same to the mind
    /// give the same text.
    public func matchText(of input: String) -> String {
        if ControlInput.parse(input) != nil { return input.trimmingWhiteSpace }
        let (tokens, _) = TextNormalizer.tokens(of: input, words: program.words)
        return (program.substitutions.applied(to: tokens) ?? tokens).map(\.match).joined(separator: " ")
    }

    /// Each model's active state in `data` (nil: no state), in model order.
    public func states(in data: ConversationData) -> [(model: String, state: String?)] {
        let active = program.activeStates(in: data).states
        return program.models.enumerated().map { index, model in
            (model.name, active[index].map { model.states[$0].name })
        }
    }

    /// Each model's state names, in model order.
    public var stateNames: [(model: String, states: [String])] {
        program.models.map { ($0.name, $0.states.map(\.name)) }
    }

    /// Runs one turn: the output, the new data and the idle delay. Throws `inputTooLong` (more
    /// than 4096 scalars after NFC) or `dataTooLarge` (new data over 64 KiB); nothing changes then.
    /// `time` is the turn's time, which `{date}` shows (none: `{date}` shows nothing).
    public func reply(to input: String, data: ConversationData, time: Date? = nil) throws(MindError) -> MindReply {
        var runner = TurnRunner(program: program, data: data, tracing: false, time: time)
        return try runner.run(input: input, data: data).0
    }

    /// Runs one turn like `reply(to:data:time:)` and fills `trace` with what happened.
    public func reply(to input: String, data: ConversationData, time: Date? = nil, trace: inout TurnTrace)
        throws(MindError) -> MindReply
    {
        var runner = TurnRunner(program: program, data: data, tracing: true, time: time)
        let (reply, turnTrace) = try runner.run(input: input, data: data)
        trace = turnTrace
        return reply
    }
}
