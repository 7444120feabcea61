import ArgumentParser
import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import ParleyCore
import ParleyMind

/// `parley mind publish FILE --server URL`: saves a mind file as a studio mind's draft on a
/// server and publishes it.
struct MindPublish: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Publishes a mind file to a server's studio: prints the new version's URL for the reply API.",
        discussion: """
            Creates the studio mind when the server has none of that name, else saves the file as \\
            its draft (replacing the draft), then publishes it. The admin key comes from --key or \\
            the PARLEY_ADMIN_KEY environment variable (none needed on a loopback server without admin keys).
            """
    )

    @Argument(help: "The mind file (.yaml, .yml or .json).")
    var file: String

    @Option(help: "The server's base URL, e.g. http://127.0.0.1:35496.")
    var server: String

    @Option(help: "An admin key of the server (default: $PARLEY_ADMIN_KEY).")
    var key: String?

    @Option(help: "The studio mind's name (default: the file's name without its extension).")
    var name: String?

    func run() async throws {
        let source = try MindFiles.read(file)
        // Checked here first: the server would refuse it anyway, and here the findings name the file.
        _ = try MindFiles.loadMind(file)
        let mindName = name ?? URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        let base = server.hasSuffix("/") ? String(server.dropLast()) : server
        let key = key ?? ProcessInfo.processInfo.environment["PARLEY_ADMIN_KEY"]
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup)
        do {
            let existing = try await call(client, .GET, base + "/studio/api/minds/\(mindName)", key: key)
            switch existing.status {
            case 404:
                try check(try await call(client, .POST, base + "/studio/api/minds", key: key, body: ["name": .string(mindName), "source": .string(source)]))
            case 200 where existing.json["editable"] == false:
                throw CommandFailure("\(mindName) is loaded from a file on \(server), not a studio mind: publish under another --name.")
            default:
                try check(existing)
                try check(try await call(client, .PUT, base + "/studio/api/minds/\(mindName)", key: key, body: ["source": .string(source)]))
            }
            let published = try await call(client, .POST, base + "/studio/api/minds/\(mindName)/publish", key: key, body: [:])
            try check(published)
            let version = published.json["version"]?.intValue ?? 0
            print("Published \(mindName) version \(version): \(published.json["url"]?.stringValue ?? "")")
        } catch {
            try? await client.shutdown()
            throw error
        }
        try await client.shutdown()
    }

    /// A studio API answer: its status and JSON body.
    private struct Answer {
        let status: Int
        let json: JSONValue
    }

    private func call(
        _ client: HTTPClient, _ method: HTTPMethod, _ url: String, key: String?, body: JSONValue? = nil
    ) async throws -> Answer {
        var request = HTTPClientRequest(url: url)
        request.method = method
        if let key { request.headers.add(name: "Authorization", value: "Bearer \(key)") }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: body.jsonText()))
        }
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: .seconds(30))
        } catch {
            throw CommandFailure("Cannot reach \(server): \(error)")
        }
        let bytes = try await response.body.collect(upTo: 16 * 1024 * 1024)
        return Answer(status: Int(response.status.code), json: (try? JSONValue.parse(String(buffer: bytes))) ?? .null)
    }

    /// Fails with the server's error message for an answer that is not a success.
    private func check(_ answer: Answer) throws {
        guard !(200..<300).contains(answer.status) else { return }
        let message = answer.json["error"]?["message"]?.stringValue ?? "status \(answer.status)"
        if answer.status == 401 {
            throw CommandFailure("\(server) refused the key: \(message) (give an admin key with --key or PARLEY_ADMIN_KEY).")
        }
        throw CommandFailure("\(server) answered \(answer.status): \(message)")
    }
}
