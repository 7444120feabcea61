import Foundation
import NIOCore
import PostgresNIO

/// A time bound to or read from a `timestamptz` column to the microsecond, exactly as the SQLite
/// store keeps it (PostgresNIO's own `Date` coding truncates, so a stored time could read back
/// 1 µs early).
struct PostgresTime: PostgresNonThrowingEncodable, PostgresDecodable {
    var date: Date

    init(_ date: Date) {
        self.date = date
    }

    static var psqlType: PostgresDataType { .timestamptz }
    static var psqlFormat: PostgresFormat { .binary }

    /// Microseconds from 1970 to 2000-01-01, where PostgreSQL counts from.
    private static let postgresEpoch: Int64 = 946_684_800_000_000

    func encode<JSONEncoder: PostgresJSONEncoder>(into byteBuffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        byteBuffer.writeInteger(date.microsecondsSince1970 - Self.postgresEpoch)
    }

    init<JSONDecoder: PostgresJSONDecoder>(
        from buffer: inout ByteBuffer, type: PostgresDataType, format: PostgresFormat, context: PostgresDecodingContext<JSONDecoder>
    ) throws {
        guard type == .timestamptz || type == .timestamp, format == .binary, buffer.readableBytes == 8,
            let microseconds = buffer.readInteger(as: Int64.self)
        else { throw PostgresDecodingError.Code.typeMismatch }
        date = Date(microsecondsSince1970: microseconds + Self.postgresEpoch)
    }
}
