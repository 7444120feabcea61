import Yams

/// A task's `rating`: the question each person is asked at the end of a completed task world.
public struct RatingQuestion: Sendable, Equatable {
    /// `question`: what is asked.
    public var question: String
    /// `scale`: answers go from 1 to this (2 to 10; default 5).
    public var scale: Int
    /// `comment`: when true, a free-text comment is asked for after the score.
    public var comment: Bool

    static let keys = ["question", "scale", "comment"]

    public init(question: String = "How was this conversation?", scale: Int = 5, comment: Bool = false) {
        self.question = question
        self.scale = scale
        self.comment = comment
    }

    static func parse(_ node: Node, at path: String, reader: ConfigReader) throws(ConfigError) -> RatingQuestion {
        let members = try reader.members(node, at: path)
        try reader.checkKeys(members, allowed: keys, at: path)
        var rating = RatingQuestion()
        for member in members {
            let key = "\(path).\(member.key)"
            switch member.key {
            case "question": rating.question = try reader.text(member.value, at: key)
            case "scale":
                rating.scale = try reader.positiveInteger(member.value, at: key)
                guard (2...10).contains(rating.scale) else { throw reader.error(key, "expected 2 to 10, got \(rating.scale)") }
            default: rating.comment = try reader.bool(member.value, at: key)
            }
        }
        return rating
    }
}
