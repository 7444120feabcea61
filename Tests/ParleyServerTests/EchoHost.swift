import ParleyServer
import ParleyWorlds

/// A small stand-in for the world runtime that follows its contract, to test the WebSocket edge alone:
/// the first message is a greeting, then every message is echoed; `bye` leaves; messages for a
/// detached person are held and replayed on resume.
actor EchoHost: PersonHost {
    enum Event: Sendable, Equatable {
        case connected(String), detached(String), resumed(String), disconnected(String), shutDown
    }

    private var channels: [String: any PersonChannel] = [:]
    private var greeted: Set<String> = []
    private var held: [String: [Message]] = [:]
    private var stopped: CheckedContinuation<Void, Never>?
    private var isShutDown = false
    let events: AsyncStream<Event>
    private let eventContinuation: AsyncStream<Event>.Continuation
    /// How many times `shutdown` ran to completion.
    private(set) var shutdownCount = 0

    init() {
        (events, eventContinuation) = AsyncStream.makeStream(of: Event.self)
    }

    func run() async {
        guard !isShutDown else { return }
        await withCheckedContinuation { stopped = $0 }
    }

    func shutdown() async {
        guard !isShutDown else { return }
        isShutDown = true
        for (personID, channel) in channels where held[personID] == nil {
            await channel.deliver(Message(text: "The server is shutting down."))
            await channel.close()
        }
        shutdownCount += 1
        eventContinuation.yield(.shutDown)
        stopped?.resume()
        stopped = nil
    }

    func connect(personID: String, service: String, channel: any PersonChannel) async {
        channels[personID] = channel
        eventContinuation.yield(.connected(personID))
    }

    func receive(_ message: Message, from personID: String) async {
        guard let channel = channels[personID] else { return }
        guard greeted.contains(personID) else {
            greeted.insert(personID)
            await channel.deliver(Message(text: "Hello! Say something.", quickReplies: ["hi", "bye"]))
            return
        }
        if message.text == "bye" {
            await channel.deliver(Message(text: "See you later!"))
            await channel.close()
            return
        }
        await channel.deliver(Message(text: "echo: \(message.text)", payload: message.payload))
    }

    /// Says something to everyone, held for people who are away.
    func announce(_ text: String) async {
        for (personID, channel) in channels {
            if held[personID] != nil {
                held[personID, default: []].append(Message(text: text))
            } else {
                await channel.deliver(Message(text: text))
            }
        }
    }

    func disconnect(personID: String) async {
        channels[personID] = nil
        held[personID] = nil
        eventContinuation.yield(.disconnected(personID))
    }

    func detach(personID: String) async {
        guard channels[personID] != nil else { return }
        held[personID] = held[personID] ?? []
        eventContinuation.yield(.detached(personID))
    }

    func resume(personID: String, channel: any PersonChannel) async -> Bool {
        guard channels[personID] != nil else { return false }
        channels[personID] = channel
        let messages = held.removeValue(forKey: personID) ?? []
        for message in messages {
            await channel.deliver(message)
        }
        eventContinuation.yield(.resumed(personID))
        return true
    }
}
