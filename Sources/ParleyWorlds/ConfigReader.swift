import ParleyCore
import Yams

/// Reads typed values out of a YAML config, naming the file and key in every error.
struct ConfigReader {
    let file: String

    func error(_ key: String, _ problem: String) -> ConfigError {
        ConfigError(file: file, key: key, problem: problem)
    }

    /// The root node of `yaml`, which must be a mapping.
    func root(of yaml: String) throws(ConfigError) -> Node {
        let node: Node?
        do {
            node = try Yams.compose(yaml: yaml)
        } catch {
            throw self.error("", "not valid YAML: \(error)")
        }
        guard let node else { throw self.error("", "the file is empty") }
        guard case .mapping = node else { throw self.error("", "expected a mapping of keys, got \(describe(node))") }
        return node
    }

    /// The members of a mapping in file order; keys must be strings and appear once.
    func members(_ node: Node, at key: String) throws(ConfigError) -> [(key: String, value: Node)] {
        guard case .mapping(let mapping) = node else {
            throw error(key, "expected a mapping, got \(describe(node))")
        }
        var result: [(key: String, value: Node)] = []
        var seen: Set<String> = []
        for (name, value) in mapping {
            guard case .scalar(let scalar) = name else {
                throw error(key, "keys must be plain strings, got \(describe(name))")
            }
            let path = key.isEmpty ? scalar.string : "\(key).\(scalar.string)"
            guard seen.insert(scalar.string).inserted else { throw error(path, "appears twice") }
            result.append((scalar.string, value))
        }
        return result
    }

    /// Rejects keys outside `allowed`.
    func checkKeys(_ members: [(key: String, value: Node)], allowed: [String], at key: String) throws(ConfigError) {
        for member in members where !allowed.contains(member.key) {
            let path = key.isEmpty ? member.key : "\(key).\(member.key)"
            throw error(path, "unknown key (allowed here: \(allowed.joined(separator: ", ")))")
        }
    }

    func string(_ node: Node, at key: String) throws(ConfigError) -> String {
        guard case .scalar(let scalar) = node, isTag(node, .str), !scalar.string.isEmpty else {
            throw error(key, "expected a non-empty string, got \(describe(node))")
        }
        return scalar.string
    }

    func positiveInteger(_ node: Node, at key: String) throws(ConfigError) -> Int {
        guard isTag(node, .int), let value = node.int, value > 0 else {
            throw error(key, "expected a positive integer, got \(describe(node))")
        }
        return value
    }

    /// Free text: any non-empty scalar as written, so that `accept: Yes` is the text "Yes", not a boolean.
    func text(_ node: Node, at key: String) throws(ConfigError) -> String {
        guard case .scalar(let scalar) = node, !isTag(node, .null), !scalar.string.isEmpty else {
            throw error(key, "expected some text, got \(describe(node))")
        }
        return scalar.string
    }

    func bool(_ node: Node, at key: String) throws(ConfigError) -> Bool {
        guard isTag(node, .bool), let value = node.bool else {
            throw error(key, "expected true or false, got \(describe(node))")
        }
        return value
    }

    /// A list of non-empty strings.
    func strings(_ node: Node, at key: String) throws(ConfigError) -> [String] {
        guard case .sequence(let sequence) = node else { throw error(key, "expected a list, got \(describe(node))") }
        var items: [String] = []
        for (index, item) in sequence.enumerated() {
            items.append(try string(item, at: "\(key)[\(index)]"))
        }
        return items
    }

    /// A positive number of seconds (fractions allowed).
    func seconds(_ node: Node, at key: String) throws(ConfigError) -> Duration {
        guard isTag(node, .int) || isTag(node, .float), let value = node.float, value > 0, value.isFinite else {
            throw error(key, "expected a positive number of seconds, got \(describe(node))")
        }
        return .milliseconds(Int64((value * 1000).rounded()))
    }

    /// Any YAML value as JSON.
    func json(_ node: Node, at key: String) throws(ConfigError) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            if isTag(node, .null) { return .null }
            if isTag(node, .bool), let value = node.bool { return .bool(value) }
            if isTag(node, .int), let value = node.int { return .number(Double(value)) }
            if isTag(node, .float), let value = node.float, value.isFinite { return .number(value) }
            return .string(scalar.string)
        case .sequence(let sequence):
            var items: [JSONValue] = []
            for (index, item) in sequence.enumerated() {
                items.append(try json(item, at: "\(key)[\(index)]"))
            }
            return .array(items)
        case .mapping:
            var object: [String: JSONValue] = [:]
            for member in try members(node, at: key) {
                object[member.key] = try json(member.value, at: key.isEmpty ? member.key : "\(key).\(member.key)")
            }
            return .object(object)
        case .alias:
            throw error(key, "YAML aliases are not supported")
        }
    }

    private func isTag(_ node: Node, _ name: Tag.Name) -> Bool {
        node.tag.description == name.rawValue
    }

    /// How a value is shown in an error: strings quoted, numbers and booleans as written.
    func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar):
            if isTag(node, .null) { return "nothing" }
            return isTag(node, .str) ? "\"\(scalar.string)\"" : scalar.string
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }
}
