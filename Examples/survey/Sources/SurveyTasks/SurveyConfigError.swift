/// A survey config that cannot be used.
public struct SurveyConfigError: Error, CustomStringConvertible {
    public var description: String

    init(_ description: String) {
        self.description = description
    }
}
