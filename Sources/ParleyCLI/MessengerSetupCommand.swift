import ArgumentParser
import Foundation
import ParleyServer
import ParleyWorlds

/// `parley messenger setup`: the page's Get Started button, greeting and persistent menu.
struct MessengerSetupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "setup",
        abstract: "Sets the page's Get Started button, greeting and a persistent menu of the config's task names.",
        discussion: """
            Uses the page access token from PARLEY_MESSENGER_PAGE_TOKEN (or --secrets FILE) and the \
            Messenger Profile API (POST {graph-url}/me/messenger_profile). A menu item sends its task \
            name to the overworld, as if the person had typed it.
            """
    )

    @Option(help: "The task config whose task names make the menu; without one, the demo config built into Parley.")
    var config: String?

    @Option(help: "A file of KEY=VALUE lines with PARLEY_MESSENGER_PAGE_TOKEN (other chat services' keys may be there too), which wins over the environment (default: the environment only).")
    var secrets: String?

    @Option(help: "The Graph API base URL.")
    var graphURL = MessengerOptions.defaultGraphURL

    @Option(help: "The greeting people see before their first message (at most 160 characters).")
    var greeting = "Hello! Tap Get Started to begin."

    func run() async throws {
        let taskConfig = try TaskConfigArgument.load(config)
        let found = try ServiceArguments.loadSecrets(file: secrets)
        guard let pageToken = found[MessengerService.pageTokenKey] else {
            throw CommandFailure("No page access token: set \(MessengerService.pageTokenKey) or pass --secrets FILE.")
        }
        let options = MessengerOptions(appSecret: nil, verifyToken: "", pageToken: pageToken, graphURL: graphURL)
        let profile = MessengerProfile(greeting: greeting, menu: taskConfig.taskNames)
        try await profile.apply(options: options)
        print("Messenger profile set: Get Started, greeting, menu \(taskConfig.taskNames.joined(separator: ", "))")
    }
}
