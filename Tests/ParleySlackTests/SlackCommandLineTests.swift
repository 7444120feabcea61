import Logging
import ParleyServer
import ParleySlack
import ParleyStore
import ParleyTasks
import ParleyWorlds
import Testing

@testable import ParleyCLI

/// `parley serve --slack`'s options and secrets.
@Suite struct SlackCommandLineTests {
    private func setup(secrets: [String: String]) throws -> ServiceSetup {
        let store = try SQLiteStore.temporary()
        let config = try TaskConfig.parse(yaml: DemoFiles.config, file: "built-in demo config")
        let runtime = try WorldRuntime(config: config, registry: .builtIn, transcripts: store)
        return ServiceSetup(runtime: runtime, config: config, secrets: ServiceSecrets(secrets), ledger: store, logger: Logger(label: "test"))
    }

    @Test func slackIsOffUnlessAsked() throws {
        #expect(try SlackArguments.parse([]).kind == nil)
        #expect(try SlackArguments.parse(["--slack"]).kind?.name == "slack")
    }

    @Test func theKindDeclaresTheSecretsItReads() throws {
        let kind = try #require(try SlackArguments.parse(["--slack"]).kind)
        #expect(kind.secretKeys == ["PARLEY_SLACK_SIGNING_SECRET", "PARLEY_SLACK_BOT_TOKEN"])
        #expect(SlackService.secretKeys == kind.secretKeys)
    }

    @Test func everyMissingSecretIsNamedAtOnce() throws {
        let kind = try #require(try SlackArguments.parse(["--slack"]).kind)
        let error = #expect(throws: SlackConfigError.self) { try kind.make(try setup(secrets: [:])) }
        #expect(
            error?.description
                == "Slack needs PARLEY_SLACK_SIGNING_SECRET, PARLEY_SLACK_BOT_TOKEN: set them in the environment or in the --secrets file")
        let one = #expect(throws: SlackConfigError.self) {
            try kind.make(try setup(secrets: [SlackService.signingSecretKey: "s"]))
        }
        #expect(one?.description == "Slack needs PARLEY_SLACK_BOT_TOKEN: set it in the environment or in the --secrets file")
        let service = try kind.make(try setup(secrets: [SlackService.signingSecretKey: "s", SlackService.botTokenKey: "xoxb-1"]))
        #expect(service.name == "slack")
    }

    @Test func theAPIURLMustBeHTTP() throws {
        #expect(throws: (any Error).self) { try SlackArguments.parse(["--slack", "--slack-api-url", "ftp://example.com/api"]) }
        #expect(try SlackArguments.parse(["--slack", "--slack-api-url", "http://127.0.0.1:9/api"]).slackAPIURL == "http://127.0.0.1:9/api")
        #expect(try SlackArguments.parse([]).slackAPIURL == "https://slack.com/api")
    }
}
