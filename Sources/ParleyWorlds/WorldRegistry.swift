import ParleyCore

/// The worlds Parley can run, by world set (ParlAI's `world_module`) and class name, and the bot
/// model kinds configs may name.
public struct WorldRegistry: Sendable {
    /// What part a registered world plays.
    public enum Role: String, Sendable {
        case overworld, onboarding, task
    }

    /// A registered world: its role and how to make and run it.
    struct Entry: Sendable {
        let role: Role
        let make: @Sendable (WorldContext) throws -> RunnableWorld
        let assignRoles: @Sendable ([PersonAgent]) -> Void
        /// How to save and restore the world, when it is a ``RestorableWorld``.
        var restoring: Restoring? = nil
    }

    /// How the runtime saves and restores a ``RestorableWorld``, its state as JSON.
    struct Restoring: Sendable {
        let state: @Sendable (any TaskWorld) async throws -> JSONValue
        let restore: @Sendable (WorldContext, JSONValue) throws -> any TaskWorld
    }

    private var sets: [String: [String: Entry]] = [:]
    /// Bot model kinds by name; `echo` and `repeat` are always there.
    public private(set) var modelKinds: [String: BotModelKind] = [
        BotModelKind.echo.name: .echo, BotModelKind.repeat.name: .repeat,
    ]

    public init() {}

    /// The registered world sets.
    public var worldSets: [String] { sets.keys.sorted() }

    /// The world names registered in `set`.
    public func worldNames(in set: String) -> [String] {
        sets[set]?.keys.sorted() ?? []
    }

    /// Registers an overworld type.
    public mutating func register<W: Overworld>(_ type: W.Type, as name: String, in set: String) {
        registerOverworld(name, in: set) { try W(context: $0) }
    }

    /// Registers an overworld made by `make` (for one type registered under several names).
    public mutating func registerOverworld(
        _ name: String, in set: String, make: @escaping @Sendable (WorldContext) throws -> any Overworld
    ) {
        sets[set, default: [:]][name] = Entry(role: .overworld, make: { .overworld(try make($0)) }, assignRoles: { _ in })
    }

    /// Registers an onboarding world type.
    public mutating func register<W: OnboardWorld>(_ type: W.Type, as name: String, in set: String) {
        registerOnboardWorld(name, in: set) { try W(context: $0) }
    }

    /// Registers an onboarding world made by `make`.
    public mutating func registerOnboardWorld(
        _ name: String, in set: String, make: @escaping @Sendable (WorldContext) throws -> any OnboardWorld
    ) {
        sets[set, default: [:]][name] = Entry(role: .onboarding, make: { .onboarding(try make($0)) }, assignRoles: { _ in })
    }

    /// Registers a task world type.
    public mutating func register<W: TaskWorld>(_ type: W.Type, as name: String, in set: String) {
        registerTaskWorld(name, in: set, assignRoles: { W.assignRoles($0) }) { try W(context: $0) }
    }

    /// Registers a task world that can be restored after a restart (see ``RestorableWorld``).
    public mutating func register<W: RestorableWorld>(_ type: W.Type, as name: String, in set: String) {
        registerTaskWorld(name, in: set, assignRoles: { W.assignRoles($0) }) { try W(context: $0) }
        sets[set]?[name]?.restoring = Restoring(
            state: { world in
                guard let world = world as? W else { throw WorldRestoreError.notRestorable(name) }
                return try JSONValue(encoding: await world.state())
            },
            restore: { context, state in try W(context: context, restoring: state.decoded(as: W.State.self)) })
    }

    /// Registers a task world made by `make`; `assignRoles` sets display ids before it is made.
    public mutating func registerTaskWorld(
        _ name: String, in set: String, assignRoles: @escaping @Sendable ([PersonAgent]) -> Void,
        make: @escaping @Sendable (WorldContext) throws -> any TaskWorld
    ) {
        sets[set, default: [:]][name] = Entry(role: .task, make: { .task(try make($0)) }, assignRoles: assignRoles)
    }

    /// Registers a bot model kind (replacing one of the same name).
    public mutating func register(_ kind: BotModelKind) {
        modelKinds[kind.name] = kind
    }

    /// The registered world sets and their worlds, as `set: World, World; set: ...`: the worlds
    /// closest to `reference` (by edit distance, ignoring case) first, and the sets in the order of
    /// their closest world.
    func catalogue(closestTo reference: String) -> String {
        let wanted = Array(reference.lowercased())
        let name = Array((reference.split(separator: ".").last.map(String.init) ?? reference).lowercased())
        func distance(_ set: String, _ world: String) -> Int {
            min(EditDistance.between(name, Array(world.lowercased())), EditDistance.between(wanted, Array("\(set).\(world)".lowercased())))
        }
        let ranked = sets.map { set, worlds in
            (set: set, worlds: worlds.keys.map { (world: $0, distance: distance(set, $0)) }.sorted { ($0.distance, $0.world) < ($1.distance, $1.world) })
        }
        .sorted { ($0.worlds.first?.distance ?? .max, $0.set) < ($1.worlds.first?.distance ?? .max, $1.set) }
        return ranked.map { "\($0.set): \($0.worlds.map(\.world).joined(separator: ", "))" }.joined(separator: "; ")
    }

    /// Looks up a world name from a config: `ClassName` in `defaultSet`, or `some.world.set.ClassName`.
    func entry(
        _ reference: String, defaultSet: String, role: Role, file: String, key: String
    ) throws(ConfigError) -> (name: String, entry: Entry) {
        var set = defaultSet
        var name = reference
        if sets[defaultSet]?[reference] == nil, let dot = reference.lastIndex(of: "."),
            sets[String(reference[..<dot])] != nil
        {
            set = String(reference[..<dot])
            name = String(reference[reference.index(after: dot)...])
        }
        guard let worlds = sets[set] else {
            throw ConfigError(
                file: file, key: "world_module",
                problem: "no world set \"\(set)\" is registered; registered, the closest first: \(catalogue(closestTo: reference))")
        }
        guard let entry = worlds[name] else {
            throw ConfigError(
                file: file, key: key,
                problem: "no world \"\(name)\" in world set \"\(set)\"; registered, the closest first: \(catalogue(closestTo: reference))")
        }
        guard entry.role == role else {
            throw ConfigError(file: file, key: key, problem: "\"\(name)\" is a world of role \(entry.role.rawValue), not \(role.rawValue)")
        }
        return (name, entry)
    }
}
