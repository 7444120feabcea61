import ParleyCore

/// Where a person is in the survey: all a survey world keeps between steps, a small value.
public struct SurveyProgress: Sendable, Codable, Equatable {
    /// The question being asked.
    public var index = 0
    /// Whether the question has been put to the person (it is asked again after a wrong answer).
    public var asked = false
    /// The valid answers so far, by question id.
    public var answers: [String: JSONValue] = [:]

    public init() {}
}
