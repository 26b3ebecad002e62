import Crypto

/// Name-based UUIDs (RFC 9562 version 5, SHA-1): the same name always gives the same UUID, so
/// interchange files (OSCAL) are byte-identical for the same inputs.
public enum StableUUID {
    /// The namespace for safetycode's names: the version 5 UUID of "safetycode" in the URL namespace.
    public static let namespace = v5(namespace: "6ba7b811-9dad-11d1-80b4-00c04fd430c8", name: "safetycode")

    /// The version 5 UUID of `name` in `namespace` (a UUID in its text form), lower-case.
    public static func v5(namespace: String, name: String) -> String {
        var bytes = hexBytes(namespace.filter { $0 != "-" })
        bytes += Array(name.utf8)
        var d = Array(Insecure.SHA1.hash(data: bytes).prefix(16))
        d[6] = (d[6] & 0x0F) | 0x50
        d[8] = (d[8] & 0x3F) | 0x80
        let hex = d.map { b in String(b >> 4, radix: 16) + String(b & 0xF, radix: 16) }.joined()
        let h = Array(hex)
        return [h[0..<8], h[8..<12], h[12..<16], h[16..<20], h[20..<32]].map { String($0) }.joined(separator: "-")
    }

    /// The version 5 UUID of `name` in safetycode's namespace.
    public static func make(_ name: String) -> String { v5(namespace: namespace, name: name) }

    static func hexBytes(_ s: String) -> [UInt8] {
        var out: [UInt8] = []
        var it = s.utf8.makeIterator()
        while let a = it.next(), let b = it.next() {
            func v(_ c: UInt8) -> UInt8 { c <= 57 ? c - 48 : (c | 0x20) - 87 }
            out.append(v(a) << 4 | v(b))
        }
        return out
    }
}
