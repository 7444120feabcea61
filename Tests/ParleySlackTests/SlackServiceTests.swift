import ParleySlack
import Testing

@Suite struct SlackServiceTests {
    @Test func theSecretsAreTheDocumentedOnes() {
        #expect(SlackService.secretKeys == ["PARLEY_SLACK_SIGNING_SECRET", "PARLEY_SLACK_BOT_TOKEN"])
    }
}
