import Foundation
import ParleyCore
import ParleyStore
import Testing

@Suite("Conversation store (every implementation)")
struct ConversationStoreTests {
    private func conversation(
        _ worldID: String, task: String = "chat", role: ConversationRecord.Role = .task, people: [String],
        started: Date, ending: ConversationEnding? = .completed
    ) -> ConversationRecord {
        ConversationRecord(
            worldID: worldID, task: task, world: "ChatWorld", role: role,
            participants: people.map {
                ConversationParticipant(
                    id: $0, name: $0.capitalized, kind: .person, service: "websocket", onboarding: ["color": .string("blue-\($0)")])
            } + [ConversationParticipant(id: "mind", name: "mind", kind: .bot)],
            started: started, ended: ending == nil ? nil : started.addingTimeInterval(1), ending: ending,
            ratings: people.map { ConversationRating(personID: $0, score: 4, comment: "fine", time: started) })
    }

    @Test(arguments: StoreKind.tested)
    func savesAndUpdatesConversationsKeepingTheirReview(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            var record = conversation("w1", people: ["alice", "bob"], started: at(1000), ending: nil)
            try await store.saveConversation(record)
            #expect(try await store.conversation("w1") == record)
            #expect(try await store.setReview(ConversationReview(verdict: .rejected, note: "spam", time: at(5000)), of: "w1"))
            #expect(try await !store.setReview(ConversationReview(verdict: .accepted, time: at(5000)), of: "nope"))
            record.ended = at(3000)
            record.ending = .left
            try await store.saveConversation(record)
            let stored = try #require(try await store.conversation("w1"))
            #expect(stored.ending == .left && stored.ended == at(3000))
            #expect(stored.review == ConversationReview(verdict: .rejected, note: "spam", time: at(5000)))
            #expect(try await store.setReview(nil, of: "w1"))
            #expect(try await store.conversation("w1")?.review == nil)
        }
    }

    @Test(arguments: StoreKind.tested)
    func selectsConversationsByEveryFilter(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            try await store.saveConversation(conversation("a", people: ["alice"], started: at(1000)))
            try await store.saveConversation(conversation("b", task: "qa", people: ["bob"], started: at(2000), ending: .timedOut))
            try await store.saveConversation(conversation("c", people: ["alice", "bob"], started: at(3000)))
            try await store.saveConversation(conversation("m", task: "overworld", role: .overworld, people: ["alice"], started: at(4000)))
            _ = try await store.setReview(ConversationReview(verdict: .accepted, time: at(9000)), of: "c")
            func ids(_ query: ConversationQuery) async throws -> [String] {
                try await store.conversations(query).map(\.worldID)
            }
            #expect(try await ids(ConversationQuery()) == ["a", "b", "c"])
            #expect(try await ids(ConversationQuery(roles: [.task, .overworld])) == ["a", "b", "c", "m"])
            #expect(try await ids(ConversationQuery(task: "chat")) == ["a", "c"])
            #expect(try await ids(ConversationQuery(since: at(2000), until: at(3000))) == ["b"])
            #expect(try await ids(ConversationQuery(personID: "bob")) == ["b", "c"])
            #expect(try await ids(ConversationQuery(completedOnly: true)) == ["a", "c"])
            #expect(try await ids(ConversationQuery(verdict: .accepted)) == ["c"])
            #expect(try await ids(ConversationQuery(unreviewedOnly: true)) == ["a", "b"])
            #expect(try await ids(ConversationQuery(limit: 2)) == ["c", "b"])
            #expect(try await ids(ConversationQuery(roles: [])).isEmpty)
        }
    }

    @Test(arguments: StoreKind.tested)
    func keepsConsentAndTheBlockList(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            #expect(try await store.consent(of: "alice") == nil)
            try await store.saveConsent(ConsentRecord(personID: "alice", agreed: false, version: 1, time: at(1)))
            try await store.saveConsent(ConsentRecord(personID: "alice", agreed: true, version: 2, time: at(2)))
            #expect(try await store.consent(of: "alice") == ConsentRecord(personID: "alice", agreed: true, version: 2, time: at(2)))

            try await store.block(BlockedPerson(personID: "mallory", note: "spam", time: at(1)))
            try await store.block(BlockedPerson(personID: "trudy", time: at(2)))
            try await store.block(BlockedPerson(personID: "mallory", note: "spam again", time: at(3)))
            #expect(try await store.blockedPeople().map(\.personID) == ["trudy", "mallory"])
            #expect(try await store.block(of: "mallory")?.note == "spam again")
            #expect(try await store.unblock("mallory"))
            #expect(try await !store.unblock("mallory"))
            #expect(try await store.block(of: "mallory") == nil)
        }
    }

    /// Issue #19: erasing one person of a shared chat deleted the partner's messages too.
    @Test(arguments: StoreKind.tested)
    func erasingAPersonKeepsTheirPartnersMessages(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            try await store.append([
                message("hi bob", world: "shared", people: ["alice", "bob"], speaker: "alice", at: at(1)),
                message("hello alice", world: "shared", people: ["alice", "bob"], speaker: "bob", at: at(2)),
                message("The other agent has left the chat.", world: "shared", people: ["alice", "bob"], speaker: "World", at: at(3)),
                message("menu", world: "alone", people: ["alice"], speaker: "World", at: at(4)),
                message("alice's own", world: "alone", people: ["alice"], speaker: "alice", at: at(5)),
                message("bob elsewhere", world: "bobs", people: ["bob"], speaker: "bob", at: at(6)),
            ])
            try await store.saveConversation(conversation("shared", people: ["alice", "bob"], started: at(1)))
            try await store.saveConversation(conversation("alone", people: ["alice"], started: at(4)))
            try await store.saveResult(WorldResult(worldID: "shared", task: "chat", world: "W", people: ["alice", "bob"], data: 1, time: at(7)))
            try await store.saveResult(WorldResult(worldID: "alone", task: "chat", world: "W", people: ["alice"], data: 2, time: at(8)))
            try await store.saveResult(WorldResult(worldID: "bobs", task: "chat", world: "W", people: ["bob"], data: 3, time: at(9)))
            try await store.saveConsent(ConsentRecord(personID: "alice", agreed: true, version: 1, time: at(0)))

            #expect(try await store.messageCounts(inWorlds: ["shared", "alone", "none"]) == ["shared": 3, "alone": 2])
            let report = try await store.erasePerson("alice", actor: "test")

            let left = try await store.messages(since: nil)
            #expect(left.map(\.text) == ["hello alice", "The other agent has left the chat.", "bob elsewhere"])
            #expect(left[0].people == [EraseReport.placeholder, "bob"] && left[0].speaker == "bob")
            #expect(try await store.results(since: nil).map(\.data) == [3])
            let shared = try #require(try await store.conversation("shared"))
            #expect(shared.personIDs == [EraseReport.placeholder, "bob"])
            #expect(shared.participants[0].name == EraseReport.placeholder && shared.participants[0].onboarding.isEmpty)
            #expect(shared.participants[1].onboarding == ["color": "blue-bob"])
            #expect(shared.ratings.map(\.personID) == ["bob"])
            #expect(try await store.conversation("alone") == nil)
            #expect(try await store.consent(of: "alice") == nil)
            #expect(try await store.conversations(ConversationQuery(personID: "alice")).isEmpty)
            #expect(try await !store.knownPeople().contains("alice"))
            #expect(try await store.knownPeople() == ["bob"])  // not "World" or the bot

            #expect(report.rows["messages"] == 3)  // "hi bob", and the two of the world alice was alone in
            #expect(report.rows["conversations"] == 1 && report.rows["consent"] == 1 && report.rows["results"] == 2)
            let audit = try await store.eraseAudit(limit: 10)
            #expect(audit.count == 1 && audit[0].personID == "alice" && audit[0].actor == "test" && audit[0].rows == report.rows)
        }
    }

    @Test(arguments: StoreKind.tested)
    func retentionErasesEndedConversationsAndOptionallyTheirResults(_ kind: StoreKind) async throws {
        try await withStore(kind) { store in
            try await store.append([
                message("old", world: "old", at: at(1000)), message("running", world: "running", at: at(1500)),
                message("new", world: "new", at: at(9000)),
            ])
            try await store.saveConversation(conversation("old", people: ["alice"], started: at(1000)))
            try await store.saveConversation(conversation("running", people: ["alice"], started: at(1500), ending: nil))
            try await store.saveConversation(conversation("new", people: ["alice"], started: at(9000)))
            try await store.saveResult(WorldResult(worldID: "old", task: "chat", world: "W", people: ["alice"], data: 1, time: at(1000)))
            #expect(try await store.eraseConversations(endedBefore: at(5000), keepResults: true) == 1)
            #expect(try await store.messages(since: nil).map(\.text) == ["running", "new"])
            #expect(try await store.results(since: nil).map(\.data) == [1])
            #expect(try await store.conversations(ConversationQuery()).map(\.worldID) == ["running", "new"])
            #expect(try await store.eraseConversations(endedBefore: at(99_000), keepResults: false) == 1)
            #expect(try await store.messages(since: nil).map(\.text) == ["running"])
        }
    }
}
