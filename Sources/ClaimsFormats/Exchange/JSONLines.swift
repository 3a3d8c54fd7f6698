import ClaimsCore
import Foundation

/// Claims as JSON Lines: one object a line, the object `claims show --format json` prints.
/// Reading ignores the fields the database assigns (status, version, recorded_at, …).
public enum JSONLines {
    public static func render(_ states: [ClaimState], today: Day) throws -> String {
        let writer = Writer(today: today)
        return try states.map { try writer.line($0) + "\n" }.joined()
    }

    /// Writes claims as lines, one at a time.
    public struct Writer {
        let encoder = JSONEncoder()
        let today: Day

        public init(today: Day) {
            self.today = today
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        }

        /// The claim's line, without its line feed.
        public func line(_ state: ClaimState) throws -> String {
            String(decoding: try encoder.encode(ClaimJSON(summary: ClaimSummary(state), today: today, forecasts: state.forecasts)), as: UTF8.self)
        }
    }

    public struct Failure: Error { let message: String }

    /// An object being read, naming where it is for messages (`source.kind`).
    public struct Object {
        let values: [String: JSONValue]
        let path: String

        init(_ value: JSONValue?, path: String) throws {
            guard case .object(let values)? = value else { throw Failure(message: "\(path.isEmpty ? "the line" : path) must be an object") }
            self.values = values
            self.path = path
        }

        func check(known: [String], ignored: [String] = []) throws {
            for key in values.keys.sorted() where !known.contains(key) && !ignored.contains(key) {
                let hint = nearest(key, in: known).map { " (did you mean '\($0)'?)" } ?? ""
                throw Failure(message: "unknown key '\(name(key))'\(hint)")
            }
        }

        func name(_ key: String) -> String { path.isEmpty ? key : path + "." + key }

        func string(_ key: String) throws -> String? {
            switch values[key] {
            case nil, .null?: return nil
            case .string(let s)?: return s
            default: throw Failure(message: "\(name(key)) must be text")
            }
        }

        func strings(_ key: String) throws -> [String] {
            switch values[key] {
            case nil, .null?: return []
            case .array(let list)?:
                return try list.map { guard case .string(let s) = $0 else { throw Failure(message: "\(name(key)) must be a list of text") }; return s }
            default: throw Failure(message: "\(name(key)) must be a list of text")
            }
        }

        func day(_ key: String) throws -> Day? { try string(key).map { try Day($0) } }

        func probability(_ key: String) throws -> Probability? {
            switch values[key] {
            case nil, .null?: return nil
            case .number(let n)?: return try Probability(n)
            case .string(let s)?: return try Probability(parsing: s)
            default: throw Failure(message: "\(name(key)) must be a number from 0 to 1")
            }
        }

        func object(_ key: String) throws -> Object? {
            switch values[key] {
            case nil, .null?: return nil
            default: return try Object(values[key], path: name(key))
            }
        }

        func objects(_ key: String) throws -> [Object] {
            switch values[key] {
            case nil, .null?: return []
            case .array(let list)?: return try list.enumerated().map { try Object($1, path: "\(name(key))[\($0)]") }
            default: throw Failure(message: "\(name(key)) must be a list")
            }
        }
    }

    /// The claims of a whole JSON Lines file, and a problem per bad line (ids used twice included).
    public static func claims(_ data: Data, path: String) -> (claims: [NewClaim], issues: [ClaimFileIssue]) {
        let (found, problems) = data.withUnsafeBytes { raw in read(raw.bindMemory(to: UInt8.self), firstLine: 1, path: path) }
        let repeated = RepeatedIDs.repeated(in: found, path: path)
        guard !repeated.isEmpty else { return (found.map(\.claim), problems) }
        // A claim whose id was used before is left out, with its problem.
        let claims = found.indices.filter { repeated[$0] == nil }.map { found[$0].claim }
        return (claims, (problems + repeated.values).sorted { $0.line < $1.line })
    }

    /// What one line holds.
    public enum Line: Sendable {
        case blank
        case claim(NewClaim)
        case problem(String)
    }

    /// The claims of a run of whole lines, the first of them line `firstLine` of the file, each
    /// with its line, and a problem per bad line. Lines are read on every core (the run is cut
    /// into one part per core). Ids used twice are the caller's to find (`RepeatedIDs`): a run is
    /// one part of a file.
    public static func read(_ bytes: UnsafeBufferPointer<UInt8>, firstLine: Int, path: String)
        -> (claims: [(line: Int, claim: NewClaim)], issues: [ClaimFileIssue]) {
        let read = Array(bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false))
            .concurrentMap(perWorker: 2000) { line(UnsafeBufferPointer(rebasing: $0)) }
        var claims: [(line: Int, claim: NewClaim)] = [], issues: [ClaimFileIssue] = []
        claims.reserveCapacity(read.count)
        for (index, line) in read.enumerated() {
            switch line {
            case .blank: continue
            case .problem(let message): issues.append(ClaimFileIssue(path: path, line: firstLine + index, message: message))
            case .claim(let claim): claims.append((firstLine + index, claim))
            }
        }
        return (claims, issues)
    }

    public static func line(_ line: UnsafeBufferPointer<UInt8>) -> Line {
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return .blank }
        do {
            let value: JSONValue
            do { value = try JSONValue.parse(line) }
            catch is JSONValue.NotUTF8 { throw Failure(message: "the line is not UTF-8 text: save the file as UTF-8") }
            catch is JSONValue.TooDeep { throw Failure(message: "the line nests arrays or objects more than \(JSONValue.maximumDepth) deep: a claim needs 3") }
            catch { throw Failure(message: "not valid JSON") }
            return .claim(try claim(try Object(value, path: "")))
        } catch let f as Failure {
            return .problem(f.message)
        } catch {
            return .problem((error as? LocalizedError)?.errorDescription ?? "\(error)")
        }
    }

    public static func claim(_ o: Object) throws -> NewClaim {
        try o.check(known: ["id", "statement", "claimant", "said_on", "source", "quote", "location", "criteria", "window",
                            "confidence", "tags", "notes", "translations", "forecasts", "resolution", "withdrawn"],
                    ignored: ["status", "version", "recorded_at", "first_recorded_at"])
        guard let statementText = try o.string("statement") else { throw Failure(message: "missing statement") }
        guard let claimantText = try o.string("claimant") else { throw Failure(message: "missing claimant") }
        guard let saidOn = try o.day("said_on") else { throw Failure(message: "missing said_on") }
        let statement = try NonEmptyText(statementText, field: "the statement"), claimant = try NonEmptyText(claimantText, field: "the claimant")
        var source: Source?
        if let s = try o.object("source") {
            try s.check(known: ["key", "kind", "title", "url", "publisher", "published_on", "language", "people"])
            source = try Source(key: s.string("key"), kind: SourceKind(parsing: s.string("kind") ?? "other"), title: s.string("title"),
                                url: s.string("url"), publisher: s.string("publisher"), publishedOn: s.day("published_on"),
                                language: s.string("language"), people: s.strings("people"))
        }
        var window: DueWindow?
        if let w = try o.object("window") {
            try w.check(known: ["start", "end", "phrase", "rule"])
            guard let end = try w.day("end") else { throw Failure(message: "missing window.end") }
            window = try DueWindow(saidOn: saidOn, start: w.day("start"), end: end, phrase: w.string("phrase"), rule: w.string("rule"))
        }
        var confidence = Confidence.none
        if let c = try o.object("confidence") {
            try c.check(known: ["words", "stated_probability"], ignored: ["inferred"])
            confidence = Confidence(words: try c.string("words"), stated: try c.probability("stated_probability"))
        }
        let translations = try o.objects("translations").map { t in
            try t.check(known: ["language", "statement", "quote", "location"])
            return try Translation(language: t.string("language") ?? "", statement: t.string("statement"), quote: t.string("quote"),
                                   location: t.string("location"))
        }
        let forecasts = try o.objects("forecasts").map { f -> Forecast in
            try f.check(known: ["forecaster", "probability", "made_on", "note"], ignored: ["recorded_at", "author"])
            guard let p = try f.probability("probability") else { throw Failure(message: "missing \(f.name("probability"))") }
            return Forecast(forecaster: try NonEmptyText(f.string("forecaster") ?? "", field: "the forecaster"), probability: p,
                            madeOn: try f.day("made_on") ?? saidOn, note: try f.string("note"))
        }
        var resolution: Resolution?
        if let r = try o.object("resolution") {
            try r.check(known: ["outcome", "settled_on", "evidence", "note"], ignored: ["revision", "recorded_at", "author"])
            guard let outcome = try r.string("outcome") else { throw Failure(message: "missing resolution.outcome") }
            guard let settled = try r.day("settled_on") else { throw Failure(message: "missing resolution.settled_on") }
            resolution = Resolution(outcome: try Outcome(parsing: outcome), settledOn: settled, evidence: try r.strings("evidence"), note: try r.string("note"))
        }
        var withdrawal: Withdrawal?
        if let w = try o.object("withdrawn") {
            try w.check(known: ["reason", "successor"])
            guard let reason = try w.string("reason") else { throw Failure(message: "missing withdrawn.reason") }
            withdrawal = Withdrawal(reason: try NonEmptyText(reason, field: "the withdrawal's reason"), successor: try w.string("successor").map { try ClaimID($0) })
        }
        let id = try o.string("id").map { try ClaimID(normalizing: $0) } ?? ClaimID.derived(from: [statement.value, claimant.value, saidOn.description])
        let content = ClaimContent(statement: statement, claimant: claimant, saidOn: saidOn, source: source, quote: try o.string("quote"),
                                   location: try o.string("location"), criteria: try o.string("criteria"), window: window,
                                   confidence: confidence, tags: try o.strings("tags"), notes: try o.string("notes"),
                                   translations: translations, withdrawal: withdrawal)
        return NewClaim(id: id, content: content, forecasts: forecasts, resolution: resolution)
    }
}
