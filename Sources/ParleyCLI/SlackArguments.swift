import ArgumentParser
import ParleyServer
import ParleySlack

/// `parley serve`'s Slack options.
struct SlackArguments: ParsableArguments {
    @Flag(help: "Serve Slack (being built).")
    var slack = false

    /// Slack as a chat service kind when `--slack` is given.
    var kind: ChatServiceKind? {
        nil
    }
}
