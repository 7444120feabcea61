import ParleyStore

extension WorldRuntime {
    /// Steps an operator into a running world under `name`: its people are told, the operator is
    /// recorded as a participant, and with `pauseBots` its bots say nothing until the operator
    /// leaves. Joining again changes the name or the pause.
    public func joinWorld(_ worldID: String, as name: String, pauseBots: Bool) async throws(LiveWorldError) -> LiveWorldView {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...64).contains(name.count) else { throw .invalid("the operator's name must be 1 to 64 characters") }
        guard var world = worlds[worldID], let view = live.view(of: worldID) else { throw .unknownWorld(worldID) }
        let isNew = world.operatorName == nil
        world.operatorName = name
        worlds[worldID] = world
        world.control.botsPaused = pauseBots
        let participant = ConversationParticipant(id: name, name: name, kind: .operator)
        world.recorder.addParticipant(participant)
        world.recorder.announceOperator(name: name, botsPaused: pauseBots, participant: participant)
        if isNew { await notify(world, RuntimeText.operatorJoined(name)) }
        return live.view(of: worldID) ?? view
    }

    /// Sends an operator's message to every person in the world, said by the operator (services
    /// that show no speakers start its text with the operator's name, `Dana: ...`). The transcript
    /// keeps the text as the operator wrote it.
    public func operatorSay(_ text: String, in worldID: String) async throws(LiveWorldError) {
        guard let world = worlds[worldID] else { throw .unknownWorld(worldID) }
        guard let name = world.operatorName else { throw .notJoined(worldID) }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, text.count <= 4096 else {
            throw .invalid("the message must be 1 to 4096 characters")
        }
        world.recorder.recordOperator(Message(text: text, id: name), name: name)
        let shown = Message(text: text, id: name, role: .operator)
        for id in world.members {
            await people[id]?.outbox.send(shown)
        }
    }

    /// Takes the operator out of the world and gives the conversation back (its bots speak again).
    public func leaveWorld(_ worldID: String) async throws(LiveWorldError) {
        guard var world = worlds[worldID] else { throw .unknownWorld(worldID) }
        guard let name = world.operatorName else { throw .notJoined(worldID) }
        world.operatorName = nil
        worlds[worldID] = world
        world.control.botsPaused = false
        world.recorder.announceOperator(name: nil, botsPaused: false, participant: nil)
        await notify(world, RuntimeText.operatorLeft(name))
    }

    /// Records a notice in the world and tells its people.
    private func notify(_ world: LiveWorld, _ text: String) async {
        let message = Message(text: text, id: "World", role: .notice)
        world.recorder.recordNotice(text)
        for id in world.members {
            await people[id]?.outbox.send(message)
        }
    }
}
