import ArgumentParser
import ParleyMind

/// `parley mind test TESTFILE...`: runs conversation tests and reports each failure with its trace.
struct MindTest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Runs conversation test files: prints each failure with its turn's trace (exit status 1 on failure)."
    )

    @Argument(help: "Conversation test files (YAML; each names its mind).")
    var files: [String]

    @Flag(name: .shortAndLong, help: "Also print each test that passes.")
    var verbose = false

    func run() async throws {
        var passed = 0
        var failed = 0
        var unusable = 0
        for path in files {
            let file: ConversationTestFile
            do {
                file = try ConversationTestFile.load(path: path, read: MindFiles.read)
            } catch let error as ConversationTestError {
                for diagnostic in error.diagnostics { print(diagnostic.described(in: path)) }
                unusable += 1
                continue
            } catch {
                print("\(path): \(error)")
                unusable += 1
                continue
            }
            for warning in file.mindWarnings { print(warning.described(in: file.mindPath)) }
            for result in file.run() {
                if result.passed {
                    passed += 1
                    if verbose { print("ok   \(path): \(result.test)") }
                } else {
                    failed += 1
                    print("\(path):")
                    for failure in result.failures { print(failure) }
                }
            }
        }
        var summary = "\(passed) passed, \(failed) failed"
        if unusable > 0 { summary += ", \(unusable) file\(unusable == 1 ? "" : "s") could not be run" }
        print(summary)
        if failed > 0 || unusable > 0 { throw ExitCode.failure }
    }
}
