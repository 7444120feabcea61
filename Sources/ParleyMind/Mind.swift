/// A compiled rulebase: immutable, shared by every conversation. `reply` is a pure function of
/// the mind, the input and the conversation data (docs/minds-reference.md).
public struct Mind: Sendable {
    let program: MindProgram

    /// The rulebase's `mind` name.
    public var name: String { program.name }

    /// Compiles a rulebase document; throws every error found (with the warnings beside them).
    public static func load(text: String, format: RulebaseFormat) throws(RulebaseError) -> LoadedMind {
        let document: DocumentNode
        switch format {
        case .json:
            do {
                document = try JSONDocumentReader.read(text)
            } catch {
                throw RulebaseError(diagnostics: [Diagnostic(path: "", message: "invalid JSON: \(error.description)",
                                                             severity: .error)])
            }
        case .yaml:
            do {
                document = try YAMLDocumentReader.read(text)
            } catch {
                throw RulebaseError(diagnostics: [Diagnostic(path: "", message: "invalid YAML: \(error.description)",
                                                             severity: .error)])
            }
        }
        var compiler = RulebaseCompiler()
        let program = compiler.compile(document)
        let diagnostics = compiler.diagnostics
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

    /// Runs one turn: the output, the new data and the idle delay. Throws `inputTooLong` (more
    /// than 4096 scalars after NFC) or `dataTooLarge` (new data over 64 KiB); nothing changes then.
    public func reply(to input: String, data: ConversationData) throws(MindError) -> MindReply {
        var runner = TurnRunner(program: program, data: data, tracing: false)
        return try runner.run(input: input, data: data).0
    }

    /// Runs one turn like `reply(to:data:)` and fills `trace` with what happened.
    public func reply(to input: String, data: ConversationData, trace: inout TurnTrace) throws(MindError)
        -> MindReply
    {
        var runner = TurnRunner(program: program, data: data, tracing: true)
        let (reply, turnTrace) = try runner.run(input: input, data: data)
        trace = turnTrace
        return reply
    }
}
