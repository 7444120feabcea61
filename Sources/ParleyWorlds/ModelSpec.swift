import ParleyCore

/// One bot model named under `opt.models` in a task config.
public struct ModelSpec: Sendable, Equatable {
    /// The key under `opt.models` (e.g. `bot`, `blender_90M`).
    public var key: String
    /// The `model` value: which model kind Parley loads (e.g. `echo`, `mind`).
    public var kind: String
    /// Every setting of the entry, `model` included, as written.
    public var settings: [String: JSONValue]

    public init(key: String, kind: String, settings: [String: JSONValue] = [:]) {
        self.key = key
        self.kind = kind
        self.settings = settings
    }
}
