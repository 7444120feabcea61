/// A guessing game config that cannot be used.
public struct GameConfigError: Error, CustomStringConvertible {
    public var description: String
}
