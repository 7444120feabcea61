import Foundation

/// Remembers which events from a chat service were already handled, so that an event the service
/// delivers again (a webhook retry) is handled once, even across restarts.
public protocol EventLedger: Sendable {
    /// Records `eventID` of `service` as handled at `time`; true when it was not recorded before.
    /// Concurrent calls for one event (also from separate processes) return true exactly once.
    func recordFirstSighting(service: String, eventID: String, at time: Date) async throws -> Bool

    /// Forgets events recorded before `date`; returns how many were forgotten.
    func forgetEvents(olderThan date: Date) async throws -> Int
}
