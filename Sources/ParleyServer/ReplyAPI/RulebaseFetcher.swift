import AsyncHTTPClient
import Foundation
import NIOCore
import ParleyMind

/// Fetches remote rulebase documents within the limits of `RemoteRulebaseOptions`, following
/// only redirects to allowed URLs.
struct RulebaseFetcher: Sendable {
    let options: RemoteRulebaseOptions

    /// A process-wide client that never follows redirects by itself, so that each target is
    /// checked against the allow-list before any request is sent to it, and that fails at once on
    /// a refused connection. Like `HTTPClient.shared` it lives as long as the process.
    private static let client: HTTPClient = {
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    /// The document at `url` (allowed by the caller) and its format; throws `unreachable` naming
    /// the URL and why, or `unknownMind` for a redirect to a URL that is not allowed.
    func fetch(_ url: RemoteURL) async throws(MindLibraryError) -> (text: String, format: RulebaseFormat) {
        let deadline = NIODeadline.now() + TimeAmount(options.timeout)
        var current = url
        var redirects = 0
        while true {
            let response: HTTPClientResponse
            do {
                var request = HTTPClientRequest(url: current.description)
                request.headers.add(name: "Accept", value: "application/json, application/yaml, text/yaml, */*")
                response = try await Self.client.execute(request, deadline: deadline)
            } catch {
                throw .unreachable("cannot fetch the rulebase at \(current): \(reason(error))")
            }
            if (300..<400).contains(response.status.code), let location = response.headers.first(name: "location") {
                redirects += 1
                guard redirects <= RemoteRulebaseOptions.maximumRedirects else {
                    throw .unreachable("the rulebase at \(url) redirects more than \(RemoteRulebaseOptions.maximumRedirects) times")
                }
                let target: RemoteURL
                do {
                    target = try current.resolving(location)
                } catch {
                    throw .unreachable("the rulebase at \(current) redirects to an unusable URL: \(error.reason)")
                }
                guard options.allows(target) else {
                    throw .unknownMind("the rulebase at \(current) redirects to \(target), which is not an allowed URL")
                }
                current = target
                continue
            }
            guard response.status == .ok else {
                throw .unreachable("the rulebase at \(current) answered \(response.status.code) \(response.status.reasonPhrase)")
            }
            let text = try await body(of: response, url: current)
            return (text, Self.format(of: current, contentType: response.headers.first(name: "content-type"), text: text))
        }
    }

    /// The body as UTF-8 text, reading no more than `options.maximumBytes`.
    private func body(of response: HTTPClientResponse, url: RemoteURL) async throws(MindLibraryError) -> String {
        let limit = options.maximumBytes
        let tooLarge = MindLibraryError.unreachable("the rulebase at \(url) is larger than the limit of \(limit) bytes")
        if let length = response.headers.first(name: "content-length").flatMap({ Int($0) }), length > limit {
            throw tooLarge
        }
        var buffer = ByteBuffer()
        do {
            for try await chunk in response.body {
                guard buffer.readableBytes + chunk.readableBytes <= limit else { throw tooLarge }
                buffer.writeImmutableBuffer(chunk)
            }
        } catch let error as MindLibraryError {
            throw error
        } catch {
            throw .unreachable("cannot read the rulebase at \(url): \(reason(error))")
        }
        guard let text = String(validating: buffer.readableBytesView, as: UTF8.self) else {
            throw .unreachable("the rulebase at \(url) is not UTF-8 text")
        }
        return text
    }

    /// The format the URL's extension names, else the content type's, else JSON when the text
    /// starts with `{` and YAML otherwise.
    static func format(of url: RemoteURL, contentType: String?, text: String) -> RulebaseFormat {
        let path = String(url.pathAndQuery.prefix { $0 != "?" })
        if let format = RulebaseFormat(path: path) { return format }
        if let mediaType = contentType.map(MediaType.of) {
            if mediaType == "application/json" || mediaType.hasSuffix("+json") { return .json }
            if mediaType.contains("yaml") { return .yaml }
        }
        return RulebaseFormat(text: text)
    }

    /// A short reason for a failed request.
    private func reason(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .connectTimeout: return "no complete answer within \(options.timeout)"
            case .remoteConnectionClosed: return "the server closed the connection"
            default: return "\(error)"
            }
        }
        return "\(error)"
    }
}
