@testable import ParleyImport

/// Small AIML documents imported for the tests.
enum AIMLFixtures {
    /// The import of categories in one `<aiml>` file named `test.aiml`.
    static func mind(_ categories: String, version: String = "1.0", bot: [(String, String)] = [],
                     more: [(path: String, text: String)] = []) -> AIMLMind {
        let file = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<aiml version=\"\(version)\">\n\(categories)\n</aiml>\n"
        return AIMLImporter(name: "test", bot: bot).aimlMind(more + [("test.aiml", file)])
    }

    /// The same import as `mind`, as the importer gives it (a document to write).
    static func document(_ categories: String, bot: [(String, String)] = []) -> MindImport {
        let file = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<aiml version=\"1.0\">\n\(categories)\n</aiml>\n"
        return AIMLImporter(name: "test", bot: bot).importFiles([("test.aiml", file)])
    }

    /// A category of a pattern and a template.
    static func category(_ pattern: String, _ template: String, that: String? = nil) -> String {
        "<category><pattern>\(pattern)</pattern>" + (that.map { "<that>\($0)</that>" } ?? "")
            + "<template>\(template)</template></category>"
    }

    /// The `say` of the only rule of a category with pattern `X *` and this template.
    static func say(_ template: String, pattern: String = "X *", version: String = "1.0") -> String? {
        let rules = mind(category(pattern, template), version: version).rules
        return rules.count == 1 ? rules[0].say : nil
    }
}

extension AIMLMind {
    /// The rule with this input.
    func rule(_ input: String) -> ImportedRule? {
        rules.first { $0.patterns.input == input }
    }

    /// The messages of the notes of a kind.
    func messages(_ kind: ImportNote.Kind) -> [String] {
        notes.filter { $0.kind == kind }.map(\.message)
    }
}
