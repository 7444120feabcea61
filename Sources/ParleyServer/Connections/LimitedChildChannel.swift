import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1

/// Wraps the server's HTTP (and WebSocket upgrade) child channel: admits each new connection
/// through the ``ConnectionGate`` (answering `503` and closing at once when it is full) and guards
/// its first request head with a ``RequestHeadGuard``.
struct LimitedChildChannel<Inner: ServerChildChannel>: ServerChildChannel {
    typealias Value = Inner.Value

    let inner: Inner
    let gate: ConnectionGate

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let address = channel.remoteAddress?.ipAddress
        if let refusal = gate.admit(address) {
            logger.debug("connection refused", metadata: ["client": "\(address ?? "unknown")", "reason": "\(refusal)"])
            let reason = refusal == .serverFull ? "the server holds its most connections" : "too many connections from your address"
            let response = "HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nRetry-After: 5\r\n"
                + "Content-Type: text/plain; charset=utf-8\r\nContent-Length: \(reason.utf8.count + 1)\r\n\r\n\(reason)\n"
            channel.writeAndFlush(channel.allocator.buffer(string: response)).whenComplete { _ in
                channel.close(promise: nil)
            }
            return channel.eventLoop.makeFailedFuture(refusal)
        }
        let gate = self.gate
        channel.closeFuture.whenComplete { _ in gate.release(address) }
        let timeout = gate.limits.requestHeadTimeout
        return inner.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let decoder = try channel.pipeline.syncOperations.handler(type: ByteToMessageHandler<HTTPRequestDecoder>.self)
            try channel.pipeline.syncOperations.addHandler(
                RequestHeadGuard(timeout: timeout, logger: logger), position: .after(decoder))
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await inner.handle(value: value, logger: logger)
    }
}
