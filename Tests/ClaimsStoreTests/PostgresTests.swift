import ClaimsCore
import ClaimsLog
@testable import ClaimsStore
import Foundation
import PostgresNIO
import Synchronization
import Testing

/// What only PostgreSQL has to show: its invariants against a user with SQL access, its roles,
/// many writers at once, the same log as SQLite, and its refusals. (The operations themselves
/// are tested on both backends by VersioningTests and QueryTests.)
@Suite(.enabled(if: PostgresServer.adminURL != nil, "CLAIMS_TEST_POSTGRES is unset: the PostgreSQL tests are SKIPPED"))
struct PostgresTests {
    func sampleClaim(_ id: String) throws -> NewClaim {
        NewClaim(id: try ClaimID(id), content: content("Models will work on their own for a whole day.", windowEnd: "2026-12-31",
                                                       probability: 0.7, tags: ["agents"]),
                 forecasts: [Forecast(forecaster: try NonEmptyText("Ana", field: "forecaster"), probability: try Probability(0.6),
                                      madeOn: day("2025-11-01"))])
    }

    /// Ends every connection to `database` from the server's side, as an administrator or a
    /// crash would (pg_terminate_backend waits up to 5 s for each backend to end).
    func terminateConnections(to database: String) throws {
        try PostgresServer.admin("SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE datname = '\(database)' AND pid <> pg_backend_pid()")
    }

    @Test func historyRefusesUpdateDeleteAndTruncateEvenFromTheOwner() throws {
        let url = try PostgresServer.newDatabase()
        let store = try PostgresStore(url: url, mode: .createIfMissing)
        try store.add(sampleClaim("a1"), change: change("2026-01-01T00:00:00Z"))
        let session = try PostgresSession(PostgresURL(url))
        defer { session.close() }
        for sql in ["UPDATE claim_versions SET statement = 'rewritten'", "DELETE FROM forecasts", "TRUNCATE claims CASCADE",
                    "UPDATE log_batches SET count = count", "DELETE FROM claim_tags", "INSERT INTO log_origin VALUES ('claims.log/other')",
                    "INSERT INTO claim_versions SELECT claim_id, 3, recorded_at, author, reason, statement, claimant, said_on, source_id, quote, location, criteria, window_start, window_end, window_phrase, window_rule, confidence_words, stated_probability, notes, withdrawn, successor, prev_digest, repeat('b', 64) FROM claim_versions"] {
            #expect(throws: StoreError.self, "\(sql)") { try session.execute(.init(unsafeSQL: sql)) }
        }
        #expect(try store.verify().isClean)
        #expect(try store.state(ClaimID("a1"), at: now)?.current.content.statement.value == "Models will work on their own for a whole day.")
    }

    /// Every row names what exists, and versions and revisions follow one another, checked once
    /// per statement (0002_statement_checks): a row the checks refuse, alone or among many, is
    /// refused with its statement, even from the owner.
    @Test func aRowNamingNothingOrSkippingANumberIsRefused() throws {
        let url = try PostgresServer.newDatabase()
        let store = try PostgresStore(url: url, mode: .createIfMissing)
        try store.add(sampleClaim("a1"), change: change("2026-01-01T00:00:00Z"))
        try store.resolve(ClaimID("a1"), Resolution(outcome: .true, settledOn: day("2026-02-01")), change: change("2026-02-01T00:00:00Z"))
        let session = try PostgresSession(PostgresURL(url))
        defer { session.close() }
        let version = "claim_id, version, recorded_at, author, reason, statement, claimant, said_on, source_id, quote, location, criteria, window_start, window_end, window_phrase, window_rule, confidence_words, stated_probability, notes, withdrawn, successor, prev_digest, digest"
        let refused: [(String, String)] = [
            ("INSERT INTO claim_tags VALUES ('a1', 2, 'later')", "no version 2 of claim a1"),
            ("INSERT INTO claim_tags SELECT 'a1', 1, 'tag ' || g FROM generate_series(1, 50) g UNION ALL SELECT 'b9', 1, 'x'", "no version 1 of claim b9"),
            ("INSERT INTO claim_translations VALUES ('a1', 7, 'fr', 'Une journée entière.', NULL, NULL)", "no version 7 of claim a1"),
            ("INSERT INTO claim_words VALUES ('b9', 1, 'words')", "no version 1 of claim b9"),
            ("INSERT INTO forecasts SELECT id + 1, 'b9', forecaster, probability, made_on, note, recorded_at, author, reported_source FROM forecasts", "no claim b9"),
            ("INSERT INTO claim_versions SELECT \(version.replacingOccurrences(of: "claim_id,", with: "'b9',")) FROM claim_versions", "no claim b9"),
            ("INSERT INTO claim_versions SELECT \(version.replacingOccurrences(of: "version,", with: "2,").replacingOccurrences(of: "source_id,", with: "999,")) FROM claim_versions", "no source 999"),
            ("INSERT INTO claim_versions SELECT \(version.replacingOccurrences(of: "version,", with: "3,")) FROM claim_versions", "no version before 3"),
            ("INSERT INTO resolutions SELECT 'b9', revision, outcome, settled_on, evidence, note, recorded_at, author, prev_digest, digest FROM resolutions", "no claim b9"),
            ("INSERT INTO resolutions SELECT claim_id, 3, outcome, settled_on, evidence, note, recorded_at, author, prev_digest, digest FROM resolutions", "no revision before 3"),
            ("INSERT INTO claim_heads VALUES ('b9', 1, NULL)", "no claim b9"),
            ("INSERT INTO import_marks VALUES ('b9', decode(repeat('00', 16), 'hex'), 1, NULL, 0)", "no claim b9"),
            ("UPDATE import_marks SET claim_id = 'b9'", "no claim b9"),
            ("UPDATE claim_heads SET claim_id = 'b9'", "claim_heads is append-only"),
        ]
        try session.execute("INSERT INTO import_marks VALUES ('a1', decode(repeat('00', 16), 'hex'), 1, NULL, 0)")
        for (sql, message) in refused {
            do {
                try session.execute(.init(unsafeSQL: sql))
                Issue.record("accepted: \(sql)")
            } catch {
                #expect("\(error)".contains(message), "\(sql): \(error)")
            }
        }
        #expect(try session.rows("SELECT count(*)::int8 FROM claim_tags").first?.decode(Int.self) == 1)
        #expect(try store.verify().isClean)
        #expect(try store.history(ClaimID("a1")).versions.count == 1)
    }

    /// A database written under 0001_initial alone (row triggers and foreign keys) takes
    /// 0002_statement_checks on its next opening by the tables' owner (a writer is told to ask
    /// the owner), and goes on as before: the present, the chains and the log intact.
    @Test func aDatabaseFromBeforeTheStatementChecksMigratesAndGoesOn() throws {
        let url = try PostgresServer.newDatabase()
        let old = try PostgresStore(url: url, mode: .createIfMissing, migrations: Array(PostgresSchema.migrations.prefix(1)))
        try old.add(sampleClaim("a1"), change: change("2026-01-01T00:00:00Z"))
        _ = try old.sync(try (0..<30).map { try sampleClaim("m\($0)") }, change: change("2026-01-02T00:00:00Z"))
        try old.edit(ClaimID("a1"), ClaimChange(notes: .set("edited under 0001")), change: change("2026-01-03T00:00:00Z"))
        try old.resolve(ClaimID("m1"), Resolution(outcome: .false, settledOn: day("2026-01-04")), change: change("2026-01-04T00:00:00Z"))
        // A writer of roles.sql cannot apply the migration: told so, and the database is left as it was.
        let database = String(url[url.index(after: url.lastIndex(of: "/")!)...])
        let roles = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../schema/postgres/roles.sql"), encoding: .utf8)
        let owner = try PostgresSession(PostgresURL(url))
        try owner.execute(.init(unsafeSQL: "DO $roles$ BEGIN EXECUTE $sql$\(roles)$sql$; END $roles$"))
        owner.close()
        let suffix = database.suffix(8)
        try? PostgresServer.admin("CREATE ROLE m\(suffix) LOGIN PASSWORD 'writer' IN ROLE claims_writer")
        let host = try PostgresURL(url)
        let writerURL = "postgres://m\(suffix):writer@\(host.host):\(host.port)/\(database)"
        #expect(throws: StoreError.migrationNeedsOwner(path: try PostgresURL(writerURL).description, migrations: ["0002_statement_checks"],
                                                       reason: "must be owner of relation claim_versions")) {
            _ = try PostgresStore(url: writerURL, mode: .mustExist)
        }
        #expect(try old.history(ClaimID("a1")).versions.count == 2)

        let store = try PostgresStore(url: url, mode: .mustExist)
        try store.edit(ClaimID("a1"), ClaimChange(notes: .set("edited under 0002")), change: change("2026-01-05T00:00:00Z"))
        try store.resolve(ClaimID("m1"), Resolution(outcome: .true, settledOn: day("2026-01-06")), change: change("2026-01-06T00:00:00Z"))
        _ = try store.sync(try (30..<60).map { try sampleClaim("m\($0)") }, change: change("2026-01-07T00:00:00Z"))
        #expect(try store.state(ClaimID("a1"), at: now)?.current.content.notes == "edited under 0002")
        #expect(try store.state(ClaimID("a1"), at: now)?.current.info.version == 3)
        #expect(try store.state(ClaimID("m1"), at: now)?.resolution?.revision == 2)
        #expect(try store.count(ClaimFilter(), at: now) == 61)
        let report = try store.verify()
        #expect(report.isClean, "\(report)")
    }

    @Test func theWriterRoleMayOnlyInsertAndTheReaderOnlyRead() throws {
        let url = try PostgresServer.newDatabase()
        let store = try PostgresStore(url: url, mode: .createIfMissing)
        try store.add(sampleClaim("a1"), change: change("2026-01-01T00:00:00Z"))
        // roles.sql, as an administrator runs it; then two login roles, one in each.
        let database = String(url[url.index(after: url.lastIndex(of: "/")!)...])
        let roles = try String(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../schema/postgres/roles.sql"), encoding: .utf8)
        let owner = try PostgresSession(PostgresURL(url))
        try owner.execute(.init(unsafeSQL: "DO $roles$ BEGIN EXECUTE $sql$\(roles)$sql$; END $roles$"))
        let suffix = database.suffix(8)
        try? PostgresServer.admin("CREATE ROLE w\(suffix) LOGIN PASSWORD 'writer' IN ROLE claims_writer")
        try? PostgresServer.admin("CREATE ROLE r\(suffix) LOGIN PASSWORD 'reader' IN ROLE claims_reader")
        owner.close()
        let host = try PostgresURL(url)
        let writerURL = "postgres://w\(suffix):writer@\(host.host):\(host.port)/\(database)"
        let readerURL = "postgres://r\(suffix):reader@\(host.host):\(host.port)/\(database)"

        let writer = try PostgresStore(url: writerURL, mode: .mustExist)
        try writer.add(sampleClaim("b2"), change: change("2026-02-01T00:00:00Z"))
        try writer.edit(ClaimID("b2"), ClaimChange(statement: NonEmptyText("Models will work alone for a whole working day.", field: "statement")), change: change("2026-02-02T00:00:00Z"))
        try writer.resolve(ClaimID("a1"), Resolution(outcome: .true, settledOn: day("2026-02-03")), change: change("2026-02-03T00:00:00Z"))
        let writerSQL = try PostgresSession(PostgresURL(writerURL))
        defer { writerSQL.close() }
        for sql in ["UPDATE claim_versions SET statement = 'x'", "DELETE FROM claims", "TRUNCATE forecasts",
                    "UPDATE claim_heads SET version = 1", "ALTER TABLE claim_versions DISABLE TRIGGER ALL", "DROP TABLE import_marks"] {
            #expect(throws: StoreError.self, "\(sql)") { try writerSQL.execute(.init(unsafeSQL: sql)) }
        }
        let reader = try PostgresStore(url: readerURL, mode: .readOnly)
        #expect(try reader.list(ClaimFilter(), at: now).map(\.id.rawValue) == ["a1", "b2"])
        #expect(throws: StoreError.self) { try reader.add(sampleClaim("c3"), change: change("2026-03-01T00:00:00Z")) }
        #expect(try store.verify().isClean)
    }

    /// The same operations, with the same times, on SQLite and on PostgreSQL: the same log root,
    /// the same claims.
    @Test func theSameEventsGiveTheSameLogOnBothBackends() throws {
        let stores: [any ClaimStore] = [try newDatabase(), try PostgresStore(url: PostgresServer.newDatabase(), mode: .createIfMissing)]
        for store in stores {
            let source = try Source(key: "mad-podcast", kind: .podcast, title: "The MAD Podcast", people: ["Matt Turck"])
            var claim = try sampleClaim("a1")
            claim.content.source = source
            try store.add(claim, change: change("2026-01-01T00:00:00Z"))
            try store.add(sampleClaim("b2"), change: change("2026-01-01T00:00:01Z"))
            try store.edit(ClaimID("a1"), ClaimChange(criteria: .set("A public demonstration.")), change: change("2026-01-02T00:00:00Z"))
            try store.addForecast(ClaimID("b2"), Forecast(forecaster: NonEmptyText("Bo", field: "forecaster"), probability: Probability(0.25),
                                                          madeOn: day("2026-01-03")), change: change("2026-01-03T00:00:00Z"))
            try store.resolve(ClaimID("a1"), Resolution(outcome: .false, settledOn: day("2026-01-04"), evidence: ["https://example.org"]),
                              change: change("2026-01-04T00:00:00Z"))
            try store.resolve(ClaimID("a1"), Resolution(outcome: .partial, settledOn: day("2026-01-05")), change: change("2026-01-05T00:00:00Z"))
        }
        let heads = try stores.map { try $0.logHead() }
        #expect(heads[0].size == 8 && heads[1].size == 8)
        #expect(heads[0].root == heads[1].root)
        let reports = try stores.map { try $0.verify() }
        #expect(reports.allSatisfy { $0.isClean })
        #expect(reports[0].logRoot == reports[1].logRoot)
        #expect(try stores[0].allStates(at: now).map(\.digest) == stores[1].allStates(at: now).map(\.digest))
        let histories = try stores.map { try $0.history(ClaimID("a1")) }
        #expect(histories[0].versions == histories[1].versions)
        #expect(histories[0].resolutions == histories[1].resolutions)
        let proofs = try stores[1].inclusionProofs(ClaimID("a1"), treeSize: nil)
        for e in proofs.events {
            #expect(Merkle.verifyInclusion(index: e.seq, size: proofs.head.size, leaf: Merkle.leafHash(e.event), root: proofs.head.root, proof: e.proof))
        }
        let consistency = try stores[1].consistencyProof(from: 3)
        #expect(consistency.proof == (try stores[0].consistencyProof(from: 3).proof))
    }

    /// Rows go to PostgreSQL through COPY's text format (an import's batches) or an INSERT (one
    /// event's rows): values with COPY's special characters (backslashes, tabs, line breaks,
    /// `\N`, `\.`), other scripts, and every kind of column read back as written either way,
    /// with the same log as SQLite's.
    @Test(arguments: [1, 40])
    func textWithCopysSpecialCharactersReadsBackAsWritten(claims count: Int) throws {
        let awkward = "back\\slash \\N and \\. tab\there,\na new line,\r\na CRLF; 明年 🙂 \"quoted\""
        let stores: [any ClaimStore] = [try newDatabase(), try PostgresStore(url: PostgresServer.newDatabase(), mode: .createIfMissing)]
        for store in stores {
            let claims = try (0..<count).map { i in
                var claim = try sampleClaim(String(format: "a%03d", i))
                claim.content.statement = try NonEmptyText(awkward, field: "statement")
                claim.content.quote = awkward
                claim.content.criteria = "\\"
                claim.content.notes = "\t\\t"
                claim.content.setTags(["a\\b", "中文"])
                claim.content.setTranslations([try Translation(language: "zh", statement: "明年\t\\N", quote: "\n")])
                claim.content.source = try Source(key: "a-key", kind: .podcast, title: "a\\title\twith a tab", people: ["Ana \\ Bo"])
                return claim
            }
            if count == 1 {
                try store.add(claims[0], change: change("2026-01-01T00:00:00Z"))
            } else {
                _ = try store.sync(claims, change: change("2026-01-01T00:00:00Z"))
            }
            try store.edit(ClaimID("a000"), ClaimChange(criteria: .set("line one\nline two\\")), change: change("2026-01-02T00:00:00Z"))
        }
        for id in try [ClaimID("a000"), ClaimID(String(format: "a%03d", count - 1))] {
            let histories = try stores.map { try $0.history(id) }
            let first = try #require(histories[1].versions.first).content
            #expect(first.statement.value == awkward)
            #expect(first.quote == awkward)
            #expect(first.tags == ["a\\b", "中文"])
            #expect(first.translations.first?.statement == "明年\t\\N")
            #expect(first.source?.people == ["Ana \\ Bo"])
            #expect(histories[0].versions == histories[1].versions)
            #expect(histories[0].forecasts == histories[1].forecasts)
        }
        #expect(try stores[1].history(ClaimID("a000")).versions.last?.content.criteria == "line one\nline two\\")
        let reports = try stores.map { try $0.verify() }
        #expect(reports.allSatisfy { $0.isClean }, "\(reports)")
        #expect(reports[0].logRoot == reports[1].logRoot)
    }

    /// `--search` on PostgreSQL finds its candidates through the index of words (claim_words),
    /// then applies the rule: the same claims as SQLite's full-text index for words, prefixes,
    /// phrases, folded case and diacritics, text without spaces, an absent word, a version edited
    /// since, a moment in the past, and a word too long for the index; by both paths a search
    /// with a limit may take.
    @Test func searchFindsTheSameClaimsAsOnSQLite() throws {
        let long = String(repeating: "x", count: 1500)
        let texts = ["Models will work on their own for a whole day.", "Le café sera autonome en 2027.",
                     "A CAFE near the station; whole-day autonomy", "明年模型将能独立工作一整天。",
                     "Robots fold laundry by 2030", "The whole model works (day one)", "Token \(long) here",
                     "Working models, all day long"]
        let postgres = try PostgresStore(url: PostgresServer.newDatabase(), mode: .createIfMissing)
        let stores: [any ClaimStore] = [try newDatabase(), postgres]
        for store in stores {
            let claims = try texts.enumerated().map { i, text in
                NewClaim(id: try ClaimID("s\(i)"), content: content(text, windowEnd: "2027-06-30", probability: 0.5))
            }
            _ = try store.sync(Array(claims.prefix(4)), change: change("2026-01-01T00:00:00Z"))
            for claim in claims.dropFirst(4) { try store.add(claim, change: change("2026-01-02T00:00:00Z")) }
            try store.edit(ClaimID("s4"), ClaimChange(statement: NonEmptyText("Robots cook dinner by 2030", field: "statement")),
                           change: change("2026-01-03T00:00:00Z"))
        }
        let queries = ["whole", "WHOLE day", "cafe", "café", "caf*", "mod*", "\"whole day\"", "模型", "zebra", "laundry",
                       "cook", "work*", "\(long)", "x*", "2027", "day mod* \"their own\""]
        for query in queries {
            for point in [now, ReadPoint(asOf: try Timestamp(parsing: "2026-01-02T12:00:00Z"), today: day("2026-11-23"))] {
                for limit in [nil, 1, 2] {
                    // With a limit, a word in one version or more is "common": claims are tested
                    // in order (PostgresListing.WordPath.inOrder), and then found through the index.
                    for common in [1, 2000] {
                        postgres.commonWordVersions = common
                        let found = try stores.map { try $0.list(ClaimFilter(text: query, limit: limit), at: point).map(\.id.rawValue) }
                        #expect(found[0] == found[1], "\(query) at \(point) limit \(String(describing: limit)), common from \(common)")
                    }
                }
            }
        }
        #expect(try stores[1].list(ClaimFilter(text: "laundry"), at: now).isEmpty)
        #expect(try stores[1].list(ClaimFilter(text: "\(long)"), at: now).map(\.id.rawValue) == ["s6"])
        #expect(try stores[1].list(ClaimFilter(text: "caf*"), at: now).map(\.id.rawValue).sorted() == ["s1", "s2"])
    }

    /// A listing without a limit streams its rows from one execution: stopped part way (its
    /// reader threw), the rows left are read past and the connection serves the next query; a
    /// query sent while rows stream is refused, not left waiting for them.
    @Test func aStreamedListingStoppedPartWayLeavesTheConnectionUsable() throws {
        let store = try PostgresStore(url: PostgresServer.newDatabase(), mode: .createIfMissing)
        let claims = try (0..<2500).map { i in
            NewClaim(id: try ClaimID(String(format: "c%04d", i)), content: content("Claim \(i)", windowEnd: "2026-06-30"))
        }
        _ = try store.sync(claims, change: change("2026-01-01T00:00:00Z"))
        struct Enough: Error {}
        var seen = 0
        #expect(throws: Enough.self) {
            try store.eachLine(ClaimFilter(), at: now, order: .id) { _ in
                seen += 1
                if seen == 1500 { throw Enough() }
            }
        }
        #expect(seen == 1500)
        #expect(try store.count(ClaimFilter(), at: now) == 2500)
        var lines: [String] = []
        try store.eachLine(ClaimFilter(), at: now, order: .id) { lines.append($0.id.rawValue) }
        #expect(lines == claims.compactMap { $0.id?.rawValue })
        #expect(throws: StoreError.self) {
            try store.eachLine(ClaimFilter(), at: now, order: .id) { _ in _ = try store.matchID("c0001") }
        }
        #expect(try store.matchID("c0001").rawValue == "c0001")
    }

    /// A stream stopped while the server is still sending (more rows than PostgresNIO buffers),
    /// and one the server ends with an error part way: each surfaces as its own error, the
    /// transaction rolls back, and the connection serves the next query.
    @Test func aLongStreamStoppedOrFailedPartWayLeavesTheConnectionUsable() throws {
        let store = try PostgresStore(url: PostgresServer.newDatabase(), mode: .createIfMissing)
        struct Enough: Error {}
        var seen = 0
        #expect(throws: Enough.self) {
            try store.read {
                try store.session.stream("SELECT g, repeat('x', 100) FROM generate_series(1, 100000) g") { _ in
                    seen += 1
                    if seen == 1500 { throw Enough() }
                }
            }
        }
        #expect(seen == 1500)
        #expect(try store.session.rows("SELECT 41 + 1").first?.decode(Int.self) == 42)
        seen = 0
        do {
            try store.read {
                try store.session.stream("SELECT 1 / (g - 50000) FROM generate_series(1, 100000) g") { _ in seen += 1 }
            }
            Issue.record("a division by zero on row 50,000 went unreported")
        } catch let error as StoreError {
            #expect(error.localizedDescription.contains("division by zero"), "\(error.localizedDescription)")
        }
        #expect(seen < 50_000)
        var total = 0
        try store.read { try store.session.stream("SELECT g FROM generate_series(1, 2500) g") { _ in total += 1 } }
        #expect(total == 2500)
    }

    /// `verify` reads each version's words as the program does and compares them with the index
    /// of words: a version indexed otherwise (here rewritten by the owner, triggers disabled)
    /// is reported, since a search could miss it.
    @Test func verifyReportsAVersionTheIndexOfWordsHoldsOtherwise() throws {
        let url = try PostgresServer.newDatabase()
        let store = try PostgresStore(url: url, mode: .createIfMissing)
        try store.add(sampleClaim("a1"), change: change("2026-01-01T00:00:00Z"))
        try store.add(sampleClaim("b2"), change: change("2026-01-01T00:00:00Z"))
        #expect(try store.verify().isClean)
        let owner = try PostgresSession(PostgresURL(url))
        defer { owner.close() }
        try owner.pastTrigger("claim_words_refuse_change", on: "claim_words", "UPDATE claim_words SET words = 'models whole' WHERE claim_id = 'a1'")
        #expect(try store.verify().breaks.map(\.description)
                == ["a1 version 1: its words in the index of words (claim_words) are not those of its text, so --search may miss it"])
    }

    /// `verify` reads claims a thousand at a time and log events a batch at a time: a version and
    /// a resolution rewritten past the triggers, in two different thousands, are both found, in
    /// their chains and in the log.
    @Test func verifyFindsRewrittenHistoryInEveryChunk() throws {
        let url = try PostgresServer.newDatabase()
        let store = try PostgresStore(url: url, mode: .createIfMissing)
        _ = try store.sync(try (0..<1005).map { try sampleClaim(String(format: "c%04d", $0)) }, change: change("2026-01-01T00:00:00Z"))
        try store.resolve(ClaimID("c1003"), Resolution(outcome: .true, settledOn: day("2026-02-01")), change: change("2026-02-01T00:00:00Z"))
        let clean = try store.verify()
        #expect(clean.isClean && clean.claims == 1005 && clean.events == 1005 + 1, "\(clean)")
        let owner = try PostgresSession(PostgresURL(url))
        defer { owner.close() }
        try owner.pastTrigger("claim_versions_refuse_change", on: "claim_versions", "UPDATE claim_versions SET stated_probability = 0.99 WHERE claim_id = 'c0000'")
        try owner.pastTrigger("resolutions_refuse_change", on: "resolutions", "UPDATE resolutions SET outcome = 'false' WHERE claim_id = 'c1003'")
        let report = try store.verify()
        let problems = report.breaks.map(\.description)
        #expect(problems.contains("c0000 version 1: its digest does not match its content: it was changed after it was recorded"), "\(problems)")
        #expect(problems.contains("c1003 resolution 1: its digest does not match its content: it was changed after it was recorded"), "\(problems)")
        #expect(report.log.count >= 2, "\(report.log)")
        #expect(report.claims == 1005)
    }

    /// A log entry naming an unknown kind names no event, even when its kind and claim written
    /// end to end spell another entry's ("versiona" of "bc" against "version" of "abc").
    @Test func verifyReportsALogEntryOfAnUnknownKind() throws {
        let url = try PostgresServer.newDatabase()
        let store = try PostgresStore(url: url, mode: .createIfMissing)
        // One batch of the log: abc's version, then bc's.
        _ = try store.sync([try sampleClaim("abc"), try sampleClaim("bc")], change: change("2026-01-01T00:00:00Z"))
        #expect(try store.verify().isClean)
        let owner = try PostgresSession(PostgresURL(url))
        defer { owner.close() }
        // bc's entry renamed, with abc's leaf in its place.
        try owner.pastTrigger("log_batches_refuse_change", on: "log_batches", #"""
            UPDATE log_batches SET events = replace(events, '"version","bc"', '"versiona","bc"'),
                leaves = substring(leaves from 1 for 32) || substring(leaves from 1 for 32) || substring(leaves from 65)
            WHERE first_seq = 0
            """#)
        let log = try store.verify().log
        #expect(log.contains { $0.contains("versiona") }, "\(log)")
    }

    /// The owner can disable the statement checks; `verify` checks the whole database for what
    /// they refuse: rows naming nothing, numbers with gaps.
    @Test func verifyReportsRowsNamingNothingAndGapsWrittenPastDisabledChecks() throws {
        let url = try PostgresServer.newDatabase()
        let store = try PostgresStore(url: url, mode: .createIfMissing)
        try store.add(sampleClaim("a1"), change: change("2026-01-01T00:00:00Z"))
        let owner = try PostgresSession(PostgresURL(url))
        defer { owner.close() }
        try owner.pastTrigger("claim_tags_checked", on: "claim_tags", "INSERT INTO claim_tags VALUES ('zz', 1, 'orphan')")
        try owner.pastTrigger("resolutions_checked", on: "resolutions", "INSERT INTO resolutions VALUES ('a1', 2, 'true', '2026-02-01', '[]', NULL, '2026-02-01T00:00:00.000Z', 'x', '', repeat('c', 64))")
        let problems = try store.verify().breaks.map(\.description)
        #expect(problems.contains("zz: a row of claim_tags names a claim, version or source that does not exist"), "\(problems)")
        #expect(problems.contains("a1: its resolution revisions are not numbered 1, 2, 3 … without a gap"), "\(problems)")
    }

    /// Writes are sent without waiting; one the database refuses is still reported, by a dry run
    /// too (which rolls back), and nothing is kept.
    @Test(arguments: [false, true])
    func aWriteTheDatabaseRefusesIsReported(dryRun: Bool) throws {
        let url = try PostgresServer.newDatabase()
        let store = try PostgresStore(url: url, mode: .createIfMissing)
        let owner = try PostgresSession(PostgresURL(url))
        defer { owner.close() }
        // A rule the program does not know of: the database alone refuses these rows.
        try owner.execute("""
            CREATE FUNCTION refuse_forbidden() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN IF NEW.tag = 'forbidden' THEN RAISE EXCEPTION 'no forbidden tags' USING ERRCODE = 'check_violation'; END IF; RETURN NEW; END $$
            """)
        try owner.execute("CREATE TRIGGER refuse_forbidden BEFORE INSERT ON claim_tags FOR EACH ROW EXECUTE FUNCTION refuse_forbidden()")
        let claims = try (0..<40).map { i in
            NewClaim(id: try ClaimID(String(format: "f%03d", i)), content: content("Claim \(i)", windowEnd: "2027-01-01", tags: i == 39 ? ["forbidden"] : ["fine"]))
        }
        #expect(throws: StoreError.rejected("no forbidden tags")) { _ = try store.sync(claims, change: change("2026-01-01T00:00:00Z"), dryRun: dryRun) }
        #expect(try store.list(ClaimFilter(), at: now).isEmpty)
        #expect(try store.logHead().size == 0)
    }

    /// Eight writers on eight connections at once, each editing and forecasting on the same claims:
    /// versions and forecasts numbered without a gap or a repeat, every chain and the log intact.
    @Test func eightWritersAtOnceNeverSkipOrRepeatAVersion() throws {
        let url = try PostgresServer.newDatabase()
        let store = try PostgresStore(url: url, mode: .createIfMissing)
        try store.add(sampleClaim("shared"), change: change("2026-01-01T00:00:00Z"))
        let failures = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: 8) { writer in
            do {
                let own = try PostgresStore(url: url, mode: .mustExist)
                for i in 0..<10 {
                    try own.edit(ClaimID("shared"), ClaimChange(notes: .set("writer \(writer), edit \(i)")), change: change("2026-01-02T00:00:00Z"))
                    try own.addForecast(ClaimID("shared"), Forecast(forecaster: NonEmptyText("w\(writer)", field: "forecaster"),
                                                                    probability: Probability(0.5), madeOn: day("2026-01-02")),
                                        change: change("2026-01-02T00:00:00Z"))
                    try own.add(NewClaim(id: ClaimID("w\(writer)-\(i)"), content: content("Claim \(i) of writer \(writer).")),
                                change: change("2026-01-02T00:00:00Z"))
                }
            } catch {
                failures.withLock { $0 += 1 }
            }
        }
        #expect(failures.withLock { $0 } == 0)
        let history = try store.history(ClaimID("shared"))
        #expect(history.versions.map(\.info.version) == Array(1...81))
        #expect(history.forecasts.count == 81)
        #expect(try store.count(ClaimFilter(), at: now) == 81)
        let report = try store.verify()
        #expect(report.isClean, "\(report.breaks) \(report.log)")
        #expect(report.logSize == 1 + 1 + 80 * 3)
    }

    @Test func anUnreachableServerAWrongPasswordAndAMissingDatabaseAreClearErrors() throws {
        let admin = try PostgresURL(#require(PostgresServer.adminURL))
        // A port nothing listens on.
        let closed = "postgres://postgres@127.0.0.1:1/claims"
        #expect { try PostgresStore(url: closed, mode: .createIfMissing) } throws: { error in
            guard case StoreError.cannotConnect(_, let reason) = error else { return false }
            return reason.contains("check that the server runs")
        }
        let wrong = "postgres://\(admin.user):not-the-password@\(admin.host):\(admin.port)/\(admin.database)"
        #expect { try PostgresStore(url: wrong, mode: .createIfMissing) } throws: { error in
            guard case StoreError.cannotConnect(let url, let reason) = error else { return false }
            return reason.contains("password") && !url.contains("not-the-password")
        }
        let missing = "postgres://\(admin.user):\(admin.password ?? "")@\(admin.host):\(admin.port)/no_such_database"
        #expect { try PostgresStore(url: missing, mode: .createIfMissing) } throws: { error in
            guard case StoreError.cannotConnect(_, let reason) = error else { return false }
            return reason.contains("createdb")
        }
        #expect(throws: StoreError.self) { try PostgresURL("postgres://host/db?sslmode=sometimes") }
        #expect(throws: StoreError.self) { try PostgresURL("postgres://host") }
    }

    @Test func anotherApplicationsDatabaseAndANewerSchemaAreRefusedUntouched() throws {
        let foreign = try PostgresServer.newDatabase()
        let session = try PostgresSession(PostgresURL(foreign))
        try session.execute("CREATE TABLE invoices (id int)")
        #expect(throws: StoreError.notAClaimsDatabase(path: try PostgresURL(foreign).description)) {
            try PostgresStore(url: foreign, mode: .createIfMissing)
        }
        #expect(try session.rows("SELECT count(*)::int8 FROM pg_tables WHERE schemaname = 'public'").first?.decode(Int.self) == 1)
        session.close()

        let newer = try PostgresServer.newDatabase()
        _ = try PostgresStore(url: newer, mode: .createIfMissing)
        let s2 = try PostgresSession(PostgresURL(newer))
        try s2.execute("INSERT INTO claims_migrations (identifier) VALUES ('9999_from_the_future')")
        s2.close()
        #expect(throws: StoreError.newerSchema(path: try PostgresURL(newer).description, unknownMigrations: ["9999_from_the_future"])) {
            try PostgresStore(url: newer, mode: .readOnly)
        }
    }

    /// The server ends the connection in the middle of an import: the transaction is rolled back,
    /// the error says so, and the database holds what it held before.
    @Test func aConnectionKilledInTheMiddleOfAnImportWritesNothing() throws {
        let url = try PostgresServer.newDatabase()
        let store = try PostgresStore(url: url, mode: .createIfMissing)
        try store.add(sampleClaim("before"), change: change("2026-01-01T00:00:00Z"))
        let database = try PostgresURL(url).database
        var parts = 0
        #expect(throws: StoreError.connectionLost(url: try PostgresURL(url).description)) {
            try store.sync(dryRun: false, expectedClaims: nil, reading: {
                parts += 1
                if parts == 3 {
                    try terminateConnections(to: database)
                }
                guard parts <= 5 else { return nil }
                return ImportPart(claims: try (0..<50).map { try sampleClaim("p\(parts)-\($0)") }, change: change("2026-01-02T00:00:00Z"))
            }, outcomes: { _ in })
        }
        let fresh = try PostgresStore(url: url, mode: .mustExist)
        #expect(try fresh.count(ClaimFilter(), at: now) == 1)
        #expect(try fresh.logHead().size == 2)
        #expect(try fresh.verify().isClean)
    }

    /// A connection killed while rows stream (more than PostgresNIO and the socket hold): the
    /// lost connection, not a hang or a crash, and a new connection reads on.
    @Test func aConnectionKilledWhileRowsStreamIsALostConnection() throws {
        let url = try PostgresServer.newDatabase()
        let store = try PostgresStore(url: url, mode: .createIfMissing)
        try store.add(sampleClaim("before"), change: change("2026-01-01T00:00:00Z"))
        let database = try PostgresURL(url).database
        var seen = 0
        #expect(throws: StoreError.connectionLost(url: try PostgresURL(url).description)) {
            try store.read {
                try store.session.stream("SELECT g, repeat('x', 100) FROM generate_series(1, 1000000) g") { _ in
                    seen += 1
                    if seen == 10 {
                        try terminateConnections(to: database)
                    }
                }
            }
        }
        #expect(seen < 1_000_000)
        #expect(try PostgresStore(url: url, mode: .mustExist).count(ClaimFilter(), at: now) == 1)
    }

    /// sslmode=require encrypts the connection (the test cluster has a self-signed certificate);
    /// verify-full checks the certificate, and refuses a self-signed one; disable does not encrypt.
    @Test func tlsIsUsedWhenTheURLAsksForIt() throws {
        let url = try PostgresServer.newDatabase()
        func encrypted(_ store: PostgresStore) throws -> Bool? {
            try store.session.rows("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").first?.decode(Bool.self)
        }
        let secure = try PostgresStore(url: url + "?sslmode=require", mode: .createIfMissing)
        #expect(try encrypted(secure) == true)
        let plain = try PostgresStore(url: url + "?sslmode=disable", mode: .mustExist)
        #expect(try encrypted(plain) == false)
        #expect { try PostgresStore(url: url + "?sslmode=verify-full", mode: .mustExist) } throws: { error in
            guard case StoreError.cannotConnect = error else { return false }
            return true
        }
    }
}

extension PostgresSession {
    /// Runs `sql` with `trigger` on `table` disabled, as the tables' owner may: how the tests
    /// write what the schema refuses, for `verify` to find.
    func pastTrigger(_ trigger: String, on table: String, _ sql: String) throws {
        try execute(PostgresQuery(unsafeSQL: "ALTER TABLE \(table) DISABLE TRIGGER \(trigger)"))
        try execute(PostgresQuery(unsafeSQL: sql))
        try execute(PostgresQuery(unsafeSQL: "ALTER TABLE \(table) ENABLE TRIGGER \(trigger)"))
    }
}
