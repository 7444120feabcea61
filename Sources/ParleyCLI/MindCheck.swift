import ArgumentParser
import ParleyMind

/// `parley mind check MIND`: loads a mind and reports every error and warning.
struct MindCheck: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Checks a mind: prints its errors and warnings (exit status 1 on errors)."
    )

    @Argument(help: "The mind file (.yaml, .yml or .json).")
    var mind: String

    func run() async throws {
        let diagnostics: [Diagnostic]
        let name: String?
        do {
            let loaded = try Mind.load(path: mind, read: MindFiles.read)
            diagnostics = loaded.warnings
            name = loaded.mind.name
        } catch let error as RulebaseError {
            diagnostics = error.diagnostics
            name = nil
        } catch {
            MindTerminal.error("error: \(error)")
            throw ExitCode.failure
        }
        for diagnostic in diagnostics { print(diagnostic) }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        let counts = "\(Self.plural(errors, "error")), \(Self.plural(warnings, "warning"))"
        if let name {
            print("\(mind): mind \"\(name)\" loads: \(counts)")
        } else {
            print("\(mind): does not load: \(counts)")
            throw ExitCode.failure
        }
    }

    private static func plural(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
}
