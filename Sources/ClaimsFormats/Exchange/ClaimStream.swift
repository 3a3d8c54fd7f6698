import ClaimsCore
import Foundation

/// The formats claims are imported from.
public enum ImportFormat: String, CaseIterable, Sendable {
    case auto, yaml, jsonl, csv
    case aiTracker = "ai-tracker"
    /// The `predictions.yaml` of public trackers (meta, then a list of predictions).
    case predictions
}

/// One file's claims, read a part at a time. JSON Lines and CSV are read a block of whole lines
/// (or records) at a time, so a file of any size is read in the same memory; claim files,
/// AI-tracker files and predictions.yaml are documents, read whole (up to `documentLimit`).
///
/// A stream reads a regular file: standard input and pipes are first copied to one (the caller's
/// part), since an import reads every file twice: once to check it, once to write it.
public final class ClaimStream {
    /// What one part of the file holds: claims with the line each begins on, problems, and
    /// warnings that do not stop an import.
    public struct Part {
        public var claims: [(line: Int, claim: NewClaim)] = []
        public var issues: [ClaimFileIssue] = []
        public var warnings: [ClaimFileIssue] = []
    }

    /// What identifies the file's contents for this read: if any of it differs between two
    /// reads, the file changed in between (its inode's change time included, which a write sets
    /// even when the size and modification time are put back).
    public struct Identity: Equatable, Sendable {
        public let device: UInt64, inode: UInt64, size: Int64, seconds: Int, nanoseconds: Int
        /// The time of the last change to the file's inode: any write sets it, and no tool sets it back.
        let changeSeconds: Int, changeNanoseconds: Int

        init(_ info: stat) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
            size = Int64(info.st_size)
            seconds = Int(info.st_mtim.tv_sec)
            nanoseconds = Int(info.st_mtim.tv_nsec)
            changeSeconds = Int(info.st_ctim.tv_sec)
            changeNanoseconds = Int(info.st_ctim.tv_nsec)
        }
    }

    public let shown: String
    public let url: URL
    /// The format read: JSON Lines and CSV from the name or `--format`, else the document's.
    public let format: ImportFormat
    let mapping: FlatClaims.Mapping
    let handle: FileHandle
    public let identity: Identity
    /// Bytes read and not yet used (the start of a line or record whose end is not yet read).
    var carry: [UInt8] = []
    var nextLine = 1
    var finished = false
    // CSV: the columns (from the header), and the records of the claim being read.
    var columns: [String: Int]?
    var merger: FlatClaims.Merger
    var mergerIssues = 0

    /// The longest line or record read.
    public static let longestRecord = 64 << 20

    /// How many lines end in `bytes`: at each LF, and for CSV (as `CSVReader` reads it) at a CR
    /// not followed by LF too.
    func lineBreaks(_ bytes: ArraySlice<UInt8>) -> Int {
        format == .csv ? CSVScan.lineBreaks(bytes) : bytes.reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
    }

    /// How much is read at once: enough lines for every core to share, and few enough claims
    /// held (a CSV record is smaller than a JSON line: a megabyte holds as many claims as two).
    public static let blockSize = 2 << 20
    var blockSize: Int { format == .csv ? Self.blockSize / 2 : Self.blockSize }
    /// The largest document read whole.
    public static let documentLimit = 256 << 20

    /// Whether the file is read in parts (JSON Lines, CSV): ids used twice are then the
    /// caller's to find, across the parts (`RepeatedIDs`).
    public var readsInParts: Bool { Self.readsInParts(format) }

    public static func readsInParts(_ format: ImportFormat) -> Bool { format == .jsonl || format == .csv }

    /// The format a file is read in: `given`, or for `.auto` JSON Lines and CSV by the file's
    /// name (a document's own format is known once it is read).
    public static func format(of url: URL, given: ImportFormat) -> ImportFormat {
        guard given == .auto else { return given }
        switch url.pathExtension.lowercased() {
        case "csv": return .csv
        case "jsonl", "ndjson": return .jsonl
        default: return .auto
        }
    }

    public init(url: URL, shown: String, format: ImportFormat, mapping: FlatClaims.Mapping) throws {
        self.url = url
        self.shown = shown
        self.mapping = mapping
        merger = FlatClaims.Merger(path: shown)
        let chosen = Self.format(of: url, given: format)
        self.format = chosen
        if chosen != .csv && (!mapping.columns.isEmpty || !mapping.defaults.isEmpty) {
            throw ClaimFileError.invalidOption(option: "--map", message: "--map and --default apply to CSV files only; \(shown) is read as \(chosen == .auto ? "a claim file" : chosen.rawValue).")
        }
        _ = try Self.identity(url, shown: shown)
        guard let handle = try? FileHandle(forReadingFrom: url) else {
            throw ClaimFileError.unreadable(path: shown, reason: access(url.path, R_OK) == 0 ? "it could not be opened" : "you may not read it")
        }
        self.handle = handle
        // The identity of the file opened (not of whatever the name says by then).
        var info = stat()
        guard fstat(handle.fileDescriptor, &info) == 0 else { throw ClaimFileError.unreadable(path: shown, reason: "it could not be examined") }
        identity = Identity(info)
    }

    deinit { try? handle.close() }

    /// The file's identity now; refuses what is not a regular file.
    public static func identity(_ url: URL, shown: String) throws -> Identity {
        var info = stat()
        guard stat(url.path, &info) == 0 else { throw ClaimFileError.unreadable(path: shown, reason: "no such file") }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw ClaimFileError.unreadable(path: shown, reason: "it is a folder")
        default: throw ClaimFileError.unreadable(path: shown, reason: "it is not a regular file (a pipe or a device): save it to a file first")
        }
        return Identity(info)
    }

    /// The next part of the file, nil after the last.
    public func next() throws -> Part? {
        guard !finished else { return nil }
        switch format {
        case .jsonl: return try nextLines()
        case .csv: return try nextRecords()
        case .auto, .yaml, .aiTracker, .predictions:
            finished = true
            return try document()
        }
    }

    // MARK: Blocks of whole lines

    /// The next run of whole lines (or records, with `cut`), with the number of its first line;
    /// nil at the end. `cut` gives how many of the bytes end at a boundary (0: none yet).
    func nextBlock(cut: ([UInt8]) -> Int) throws -> (bytes: [UInt8], firstLine: Int)? {
        while true {
            // A line (or record) longer than this is not read on: a JSON line without its end, or
            // a CSV quote never closed, would otherwise take the rest of the file into memory.
            if carry.count > Self.longestRecord {
                finished = true
                throw ClaimFileError.invalid([ClaimFileIssue(path: shown, line: nextLine, message: format == .csv
                    ? "a record longer than \(Self.longestRecord >> 20) MB begins here: is a quoted field never closed (a \" missing)?"
                    : "a line longer than \(Self.longestRecord >> 20) MB begins here: split it (one claim a line)")])
            }
            let data: Data?
            do { data = try handle.read(upToCount: blockSize) } catch {
                throw ClaimFileError.unreadable(path: shown, reason: "reading stopped at line \(nextLine) (\((error as NSError).localizedDescription))")
            }
            let atEnd = data?.isEmpty ?? true
            if let data { carry.append(contentsOf: data) }
            let end = atEnd ? carry.count : cut(carry)
            if end == 0 && !atEnd { continue }
            if atEnd { finished = true }
            if end == 0 { return nil }
            let block = Array(carry[..<end])
            carry.removeFirst(end)
            let first = nextLine
            nextLine += lineBreaks(block[...])
            return (block, first)
        }
    }

    /// A problem that stops the file's reading: a NUL byte (not text).
    func nulProblem(_ block: [UInt8], firstLine: Int) -> ClaimFileIssue? {
        guard let at = block.firstIndex(of: 0) else { return nil }
        finished = true
        let line = firstLine + lineBreaks(block[..<at])
        return ClaimFileIssue(path: shown, line: line, column: 1, message: "the file holds a NUL byte: it is not a text file")
    }

    func nextLines() throws -> Part? {
        guard let (block, first) = try nextBlock(cut: { bytes in bytes.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0 }) else { return nil }
        if let nul = nulProblem(block, firstLine: first) { return Part(issues: [nul]) }
        let (claims, issues) = block.withUnsafeBufferPointer { JSONLines.read($0, firstLine: first, path: shown) }
        return Part(claims: claims, issues: issues)
    }

    func nextRecords() throws -> Part? {
        guard let (block, first) = try nextBlock(cut: { CSVScan.recordEnds($0[...]).last ?? 0 }) else {
            // The end of the file, found by a read that gave nothing more.
            return endOfRecords(Part())
        }
        if let nul = nulProblem(block, firstLine: first) { return Part(issues: [nul]) }
        var body = block[...], bodyLine = first
        while columns == nil {
            // The header: the file's first record that is not blank.
            guard !body.isEmpty else { return finished ? endOfRecords(Part()) : Part() }
            let end = CSVScan.recordEnds(body, first: true).first ?? body.endIndex
            let header = body[..<end]
            guard let text = String(validating: header, as: UTF8.self) else {
                finished = true
                return Part(issues: [ClaimFileIssue(path: shown, line: bodyLine + Self.lineOfBadUTF8(Array(header)), message: "the file is not UTF-8 text: save it as UTF-8")])
            }
            let records: [CSVReader.Record]
            do { records = try CSVReader.records(text) } catch {
                finished = true
                return Part(issues: [ClaimFileIssue(path: shown, line: bodyLine, message: "a quoted field is never closed (a \" is missing)")])
            }
            body = body[end...]
            let headerLine = bodyLine
            bodyLine += lineBreaks(header)
            guard let names = records.first?.fields.map({ $0.trimmingCharacters(in: .whitespaces) }) else { continue }
            var index: [String: Int] = [:]
            for (i, name) in names.enumerated() where index[name] == nil { index[name] = i }
            for (field, wanted) in mapping.columns {
                for column in wanted where index[column] == nil {
                    throw ClaimFileError.invalidOption(option: "--map", message: "\(field)=\(wanted.joined(separator: "+")): \(shown) has no column '\(column)'; its columns are \(names.joined(separator: ", ")) (the header, line \(headerLine)).")
                }
            }
            columns = index
        }
        // The records are read on every core: the block is cut at records' ends into one piece
        // per core, each read alone, and the claims are merged in order after.
        let index = columns ?? [:], mapping = self.mapping, path = shown
        let mappedColumns = Set(mapping.columns.values.joined())
        let pieces = CSVScan.pieces(body, firstLine: bodyLine, count: ProcessInfo.processInfo.activeProcessorCount)
        let read = pieces.concurrentMap { piece -> (parsed: [FlatClaims.Merger.Parsed], problem: ClaimFileIssue?) in
            guard let text = String(validating: piece.bytes, as: UTF8.self) else {
                return ([], ClaimFileIssue(path: path, line: piece.firstLine + Self.lineOfBadUTF8(Array(piece.bytes)), message: "the file is not UTF-8 text: save it as UTF-8"))
            }
            let records: [CSVReader.Record]
            do { records = try CSVReader.records(text) } catch CSVReader.Failure.unterminatedQuote(let line) {
                return ([], ClaimFileIssue(path: path, line: piece.firstLine + line - 1, message: "a quoted field is never closed (a \" is missing)"))
            } catch {
                return ([], ClaimFileIssue(path: path, line: piece.firstLine, message: "\(error)"))
            }
            return (records.map { record in
                let fields = record.fields.map(trimmed)
                let value: (String) -> String? = { field in
                    // A field is read from its mapped columns, else from the column of its own name
                    // unless --map gave that column to other fields.
                    let wanted = mapping.columns[field] ?? (index[field] != nil && !mappedColumns.contains(field) ? [field] : [])
                    let parts = wanted.compactMap { c -> String? in
                        guard let i = index[c], i < fields.count else { return nil }
                        return fields[i].isEmpty ? nil : fields[i]
                    }
                    if !parts.isEmpty && parts.count == wanted.count { return parts.joined(separator: "-") }
                    return mapping.defaults[field].flatMap { cleaned($0) }
                }
                return FlatClaims.Merger.parse((piece.firstLine + record.line - 1, value), path: path)
            }, nil)
        }
        if let problem = read.lazy.compactMap(\.problem).first {
            finished = true
            return Part(issues: [problem])
        }
        var part = Part()
        for piece in read {
            for parsed in piece.parsed { if let done = merger.merge(parsed) { part.claims.append(done) } }
        }
        // The file's last block (one without a final line break is known as such only here).
        if finished { return endOfRecords(part) }
        part.issues += merger.issues.dropFirst(mergerIssues)
        mergerIssues = merger.issues.count
        return part
    }

    /// The end of the file: it completes the claim being read, and a file without a header says so.
    func endOfRecords(_ part: Part) -> Part? {
        var part = part
        finished = true
        if columns == nil { part.issues.append(ClaimFileIssue(path: shown, line: 1, message: "the file is empty: expected a header row")) }
        if let last = merger.finish() { part.claims.append(last) }
        part.issues += merger.issues.dropFirst(mergerIssues)
        mergerIssues = merger.issues.count
        return part.claims.isEmpty && part.issues.isEmpty ? nil : part
    }

    /// The line (0-based) of the first byte that is not UTF-8.
    static func lineOfBadUTF8(_ bytes: [UInt8]) -> Int {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        loop: while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar): offset += scalar.count
            case .emptyInput, .error: break loop
            }
        }
        return bytes[..<min(offset, bytes.count)].reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
    }

    // MARK: Documents

    func document() throws -> Part {
        if identity.size > Self.documentLimit {
            return Part(issues: [ClaimFileIssue(path: shown, line: 1, column: 1, message: "the file is \(identity.size / 1_048_576) MB: a claim file is read whole, and at most \(Self.documentLimit / 1_048_576) MB can be; split it, or give the claims as JSON Lines or CSV, which are read in parts")])
        }
        let data: Data
        do { data = try handle.readToEnd() ?? Data() } catch {
            throw ClaimFileError.unreadable(path: shown, reason: (error as NSError).localizedDescription)
        }
        let bytes = [UInt8](data)
        if let nul = nulProblem(bytes, firstLine: 1) { return Part(issues: [nul]) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return Part(issues: [ClaimFileIssue(path: shown, line: 1 + Self.lineOfBadUTF8(bytes), column: 1, message: "the file is not UTF-8 text: save it as UTF-8")])
        }
        var chosen = format
        if chosen == .auto {
            chosen = text.range(of: "(?m)^prediction_text:", options: .regularExpression) != nil ? .aiTracker
                : TrackerPredictions.looksLikeOne(text) ? .predictions : .yaml
        }
        // A document's parser checks its ids and names lines in its problems; its claims carry no line (0).
        func numbered(_ claims: [NewClaim]) -> [(line: Int, claim: NewClaim)] { claims.map { (0, $0) } }
        switch chosen {
        case .aiTracker:
            let (claim, issues) = AITracker.claim(text, path: shown, stem: url.deletingPathExtension().lastPathComponent)
            return Part(claims: numbered(claim.map { [$0] } ?? []), issues: issues)
        case .predictions:
            let (claims, issues, warnings) = TrackerPredictions.read(text, path: shown)
            return Part(claims: numbered(claims), issues: issues, warnings: warnings)
        default:
            do { return Part(claims: numbered(try ClaimFile.parse(text, path: shown).claims)) }
            catch ClaimFileError.invalid(let issues) { return Part(issues: issues) }
        }
    }
}

/// Where CSV's records and lines end, read as `CSVReader` reads them: a line break is LF, CRLF or
/// a CR alone; a record ends at a line break outside quotes; a quote opens a quoted field only at
/// the start of a field, and inside one `""` is a quote. Bytes are scanned from a record's start.
enum CSVScan {
    /// The offsets just after each record's end (`first`: the first only). A CR as the last byte
    /// ends nothing yet: an LF may follow it in the bytes still to come.
    static func recordEnds(_ bytes: ArraySlice<UInt8>, first: Bool = false) -> [Int] {
        var ends: [Int] = []
        var inQuotes = false, fieldEmpty = true, quoted = false
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            if inQuotes {
                if b == 0x22 {
                    if i + 1 < bytes.endIndex && bytes[i + 1] == 0x22 { i += 2; continue }
                    inQuotes = false
                }
                i += 1
                continue
            }
            var end: Int?
            switch b {
            case 0x2C: fieldEmpty = true; quoted = false
            case 0x0A: end = i + 1
            case 0x0D:
                if i + 1 < bytes.endIndex { end = bytes[i + 1] == 0x0A ? i + 2 : i + 1 } else { return ends }
            case 0x22 where fieldEmpty && !quoted: inQuotes = true; quoted = true
            default: fieldEmpty = false
            }
            if let end {
                ends.append(end)
                if first { return ends }
                fieldEmpty = true
                quoted = false
                i = end
                continue
            }
            i += 1
        }
        return ends
    }

    /// Line breaks as `CSVReader` counts them: LF, CRLF (once) and a CR alone.
    static func lineBreaks(_ bytes: ArraySlice<UInt8>) -> Int {
        var n = 0
        var i = bytes.startIndex
        while i < bytes.endIndex {
            if bytes[i] == 0x0A || (bytes[i] == 0x0D && (i + 1 == bytes.endIndex || bytes[i + 1] != 0x0A)) { n += 1 }
            i += 1
        }
        return n
    }

    /// `bytes` cut at records' ends into about `count` pieces, each with the number of its first line.
    static func pieces(_ bytes: ArraySlice<UInt8>, firstLine: Int, count: Int) -> [(bytes: ArraySlice<UInt8>, firstLine: Int)] {
        guard count > 1, bytes.count > 1 << 16 else { return [(bytes, firstLine)] }
        let ends = recordEnds(bytes)
        var pieces: [(bytes: ArraySlice<UInt8>, firstLine: Int)] = []
        var start = bytes.startIndex, line = firstLine
        for k in 1..<count {
            let target = bytes.startIndex + bytes.count * k / count
            // The first record end at or after the target.
            var lo = 0, hi = ends.count
            while lo < hi { let mid = (lo + hi) / 2; if ends[mid] < target { lo = mid + 1 } else { hi = mid } }
            guard lo < ends.count, ends[lo] > start, ends[lo] < bytes.endIndex else { continue }
            pieces.append((bytes[start..<ends[lo]], line))
            line += lineBreaks(bytes[start..<ends[lo]])
            start = ends[lo]
        }
        pieces.append((bytes[start...], line))
        return pieces
    }
}
