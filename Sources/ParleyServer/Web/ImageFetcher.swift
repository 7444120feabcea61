import AsyncHTTPClient
import NIOCore
import NIOPosix

/// Fetches one image for the image proxy within the limits of its options.
///
/// Each host is looked up first, refused when any of its addresses is not public (unless the
/// operator allowed the host), and then connected to at the very address checked, so a name
/// that answers differently the second time cannot lead elsewhere. Redirects are followed by
/// hand, each target checked the same way. Requests carry no cookies or credentials.
struct ImageFetcher: Sendable {
    /// A whole image and its format, read from its first bytes.
    struct Image: Sendable {
        var bytes: ByteBuffer
        var type: ImageType
    }

    /// What one request led to.
    private enum Answer {
        case image(Image)
        case redirect(RemoteURL)
    }

    let options: ImageProxyOptions

    /// The image at `url`, following at most `options.maximumRedirects` redirects, all within
    /// `options.timeout`.
    func fetch(_ url: RemoteURL) async throws(ImageProxyError) -> Image {
        let options = self.options
        do {
            return try await withThrowingTaskGroup(of: Image.self) { group in
                group.addTask { try await follow(url) }
                group.addTask {
                    try await Task.sleep(for: options.timeout)
                    throw ImageProxyError.timeout("no complete image from \(Self.shown(url)) within \(options.timeout)")
                }
                defer { group.cancelAll() }
                return try await group.next()!
            }
        } catch let error as ImageProxyError {
            throw error
        } catch {
            throw .unreachable("cannot fetch \(Self.shown(url)): \(error)")
        }
    }

    private func follow(_ url: RemoteURL) async throws -> Image {
        let deadline = NIODeadline.now() + TimeAmount(options.timeout)
        var current = url
        for _ in 0...options.maximumRedirects {
            switch try await request(current, deadline: deadline) {
            case .image(let image): return image
            case .redirect(let target): current = target
            }
        }
        throw ImageProxyError.unreachable(
            "\(Self.shown(url)) redirects more than \(options.maximumRedirects) times")
    }

    /// One request to `url`, at an address checked by ``address(of:)``.
    private func request(_ url: RemoteURL, deadline: NIODeadline) async throws -> Answer {
        let host = ImageProxyOptions.normalised(url.host)
        let address = try await address(of: url)
        var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow)
        configuration.connectionPool.retryConnectionEstablishment = false
        if let pinned = address.ipAddress, (try? SocketAddress(ipAddress: host, port: 0)) == nil {
            configuration.dnsOverride = [host: pinned]
        }
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        do {
            let answer = try await answer(from: client, to: url, deadline: deadline)
            try? await client.shutdown()
            return answer
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    private func answer(from client: HTTPClient, to url: RemoteURL, deadline: NIODeadline) async throws -> Answer {
        var request = HTTPClientRequest(url: url.description)
        request.headers.add(name: "Accept", value: ImageType.accepted)
        request.headers.add(name: "User-Agent", value: "Parley image proxy")
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, deadline: deadline)
        } catch let error as HTTPClientError where [.deadlineExceeded, .connectTimeout, .readTimeout].contains(error) {
            throw ImageProxyError.timeout("no answer from \(Self.shown(url)) within \(options.timeout)")
        }
        if (300..<400).contains(response.status.code), let location = response.headers.first(name: "location") {
            do {
                return .redirect(try url.resolving(location))
            } catch {
                throw ImageProxyError.unreachable("\(Self.shown(url)) redirects to an unusable URL: \(error.reason)")
            }
        }
        guard response.status == .ok else {
            throw ImageProxyError.unreachable(
                "\(Self.shown(url)) answered \(response.status.code) \(response.status.reasonPhrase)")
        }
        let contentType = response.headers.first(name: "content-type")
        guard contentType.flatMap(ImageType.init(contentType:)) != nil else {
            throw ImageProxyError.notAnImage(
                "\(Self.shown(url)) is \(contentType.map { "of type \($0.prefix(100))" } ?? "of no type"), not a PNG, JPEG, GIF or WebP image")
        }
        let tooLarge = ImageProxyError.tooLarge("\(Self.shown(url)) is larger than \(options.maximumBytes) bytes")
        if let length = response.headers.first(name: "content-length").flatMap({ Int($0) }), length > options.maximumBytes {
            throw tooLarge
        }
        var bytes = ByteBuffer()
        for try await chunk in response.body {
            guard bytes.readableBytes + chunk.readableBytes <= options.maximumBytes else { throw tooLarge }
            bytes.writeImmutableBuffer(chunk)
        }
        guard let type = ImageType(signatureOf: bytes.readableBytesView) else {
            throw ImageProxyError.notAnImage("\(Self.shown(url)) does not hold a PNG, JPEG, GIF or WebP image")
        }
        return .image(Image(bytes: bytes, type: type))
    }

    /// The address to connect to for `url`'s host: its first, once all of them are public or the
    /// host is allowed.
    private func address(of url: RemoteURL) async throws -> SocketAddress {
        let host = ImageProxyOptions.normalised(url.host)
        let addresses: [SocketAddress]
        do {
            addresses = try await Self.lookUp(host, port: url.port ?? (url.scheme == "https" ? 443 : 80))
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw ImageProxyError.unreachable("cannot look up the host of \(Self.shown(url)): \(error)")
        }
        guard let first = addresses.first else {
            throw ImageProxyError.unreachable("the host of \(Self.shown(url)) has no address")
        }
        if !options.allows(host: host), let refused = addresses.first(where: { !$0.isPublicUnicast }) {
            throw ImageProxyError.addressNotAllowed(
                "\(Self.shown(url)) is at \(refused.ipAddress ?? "a local address"), which is not a public address"
                    + " (an operator can allow its host with --media-allow-host)")
        }
        return first
    }

    /// The IPv4 and IPv6 addresses of `host` (getaddrinfo, off the event loops); stops waiting
    /// when the task is cancelled.
    private static func lookUp(_ host: String, port: Int) async throws -> [SocketAddress] {
        let loop = HTTPClient.defaultEventLoopGroup.next()
        let resolver = NIORandomizedDNSResolver(loop: loop)
        let promise = loop.makePromise(of: [SocketAddress].self)
        let version6 = resolver.initiateAAAAQuery(host: host, port: port)
        resolver.initiateAQuery(host: host, port: port).and(version6).map { $0 + $1 }.cascade(to: promise)
        return try await withTaskCancellationHandler {
            try await promise.futureResult.get()
        } onCancel: {
            promise.fail(CancellationError())
        }
    }

    /// `url` for messages, cut to 200 characters.
    private static func shown(_ url: RemoteURL) -> String {
        let text = url.description
        return text.count > 200 ? text.prefix(200) + "…" : text
    }
}
