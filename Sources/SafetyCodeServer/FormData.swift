/// `application/x-www-form-urlencoded` fields (a form's body or a query), in order, repeated
/// names kept.
public struct FormData: Sendable {
    /// The fields in order.
    public var fields: [(name: String, value: String)] = []

    /// No fields.
    public init() {}

    /// Parses `a=1&b=x+y&b=%C3%A9`: `+` is a space, percent escapes are UTF-8 (invalid bytes replaced).
    public init(_ text: Substring) {
        for part in text.split(separator: "&", omittingEmptySubsequences: true) {
            let pair = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(pair[0])
            let value = pair.count > 1 ? Self.decode(pair[1]) : ""
            fields.append((name, value))
        }
    }

    /// The first value of a field, or nil.
    public subscript(_ name: String) -> String? { fields.first { $0.name == name }?.value }

    /// Every value of a field.
    public func all(_ name: String) -> [String] { fields.filter { $0.name == name }.map(\.value) }

    static func hex(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    static func decode(_ s: Substring) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(s.utf8.count)
        var it = Array(s.utf8)[...]
        while let c = it.popFirst() {
            if c == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if c == UInt8(ascii: "%"), it.count >= 2, let h = hex(it[it.startIndex]), let l = hex(it[it.startIndex + 1]) {
                bytes.append(h << 4 | l)
                it = it.dropFirst(2)
            } else {
                bytes.append(c)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Percent-decodes a path component (`+` stays).
    static func decodePath(_ s: Substring) -> String {
        decode(Substring(s.replacingOccurrences(of: "+", with: "%2B")))
    }
}
