import SafetyCodeCore
import YAMLTree

/// A JSON value with ordered object keys, written the same way every time (reports must be
/// byte-identical for the same inputs).
public indirect enum JSON: Sendable, Equatable {
    case object([(String, JSON)])
    case array([JSON])
    case string(String)
    case number(Double)
    case integer(Int)
    case bool(Bool)
    case null

    public static func == (a: JSON, b: JSON) -> Bool { a.serialized() == b.serialized() }

    /// A three-valued truth as JSON: true, false or null.
    static func tri(_ t: Tri) -> JSON {
        switch t {
        case .yes: .bool(true)
        case .no: .bool(false)
        case .unknown: .null
        }
    }

    /// An optional string, or null.
    static func string(_ s: String?) -> JSON { s.map { .string($0) } ?? .null }

    /// Serialises with two-space indentation, or on one line when `pretty` is false.
    public func serialized(pretty: Bool = true) -> String {
        var out = ""
        write(into: &out, indent: pretty ? "" : nil)
        return out
    }

    private func write(into out: inout String, indent: String?) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .integer(let i): out += String(i)
        case .number(let d): out += JSON.format(d)
        case .string(let s): JSON.quote(s, into: &out)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            // Arrays of scalars stay on one line.
            let flat = indent == nil || items.allSatisfy { if case .object = $0 { false } else if case .array = $0 { false } else { true } }
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += flat ? (indent == nil ? "," : ", ") : "," }
                if !flat, let indent { out += "\n" + indent + "  " }
                item.write(into: &out, indent: flat ? indent : indent.map { $0 + "  " })
            }
            if !flat, let indent { out += "\n" + indent }
            out += "]"
        case .object(let pairs):
            if pairs.isEmpty { out += "{}"; return }
            out += "{"
            for (i, (key, value)) in pairs.enumerated() {
                if i > 0 { out += "," }
                if let indent { out += "\n" + indent + "  " }
                JSON.quote(key, into: &out)
                out += indent == nil ? ":" : ": "
                value.write(into: &out, indent: indent.map { $0 + "  " })
            }
            if let indent { out += "\n" + indent }
            out += "}"
        }
    }

    /// A number with at most four decimals and no trailing zeros: 0.62, 1, 0.3333.
    static func format(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        let scaled = (d * 10000).rounded() / 10000
        if scaled == scaled.rounded(), abs(scaled) < 9e15 { return String(Int(scaled)) }
        return String(scaled)
    }

    static func quote(_ s: String, into out: inout String) {
        out += "\""
        // Most strings are printable ASCII and need no escape: copy them whole.
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C && $0 != 0x3C && $0 < 0x7F }) {
            out += s
            out += "\""
            return
        }
        VisibleText.forEachScalar(of: s) { u, shown in
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "<": out += "\\u003c"  // safe to embed anywhere
            default:
                if shown {
                    // Shown, as in every format: `<U+202E>` (its `<` escaped as above).
                    out += "\\u003c" + VisibleText.name(u) + ">"
                } else if u.value < 0x20 || u.value == 0x2028 || u.value == 0x2029 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }
}

