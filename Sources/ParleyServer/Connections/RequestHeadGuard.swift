import Logging
import NIOCore
import NIOHTTP1

/// Sits behind the HTTP request decoder of a new connection: closes the connection when its first
/// request head does not arrive within the timeout (a silent or slow-header client), and answers
/// a request the decoder cannot parse with `400` (`431` for oversized headers) and a close, instead
/// of leaving the client hanging.
///
/// It leaves the pipeline when a WebSocket upgrade request arrives; keep-alive requests after the
/// first are timed by Hummingbird's idle timeout. A graceful shutdown closes a connection still
/// waiting for its first head at once.
final class RequestHeadGuard: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let timeout: Duration
    private let logger: Logger
    private var timer: Scheduled<Void>?
    private var hasFailed = false

    init(timeout: Duration, logger: Logger) {
        self.timeout = timeout
        self.logger = logger
    }

    func handlerAdded(context: ChannelHandlerContext) {
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: .init(timeout)) { [self] in
            logger.debug("no request head in time", metadata: ["client": "\(context.remoteAddress?.description ?? "unknown")"])
            respond(.requestTimeout, context: context)
        }
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        guard case .head(let head) = unwrapInboundIn(data) else {
            context.fireChannelRead(data)
            return
        }
        timer?.cancel()
        timer = nil
        context.fireChannelRead(data)
        if head.headers[canonicalForm: "upgrade"].contains(where: { $0.lowercased() == "websocket" }) {
            context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
        }
    }

    /// A server shutting down closes a connection that has not sent its first request head yet.
    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is ChannelShouldQuiesceEvent, timer != nil {
            timer?.cancel()
            timer = nil
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parserError = error as? HTTPParserError else {
            context.fireErrorCaught(error)
            return
        }
        logger.debug("malformed request", metadata: ["client": "\(context.remoteAddress?.description ?? "unknown")", "error": "\(parserError)"])
        respond(parserError == .headerOverflow ? .requestHeaderFieldsTooLarge : .badRequest, context: context)
    }

    /// Answers `status` with `Connection: close`, then closes; once per connection.
    private func respond(_ status: HTTPResponseStatus, context: ChannelHandlerContext) {
        guard !hasFailed else { return }
        hasFailed = true
        timer?.cancel()
        timer = nil
        let text = "\(status.code) \(status.reasonPhrase)\n"
        var headers = HTTPHeaders()
        headers.add(name: "Connection", value: "close")
        headers.add(name: "Content-Type", value: "text/plain; charset=utf-8")
        headers.add(name: "Content-Length", value: String(text.utf8.count))
        context.write(wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(string: text)))), promise: nil)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
    }
}
