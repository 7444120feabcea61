import Foundation
import ParleyCore

/// One question of the survey, from the config's `opt.questions`.
public struct SurveyQuestion: Sendable, Decodable, Equatable {
    /// The inclusive bounds of a numeric answer.
    public struct Bounds: Sendable, Decodable, Equatable {
        public var min: Int
        public var max: Int
    }

    /// The key its answer is saved under.
    public var id: String
    public var text: String
    /// The answers allowed, offered as quick replies.
    public var choices: [String]?
    /// A whole number between these bounds.
    public var number: Bounds?
    /// Free text of at least this many characters.
    public var minLength: Int?
    /// Seconds the person has to answer; without it, the task's `response_timeout` applies.
    public var responseTimeout: Double?

    enum CodingKeys: String, CodingKey {
        case id, text, choices, number
        case minLength = "min_length"
        case responseTimeout = "response_timeout"
    }

    /// The questions in `opt.questions`; throws when they are missing or malformed.
    public static func all(in opt: [String: JSONValue]) throws -> [SurveyQuestion] {
        guard let list = opt["questions"] else { throw SurveyConfigError("opt.questions is missing") }
        let questions: [SurveyQuestion]
        do {
            questions = try JSONDecoder().decode([SurveyQuestion].self, from: Data(list.jsonText().utf8))
        } catch {
            throw SurveyConfigError("opt.questions: each needs an id and a text (\(error))")
        }
        guard !questions.isEmpty else { throw SurveyConfigError("opt.questions is empty") }
        return questions
    }

    /// The answer to save, or why `reply` is not one.
    public func check(_ reply: String) -> Result<JSONValue, SurveyAnswerError> {
        let answer = reply.trimmingCharacters(in: .whitespacesAndNewlines)
        if let choices {
            guard let choice = choices.first(where: { $0.caseInsensitiveCompare(answer) == .orderedSame }) else {
                return .failure(SurveyAnswerError("Please choose one of: \(choices.joined(separator: ", "))."))
            }
            return .success(.string(choice))
        }
        if let number {
            guard let value = Int(answer), (number.min...number.max).contains(value) else {
                return .failure(SurveyAnswerError("Please answer with a whole number from \(number.min) to \(number.max)."))
            }
            return .success(.number(Double(value)))
        }
        if let minLength, answer.count < minLength {
            return .failure(SurveyAnswerError("Please write at least \(minLength) characters."))
        }
        return .success(.string(answer))
    }
}
