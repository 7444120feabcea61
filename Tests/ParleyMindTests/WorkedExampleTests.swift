import Testing
@testable import ParleyMind

@Suite("Worked example (section 11)")
struct WorkedExampleTests {
    @Test("every row of the worked example, with idle values")
    func workedExample() throws {
        let mind = try MindFixtures.mind(MindFixtures.seedDemo)
        var data = ConversationData.new
        let rows: [(input: String, output: String, idle: Double?)] = [
            ("hello", "[head-nod] Hello.", 3),
            ("[idle 3]", "How can I help?", nil),
            ("My name is Joe.", "Ok Joe.", 3),
            ("Who am I?", "I know you as Joe.", 3),
            ("[restart 2880]", "", 3),
            ("[auto]", "Welcome back! How can I help?", 3),
        ]
        for row in rows {
            let reply = try mind.reply(to: row.input, data: data)
            #expect(reply.output == row.output, "input \(row.input)")
            #expect(reply.idle == row.idle, "idle after \(row.input)")
            #expect(reply.data.idle == row.idle)
            data = reply.data
        }
        #expect(data.worldFacts == ["UserName(Joe)"])
        #expect(data.turns == 6)
    }

    @Test("[auto] without a restart welcomes a new user; unknown names are not known")
    func newUser() throws {
        let mind = try MindFixtures.mind(MindFixtures.seedDemo)
        let (outputs, data) = try MindFixtures.conversation(mind, ["[auto]", "who am i", "something else", "hi there"])
        #expect(outputs == [
            "Welcome to ACME corp! How can I help?", "I don't know your name yet.", "Tell me more.",
            "[head-nod] Hello.",
        ])
        #expect(data.history.hasPrefix("> [auto]\nWelcome to ACME corp! How can I help?\n"))
    }

    @Test("the idle rule fires once per non-idle input")
    func idleOncePerInput() throws {
        let mind = try MindFixtures.mind(MindFixtures.seedDemo)
        let (outputs, data) = try MindFixtures.conversation(mind, ["hello", "[idle 3]", "[idle 10]", "hi", "[idle 2]", "[idle 5]"])
        #expect(outputs == ["[head-nod] Hello.", "How can I help?", "", "[head-nod] Hello.", "", "How can I help?"])
        #expect(data.idle == nil)
    }

    @Test("a new name replaces the old one")
    func renaming() throws {
        let mind = try MindFixtures.mind(MindFixtures.seedDemo)
        let (outputs, data) = try MindFixtures.conversation(mind, ["my name is Joe", "my name is Ann Lee", "who am I"])
        #expect(outputs == ["Ok Joe.", "Ok Ann Lee.", "I know you as Ann Lee."])
        #expect(data.worldFacts == ["UserName(\"Ann Lee\")"])
    }
}
