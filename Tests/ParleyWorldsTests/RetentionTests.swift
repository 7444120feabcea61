import Foundation
import ParleyCore
import ParleyStore
import ParleyWorlds
import Testing

/// `--retain-days` for worlds: conversations that ended before the period go with their messages,
/// and their results unless `keepResults`.
struct RetentionTests {
    private func stored(in store: SQLiteStore, endedDaysAgo days: [Double], now: Date) async throws {
        for (index, age) in days.enumerated() {
            let ended = now.addingTimeInterval(-age * 86_400)
            try await store.saveConversation(
                ConversationRecord(
                    worldID: "w\(index)", task: "chat", world: "W", role: .task,
                    participants: [ConversationParticipant(id: "p\(index)", name: "P", kind: .person)],
                    started: ended.addingTimeInterval(-60), ended: ended, ending: .completed))
            try await store.append([
                MessageRecord(worldID: "w\(index)", task: "chat", world: "W", people: ["p\(index)"], speaker: "p\(index)", text: "hi", time: ended)
            ])
            try await store.saveResult(WorldResult(worldID: "w\(index)", task: "chat", world: "W", people: ["p\(index)"], data: 1, time: ended))
        }
    }

    @Test(arguments: [false, true])
    func erasesWhatEndedBeforeThePeriod(keepResults: Bool) async throws {
        let store = try SQLiteStore.temporary()
        let now = Date()
        try await stored(in: store, endedDaysAgo: [40, 31, 29, 1], now: now)
        let runtime = try WorldRuntime(
            config: try TaskConfig.parse(yaml: testConfig(), file: "x.yml"), registry: .test, transcripts: store,
            options: RuntimeOptions(retainDays: 30, keepResults: keepResults))
        #expect(await runtime.eraseExpiredConversations(now: now) == 2)
        #expect(try await store.conversations(ConversationQuery()).map(\.worldID) == ["w2", "w3"])
        #expect(try await store.messages(since: nil).map(\.worldID) == ["w2", "w3"])
        #expect(try await store.results(since: nil).map(\.worldID) == (keepResults ? ["w0", "w1", "w2", "w3"] : ["w2", "w3"]))
        #expect(await runtime.eraseExpiredConversations(now: now) == 0)
    }

    @Test func withoutRetentionNothingIsErased() async throws {
        let store = try SQLiteStore.temporary()
        try await stored(in: store, endedDaysAgo: [400], now: Date())
        let runtime = try WorldRuntime(config: try TaskConfig.parse(yaml: testConfig(), file: "x.yml"), registry: .test, transcripts: store)
        #expect(await runtime.eraseExpiredConversations() == 0)
        #expect(try await store.conversations(ConversationQuery()).count == 1)
    }
}
