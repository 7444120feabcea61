/// A dictionary that keeps its keys in the order they were first set, as Python's dict does.
struct RiveScriptTable<Value: Sendable>: Sendable {
    private(set) var keys: [String] = []
    private var values: [String: Value] = [:]

    subscript(key: String) -> Value? {
        get { values[key] }
        set {
            if let newValue {
                if values.updateValue(newValue, forKey: key) == nil { keys.append(key) }
            } else if values.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    var isEmpty: Bool { keys.isEmpty }

    /// The entries in key order.
    var entries: [(key: String, value: Value)] {
        keys.map { ($0, values[$0]!) }
    }
}
