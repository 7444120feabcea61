import ParleyTesting
import ParleyWorlds
import Testing

/// `receive`'s `onSettled`: called once a message is in the transcript store, at once for messages
/// consumed without a record, and for messages dropped unread.
@Suite("Settling received messages", .timeLimit(.minutes(5)))
struct SettlementTests {
    @Test("the password and the greeting settle at once, an act once its record is stored, EXIT in a pool with what it drops")
    func settlesWhenDone() async throws {
        let harness = try WorldHarness.start(testConfig(top: "opt:\n  password: secret"))
        let ann = await harness.person()
        let (settled, settledSink) = AsyncStream.makeStream(of: String.self)
        var settledOrder = settled.makeAsyncIterator()
        func say(_ text: String) async {
            await harness.runtime.receive(Message(text: text), from: ann.id, onSettled: { settledSink.yield(text) })
        }

        await say("guess")
        #expect(await settledOrder.next() == "guess")
        await ann.expect(RuntimeText.passwordRequired)
        await say("secret")
        #expect(await settledOrder.next() == "secret")
        await ann.expect("menu")

        await say("pair")
        #expect(await settledOrder.next() == "pair")
        // Not flushed: settled means it is in the store already.
        let stored = try await harness.store.messages(since: nil)
        #expect(stored.contains { $0.text == "pair" && $0.speaker == ann.id })

        await say("typed while waiting")
        await say("EXIT")
        #expect(await settledOrder.next() == "typed while waiting")
        #expect(await settledOrder.next() == "EXIT")
        await ann.expect("menu")
        await harness.stop()
    }
}
