import ParleyStore

extension WorldRuntime {
    /// Erases everything recorded of a person (``ConversationStore/erasePerson(_:actor:)``), first
    /// ending their conversation if they are connected and waiting until their worlds have ended
    /// and what those recorded is stored, so that nothing of theirs is written after the erase.
    public func erase(personID: String, actor: String) async throws -> EraseReport {
        await disconnect(personID: personID)
        while journeyWaiters[personID] != nil {
            await withCheckedContinuation { journeyWaiters[personID]?.append($0) }
        }
        await transcriptWriter.flush()
        return try await transcripts.erasePerson(personID, actor: actor)
    }
}
