extension SourceMap {
    /// The places of `paths` and of the paths enclosing them in a JSON `text`, found in one scan
    /// of its bytes that passes over every value none of them is in (a big mind's text is read
    /// far faster so than by the YAML parser); nil when the text is not well-formed there.
    init?(json text: String, paths: [String]) {
        var wanted: Set<String> = [""]
        for path in paths {
            var current = Substring(path)
            while !current.isEmpty, wanted.insert(String(current)).inserted {
                guard let cut = current.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
                current = current[..<cut]
            }
        }
        var text = text
        guard let places = text.withUTF8({ bytes -> [String: Place]? in
            var scanner = JSONPlaceScanner(bytes: bytes, wanted: wanted)
            scanner.skipWhiteSpace()
            guard scanner.value(path: "", key: nil) else { return nil }
            return scanner.places
        }) else { return nil }
        self.places = places
    }
}

/// The byte scan behind `SourceMap(json:paths:)`.
private struct JSONPlaceScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    let wanted: Set<String>
    var places: [String: SourceMap.Place] = [:]
    var index = 0
    /// The last position worked out: lines are counted from there on.
    private var counted = (offset: 0, line: 1, lineStart: 0)

    init(bytes: UnsafeBufferPointer<UInt8>, wanted: Set<String>) {
        self.bytes = bytes
        self.wanted = wanted
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    mutating func skipWhiteSpace() {
        while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { index += 1 }
    }

    /// The line and column of the byte at `offset` (not before the last one asked for).
    private mutating func position(_ offset: Int) -> SourceMap.Position {
        var (line, lineStart) = (counted.line, counted.lineStart)
        for position in counted.offset..<offset where bytes[position] == 0x0A {
            line += 1
            lineStart = position + 1
        }
        counted = (offset, line, lineStart)
        let scalars = bytes[lineStart..<offset].reduce(0) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
        return SourceMap.Position(line: line, column: scalars + 1)
    }

    /// Reads the value at `index`, recording it and what is inside it when `path` is wanted.
    mutating func value(path: String, key: SourceMap.Position?) -> Bool {
        guard wanted.contains(path) else { return skipValue() }
        let start = index
        let valuePosition = position(start)
        switch current {
        case UInt8(ascii: "{"):
            places[path] = SourceMap.Place(key: key, value: valuePosition, textOffset: nil)
            index += 1
            skipWhiteSpace()
            if current == UInt8(ascii: "}") {
                index += 1
                return true
            }
            while true {
                skipWhiteSpace()
                let keyStart = index
                guard let name = string() else { return false }
                skipWhiteSpace()
                guard current == UInt8(ascii: ":") else { return false }
                index += 1
                skipWhiteSpace()
                let child = path.isEmpty ? name : path + "." + name
                let keyPosition = wanted.contains(child) ? position(keyStart) : nil
                guard value(path: child, key: keyPosition) else { return false }
                skipWhiteSpace()
                if current == UInt8(ascii: ",") {
                    index += 1
                } else {
                    guard current == UInt8(ascii: "}") else { return false }
                    index += 1
                    return true
                }
            }
        case UInt8(ascii: "["):
            places[path] = SourceMap.Place(key: key, value: valuePosition, textOffset: nil)
            index += 1
            skipWhiteSpace()
            if current == UInt8(ascii: "]") {
                index += 1
                return true
            }
            var element = 0
            while true {
                skipWhiteSpace()
                let child = path + "[\(element)]"
                let elementPosition = wanted.contains(child) ? position(index) : nil
                guard value(path: child, key: elementPosition) else { return false }
                element += 1
                skipWhiteSpace()
                if current == UInt8(ascii: ",") {
                    index += 1
                } else {
                    guard current == UInt8(ascii: "]") else { return false }
                    index += 1
                    return true
                }
            }
        case UInt8(ascii: "\""):
            guard skipString() else { return false }
            let escapedNewline = bytes[start..<index].indices.contains { offset in
                bytes[offset] == UInt8(ascii: "\\") && offset + 1 < index && bytes[offset + 1] == UInt8(ascii: "n")
            }
            places[path] = SourceMap.Place(key: key, value: valuePosition, textOffset: escapedNewline ? nil : 1)
            return true
        default:
            guard skipValue() else { return false }
            places[path] = SourceMap.Place(key: key, value: valuePosition, textOffset: 0)
            return true
        }
    }

    /// Passes over the value at `index`.
    private mutating func skipValue() -> Bool {
        guard let first = current else { return false }
        if first == UInt8(ascii: "\"") { return skipString() }
        guard first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else {
            while let byte = current, !(byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]")
                || byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09)
            {
                index += 1
            }
            return true
        }
        var depth = 0
        while let byte = current {
            switch byte {
            case UInt8(ascii: "\""):
                guard skipString() else { return false }
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 {
                    index += 1
                    return true
                }
            default: break
            }
            index += 1
        }
        return false
    }

    /// Passes over the string at `index`.
    private mutating func skipString() -> Bool {
        index += 1
        while let byte = current {
            if byte == UInt8(ascii: "\\") {
                index += 2
            } else {
                index += 1
                if byte == UInt8(ascii: "\"") { return true }
            }
        }
        return false
    }

    /// The text of the string at `index` (a key).
    private mutating func string() -> String? {
        let start = index
        guard current == UInt8(ascii: "\""), skipString() else { return nil }
        let literal = UnsafeBufferPointer(rebasing: bytes[start..<index])
        guard literal.contains(UInt8(ascii: "\\")) else {
            return String(decoding: UnsafeBufferPointer(rebasing: literal.dropFirst().dropLast()), as: UTF8.self)
        }
        guard case .string(let text)? = try? JSONDocumentReader.read(String(decoding: literal, as: UTF8.self)) else {
            return nil
        }
        return text
    }
}
