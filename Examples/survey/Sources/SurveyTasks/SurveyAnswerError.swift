/// Why an answer was refused: told to the person before the question is asked again.
public struct SurveyAnswerError: Error, Equatable {
    public var reason: String

    public init(_ reason: String) {
        self.reason = reason
    }
}
