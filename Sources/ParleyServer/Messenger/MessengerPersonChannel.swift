import Logging
import ParleyWorlds

/// A person on Messenger, as the worlds see them: what the worlds send is queued and posted to
/// the Graph API in order by the person's own sender (see ``run(client:logger:)``).
final class MessengerPersonChannel: PersonChannel {
    /// One thing to post for the person.
    enum Outgoing: Sendable {
        case message(Message)
        case senderAction(String)
    }

    let psid: String
    let personID: String
    private let queue: AsyncStream<Outgoing>
    private let queueInput: AsyncStream<Outgoing>.Continuation

    init(psid: String) {
        self.psid = psid
        self.personID = Self.personID(psid: psid)
        (queue, queueInput) = AsyncStream.makeStream()
    }

    /// The runtime's person id for a page-scoped id.
    static func personID(psid: String) -> String {
        "messenger-" + psid
    }

    func deliver(_ message: Message) async {
        queueInput.yield(.message(message))
    }

    func showTyping(_ isTyping: Bool) async {
        queueInput.yield(.senderAction(isTyping ? "typing_on" : "typing_off"))
    }

    /// Sends what is queued, then stops the sender.
    func close() async {
        queueInput.finish()
    }

    /// Queues a sender action such as `mark_seen`.
    func send(senderAction: String) {
        queueInput.yield(.senderAction(senderAction))
    }

    /// Posts the queued messages one at a time, in order, until the channel is closed. A message
    /// that cannot be sent is logged with the person and the message, and the next one goes on.
    func run(client: MessengerGraphClient, logger: Logger) async {
        for await item in queue {
            switch item {
            case .senderAction(let action):
                do {
                    try await client.post(MessengerOutgoing.senderAction(action, to: psid), path: "me/messages")
                } catch {
                    logger.warning("Messenger sender action failed", metadata: ["person": "\(personID)", "action": "\(action)", "error": "\(error)"])
                }
            case .message(let message):
                let (bodies, problems) = MessengerOutgoing.bodies(for: message, to: psid)
                for problem in problems {
                    logger.warning("Messenger message not sent as asked", metadata: ["person": "\(personID)", "problem": "\(problem)"])
                }
                for body in bodies {
                    do {
                        try await client.post(body, path: "me/messages")
                    } catch {
                        logger.error(
                            "Messenger message not delivered",
                            metadata: ["person": "\(personID)", "text": "\(message.text)", "error": "\(error)"])
                        break
                    }
                }
            }
        }
    }
}
