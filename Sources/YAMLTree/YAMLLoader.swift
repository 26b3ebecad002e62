internal import CLibYAML
import Foundation

/// Loads YAML files into ``YAMLNode`` trees through libyaml's event API, with positions and limits.
///
/// Refused, each with its place: anchors and aliases, a second document, duplicate keys (with a
/// note at the first), keys that are not scalars, invalid UTF-8, control characters, nesting deeper
/// than the limit, more nodes than the limit, and files over the size limit (checked before
/// parsing). A syntax error or a limit ends the file; other problems are all collected.
public struct YAMLLoader: Sendable {
    /// The limits enforced.
    public var limits: YAMLLimits

    /// Creates a loader with the given limits.
    public init(limits: YAMLLimits = .default) { self.limits = limits }

    /// Reads and loads the file at `path`.
    public func load(path: String) throws(DiagnosticError) -> YAMLDocument {
        let bytes = try Self.read(path: path, maxBytes: limits.maxFileBytes)
        return try load(bytes: bytes, file: path)
    }

    /// Why `path` could not be opened or looked at (`reason` is the errno), in words: a link to
    /// nothing says where it leads, a loop of links says so, anything else in the system's words;
    /// nil when nothing is there at all (ENOENT, ENOTDIR, and no link), which callers word as a
    /// missing file or folder. Reading a file and listing the paths named say it alike.
    public static func unreachable(_ path: String, reason: Int32) -> String? {
        switch reason {
        case ENOENT, ENOTDIR:
            var info = stat()
            guard lstat(path, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return nil }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = readlink(path, &buffer, Int(PATH_MAX))
            guard n > 0 else { return nil }
            return "is a symbolic link to \(String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)), which does not exist"
        case ELOOP: return "is a symbolic link that leads round in a loop (or through too many links)"
        default: return "cannot be read: \(String(cString: strerror(reason)))"
        }
    }

    /// Reads a file's bytes, refusing a missing file, a folder, and a file over `maxBytes`
    /// (checked before reading).
    public static func read(path: String, maxBytes: Int) throws(DiagnosticError) -> [UInt8] {
        let start = SourceLocation(file: path, line: 1, column: 1)
        // Opened without blocking and checked to be a regular file before a byte is read: a
        // FIFO, a device or a socket would otherwise hang the run or never end. What open's
        // failure means is said in words (and no separate look first: one call less per file).
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            throw DiagnosticError([.error(.unreadable, unreachable(path, reason: errno) ?? "no such file", at: start)])
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw DiagnosticError([.error(.unreadable, "cannot be read: \(String(cString: strerror(errno)))", at: start)])
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw DiagnosticError([.error(.unreadable, "is a folder, not a YAML file", at: start)])
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw DiagnosticError([.error(.unreadable, "is not a regular file (a pipe, a device or a socket); only files are read", at: start)])
        }
        let size = Int(info.st_size)
        if size > maxBytes {
            throw DiagnosticError([
                .error(.sizeLimit, "file is \(size) bytes; the limit is \(maxBytes) bytes", at: start)
            ])
        }
        // Read at most one byte past the limit, in case the file grew after the size check.
        var bytes = [UInt8](repeating: 0, count: min(size, maxBytes) + 1)
        var count = 0
        while count < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + count, $0.count - count) }
            if n < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                throw DiagnosticError([.error(.unreadable, "cannot be read: \(String(cString: strerror(errno)))", at: start)])
            }
            if n == 0 { break }
            count += n
            if count == bytes.count && count <= maxBytes { bytes.append(contentsOf: [UInt8](repeating: 0, count: min(bytes.count, maxBytes + 1 - count))) }
        }
        if count > maxBytes {
            throw DiagnosticError([
                .error(.sizeLimit, "file is larger than the limit of \(maxBytes) bytes", at: start)
            ])
        }
        bytes.removeSubrange(count...)
        return bytes
    }

    /// Loads YAML from bytes; `file` names them in diagnostics.
    public func load(bytes: [UInt8], file: String) throws(DiagnosticError) -> YAMLDocument {
        let start = SourceLocation(file: file, line: 1, column: 1)
        if bytes.count > limits.maxFileBytes {
            throw DiagnosticError([
                .error(.sizeLimit, "input is \(bytes.count) bytes; the limit is \(limits.maxFileBytes) bytes", at: start)
            ])
        }
        // A UTF-8 byte-order mark (as Windows editors write) is not text: left out before parsing,
        // so offsets, lines and columns count from the first character, and the text shown under
        // a diagnostic does not start with it.
        let text = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
        let parser = EventParser(bytes: text, file: file, limits: limits)
        do {
            let root = try parser.run()
            return YAMLDocument(file: file, root: root, text: SourceText(bytes: text))
        } catch {
            // Problems that leave the tree whole travel with it, so the file's other problems can be found.
            if let root = parser.wholeTree {
                throw DiagnosticError(error.diagnostics,
                                      document: YAMLDocument(file: file, root: root, text: SourceText(bytes: text), problems: error.diagnostics))
            }
            throw error
        }
    }

    /// 1-based line and column (in Unicode scalars) of the byte at `offset`.
    static func lineAndColumn(ofByte offset: Int, in bytes: [UInt8]) -> (Int, Int) {
        var line = 1
        var column = 1
        var i = 0
        let end = min(offset, bytes.count)
        while i < end {
            let b = bytes[i]
            if b == 0x0A {
                line += 1
                column = 1
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
            i += 1
        }
        return (line, column)
    }
}

/// One parse: owns the heap-allocated `yaml_parser_t` (it points at itself) and the frame stack.
private final class EventParser {
    private struct Frame {
        var isMapping: Bool
        var start: YAMLMark
        var items: [YAMLNode] = []
        var pairs: [YAMLPair] = []
        var pendingKey: YAMLNode?
        var seenKeys: [String: YAMLMark] = [:]
    }

    let bytes: [UInt8]
    let file: String
    let limits: YAMLLimits
    private var stack: [Frame] = []
    private var diagnostics: [Diagnostic] = []
    private var nodeCount = 0
    private var root: YAMLNode?
    private var documents = 0
    /// The tree, when the whole stream was read but problems were found along the way.
    private(set) var wholeTree: YAMLNode?

    init(bytes: [UInt8], file: String, limits: YAMLLimits) {
        self.bytes = bytes
        self.file = file
        self.limits = limits
    }

    private func location(_ mark: YAMLMark) -> SourceLocation {
        SourceLocation(file: file, line: mark.line, column: mark.column)
    }

    func run() throws(DiagnosticError) -> YAMLNode {
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) == 1 else {
            throw DiagnosticError([.error(.yamlSyntax, "libyaml could not start", at: location(.init(line: 1, column: 1, offset: 0)))])
        }
        defer { yaml_parser_delete(parser) }
        let outcome: Result<YAMLNode, DiagnosticError> = bytes.withUnsafeBufferPointer { buffer in
            yaml_parser_set_input_string(parser, buffer.baseAddress, buffer.count)
            yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
            do {
                return .success(try loop(parser))
            } catch let error as DiagnosticError {
                return .failure(error)
            } catch {
                return .failure(DiagnosticError([]))
            }
        }
        return try outcome.get()
    }

    private static func mark(_ m: yaml_mark_t) -> YAMLMark {
        YAMLMark(line: Int(m.line) + 1, column: Int(m.column) + 1, offset: Int(m.index))
    }

    private func fail(_ d: Diagnostic) -> DiagnosticError {
        DiagnosticError((diagnostics + [d]).sorted(by: Diagnostic.byPlace))
    }

    private func loop(_ parser: UnsafeMutablePointer<yaml_parser_t>) throws -> YAMLNode {
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(parser, &event) == 1 else {
                throw fail(syntaxError(parser))
            }
            defer { yaml_event_delete(&event) }
            let start = Self.mark(event.start_mark)
            switch event.type {
            case YAML_STREAM_START_EVENT, YAML_DOCUMENT_END_EVENT, YAML_NO_EVENT:
                continue
            case YAML_STREAM_END_EVENT:
                guard let root else {
                    throw fail(.error(.emptyFile, "the file holds no YAML document", at: location(start)))
                }
                if !diagnostics.isEmpty {
                    wholeTree = root
                    throw DiagnosticError(diagnostics.sorted(by: Diagnostic.byPlace))
                }
                return root
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 {
                    throw fail(.error(.multipleDocuments, "a second document starts here; one file holds one document", at: location(start)))
                }
            case YAML_ALIAS_EVENT:
                let name = String(cString: event.data.alias.anchor)
                diagnostics.append(.error(.aliasRefused, "alias '*\(name)' refused: safetycode files may not use anchors or aliases", at: location(start)))
                try add(YAMLNode(.scalar(YAMLScalar("")), start: start, endOffset: Int(event.end_mark.index)))
            case YAML_SCALAR_EVENT:
                let s = event.data.scalar
                if let anchor = s.anchor { refuseAnchor(anchor, at: start) }
                let value = String(decoding: UnsafeBufferPointer(start: s.value, count: s.length), as: UTF8.self)
                // libyaml refuses raw control characters, so only escapes in double quotes can make them.
                if s.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE, let bad = value.unicodeScalars.firstIndex(where: Self.isForbiddenControl) {
                    let code = value.unicodeScalars[bad].value
                    diagnostics.append(.error(.controlCharacter, "control character U+\(String(format: "%04X", code)) in a value", at: location(start)))
                }
                let style: YAMLScalar.Style = switch s.style {
                case YAML_SINGLE_QUOTED_SCALAR_STYLE: .singleQuoted
                case YAML_DOUBLE_QUOTED_SCALAR_STYLE: .doubleQuoted
                case YAML_LITERAL_SCALAR_STYLE: .literal
                case YAML_FOLDED_SCALAR_STYLE: .folded
                default: .plain
                }
                let tag = s.tag.map { String(cString: $0) }
                try add(YAMLNode(.scalar(YAMLScalar(value, style: style, tag: tag)), start: start, endOffset: Int(event.end_mark.index)))
            case YAML_SEQUENCE_START_EVENT:
                if let anchor = event.data.sequence_start.anchor { refuseAnchor(anchor, at: start) }
                try push(Frame(isMapping: false, start: start))
            case YAML_MAPPING_START_EVENT:
                if let anchor = event.data.mapping_start.anchor { refuseAnchor(anchor, at: start) }
                try push(Frame(isMapping: true, start: start))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                let frame = stack.removeLast()
                let end = Int(event.end_mark.index)
                let node = frame.isMapping
                    ? YAMLNode(.mapping(frame.pairs), start: frame.start, endOffset: end)
                    : YAMLNode(.sequence(frame.items), start: frame.start, endOffset: end)
                try add(node, counted: false)
            default:
                continue
            }
        }
    }

    private static func isForbiddenControl(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        return (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || v == 0x7F || (0x80...0x9F).contains(v)
            || v == 0xFFFE || v == 0xFFFF
    }

    private func refuseAnchor(_ anchor: UnsafeMutablePointer<yaml_char_t>, at start: YAMLMark) {
        let name = String(cString: anchor)
        diagnostics.append(.error(.anchorRefused, "anchor '&\(name)' refused: safetycode files may not use anchors or aliases", at: location(start)))
    }

    private func count(at start: YAMLMark) throws {
        nodeCount += 1
        if nodeCount > limits.maxNodes {
            throw fail(.error(.nodeLimit, "more than \(limits.maxNodes) nodes in one file", at: location(start)))
        }
    }

    private func push(_ frame: Frame) throws {
        try count(at: frame.start)
        if stack.count + 1 > limits.maxDepth {
            throw fail(.error(.depthLimit, "nesting deeper than \(limits.maxDepth) levels", at: location(frame.start)))
        }
        stack.append(frame)
    }

    private func add(_ node: YAMLNode, counted: Bool = true) throws {
        if counted { try count(at: node.start) }
        guard !stack.isEmpty else {
            root = node
            return
        }
        let top = stack.count - 1
        if !stack[top].isMapping {
            stack[top].items.append(node)
            return
        }
        guard let key = stack[top].pendingKey else {
            // This node is a key.
            if let text = node.scalar?.value {
                if let first = firstKey(text, in: stack[top]) {
                    diagnostics.append(.error(
                        .duplicateKey, "duplicate key '\(text)'", at: location(node.start),
                        notes: [.init("first defined here", at: location(first))]))
                } else if stack[top].pairs.count >= 8 {
                    if stack[top].seenKeys.isEmpty {
                        for p in stack[top].pairs { stack[top].seenKeys[p.keyText] = p.key.start }
                    }
                    stack[top].seenKeys[text] = node.start
                }
            } else {
                diagnostics.append(.error(.complexKey, "a key must be a plain value, not \(node.kindDescription)", at: location(node.start)))
            }
            stack[top].pendingKey = node
            return
        }
        stack[top].pairs.append(YAMLPair(key: key, value: node))
        stack[top].pendingKey = nil
    }

    /// Where `key` was first used in the mapping being built, if it was: a linear scan for small
    /// mappings (most of them), a dictionary once a mapping grows.
    private func firstKey(_ key: String, in frame: Frame) -> YAMLMark? {
        if frame.pairs.count < 8 {
            for p in frame.pairs where p.keyText == key { return p.key.start }
            return nil
        }
        if frame.seenKeys.isEmpty {
            for p in frame.pairs where p.keyText == key { return p.key.start }
            return nil
        }
        return frame.seenKeys[key]
    }

    private func syntaxError(_ parser: UnsafeMutablePointer<yaml_parser_t>) -> Diagnostic {
        let p = parser.pointee
        let problem = p.problem.map { String(cString: $0) } ?? "unknown problem"
        if p.error == YAML_READER_ERROR {
            var offset = min(Int(p.problem_offset), bytes.count)
            if problem.contains("trailing") || problem.contains("incomplete") {
                // Point at the byte that starts the broken sequence, not at the one after it.
                var k = min(offset, bytes.count - 1)
                while k > 0, bytes[k] < 0xC0 { k -= 1 }
                if bytes.indices.contains(k), bytes[k] >= 0xC0 { offset = k }
            }
            let (line, column) = YAMLLoader.lineAndColumn(ofByte: offset, in: bytes)
            let isControl = problem.contains("control")
            let byte = bytes.indices.contains(offset) ? " (byte 0x\(String(bytes[offset], radix: 16, uppercase: true)))" : ""
            let message = isControl ? "control characters are not allowed\(byte)" : "invalid UTF-8: \(problem)\(byte)"
            return .error(isControl ? .controlCharacter : .invalidUTF8, message, at: SourceLocation(file: file, line: line, column: column))
        }
        var message = problem
        if let context = p.context.map({ String(cString: $0) }) {
            message = "\(problem) (\(context))"
        }
        let mark = Self.mark(p.problem_mark)
        var notes: [Diagnostic.Note] = []
        if p.context != nil, p.context_mark.line != p.problem_mark.line || p.context_mark.column != p.problem_mark.column {
            notes.append(.init("the construct started here", at: location(Self.mark(p.context_mark))))
        }
        return .error(.yamlSyntax, message, at: location(mark), notes: notes)
    }
}
