import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1

/// Wraps the server's HTTP (and WebSocket upgrade) child channel: admits each new connection
/// through the ``ConnectionGate`` (answering `503` and closing at once when it is full) and guards
/// its first request head with a ``RequestHeadGuard``.
struct LimitedChildChannel<Inner: ServerChildChannel>: ServerChildChannel {
    /// An admitted connection's inner value, or why the connection was refused.
    struct Value: ServerChildChannelValue {
        let inner: Result<Inner.Value, ConnectionGate.Refusal>
        let channel: any Channel
    }

    let inner: Inner
    let gate: ConnectionGate

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let address = channel.remoteAddress?.ipAddress
        if let refusal = gate.admit(address) {
            logger.debug("connection refused", metadata: ["client": "\(address ?? "unknown")", "reason": "\(refusal)"])
            return channel.eventLoop.makeSucceededFuture(Value(inner: .failure(refusal), channel: channel))
        }
        let gate = self.gate
        channel.closeFuture.whenComplete { _ in gate.release(address) }
        if let timeout = gate.limits.deadPeerTimeout { DeadPeerDetection.apply(to: channel, within: timeout, logger: logger) }
        let timeout = gate.limits.requestHeadTimeout
        return inner.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let decoder = try channel.pipeline.syncOperations.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self)
            try channel.pipeline.syncOperations.addHandler(
                RequestHeadGuard(timeout: timeout, logger: logger), position: .after(decoder))
            return Value(inner: .success(value), channel: channel)
        }
    }

    func handle(value: Value, logger: Logger) async {
        switch value.inner {
        case .success(let inner):
            // Its one error line is "Error handling upgrade result", which every connection the
            // RequestHeadGuard answers (408, 400) would write: an attacker's way to flood the log.
            var quiet = logger
            quiet.logLevel = .critical
            await self.inner.handle(value: inner, logger: quiet)
        case .failure(let refusal): await refuse(value.channel, because: refusal)
        }
    }

    /// Answers a refused connection `503` without reading its request, and closes it.
    private func refuse(_ channel: any Channel, because refusal: ConnectionGate.Refusal) async {
        let reason = refusal == .serverFull ? "the server holds its most connections" : "too many connections from your address"
        let response = "HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nRetry-After: 5\r\n"
            + "Content-Type: text/plain; charset=utf-8\r\nContent-Length: \(reason.utf8.count + 1)\r\n\r\n\(reason)\n"
        try? await channel.writeAndFlush(channel.allocator.buffer(string: response))
        try? await channel.close()
    }
}
