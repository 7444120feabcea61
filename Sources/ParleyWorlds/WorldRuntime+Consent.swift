import Foundation
import ParleyStore

extension WorldRuntime {
    /// Shows the config's consent notice to a person who has not answered it, takes their answer,
    /// and starts their journey once they may go on. Nothing of the person is recorded before.
    func askConsent(_ person: Person, answer: String?) async {
        guard let notice = config.consent, !person.consent.isSettled else {
            startJourney(person)
            return
        }
        if person.consent == .unknown {
            person.consent = .asked
            do {
                if let stored = try await transcripts.consent(of: person.id), stored.version >= notice.version {
                    person.consent = stored.agreed ? .agreed : notice.required ? .declined : .unrecorded
                }
            } catch {
                logger.error("could not read the consent of \(person.id); asking again: \(error)")
            }
            if person.consent.isSettled {
                startJourney(person)
                return
            }
        }
        if let answer, notice.accepts(answer) {
            await saveConsent(person, agreed: true, version: notice.version)
            person.consent = .agreed
            startJourney(person)
        } else if let answer, person.consent == .asked, notice.declines(answer) {
            await saveConsent(person, agreed: false, version: notice.version)
            if notice.required {
                person.consent = .declined
                await remindDeclined(person, notice)
            } else {
                person.consent = .unrecorded
                await tell(person, RuntimeText.unrecorded)
                startJourney(person)
            }
        } else if person.consent == .declined {
            await remindDeclined(person, notice)
        } else {
            await person.outbox.send(notice.message)
        }
    }

    private func remindDeclined(_ person: Person, _ notice: ConsentNotice) async {
        await person.outbox.send(
            Message(
                text: RuntimeText.consentDeclined(accept: notice.accept), payload: notice.payload, quickReplies: [notice.accept],
                id: "World"))
    }

    private func saveConsent(_ person: Person, agreed: Bool, version: Int) async {
        metrics.countConsent(agreed: agreed)
        do {
            try await transcripts.saveConsent(ConsentRecord(personID: person.id, agreed: agreed, version: version, time: Date()))
        } catch {
            logger.error("could not store the consent answer of \(person.id): \(error)")
        }
    }
}
