/// Imports AIML files into a mind that answers as python-aiml 0.9.3 does: the same categories, the
/// same choice among them (as rule priorities), and each template element with python-aiml's meaning.
/// Files ending in `.set` and `.map` are AIML 2.0 sets and maps; all others are read as AIML.
public struct AIMLImporter: Sendable {
    /// The mind's name.
    public let name: String
    /// The bot properties, in order; a later value of a name replaces an earlier one.
    public let bot: [(String, String)]

    public init(name: String = "aiml", bot: [(String, String)] = []) {
        self.name = name
        self.bot = bot
    }

    /// The mind of the files, read in the order given (of two categories with the same pattern, that and
    /// topic, the one read last is kept).
    public func importFiles(_ files: [(path: String, text: String)]) -> MindImport {
        let mind = aimlMind(files)
        return MindImport(document: mind.document, rules: mind.categories, notes: mind.notes)
    }

    /// The parts of the mind of the files (what `importFiles` writes).
    func aimlMind(_ files: [(path: String, text: String)]) -> AIMLMind {
        var notes: [ImportNote] = []
        let properties = botProperties(notes: &notes)
        let botName = properties.first { $0.0 == "name" }?.1 ?? ""
        let (sets, maps) = dataFiles(files, notes: &notes)
        let context = AIMLReader.Context(
            botNameWords: botName.uppercased().unicodeScalars
                .map { $0.isAIMLPunctuation ? " " : String($0) }.joined().pythonWords,
            sets: Set(sets.map(\.name)),
            substitutionKeys: Set(AIMLDefaultTables.substitutions.map { $0.0.lowercased() }))

        var categories: [AIMLCategory] = []
        for (index, file) in files.enumerated() where Self.dataKind(file.path) == nil {
            let reader = AIMLReader(path: file.path, fileIndex: index, context: context)
            reader.read(file.text)
            categories += reader.categories
            notes += reader.notes
        }
        let kept = Self.unshadowed(Self.latest(categories, files: files, notes: &notes), files: files,
                                   botNameWords: context.botNameWords, notes: &notes)

        let priorities = MatchOrder.priorities(kept.map(\.category.matchClasses))
        let stems = Self.stems(files.map(\.path))
        var converter = TemplateConverter(size: kept.count, maps: Set(maps.map(\.name)))
        var rules: [ImportedRule] = []
        rules.reserveCapacity(kept.count)
        for ((category, patterns), priority) in zip(kept, priorities) {
            let path = files[category.file].path
            rules.append(ImportedRule(id: "\(stems[category.file]).\(category.index)", patterns: patterns,
                                      priority: priority, say: converter.say(category, path: path, patterns: patterns)))
        }
        notes += converter.notes

        var used: Set<String> = []
        for (category, _) in kept {
            for case .set(let name) in category.key.pattern + category.key.that + category.key.topic {
                used.insert(name)
            }
        }
        var concepts: [(name: String, entries: [String])] = []
        for set in sets {
            if used.contains(set.name) {
                concepts.append((Self.identifier(of: set, what: "set", notes: &notes), set.entries))
            } else {
                notes.append(ImportNote(kind: .dataFile, file: set.path, line: 0,
                                        message: "no kept pattern uses the set \"\(set.name)\": it is left out"))
            }
        }
        let mindMaps = maps.map { (name: Self.identifier(of: $0, what: "map", notes: &notes), entries: $0.entries) }
        return AIMLMind(name: name, bot: properties, concepts: concepts, maps: mindMaps, rules: rules,
                        notes: Self.sorted(notes, files: files))
    }

    /// A set or map given to the import.
    private struct DataFile<Entry> {
        let name: String
        let path: String
        let entries: [Entry]
    }

    /// The mind's name of a set or map, noting it when it differs.
    private static func identifier<Entry>(of file: DataFile<Entry>, what: String, notes: inout [ImportNote]) -> String {
        let identifier = MindName.identifier(file.name)
        if identifier != file.name {
            notes.append(ImportNote(kind: .renamed, file: file.path, line: 0,
                                    message: "the \(what) \"\(file.name)\" is named \"\(identifier)\" in the mind"))
        }
        return identifier
    }

    /// The notes by file, in the order of the files, then by line.
    private static func sorted(_ notes: [ImportNote], files: [(path: String, text: String)]) -> [ImportNote] {
        let order = Dictionary(files.enumerated().map { ($0.element.path, $0.offset) }) { first, _ in first }
        return notes.enumerated().sorted { left, right in
            let (a, b) = (order[left.element.file] ?? -1, order[right.element.file] ?? -1)
            if a != b { return a < b }
            if left.element.line != right.element.line { return left.element.line < right.element.line }
            return left.offset < right.offset
        }.map(\.element)
    }

    /// The bot properties: python-aiml's name "Nameless" unless given, then the given ones in order.
    private func botProperties(notes: inout [ImportNote]) -> [(String, String)] {
        var properties: [(String, String)] = [("name", "Nameless")]
        for (key, value) in bot {
            let name = MindName.identifier(key)
            if name != key {
                notes.append(ImportNote(kind: .renamed, file: "--bot", line: 0,
                                        message: "the bot property \"\(key)\" is named \"\(name)\" in the mind"))
            }
            if let index = properties.firstIndex(where: { $0.0 == name }) {
                properties[index].1 = value
            } else {
                properties.append((name, value))
            }
        }
        return properties
    }

    /// Whether a path is a set or map file, by its extension.
    private static func dataKind(_ path: String) -> String? {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: ".") else { return nil }
        let kind = name[name.index(after: dot)...].lowercased()
        return kind == "set" || kind == "map" ? kind : nil
    }

    /// The name of a set or map file: its file name without the extension.
    private static func stem(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name.lastIndex(of: ".").map { String(name[..<$0]) } ?? name
    }

    /// The sets and maps among the files; a file that cannot be read as one is noted and left out.
    private func dataFiles(_ files: [(path: String, text: String)], notes: inout [ImportNote])
        -> (sets: [DataFile<String>], maps: [DataFile<(key: String, value: String)>]) {
        var sets: [DataFile<String>] = []
        var maps: [DataFile<(key: String, value: String)>] = []
        for file in files {
            let name = Self.stem(file.path)
            switch Self.dataKind(file.path) {
            case "set":
                if let entries = AIMLDataFile.setEntries(file.text), !entries.isEmpty {
                    sets.removeAll { $0.name == name }
                    sets.append(DataFile(name: name, path: file.path, entries: entries))
                } else {
                    notes.append(ImportNote(kind: .dataFile, file: file.path, line: 0,
                                            message: "not a set (one entry per line, or a JSON list): left out"))
                }
            case "map":
                if let entries = AIMLDataFile.mapEntries(file.text) {
                    var seen: Set<String> = []
                    let unique = Array(entries.reversed().filter { seen.insert($0.key).inserted }.reversed())
                    if unique.count < entries.count {
                        notes.append(ImportNote(kind: .dataFile, file: file.path, line: 0,
                                                message: "keys given twice keep their last value"))
                    }
                    maps.removeAll { $0.name == name }
                    maps.append(DataFile(name: name, path: file.path, entries: unique))
                } else {
                    notes.append(ImportNote(kind: .dataFile, file: file.path, line: 0, message:
                        "not a map (key:value per line, or a JSON list of pairs): left out"))
                }
            default:
                continue
            }
        }
        return (sets, maps)
    }

    /// The categories without those a later one replaces (same pattern, that and topic), each noted.
    private static func latest(_ categories: [AIMLCategory], files: [(path: String, text: String)],
                               notes: inout [ImportNote]) -> [AIMLCategory] {
        var latest: [AIMLCategory.Key: Int] = [:]
        var replaced = [Bool](repeating: false, count: categories.count)
        for (index, category) in categories.enumerated() {
            if let earlier = latest.updateValue(index, forKey: category.key) {
                replaced[earlier] = true
                let old = categories[earlier]
                notes.append(ImportNote(kind: .duplicate, file: files[old.file].path, line: old.line,
                                        message: "replaced by the category with the same pattern, that and topic "
                                            + "at \(files[category.file].path):\(category.line), as python-aiml does"))
            }
        }
        return categories.indices.filter { !replaced[$0] }.map { categories[$0] }
    }

    /// The categories with their mind patterns, without those another one with the same mind patterns
    /// always wins over in python-aiml (the one whose match classes come first), each noted.
    private static func unshadowed(_ categories: [AIMLCategory], files: [(path: String, text: String)],
                                   botNameWords: [String], notes: inout [ImportNote])
        -> [(category: AIMLCategory, patterns: RulePatterns)] {
        let patterns = categories.map { RulePatterns($0.key, botNameWords: botNameWords) }
        var winners: [RulePatterns: Int] = [:]
        for (index, category) in categories.enumerated() {
            guard let other = winners[patterns[index]] else {
                winners[patterns[index]] = index
                continue
            }
            if category.matchClasses.lexicographicallyPrecedes(categories[other].matchClasses) {
                winners[patterns[index]] = index
            }
        }
        var kept: [(category: AIMLCategory, patterns: RulePatterns)] = []
        for (index, category) in categories.enumerated() {
            let winner = winners[patterns[index]]!
            if winner == index {
                kept.append((category, patterns[index]))
            } else {
                let other = categories[winner]
                notes.append(ImportNote(kind: .shadowed, file: files[category.file].path, line: category.line,
                                        message: "the category at \(files[other.file].path):\(other.line) matches the "
                                            + "same inputs and python-aiml always prefers it: this one never answers "
                                            + "and is dropped"))
            }
        }
        return kept
    }

    /// For each file, the first part of its rule ids: its name without the extension, characters other
    /// than letters, digits, `_`, `-` and `.` turned into `_`, and `-2`, `-3`... added to make it unique.
    private static func stems(_ paths: [String]) -> [String] {
        var used: Set<String> = []
        return paths.map { path in
            let stem = String(String.UnicodeScalarView(stem(path).unicodeScalars.map { scalar in
                let kept = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
                    || scalar == "_" || scalar == "-" || scalar == "."
                return kept ? scalar : "_"
            }))
            var unique = stem.isEmpty ? "aiml" : stem
            var count = 1
            while !used.insert(unique).inserted {
                count += 1
                unique = stem + "-" + String(count)
            }
            return unique
        }
    }
}
