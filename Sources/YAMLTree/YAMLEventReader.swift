internal import CLibYAML

/// libyaml's events, one at a time, for decoders that know the shape of what they read and fill
/// their own values straight from the parser, with no tree in between.
///
/// The reader judges nothing: it gives ``Kind/failed`` at a syntax error and reports anchors,
/// aliases, tags and styles on the events, for the caller to refuse. A caller that meets anything
/// it does not expect should give up and load the file with ``YAMLLoader``, which reports every
/// problem at its place. The current scalar's bytes are valid until the next call to ``next()``.
public final class YAMLEventReader {
    /// What an event is.
    public enum Kind: Sendable {
        case streamStart, streamEnd, documentStart, documentEnd
        case scalar, alias
        case sequenceStart, sequenceEnd, mappingStart, mappingEnd
        /// A syntax or encoding error: the stream ends here.
        case failed
    }

    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let event: UnsafeMutablePointer<yaml_event_t>
    private var holdsEvent = false
    private var started: Bool

    /// The current event.
    public private(set) var kind: Kind = .streamStart

    private init(_ buffer: UnsafeBufferPointer<UInt8>) {
        parser = .allocate(capacity: 1)
        event = .allocate(capacity: 1)
        started = yaml_parser_initialize(parser) == 1
        if started {
            yaml_parser_set_input_string(parser, buffer.baseAddress, buffer.count)
            yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        }
    }

    deinit {
        if holdsEvent { yaml_event_delete(event) }
        if started { yaml_parser_delete(parser) }
        event.deallocate()
        parser.deallocate()
    }

    /// Reads `bytes` event by event inside `body`; the reader must not escape it.
    public static func read<R>(_ bytes: [UInt8], _ body: (YAMLEventReader) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer { buffer in
            let reader = YAMLEventReader(buffer)
            return try body(reader)
        }
    }

    /// Moves to the next event and returns its kind; ``Kind/failed`` stays once reached, as does
    /// ``Kind/streamEnd``.
    @discardableResult
    public func next() -> Kind {
        if kind == .failed || (kind == .streamEnd && holdsEvent) { return kind }
        if holdsEvent {
            yaml_event_delete(event)
            holdsEvent = false
        }
        guard started, yaml_parser_parse(parser, event) == 1 else {
            kind = .failed
            return kind
        }
        holdsEvent = true
        kind = switch event.pointee.type {
        case YAML_STREAM_START_EVENT: .streamStart
        case YAML_STREAM_END_EVENT: .streamEnd
        case YAML_DOCUMENT_START_EVENT: .documentStart
        case YAML_DOCUMENT_END_EVENT: .documentEnd
        case YAML_SCALAR_EVENT: .scalar
        case YAML_ALIAS_EVENT: .alias
        case YAML_SEQUENCE_START_EVENT: .sequenceStart
        case YAML_SEQUENCE_END_EVENT: .sequenceEnd
        case YAML_MAPPING_START_EVENT: .mappingStart
        case YAML_MAPPING_END_EVENT: .mappingEnd
        default: .failed
        }
        return kind
    }

    /// Where the current event starts, as ``YAMLLoader`` marks nodes (1-based).
    public var start: YAMLMark {
        let m = event.pointee.start_mark
        return YAMLMark(line: Int(m.line) + 1, column: Int(m.column) + 1, offset: Int(m.index))
    }

    /// The current scalar's bytes (empty for other events); valid until ``next()``.
    public var bytes: UnsafeBufferPointer<UInt8> {
        guard kind == .scalar else { return UnsafeBufferPointer(start: nil, count: 0) }
        let s = event.pointee.data.scalar
        return UnsafeBufferPointer(start: s.value, count: s.length)
    }

    /// The current scalar's style.
    public var style: YAMLScalar.Style {
        guard kind == .scalar else { return .plain }
        return switch event.pointee.data.scalar.style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: .literal
        case YAML_FOLDED_SCALAR_STYLE: .folded
        default: .plain
        }
    }

    /// Whether the current scalar or collection has an explicit tag.
    public var hasTag: Bool {
        switch kind {
        case .scalar: event.pointee.data.scalar.tag != nil
        case .sequenceStart: event.pointee.data.sequence_start.tag != nil
        case .mappingStart: event.pointee.data.mapping_start.tag != nil
        default: false
        }
    }

    /// Whether the current node has an anchor (which ``YAMLLoader`` refuses), or is an alias.
    public var hasAnchor: Bool {
        switch kind {
        case .alias: true
        case .scalar: event.pointee.data.scalar.anchor != nil
        case .sequenceStart: event.pointee.data.sequence_start.anchor != nil
        case .mappingStart: event.pointee.data.mapping_start.anchor != nil
        default: false
        }
    }

    /// The current scalar as text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// True when the current event is a plain, untagged scalar that YAML reads as null, as
    /// ``YAMLScalar/isNull`` says.
    public var isNull: Bool {
        guard kind == .scalar, style == .plain, !hasTag else { return false }
        let b = bytes
        switch b.count {
        case 0: return true
        case 1: return b[0] == UInt8(ascii: "~")
        case 4: return Self.equals(b, "null") || Self.equals(b, "Null") || Self.equals(b, "NULL")
        default: return false
        }
    }

    /// Whether the current scalar holds a character ``YAMLLoader`` refuses in a value: only
    /// escapes in double quotes can make one (libyaml refuses them raw).
    public var hasForbiddenControl: Bool {
        guard kind == .scalar, style == .doubleQuoted else { return false }
        let b = bytes
        var i = 0
        while i < b.count {
            let c = b[i]
            if (c < 0x20 && c != 0x09 && c != 0x0A && c != 0x0D) || c == 0x7F { return true }
            // U+0080 to U+009F, U+FFFE and U+FFFF.
            if c == 0xC2, i + 1 < b.count, (0x80...0x9F).contains(b[i + 1]) { return true }
            if c == 0xEF, i + 2 < b.count, b[i + 1] == 0xBF, b[i + 2] == 0xBE || b[i + 2] == 0xBF { return true }
            i += 1
        }
        return false
    }

    /// The number of Unicode scalars in the current scalar.
    public var scalarCount: Int {
        var n = 0
        for c in bytes where c & 0xC0 != 0x80 { n += 1 }
        return n
    }

    /// Whether the current scalar's bytes are exactly `word`'s.
    public func scalarIs(_ word: StaticString) -> Bool { Self.equals(bytes, word) }

    static func equals(_ b: UnsafeBufferPointer<UInt8>, _ word: StaticString) -> Bool {
        guard b.count == word.utf8CodeUnitCount else { return false }
        let w = word.utf8Start
        for i in 0..<b.count where b[i] != w[i] { return false }
        return true
    }
}
