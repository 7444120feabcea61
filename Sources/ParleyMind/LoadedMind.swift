/// A mind that loaded, with the warnings found while loading it.
public struct LoadedMind: Sendable {
    public let mind: Mind
    public let warnings: [Diagnostic]
}
