import ArgumentParser
import Foundation
import ParleyCore
import ParleyImport
import ParleyMind

/// `parley mind import aiml|rivescript PATH... -o OUT`: turns an AIML or RiveScript bot into a
/// version 1.1 mind, lists what could not be carried over, and checks that the mind loads.
struct MindImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Imports an AIML or RiveScript bot into a mind (Mind language 1.1).",
        discussion: """
            PATH is a file or a folder; a folder gives its .aiml, .set and .map files (aiml) or its .rive \
            and .rs files (rivescript), in sorted order, as the engines load them. OUT ends in .json or .yaml. Every \
            part of the source that could not be carried over as it was is printed as FILE:LINE: KIND: \
            MESSAGE with what the import did instead; then the mind is loaded to check it. Exit status 1 \
            when nothing could be read or the mind does not load.
            """
    )

    /// The source language.
    enum Language: String, ExpressibleByArgument, CaseIterable {
        case aiml
        case rivescript
    }

    @Argument(help: "aiml or rivescript.")
    var language: Language

    @Argument(help: "Files or folders to import.")
    var paths: [String]

    @Option(name: [.short, .customLong("output")], help: "The mind file to write (.json or .yaml).")
    var output: String

    @Option(help: "The mind's name (default: the output file's name without its extension).")
    var name: String?

    @Option(help: ArgumentHelp("A bot property for AIML's <bot name=...>, NAME=VALUE (repeatable).", valueName: "NAME=VALUE"))
    var bot: [String] = []

    @Flag(help: "Print only the count of notes of each kind, not every note.")
    var quiet = false

    func validate() throws {
        if language == .rivescript, !bot.isEmpty {
            throw ValidationError("--bot is for AIML: a RiveScript bot sets its bot variables with ! var")
        }
        guard output.hasSuffix(".json") || output.hasSuffix(".yaml") || output.hasSuffix(".yml") else {
            throw ValidationError("the output must end in .json, .yaml or .yml: \(output)")
        }
        for property in bot where !property.contains("=") {
            throw ValidationError("--bot takes NAME=VALUE, not \(property)")
        }
    }

    func run() async throws {
        let clock = ContinuousClock()
        let started = clock.now
        let files = try sourceFiles()
        guard !files.isEmpty else {
            MindTerminal.error("error: no \(language == .aiml ? ".aiml" : ".rive") files in \(paths.joined(separator: " "))")
            throw ExitCode.failure
        }
        var sources: [(path: String, text: String)] = []
        for path in files {
            guard let data = FileManager.default.contents(atPath: path) else {
                MindTerminal.error("error: cannot read \(path)")
                throw ExitCode.failure
            }
            let (text, fallback) = SourceText.decode(data)
            if fallback { MindTerminal.error("\(path): not valid UTF-8: read as ISO-8859-1") }
            sources.append((path, text))
        }
        let mindName = name ?? URL(fileURLWithPath: output).deletingPathExtension().lastPathComponent
        let imported: MindImport
        switch language {
        case .aiml:
            let properties = bot.map { property in
                let equals = property.firstIndex(of: "=")!
                return (String(property[..<equals]), String(property[property.index(after: equals)...]))
            }
            imported = AIMLImporter(name: mindName, bot: properties).importFiles(sources)
        case .rivescript:
            imported = RiveScriptImporter(name: mindName).importFiles(sources)
        }
        let format: MindImport.Format = output.hasSuffix(".json") ? .json : .yaml
        let text = imported.text(format: format)
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: output))
        } catch {
            MindTerminal.error("error: cannot write \(output): \(error.localizedDescription)")
            throw ExitCode.failure
        }
        let importTime = started.duration(to: clock.now)

        if !quiet {
            for note in imported.notes { print(note.description) }
        }
        var counts: [String] = []
        for kind in ImportNote.Kind.allCases {
            let count = imported.notes.filter { $0.kind == kind }.count
            if count > 0 { counts.append("\(count) \(kind.rawValue)") }
        }
        print("\(output): \(imported.rules) rules from \(files.count) file\(files.count == 1 ? "" : "s") in "
            + "\(Self.seconds(importTime)); notes: \(counts.isEmpty ? "none" : counts.joined(separator: ", "))")

        guard Self.checkLoads(text, format: format == .json ? .json : .yaml, output: output) else {
            throw ExitCode.failure
        }
    }

    /// Loads the written mind and prints how that went; false when it does not load.
    private static func checkLoads(_ text: String, format: RulebaseFormat, output: String) -> Bool {
        let clock = ContinuousClock()
        let started = clock.now
        switch Result(catching: { () throws(RulebaseError) in try Mind.load(text: text, format: format) }) {
        case .success(let loaded):
            let warnings = loaded.warnings.count
            print("\(output): mind \"\(loaded.mind.name)\" loads in \(seconds(started.duration(to: clock.now))): "
                + "0 errors, \(warnings) warning\(warnings == 1 ? "" : "s") (parley mind check \(output) lists them)")
            return true
        case .failure(let error):
            for diagnostic in error.diagnostics.prefix(20) { print(diagnostic.described(in: output)) }
            let errors = error.diagnostics.filter { $0.severity == .error }.count
            print("\(output): does not load: \(errors) error\(errors == 1 ? "" : "s")")
            return false
        }
    }

    /// The files to import: files as given, folders' matching files in sorted order.
    private func sourceFiles() throws -> [String] {
        let extensions = language == .aiml ? ["aiml", "set", "map"] : ["rive", "rs"]
        var files: [String] = []
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw ValidationError("no such file or folder: \(path)")
            }
            guard isFolder.boolValue else {
                files.append(path)
                continue
            }
            let folder = URL(fileURLWithPath: path)
            let names = try FileManager.default.contentsOfDirectory(atPath: path)
            files += names.filter { extensions.contains(URL(fileURLWithPath: $0).pathExtension.lowercased()) }.sorted()
                .map { folder.appendingPathComponent($0).path }
        }
        return files
    }

    private static func seconds(_ duration: Duration) -> String {
        String(format: "%.2f s", duration.inSeconds)
    }
}
