import Hummingbird
import HummingbirdWebSocket

/// Joins WebSocket frames into messages, refusing any message over the size limit without keeping it.
struct MessageAssembler {
    let limit: Int
    private var buffer = ByteBuffer()
    private var size = 0
    private var isBinary = false
    private var isOpen = false

    init(limit: Int) {
        self.limit = limit
    }

    /// Adds a frame; returns the message's text when the frame ends one, or why it is refused.
    mutating func add(_ frame: WebSocketDataFrame) -> Result<String, FrameError>? {
        switch frame.opcode {
        case .text, .binary:
            isOpen = true
            isBinary = frame.opcode == .binary
            size = 0
            buffer.clear()
        case .continuation:
            guard isOpen else { return .failure(.strayContinuation) }
        }
        size += frame.data.readableBytes
        if size <= limit, !isBinary {
            var data = frame.data
            buffer.writeBuffer(&data)
        }
        guard frame.fin else { return nil }
        isOpen = false
        defer { buffer.clear() }
        if isBinary { return .failure(.binary) }
        if size > limit { return .failure(.tooLarge(size: size, limit: limit)) }
        guard let text = String(validating: buffer.readableBytesView, as: UTF8.self) else { return .failure(.invalidUTF8) }
        return .success(text)
    }
}
