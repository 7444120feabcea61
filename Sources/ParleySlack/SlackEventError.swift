/// A post to a Slack route that Parley cannot read; says what is wrong with it.
struct SlackEventError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
