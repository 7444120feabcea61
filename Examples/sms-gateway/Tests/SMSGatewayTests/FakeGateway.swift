import Foundation
import Hummingbird
import Logging
import ParleyCore
import ServiceLifecycle

/// One text the service asked the gateway to send.
struct Text: Sendable, Equatable {
    let to: String
    let text: String
}

/// A fake SMS gateway on 127.0.0.1: takes `POST /send` and hands the texts out in order.
struct FakeGateway: Sendable {
    let url: String
    private let texts: AsyncStream<Text>
    private let group: ServiceGroup
    private let running: Task<Void, any Error>

    static func start() async throws -> FakeGateway {
        let (texts, textInput) = AsyncStream.makeStream(of: Text.self)
        let router = Router()
        router.post("/send") { request, context -> HTTPResponse.Status in
            guard request.headers[.authorization] == "Bearer \(SMSServiceTests.token)" else { return .unauthorized }
            let body = try await request.body.collect(upTo: context.maxUploadSize)
            let json = try JSONValue.parse(Data(body.readableBytesView))
            textInput.yield(Text(to: json["to"]?.stringValue ?? "", text: json["text"]?.stringValue ?? ""))
            return .ok
        }
        var logger = Logger(label: "test.gateway")
        logger.logLevel = .error
        let (ports, portInput) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { portInput.yield($0.localAddress?.port ?? 0) }, logger: logger)
        let group = ServiceGroup(services: [app], logger: logger)
        let running = Task { try await group.run() }
        var port = 0
        for await bound in ports {
            port = bound
            break
        }
        return FakeGateway(url: "http://127.0.0.1:\(port)/send", texts: texts, group: group, running: running)
    }

    /// The next text sent (waits for it).
    func next() async -> Text {
        for await text in texts { return text }
        return Text(to: "", text: "")
    }

    func stop() async throws {
        await group.triggerGracefulShutdown()
        try await running.value
    }
}
