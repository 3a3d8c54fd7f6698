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
    /// reads, the file changed in between.
    public struct Identity: Equatable, Sendable {
        public let device: UInt64, inode: UInt64, size: Int64, seconds: Int, nanoseconds: Int
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

    /// How much is read at once: enough lines for every core to share, and few enough claims
    /// held (a CSV record is smaller than a JSON line: a megabyte holds as many claims as two).
    public static let blockSize = 2 << 20
    var blockSize: Int { format == .csv ? Self.blockSize / 2 : Self.blockSize }
    /// The largest document read whole.
    public static let documentLimit = 256 << 20

    /// Whether the file is read in parts (JSON Lines, CSV): ids used twice are then the
    /// caller's to find, across the parts (`RepeatedIDs`).
    public var readsInParts: Bool { format == .jsonl || format == .csv }

    public init(url: URL, shown: String, format: ImportFormat, mapping: FlatClaims.Mapping) throws {
        self.url = url
        self.shown = shown
        self.mapping = mapping
        merger = FlatClaims.Merger(path: shown)
        let ext = url.pathExtension.lowercased()
        var chosen = format
        if chosen == .auto && ext == "csv" { chosen = .csv }
        if chosen == .auto && ["jsonl", "ndjson"].contains(ext) { chosen = .jsonl }
        self.format = chosen
        if chosen != .csv && (!mapping.columns.isEmpty || !mapping.defaults.isEmpty) {
            throw ClaimFileError.invalidOption(option: "--map", message: "--map and --default apply to CSV files only; \(shown) is read as \(chosen == .auto ? "a claim file" : chosen.rawValue).")
        }
        identity = try Self.identity(url, shown: shown)
        guard let handle = try? FileHandle(forReadingFrom: url) else {
            throw ClaimFileError.unreadable(path: shown, reason: access(url.path, R_OK) == 0 ? "it could not be opened" : "you may not read it")
        }
        self.handle = handle
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
        return Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
                        seconds: Int(info.st_mtim.tv_sec), nanoseconds: Int(info.st_mtim.tv_nsec))
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
            nextLine += block.withUnsafeBufferPointer { b in b.reduce(0) { $1 == 0x0A ? $0 + 1 : $0 } }
            return (block, first)
        }
    }

    /// A problem that stops the file's reading: a NUL byte (not text).
    func nulProblem(_ block: [UInt8], firstLine: Int) -> ClaimFileIssue? {
        guard let at = block.firstIndex(of: 0) else { return nil }
        finished = true
        let line = firstLine + block[..<at].reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
        return ClaimFileIssue(path: shown, line: line, column: 1, message: "the file holds a NUL byte: it is not a text file")
    }

    func nextLines() throws -> Part? {
        guard let (block, first) = try nextBlock(cut: { bytes in bytes.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0 }) else { return nil }
        if let nul = nulProblem(block, firstLine: first) { return Part(issues: [nul]) }
        let (claims, issues) = block.withUnsafeBufferPointer { JSONLines.read($0, firstLine: first, path: shown) }
        return Part(claims: claims, issues: issues)
    }

    /// Where the last record ends (or, with `first`, the first): after a line break outside quotes.
    static func recordsEnd(_ bytes: [UInt8], first: Bool) -> Int {
        var inQuotes = false, end = 0
        for (i, b) in bytes.enumerated() {
            if b == 0x22 { inQuotes.toggle() } else if b == 0x0A && !inQuotes {
                end = i + 1
                if first { break }
            }
        }
        return end
    }

    static func recordsEnd(_ bytes: [UInt8]) -> Int { recordsEnd(bytes, first: false) }

    func nextRecords() throws -> Part? {
        guard let (block, first) = try nextBlock(cut: Self.recordsEnd) else {
            // The end of the file completes the last claim.
            var part = Part()
            if columns == nil { part.issues.append(ClaimFileIssue(path: shown, line: 1, message: "the file is empty: expected a header row")) }
            if let last = merger.finish() { part.claims.append(last) }
            part.issues += merger.issues.dropFirst(mergerIssues)
            mergerIssues = merger.issues.count
            return part.claims.isEmpty && part.issues.isEmpty ? nil : part
        }
        if let nul = nulProblem(block, firstLine: first) { return Part(issues: [nul]) }
        var body = block[...], bodyLine = first
        if columns == nil {
            // The header: the file's first record.
            let end = Self.recordsEnd(block, first: true)
            let header = block[..<(end == 0 ? block.count : end)]
            guard let text = String(validating: header, as: UTF8.self) else {
                finished = true
                return Part(issues: [ClaimFileIssue(path: shown, line: first + Self.lineOfBadUTF8(Array(header)), message: "the file is not UTF-8 text: save it as UTF-8")])
            }
            let records: [CSVReader.Record]
            do { records = try CSVReader.records(text) } catch {
                finished = true
                return Part(issues: [ClaimFileIssue(path: shown, line: first, message: "a quoted field is never closed (a \" is missing)")])
            }
            guard let names = records.first?.fields.map({ $0.trimmingCharacters(in: .whitespaces) }) else { return Part() }
            var index: [String: Int] = [:]
            for (i, name) in names.enumerated() where index[name] == nil { index[name] = i }
            for (field, wanted) in mapping.columns {
                for column in wanted where index[column] == nil {
                    throw ClaimFileError.invalidOption(option: "--map", message: "\(field)=\(wanted.joined(separator: "+")): \(shown) has no column '\(column)'; its columns are \(names.joined(separator: ", ")).")
                }
            }
            columns = index
            body = block[header.endIndex...]
            bodyLine = first + header.reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
        }
        // The records are read on every core: the block is cut at records' ends into one piece
        // per core, each read alone, and the claims are merged in order after.
        let index = columns ?? [:], mapping = self.mapping, path = shown
        let mappedColumns = Set(mapping.columns.values.joined())
        let pieces = Self.pieces(body, firstLine: bodyLine, count: ProcessInfo.processInfo.activeProcessorCount)
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
        part.issues += merger.issues.dropFirst(mergerIssues)
        mergerIssues = merger.issues.count
        return part
    }

    /// `bytes` cut at records' ends into about `count` pieces, each with the number of its first line.
    static func pieces(_ bytes: ArraySlice<UInt8>, firstLine: Int, count: Int) -> [(bytes: ArraySlice<UInt8>, firstLine: Int)] {
        guard count > 1, bytes.count > 1 << 16 else { return [(bytes, firstLine)] }
        var pieces: [(bytes: ArraySlice<UInt8>, firstLine: Int)] = []
        var start = bytes.startIndex, line = firstLine, lines = 0, inQuotes = false
        var target = bytes.startIndex + bytes.count / count
        for i in bytes.indices {
            let b = bytes[i]
            if b == 0x22 { inQuotes.toggle() } else if b == 0x0A {
                lines += 1
                if !inQuotes && i + 1 >= target && pieces.count < count - 1 {
                    pieces.append((bytes[start...i], line))
                    start = i + 1
                    line += lines
                    lines = 0
                    target = start + (bytes.endIndex - start) / (count - pieces.count)
                }
            }
        }
        if start < bytes.endIndex { pieces.append((bytes[start...], line)) }
        return pieces
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
