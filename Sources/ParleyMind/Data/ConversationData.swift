import ParleyCore

/// The state of one conversation (docs/minds-reference.md#the-data-object): the caller stores it and sends it
/// back with the next turn; the engine keeps nothing between calls.
public struct ConversationData: Sendable, Hashable {
    /// Completed turns.
    var turn = 0
    /// The generator state; nil until the first turn (then the FNV-1a hash of the mind's name).
    var seed: UInt64?
    var world: [Fact] = []
    /// Models whose state differs from their `initial`: a state name, or nil for no state.
    var states: [String: String?] = [:] { didSet { written = .none } }
    /// The history (set with `setHistory`).
    private(set) var history = ""
    /// What JSON escaping adds to `history`, kept with it so that counting the data's size does
    /// not read the history again each turn.
    private(set) var historyEscapeGrowth = 0
    /// FNV-1a hashes of the last recorded variant texts, newest last.
    var recent: [UInt64] = []
    /// Ids of `once` rules that fired.
    var used: [String] = [] { didSet { written = .none } }
    /// Ids of idle rules that fired since the last input that was not an idle input.
    var fired: [String] = [] { didSet { written = .none } }
    /// What the turn that wrote `states`, `used` and `fired` knew of them, while they are as it
    /// wrote them (changing one of them resets it to `.none`).
    var written = WrittenTurn.none
    /// Seconds until the client should send `[idle n]`.
    var idle: Double?
    /// Version 1.1: user variables that are set.
    var vars: [String: String] = [:]
    /// Version 1.1: the previous output (in `sentences` mode, to the previous sentence).
    var that = ""

    /// The data of a new conversation (`{}`).
    public static let new = ConversationData()

    private init() {}

    /// A new conversation whose random choices start from `seed`.
    public init(seed: UInt64) {
        self.seed = seed
    }

    /// Reads data a caller sent back; throws `invalidData` when it is not an object, has an
    /// unknown `v`, exceeds 64 KiB or has a malformed field. Unknown keys are dropped.
    public init(json: JSONValue) throws(MindError) {
        guard case .object(let members) = json else {
            throw .invalidData("data must be a JSON object")
        }
        let bytes = CanonicalJSON.byteCount(of: json)
        guard bytes <= MindError.maximumDataBytes else {
            throw .invalidData("data is \(bytes) bytes; at most \(MindError.maximumDataBytes) are allowed")
        }
        if let version = members["v"], version != .number(1) {
            throw .invalidData("unknown data version v=\(version.jsonText())")
        }
        turn = try Self.integer(members["turn"], "turn") ?? 0
        seed = try Self.seed(members["seed"])
        if let world = members["world"] {
            guard case .string(let text) = world else { throw .invalidData("world must be text") }
            do {
                self.world = try FactSyntax.facts(text)
            } catch {
                throw .invalidData("world: \(error.description)")
            }
        }
        if let states = members["states"] {
            guard case .object(let entries) = states else { throw .invalidData("states must be an object") }
            for (model, state) in entries {
                switch state {
                case .string(let name): self.states[model] = .some(name)
                case .null: self.states[model] = .some(nil)
                default: throw .invalidData("states.\(model) must be text or null")
                }
            }
        }
        if let history = members["history"] {
            guard case .string(let text) = history else { throw .invalidData("history must be text") }
            setHistory(text)
        }
        recent = try Self.strings(members["recent"], "recent").enumerated().map { (position, text) throws(MindError) in
            guard let hash = FNV1a.value(hex: text) else {
                throw .invalidData("recent[\(position)] must be 16 hex digits")
            }
            return hash
        }
        used = try Self.strings(members["used"], "used")
        fired = try Self.strings(members["fired"], "fired")
        if let vars = members["vars"] {
            guard case .object(let entries) = vars else { throw .invalidData("vars must be an object") }
            for (name, value) in entries {
                guard case .string(let text) = value else { throw .invalidData("vars.\(name) must be text") }
                self.vars[name] = text
            }
        }
        if let that = members["that"] {
            guard case .string(let text) = that else { throw .invalidData("that must be text") }
            self.that = text
        }
        switch members["idle"] {
        case nil, .null?: idle = nil
        case .number(let seconds)? where seconds >= 0 && seconds.isFinite: idle = seconds
        default: throw .invalidData("idle must be a number >= 0")
        }
    }

    /// Reads data from its JSON text; see `init(json:)`.
    public init(jsonText: String) throws(MindError) {
        let value: JSONValue
        do {
            value = try JSONValue.parse(jsonText)
        } catch {
            throw .invalidData("data is not valid JSON (\(error))")
        }
        try self.init(json: value)
    }

    /// Sets the history; `escapeGrowth` is `CanonicalJSON.escapeGrowth(of: text)`, worked out
    /// when not given.
    mutating func setHistory(_ text: String, escapeGrowth: Int? = nil) {
        history = text
        historyEscapeGrowth = escapeGrowth ?? CanonicalJSON.escapeGrowth(of: text)
    }

    private static func integer(_ value: JSONValue?, _ key: String) throws(MindError) -> Int? {
        guard let value else { return nil }
        guard case .number(let number) = value, number >= 0, number.rounded() == number,
            number < 9_007_199_254_740_992
        else { throw .invalidData("\(key) must be a whole number >= 0") }
        return Int(number)
    }

    private static func seed(_ value: JSONValue?) throws(MindError) -> UInt64? {
        switch value {
        case nil: return nil
        case .string(let text)?:
            guard let seed = FNV1a.value(hex: text) else { throw .invalidData("seed must be 16 hex digits") }
            return seed
        case .number?:
            guard let number = try integer(value, "seed") else { return nil }
            return UInt64(number)
        default:
            throw .invalidData("seed must be 16 hex digits or a whole number below 2^53")
        }
    }

    private static func strings(_ value: JSONValue?, _ key: String) throws(MindError) -> [String] {
        guard let value else { return [] }
        guard case .array(let elements) = value else { throw .invalidData("\(key) must be a list of text") }
        var result: [String] = []
        for (position, element) in elements.enumerated() {
            guard case .string(let text) = element else { throw .invalidData("\(key)[\(position)] must be text") }
            result.append(text)
        }
        return result
    }

    /// Canonical compact JSON with the keys in a fixed order (v, turn, seed, world, states,
    /// history, recent, used, fired, that, vars, idle): equal data gives equal bytes.
    public var jsonText: String { canonicalJSON(countingOnly: false).text }

    /// The size of `jsonText` in UTF-8 bytes (section 13.10), measured without building it.
    var jsonByteCount: Int { canonicalJSON(countingOnly: true).byteCount }

    private func canonicalJSON(countingOnly: Bool) -> CanonicalJSON {
        var writer = CanonicalJSON(countingOnly: countingOnly)
        writer.raw("{\"v\":1,\"turn\":")
        writer.raw(String(turn))
        if let seed {
            writer.raw(",\"seed\":")
            if countingOnly { writer.raw(Self.hashPlaceholder) } else { writer.string(FNV1a.hex(seed)) }
        }
        writer.raw(",\"world\":")
        writer.string(joining: world)
        writer.raw(",\"states\":")
        if countingOnly, written.program != 0 {
            writer.count(bytes: written.statesByteCount)
        } else {
            writeStates(to: &writer)
        }
        writer.raw(",\"history\":")
        writer.string(history, escapeGrowth: historyEscapeGrowth)
        writer.raw(",\"recent\":[")
        for (position, hash) in recent.enumerated() {
            if position > 0 { writer.raw(",") }
            if countingOnly {
                writer.raw(Self.hashPlaceholder)
            } else {
                writer.string(FNV1a.hex(hash))
            }
        }
        writer.raw("],\"used\":[")
        writer.strings(used)
        writer.raw("],\"fired\":[")
        writer.strings(fired)
        writer.raw("]")
        if !that.isEmpty {
            writer.raw(",\"that\":")
            writer.string(that)
        }
        if !vars.isEmpty {
            writer.raw(",\"vars\":{")
            for (position, entry) in vars.sorted(by: { JSONWriter.codePointOrder($0.key, $1.key) }).enumerated() {
                if position > 0 { writer.raw(",") }
                writer.string(entry.key)
                writer.raw(":")
                writer.string(entry.value)
            }
            writer.raw("}")
        }
        if let idle {
            writer.raw(",\"idle\":")
            writer.number(idle)
        }
        writer.raw("}")
        return writer
    }

    /// The size of `states` in the JSON text in UTF-8 bytes.
    var statesByteCount: Int {
        var writer = CanonicalJSON(countingOnly: true)
        writeStates(to: &writer)
        return writer.byteCount
    }

    /// Writes the `states` object.
    private func writeStates(to writer: inout CanonicalJSON) {
        writer.raw("{")
        func write(_ position: Int, _ entry: (key: String, value: String?)) {
            if position > 0 { writer.raw(",") }
            writer.string(entry.key)
            writer.raw(":")
            if let state = entry.value { writer.string(state) } else { writer.raw("null") }
        }
        // The order of the models does not change the size: only the text sorts them.
        if writer.isCountingOnly {
            for (position, entry) in states.enumerated() { write(position, entry) }
        } else {
            for (position, entry) in states.sorted(by: { JSONWriter.codePointOrder($0.key, $1.key) }).enumerated() {
                write(position, entry)
            }
        }
        writer.raw("}")
    }

    /// What a hash (`seed`, `recent`) takes in the JSON text (16 hex digits in quotes), for counting.
    private static let hashPlaceholder = "\"" + String(repeating: "0", count: 16) + "\""

    /// The data as a JSON value (the same content as `jsonText`).
    public var json: JSONValue {
        var members: [String: JSONValue] = [
            "v": 1, "turn": .number(Double(turn)),
            "world": .string(world.map(\.description).joined(separator: " ")),
            "states": .object(states.mapValues { state in state.map(JSONValue.string) ?? .null }),
            "history": .string(history),
            "recent": .array(recent.map { .string(FNV1a.hex($0)) }),
            "used": .array(used.map(JSONValue.string)),
            "fired": .array(fired.map(JSONValue.string)),
        ]
        if let seed { members["seed"] = .string(FNV1a.hex(seed)) }
        if let idle { members["idle"] = .number(idle) }
        if !that.isEmpty { members["that"] = .string(that) }
        if !vars.isEmpty { members["vars"] = .object(vars.mapValues(JSONValue.string)) }
        return .object(members)
    }

    /// The world facts in canonical form, in insertion order (e.g. `UserName(Joe)`).
    public var worldFacts: [String] {
        world.map(\.description)
    }

    /// Completed turns.
    public var turns: Int { turn }

    /// Seconds until the client should send `[idle n]`, or nil.
    public var idleSeconds: Double? { idle }
}
