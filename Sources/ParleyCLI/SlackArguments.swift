import ArgumentParser
import Foundation
import ParleyServer
import ParleySlack

/// `parley serve`'s Slack options.
struct SlackArguments: ParsableArguments {
    @Flag(
        help:
            "Serve Slack: events at /slack/events, button taps at /slack/interactivity (secrets PARLEY_SLACK_SIGNING_SECRET and PARLEY_SLACK_BOT_TOKEN)."
    )
    var slack = false

    @Option(name: .customLong("slack-api-url"), help: "The Slack Web API base URL Slack calls go to.")
    var slackAPIURL = SlackOptions.defaultAPIURL

    func validate() throws {
        guard let url = URL(string: slackAPIURL), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
            throw ValidationError("--slack-api-url \(slackAPIURL) is not an http(s) URL.")
        }
    }

    /// Slack as a chat service kind when `--slack` is given, made with these options.
    var kind: ChatServiceKind? {
        slack ? SlackService.kind(apiURL: slackAPIURL) : nil
    }
}
