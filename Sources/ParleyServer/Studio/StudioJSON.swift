import Foundation
import ParleyCore
import ParleyMind
import ParleyStore

/// The JSON shapes of the studio API (docs/studio.md): diagnostics, outlines, traces, versions.
enum StudioJSON {
    /// `{"severity", "message", "path", "line", "column", "rule"}` (null when unknown).
    static func diagnostic(_ diagnostic: Diagnostic) -> JSONValue {
        [
            "severity": .string(diagnostic.severity.rawValue), "message": .string(diagnostic.message),
            "path": .string(diagnostic.path), "line": number(diagnostic.line), "column": number(diagnostic.column),
            "rule": diagnostic.rule.map(JSONValue.string) ?? .null,
        ]
    }

    static func diagnostics(_ diagnostics: [Diagnostic]) -> JSONValue {
        .array(diagnostics.map(diagnostic))
    }

    static func outline(_ outline: MindOutline) -> JSONValue {
        .array(outline.entries.map { entry in
            [
                "kind": .string(entry.kind), "name": .string(entry.name), "detail": entry.detail.map(JSONValue.string) ?? .null,
                "depth": .number(Double(entry.depth)), "line": .number(Double(entry.line)),
                "column": .number(Double(entry.column)),
            ]
        })
    }

    static func trace(_ trace: TurnTrace) -> JSONValue {
        [
            "input": .string(trace.input), "isControl": .bool(trace.isControl),
            "tokens": .array(trace.tokens.map(JSONValue.string)),
            "substitution": trace.substitution.map(JSONValue.string) ?? .null,
            "restatements": .array(trace.restatements.map { restatement in
                [
                    "rule": .string(restatement.rule), "form": restatement.form.map(JSONValue.string) ?? .null,
                    "inferred": .array(restatement.inferred.map(JSONValue.string)),
                ]
            }),
            "forms": .array(trace.forms.map(JSONValue.string)),
            "candidates": .array(trace.candidates.map { candidate in
                [
                    "rule": .string(candidate.rule), "form": .number(Double(candidate.form)),
                    "outcome": .string(candidate.outcome.rawValue),
                ]
            }),
            "winner": trace.winner.map(JSONValue.string) ?? .null,
            "effects": .array(trace.effects.map(JSONValue.string)),
            "generated": .array(trace.generated.map(JSONValue.string)),
            "notes": .array(trace.notes.map(JSONValue.string)),
            "output": .string(trace.output), "idle": trace.idle.map(JSONValue.number) ?? .null,
            "text": .string(trace.description),
        ]
    }

    /// A version without its source, with when it retires and its URL on `base`.
    static func version(_ version: MindVersion, keep: TimeInterval, base: String) -> JSONValue {
        let path = PublishedMinds.path(of: version.mind, version: version.number)
        return [
            "version": .number(Double(version.number)), "hash": .string(version.hash),
            "published": .string(date(version.published)),
            "superseded": version.superseded.map { .string(date($0)) } ?? .null,
            "retires": version.superseded.map { .string(date($0.addingTimeInterval(keep))) } ?? .null,
            "path": .string(path), "url": .string(base + path),
        ]
    }

    static func date(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    private static func number(_ value: Int?) -> JSONValue {
        value.map { .number(Double($0)) } ?? .null
    }
}
