import ArgumentParser
import ParleyCore
import ParleyMind

/// `parley mind check MIND`: loads a mind and reports every error and warning.
struct MindCheck: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Checks a mind: prints its errors and warnings (exit status 1 on errors).",
        discussion: """
            Each finding is printed as FILE:LINE:COLUMN: PATH: MESSAGE (warnings with warning: before \
            the path). With --format json, one JSON object: {"file", "mind" (null when it does not \
            load), "loads", "errors", "warnings", "diagnostics": [{"severity", "message", "path", \
            "line", "column", "rule"}]}, where rule is the id of the rule the finding is in (as \
            traces and tests name rules), or null.
            """
    )

    /// How findings are printed.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text
        case json
    }

    @Argument(help: "The mind file (.yaml, .yml or .json).")
    var mind: String

    @Option(help: "text (one finding a line) or json (one object, for editors and scripts).")
    var format = Format.text

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
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.count - errors
        switch format {
        case .json:
            let report: JSONValue = [
                "file": .string(mind), "mind": name.map(JSONValue.string) ?? .null, "loads": .bool(name != nil),
                "errors": .number(Double(errors)), "warnings": .number(Double(warnings)),
                "diagnostics": .array(diagnostics.map { diagnostic in
                    [
                        "severity": .string(diagnostic.severity.rawValue), "message": .string(diagnostic.message),
                        "path": .string(diagnostic.path), "line": diagnostic.line.map { .number(Double($0)) } ?? .null,
                        "column": diagnostic.column.map { .number(Double($0)) } ?? .null,
                        "rule": diagnostic.rule.map(JSONValue.string) ?? .null,
                    ]
                }),
            ]
            print(report.jsonText())
        case .text:
            for diagnostic in diagnostics { print(diagnostic.described(in: mind)) }
            let counts = "\(Self.plural(errors, "error")), \(Self.plural(warnings, "warning"))"
            if let name {
                print("\(mind): mind \"\(name)\" loads: \(counts)")
            } else {
                print("\(mind): does not load: \(counts)")
            }
        }
        if name == nil { throw ExitCode.failure }
    }

    private static func plural(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
}
