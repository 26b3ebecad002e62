import YAMLTree

extension SubmissionReader {
    /// Decodes a submission straight from the parser's events into the fact slots, building no
    /// tree: the fast path of batch runs.
    ///
    /// It accepts only what the tree path (``parse(bytes:file:limits:)`` then
    /// ``decode(_:vocabulary:)``) accepts without a single diagnostic, and gives the same
    /// submission. Anything else (a syntax error, an anchor, a duplicate or unknown key, a value of
    /// the wrong type, a limit reached) gives nil, and the caller decodes the file with the tree
    /// path, which is the decoder of record: it reports every problem at its place.
    public static func decodeEvents(_ bytes: [UInt8], file: String, schema: SubmissionSchema,
                                    limits: YAMLLimits = .default) -> Submission? {
        // A byte-order mark is left to the loader, which strips it before counting lines and columns.
        guard bytes.count <= limits.maxFileBytes, !bytes.starts(with: [0xEF, 0xBB, 0xBF]) else { return nil }
        return YAMLEventReader.read(bytes) { reader in
            var decoder = EventDecoder(reader: reader, schema: schema, file: file, limits: limits)
            return decoder.document()
        }
    }
}

/// One decode. Every method returns false (or nil) to give up.
private struct EventDecoder {
    let reader: YAMLEventReader
    let schema: SubmissionSchema
    let file: String
    let limits: YAMLLimits
    var nodes = 0
    var depth = 0
    var facts: [Value?]
    /// Schema nodes (and evidence slots) already given, to refuse a second key as the loader does.
    var seen: [Bool]
    var seenEvidence: [Bool]

    init(reader: YAMLEventReader, schema: SubmissionSchema, file: String, limits: YAMLLimits) {
        self.reader = reader
        self.schema = schema
        self.file = file
        self.limits = limits
        facts = [Value?](repeating: nil, count: schema.vocabulary.facts.count)
        seen = [Bool](repeating: false, count: schema.nodes.count)
        seenEvidence = []
    }

    /// The next event that makes a node, counted against the loader's limits; nil to give up.
    mutating func node() -> YAMLEventReader.Kind? {
        let kind = reader.next()
        switch kind {
        case .scalar:
            if reader.hasAnchor || reader.hasForbiddenControl { return nil }
        case .sequenceStart, .mappingStart:
            if reader.hasAnchor { return nil }
            depth += 1
            if depth > limits.maxDepth { return nil }
        case .sequenceEnd, .mappingEnd:
            depth -= 1
            return kind
        default:
            return nil
        }
        nodes += 1
        return nodes > limits.maxNodes ? nil : kind
    }

    /// The next key of the current mapping: true with the reader on its scalar, false at the
    /// mapping's end; nil to give up (a key that is not a scalar).
    mutating func key() -> Bool? {
        switch node() {
        case .scalar: return true
        case .mappingEnd: return false
        default: return nil
        }
    }

    mutating func document() -> Submission? {
        guard reader.next() == .streamStart, reader.next() == .documentStart, node() == .mappingStart else { return nil }
        let location: SourceLocation
        var service = "", provider: String?, date: Day?, note: String?
        var evidence: [String: Submission.Evidence] = [:]
        var alternatives: [Submission.Alternative] = []
        var given: UInt32 = 0
        var header: SourceLocation?
        while true {
            guard let more = key() else { return nil }
            if !more { break }
            guard let k = SubmissionSchema.top.lookup(reader.bytes), given & (1 << k) == 0 else { return nil }
            given |= 1 << k
            switch k {
            case 0:
                guard node() == .mappingStart else { return nil }
                var got: UInt32 = 0
                while true {
                    guard let more = key() else { return nil }
                    if !more { break }
                    guard let h = SubmissionSchema.header.lookup(reader.bytes), got & (1 << h) == 0 else { return nil }
                    got |= 1 << h
                    if h == 0 { header = SourceLocation(file: file, line: reader.start.line, column: reader.start.column) }
                    guard let kind = node(), kind == .scalar else { return nil }
                    if reader.isNull {
                        if h == 0 { return nil }  // the service is required
                        continue
                    }
                    switch h {
                    case 0:
                        guard reader.scalarCount <= DecodeContext.maxName else { return nil }
                        service = reader.text
                    case 1:
                        guard reader.scalarCount <= DecodeContext.maxName else { return nil }
                        provider = reader.text
                    case 2:
                        guard let d = Day(reader.text) else { return nil }
                        date = d
                    default:
                        guard reader.scalarCount <= DecodeContext.maxText else { return nil }
                        note = reader.text
                    }
                }
                guard header != nil else { return nil }
            case 1, 2, 3, 4:
                guard group(schema.parts[k - 1]) else { return nil }
            case 5:
                guard let kind = node() else { return nil }
                if kind == .scalar, reader.isNull { continue }
                guard kind == .mappingStart else { return nil }
                seenEvidence = [Bool](repeating: false, count: facts.count)
                while true {
                    guard let more = key() else { return nil }
                    if !more { break }
                    guard let slot = schema.evidence.lookup(reader.bytes), !seenEvidence[slot] else { return nil }
                    seenEvidence[slot] = true
                    guard let texts = strings(SubmissionSchema.evidenceKeys, count: 3, required: 0) else { return nil }
                    evidence[schema.vocabulary.facts[slot].path] = Submission.Evidence(document: texts[0], url: texts[1], note: texts[2])
                }
            default:
                guard let kind = node() else { return nil }
                if kind == .scalar, reader.isNull { continue }
                guard kind == .mappingStart else { return nil }
                var ids: Set<String> = []
                while true {
                    guard let more = key() else { return nil }
                    if !more { break }
                    let id = reader.text
                    let place = SourceLocation(file: file, line: reader.start.line, column: reader.start.column)
                    guard ids.insert(id).inserted, let texts = strings(SubmissionSchema.alternativeKeys, count: 2, required: 0b11),
                          let description = texts[0], let rationale = texts[1],
                          !description.allSatisfy({ $0.isWhitespace }), !rationale.allSatisfy({ $0.isWhitespace })
                    else { return nil }
                    alternatives.append(Submission.Alternative(measureID: id, description: description, rationale: rationale, location: place))
                }
            }
        }
        // The header is required, and the stream must end with this one document.
        guard let place = header, reader.next() == .documentEnd, reader.next() == .streamEnd else { return nil }
        location = place
        return Submission(file: file, service: service, provider: provider, date: date, note: note, facts: facts,
                          evidence: evidence, alternatives: alternatives, location: location)
    }

    /// A mapping of text values with the given keys (a bit per required key); the values by key,
    /// nil for absent or null ones.
    mutating func strings(_ keys: KeyTable, count: Int, required: UInt32) -> [String?]? {
        guard node() == .mappingStart else { return nil }
        var texts = [String?](repeating: nil, count: count)
        var got: UInt32 = 0
        while true {
            guard let more = key() else { return nil }
            if !more { break }
            guard let k = keys.lookup(reader.bytes), got & (1 << k) == 0 else { return nil }
            got |= 1 << k
            guard node() == .scalar else { return nil }
            if reader.isNull { continue }
            guard reader.scalarCount <= DecodeContext.maxText else { return nil }
            texts[k] = reader.text
        }
        for k in 0..<count where required & (1 << k) != 0 && texts[k] == nil { return nil }
        return texts
    }

    /// The value of a fact group (the reader before it): null, or a mapping of known keys.
    mutating func group(_ index: Int) -> Bool {
        guard let kind = node() else { return false }
        if kind == .scalar { return reader.isNull }
        guard kind == .mappingStart else { return false }
        while true {
            guard let more = key() else { return false }
            if !more { return true }
            // Looked up in place: the tables are the run's, shared by every worker.
            guard let child = schema.nodes[index].children.lookup(reader.bytes), !seen[child] else { return false }
            seen[child] = true
            let slot = schema.nodes[child].slot
            guard slot >= 0 ? value(slot) : group(child) else { return false }
        }
    }

    /// One fact's value, decoded by its type as ``Submission/decodeValue(_:_:_:)`` does.
    mutating func value(_ slot: Int) -> Bool {
        guard let kind = node() else { return false }
        // The type alone, without the enumeration's values (copying those would retain them
        // for every value).
        let type = schema.types[slot]
        if case .set = type {} else {
            guard kind == .scalar else { return false }
            if reader.isNull { return true }
        }
        let plain = reader.style == .plain
        switch type {
        case .bool:
            guard plain else { return false }
            if reader.scalarIs("true") || reader.scalarIs("True") || reader.scalarIs("TRUE") { facts[slot] = .bool(true) }
            else if reader.scalarIs("false") || reader.scalarIs("False") || reader.scalarIs("FALSE") { facts[slot] = .bool(false) }
            else { return false }
        case .integer(let lo, let hi):
            guard plain, let n = DecodeContext.parseInteger(reader.text) else { return false }
            if let lo, n < lo { return false }
            if let hi, n > hi { return false }
            facts[slot] = .integer(n)
        case .number(let lo, let hi):
            guard plain, let n = DecodeContext.parseNumber(reader.text) else { return false }
            if let lo, n < lo { return false }
            if let hi, n > hi { return false }
            facts[slot] = .number(n)
        case .date:
            guard let d = Day(reader.text) else { return false }
            facts[slot] = .date(d.ordinal)
        case .string:
            guard reader.scalarCount <= DecodeContext.maxText else { return false }
            facts[slot] = .string(reader.text)
        case .enumeration:
            guard let i = schema.enumValues[slot]?.lookup(reader.bytes) else { return false }
            facts[slot] = .symbol(i)
        case .set:
            if kind == .scalar { return reader.isNull }
            guard kind == .sequenceStart, schema.enumValues[slot] != nil else { return false }
            var mask: UInt64 = 0
            while true {
                guard let item = node() else { return false }
                if item == .sequenceEnd { break }
                guard item == .scalar, let i = schema.enumValues[slot]?.lookup(reader.bytes) else { return false }
                mask |= 1 << UInt64(i)
            }
            facts[slot] = .set(mask)
        }
        return true
    }
}
