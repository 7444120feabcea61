import AsyncHTTPClient
import Foundation
import Hummingbird
import NIOCore
import ParleyCore
import ParleyServer
import ParleyWorlds
import ServiceLifecycle

/// People texting through an SMS gateway, as a Parley chat service named `sms`.
///
/// The gateway posts each text it receives to `POST /sms/incoming` as `{"from": "+15550100",
/// "text": "hello"}` with `Authorization: Bearer TOKEN`; what the worlds say is posted to the
/// gateway's URL as `{"to": "+15550100", "text": "World: hello"}` with the same token.
public final class SMSService: ChatService {
    /// The secret the gateway and Parley share.
    public static let tokenKey = "SMS_GATEWAY_TOKEN"

    /// `--service sms` in an executable that registers this kind.
    public static let kind = ChatServiceKind(name: "sms", secretKeys: [tokenKey]) { setup in
        try SMSService(setup: setup)
    }

    public let name = "sms"
    private let token: String
    private let people: ServicePeople

    /// Reads the token (a secret) and the gateway's URL (`additional_args.sms_gateway_url` in the
    /// task config); throws when either is missing.
    public init(setup: ServiceSetup) throws {
        token = try setup.secrets.require([Self.tokenKey], for: "sms")[0]
        guard let gateway = setup.config.additionalArgs["sms_gateway_url"]?.stringValue else {
            throw ServiceSecretsError("sms needs additional_args.sms_gateway_url in \(setup.config.file)")
        }
        let token = self.token
        people = ServicePeople(service: "sms", runtime: setup.runtime, ledger: setup.ledger, logger: setup.logger) { number, outgoing in
            guard case .message(let message) = outgoing else { return true }  // SMS has no typing indicator
            return await Self.post(message, to: number, gateway: gateway, token: token)
        }
    }

    public func addRoutes(to router: Router<ParleyRequestContext>) {
        router.post("/sms/incoming") { request, context -> HTTPResponse.Status in
            guard let header = request.headers[.authorization], ConstantTime.equal(header, "Bearer \(self.token)") else {
                return .unauthorized
            }
            let body = try await request.body.collect(upTo: context.maxUploadSize)
            guard let text = try? JSONValue.parse(Data(body.readableBytesView)),
                let from = text["from"]?.stringValue, let said = text["text"]?.stringValue
            else { return .badRequest }
            // Answered at once; the worlds get the texts in the order they came.
            self.people.enqueue { await self.people.receive([Message(text: said)], from: from) }
            return .ok
        }
    }

    public func run() async throws {
        let people = self.people
        await withGracefulShutdownHandler {
            await people.run()
        } onGracefulShutdown: {
            people.finish()
        }
    }

    public func metrics() -> [ServiceMetric] {
        people.metrics()
    }

    public func announcement(baseURL: String) -> [String] {
        ["SMS gateway webhook at \(baseURL)/sms/incoming"]
    }

    /// Posts one message to the gateway; false when the gateway did not take it.
    private static func post(_ message: Message, to number: String, gateway: String, token: String) async -> Bool {
        let text = message.id.map { "\($0): \(message.text)" } ?? message.text
        var request = HTTPClientRequest(url: gateway)
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: JSONValue.object(["to": .string(number), "text": .string(text)]).jsonText()))
        let response = try? await OutgoingHTTP.client.execute(request, timeout: .seconds(10))
        return response.map { (200..<300).contains($0.status.code) } ?? false
    }
}
