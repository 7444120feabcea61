import ParleyStore

extension WorldRuntime {
    /// Erases everything recorded of a person (``ConversationStore/erasePerson(_:actor:)``), first
    /// ending their conversation if they are connected (their connection is closed) and waiting
    /// until their worlds have ended and what those recorded is stored, so that nothing of theirs
    /// is written after the erase.
    public func erase(personID: String, actor: String) async throws -> EraseReport {
        let person = people[personID]
        await disconnect(personID: personID)
        await person?.outbox.close()
        if person?.journeyActive == true {
            // The journey task ends once it sees the person gone (its worlds stopped and recorded).
            await withCheckedContinuation { journeyWaiters[personID, default: []].append($0) }
        }
        await transcriptWriter.flush()
        return try await transcripts.erasePerson(personID, actor: actor)
    }
}
