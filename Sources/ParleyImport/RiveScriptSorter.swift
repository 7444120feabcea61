/// The order in which rivescript-python 1.15 tries triggers (`sort_replies`): per topic, the
/// `%Previous` triggers of the topic and of every topic it includes or inherits, then its other
/// triggers, each list sorted by `sort_trigger_set`.
struct RiveScriptSorter {
    /// A trigger as the sort sees it: its text, its index and its inheritance level in the topic
    /// being sorted (rivescript-python's `{inherits=N}` tag, which every trigger gets).
    typealias Entry = (text: String, trigger: Int, level: Int)

    let source: RiveScriptSource
    /// rivescript-python's recursion limit (`depth`), which also bounds topic trees.
    let depth: Int
    /// Each trigger's sort criteria but its level.
    private let keys: [SortKey]

    init(source: RiveScriptSource, depth: Int) {
        self.source = source
        self.depth = depth
        keys = source.triggers.map { SortKey(pattern: $0.text) }
    }

    /// The `%Previous` triggers a user in `topic` tries first, in order, each once: those of each
    /// topic of its tree, each list sorted.
    func previousOrder(of topic: String) -> [Int] {
        var seen: Set<Int> = []
        var order: [Int] = []
        for top in tree(of: topic, depth: 0) where source.topics[top] != nil {
            for entry in sorted(triggers(of: top, thats: true, depth: 0, inheritance: 0), excludingPrevious: false)
            where seen.insert(entry.trigger).inserted {
                order.append(entry.trigger)
            }
        }
        return order
    }

    /// The other triggers of a topic, those of the topics it includes and inherits with them, sorted.
    func ordinaryOrder(of topic: String) -> [Entry] {
        sorted(triggers(of: topic, thats: false, depth: 0, inheritance: 0), excludingPrevious: true)
    }

    /// `get_topic_tree`: the topic, then the trees of the topics it includes and inherits (sorted by name).
    func tree(of topic: String, depth level: Int) -> [String] {
        guard level <= depth else { return [] }
        var topics = [topic]
        for included in (source.includes[topic]?.keys ?? []).sorted(by: Self.pythonLess) {
            topics += tree(of: included, depth: level + 1)
        }
        for inherited in (source.inherits[topic]?.keys ?? []).sorted(by: Self.pythonLess) {
            topics += tree(of: inherited, depth: level + 1)
        }
        return topics
    }

    /// `get_topic_triggers`: the topic's triggers with those of the topics it includes (at its
    /// level) and inherits (a level below).
    private func triggers(of topic: String, thats: Bool, depth level: Int, inheritance: Int) -> [Entry] {
        guard level <= depth, let own = source.topics[topic] else { return [] }
        var here: [Entry] = []
        if thats {
            // rivescript-python files these by trigger text, then by previous text: the last one of a
            // pair is kept, at the place of the first of its text.
            var texts: [String] = []
            var byText: [String: RiveScriptTable<Int>] = [:]
            for index in own {
                let trigger = source.triggers[index]
                guard let previous = trigger.previous else { continue }
                if byText[trigger.text] == nil { texts.append(trigger.text) }
                byText[trigger.text, default: RiveScriptTable()][previous] = index
            }
            for text in texts {
                for (_, index) in byText[text]!.entries { here.append((text, index, inheritance)) }
            }
        } else {
            here = own.map { (source.triggers[$0].text, $0, inheritance) }
        }
        var result: [Entry] = []
        for included in source.includes[topic]?.keys ?? [] {
            result += triggers(of: included, thats: thats, depth: level + 1, inheritance: inheritance)
        }
        for inherited in source.inherits[topic]?.keys ?? [] {
            result += triggers(of: inherited, thats: thats, depth: level + 1, inheritance: inheritance + 1)
        }
        return result + here
    }

    /// `sort_trigger_set`: by weight, inheritance, then atomic before optionals before `_`, `#` and
    /// `*`, more words first, longer first, then alphabetically; stable.
    func sorted(_ entries: [Entry], excludingPrevious: Bool) -> [Entry] {
        let kept = entries.filter { !(excludingPrevious && source.triggers[$0.trigger].previous != nil) }
        // Swift's sort is not stable: the position breaks ties.
        return kept.indices.sorted { a, b in
            let left = kept[a], right = kept[b]
            return SortKey.precedes(keys[left.trigger], left.level, keys[right.trigger], right.level) ?? (a < b)
        }.map { kept[$0] }
    }

    /// `sort_list`: substitution keys by number of words, then by length, longest first; stable.
    static func sortedList(_ items: [String]) -> [String] {
        let indexed = items.enumerated().map { (offset: $0.offset, item: $0.element, words: $0.element.pythonWords.count) }
        return indexed.sorted { a, b in
            if a.words != b.words { return a.words > b.words }
            let lengthA = a.item.unicodeScalars.count, lengthB = b.item.unicodeScalars.count
            return lengthA != lengthB ? lengthA > lengthB : a.offset < b.offset
        }.map(\.item)
    }

    /// Python's string order: by code point.
    static func pythonLess(_ a: String, _ b: String) -> Bool {
        a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
    }

    /// The criteria of `sort_trigger_set` but the inheritance level, compared in order.
    struct SortKey: Sendable {
        let weight: Int
        let isEmpty: Bool
        let star: Bool
        let pound: Bool
        let under: Bool
        let option: Bool
        let words: Int
        let length: Int
        let alphabet: [Unicode.Scalar]

        init(pattern: String) {
            weight = RiveScriptWeight.weight(in: pattern) ?? 0
            words = Self.wordCount(pattern)
            isEmpty = words == 0
            star = pattern.contains("*")
            pound = pattern.contains("#")
            under = pattern.contains("_")
            option = pattern.contains("[")
            length = pattern.unicodeScalars.count
            alphabet = Array(pattern.unicodeScalars)
        }

        /// `word_count`: the pieces left when white space, wildcards and brackets separate them.
        private static func wordCount(_ pattern: String) -> Int {
            pattern.unicodeScalars.split { $0.isPythonSpace || "*#_[]()".unicodeScalars.contains($0) }.count
        }

        /// Whether `a` at `levelA` sorts before `b` at `levelB`; nil when they tie.
        static func precedes(_ a: SortKey, _ levelA: Int, _ b: SortKey, _ levelB: Int) -> Bool? {
            if a.weight != b.weight { return a.weight > b.weight }
            if levelA != levelB { return levelA < levelB }
            for (x, y) in [(a.isEmpty, b.isEmpty), (a.star, b.star), (a.pound, b.pound), (a.under, b.under),
                           (a.option, b.option)] where x != y {
                return !x
            }
            if a.words != b.words { return a.words > b.words }
            if a.length != b.length { return a.length > b.length }
            if a.alphabet == b.alphabet { return nil }
            return a.alphabet.lexicographicallyPrecedes(b.alphabet)
        }
    }
}
