import ParleyTesting
import ParleyWorlds
import Testing

/// The world test kit's own checks: they fail rather than hang, and lose no message.
@Suite("ParleyTesting: scripted people", .timeLimit(.minutes(5)))
struct ScriptedPersonTests {
    @Test("a check for a message that never comes records an issue after the person's patience")
    func aQuietWorldFailsTheCheck() async throws {
        let harness = try WorldHarness.start(testConfig())
        var ann = await harness.person()
        await ann.say("hi")
        await ann.expect("menu")
        // Short only now: the menu above may take long on a loaded machine.
        ann.patience = .milliseconds(500)
        await withKnownIssue {
            await ann.expect("something the menu never says")
        } matching: { issue in
            issue.description.contains("no message came within")
        }
        await harness.stop()
    }

    @Test("a message that arrives as a timed wait ends is not lost: the next read gets it")
    func nothingIsLostWhenAWaitTimesOut() async throws {
        let harness = try WorldHarness.start(testConfig())
        let ann = await harness.person()
        await ann.say("hi")
        await ann.expect("menu")
        await ann.say("echo")
        for round in 0..<100 {
            await ann.say("ping \(round)")
            // Waits from nothing to about as long as the echo takes: some time out, some do not.
            switch await ann.channel.nextMessage(within: .microseconds(20 * round)) {
            case .message(let echo)?: #expect(echo.text == "ping \(round)")
            case .closed?: Issue.record("closed")
            case nil: await ann.expect("ping \(round)")
            }
        }
        await harness.stop()
    }
}
