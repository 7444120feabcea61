import Foundation

/// One request of the reply API and its answer, as written to the user's transcript.
public struct Exchange: Sendable, Hashable {
    public var input: String
    public var output: String
    public var time: Date

    public init(input: String, output: String, time: Date) {
        self.input = input
        self.output = output
        self.time = time
    }
}
