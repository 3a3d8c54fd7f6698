import ClaimsCore
import Foundation
import Logging
import PostgresNIO

/// Where a PostgreSQL database is: `postgres://user:password@host:port/dbname?sslmode=…`, as
/// libpq reads it (also `postgresql://`). A password not in the URL is taken from PGPASSWORD.
/// `sslmode`: `disable`, `prefer` (the default: TLS when the server offers it), `require` (TLS
/// or fail, the certificate unchecked, as libpq does), `verify-full` (TLS, certificate and host
/// name checked).
public struct PostgresURL: Sendable, Equatable, CustomStringConvertible {
    public enum TLSMode: String, Sendable, CaseIterable { case disable, prefer, require, verifyFull = "verify-full" }

    public let host: String
    public let port: Int
    public let user: String
    public let password: String?
    public let database: String
    public let tls: TLSMode

    /// Whether `text` names a PostgreSQL database rather than a file.
    public static func isPostgres(_ text: String) -> Bool {
        text.hasPrefix("postgres://") || text.hasPrefix("postgresql://")
    }

    public init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        func refuse(_ why: String) -> StoreError { .badURL(url: Self.redacted(text), reason: why) }
        guard Self.isPostgres(text), let components = URLComponents(string: text) else {
            throw refuse("it is not a URL of the form postgres://user@host:port/dbname")
        }
        guard let host = components.host, !host.isEmpty else { throw refuse("it names no host") }
        self.host = host
        port = components.port ?? 5432
        guard (1...65535).contains(port) else { throw refuse("the port must be between 1 and 65535") }
        user = components.user.flatMap { $0.removingPercentEncoding } ?? environment["PGUSER"] ?? environment["USER"] ?? "postgres"
        password = components.password.flatMap { $0.removingPercentEncoding } ?? environment["PGPASSWORD"]
        let path = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        guard let database = path.removingPercentEncoding, !database.isEmpty, !database.contains("/") else {
            throw refuse("it names no database: end it with /dbname")
        }
        self.database = database
        var tls = TLSMode.prefer
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let mode = item.value.flatMap(TLSMode.init(rawValue:)) else {
                    throw refuse("sslmode must be one of \(TLSMode.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                tls = mode
            case "application_name", "connect_timeout":
                continue
            default:
                throw refuse("the parameter '\(item.name)' is not understood (sslmode is)")
            }
        }
        self.tls = tls
    }

    /// The URL without its password, for messages.
    public var description: String { "postgres://\(user)@\(host):\(port)/\(database)" }

    static func redacted(_ text: String) -> String {
        guard var c = URLComponents(string: text) else { return "the PostgreSQL URL" }
        if c.password != nil { c.password = "***" }
        return c.string ?? "the PostgreSQL URL"
    }
}

/// One connection to PostgreSQL, used synchronously: the commands are synchronous, and each
/// query waits for its answer on the calling thread (never on one of NIO's). Owns the
/// connection; `close()` ends it.
final class PostgresSession: @unchecked Sendable {
    let url: PostgresURL
    private let connection: PostgresConnection
    private let logger: Logger
    /// Serializes use of the connection by the store's callers.
    private let lock = NSRecursiveLock()
    /// The writes sent and perhaps not yet finished.
    private let inFlight = PostgresWritesInFlight()
    /// The connection's own event loop (one thread): `stream` holds it while its reader is
    /// behind, which must stall no other connection. Made just before the connection, and shut
    /// down with it.
    private let loop: MultiThreadedEventLoopGroup

    init(_ url: PostgresURL, connectTimeout: Double = 10) throws {
        self.url = url
        var logger = Logger(label: "claims.postgres")
        logger.logLevel = .critical
        self.logger = logger
        let tls: PostgresConnection.Configuration.TLS
        do {
            switch url.tls {
            case .disable: tls = .disable
            case .prefer, .require:
                var configuration = TLSConfiguration.makeClientConfiguration()
                configuration.certificateVerification = .none
                let context = try NIOSSLContext(configuration: configuration)
                tls = url.tls == .prefer ? .prefer(context) : .require(context)
            case .verifyFull:
                tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
        } catch {
            throw StoreError.cannotConnect(url: url.description, reason: "TLS could not be set up (\(error))")
        }
        var configuration = PostgresConnection.Configuration(host: url.host, port: url.port, username: url.user,
                                                             password: url.password, database: url.database, tls: tls)
        configuration.options.connectTimeout = .milliseconds(Int64(connectTimeout * 1000))
        let loop = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        self.loop = loop
        do {
            connection = try PostgresConnection.connect(on: loop.next(), configuration: configuration, id: 1, logger: logger).wait()
        } catch {
            try? loop.syncShutdownGracefully()
            throw Self.connectError(error, url: url)
        }
    }

    deinit {
        inFlight.discard()
        try? connection.close().wait()
        try? loop.syncShutdownGracefully()
    }

    /// Ends the connection; not while rows stream (their reader holds the connection's loop).
    func close() {
        guard !streaming else { return }
        inFlight.discard()
        try? connection.close().wait()
    }

    /// Sends rows to `table` with COPY (`data` in COPY's text format), without waiting for the
    /// server: the next query waits for it, and throws its error.
    func copy(_ data: ByteBuffer, into table: String, columns: [String]) throws {
        lock.lock()
        defer { lock.unlock() }
        guard !connection.isClosed else { throw StoreError.connectionLost(url: url.description) }
        try send { connection, logger in
            try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in
                try await writer.write(data)
            }
        }
    }

    /// Sends `query`, whose rows are not needed, without waiting for the server (as `copy`).
    func executeLater(_ query: PostgresQuery) throws {
        lock.lock()
        defer { lock.unlock() }
        guard !connection.isClosed else { throw StoreError.connectionLost(url: url.description) }
        try send { connection, logger in
            _ = try await connection.query(query, logger: logger).get()
        }
    }

    private func send(_ work: @escaping @Sendable (PostgresConnection, Logger) async throws -> Void) throws {
        try refuseWhileStreaming()
        do {
            try inFlight.send(on: connection, logger: logger, work)
        } catch {
            throw Self.queryError(error, url: url)
        }
    }

    /// Waits for the writes sent; throws the first one's error. Every query does so first; a
    /// caller that must know they went through without reading anything (a dry run, before it
    /// rolls back) calls it itself.
    func waitForWrites() throws {
        do {
            try inFlight.finish()
        } catch {
            throw Self.queryError(error, url: url)
        }
    }

    /// Runs `query` and returns its rows (for the few rows a query here returns: streams go
    /// through `cursor`).
    @discardableResult
    func rows(_ query: PostgresQuery) throws -> [PostgresRow] {
        lock.lock()
        defer { lock.unlock() }
        try refuseWhileStreaming()
        // Every write sent comes first.
        try waitForWrites()
        // A connection the server has closed takes no more queries.
        guard !connection.isClosed else { throw StoreError.connectionLost(url: url.description) }
        do {
            return Array(try connection.query(query, logger: logger).wait())
        } catch {
            throw Self.queryError(error, url: url)
        }
    }

    func execute(_ query: PostgresQuery) throws { try rows(query) }

    /// Runs `body` in one transaction (ISOLATION `level`), committed if it returns, rolled back if
    /// it throws.
    func transaction<T>(_ level: String = "READ COMMITTED", readOnly: Bool = false, _ body: () throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        try execute(PostgresQuery(unsafeSQL: "BEGIN ISOLATION LEVEL \(level)\(readOnly ? " READ ONLY" : "")"))
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            // The writes sent are waited for (their errors come after the one thrown here).
            inFlight.discard()
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Streams the rows of `query`, a batch at a time through a cursor, inside a transaction
    /// (which the caller opens): flat memory whatever the number of rows.
    /// `firstRowsSoon`: whether PostgreSQL should plan for the first rows (a listing with a
    /// limit) rather than for all of them (its default for cursors is the first tenth).
    /// `enough`: asked after each batch; true stops the reading (a listing that reached its
    /// limit).
    func cursor(_ query: PostgresQuery, batch: Int = 2000, firstRowsSoon: Bool = false, enough: () -> Bool = { false },
                _ body: (PostgresRow) throws -> Void) throws {
        lock.lock()
        defer { lock.unlock() }
        try execute(PostgresQuery(unsafeSQL: "SET LOCAL cursor_tuple_fraction = \(firstRowsSoon ? "0.1" : "1.0")"))
        // A plan for the first rows is costed for all of them: PostgreSQL would compile it to
        // machine code (JIT) first, which took 0.4 s for a listing that then ran in 13 ms.
        // Otherwise the server's own setting.
        try execute(PostgresQuery(unsafeSQL: firstRowsSoon ? "SET LOCAL jit = off" : "RESET jit"))
        let name = "claims_cursor_\(UInt32.random(in: 0 ... .max))"
        var declare = PostgresQuery(unsafeSQL: "DECLARE \(name) NO SCROLL CURSOR FOR " + query.sql)
        declare.binds = query.binds
        try execute(declare)
        while true {
            let rows = try rows(PostgresQuery(unsafeSQL: "FETCH \(batch) FROM \(name)"))
            for row in rows { try body(row) }
            if rows.count < batch || enough() { break }
        }
        try execute(PostgresQuery(unsafeSQL: "CLOSE \(name)"))
    }

    /// Streams the rows of `query` as the server sends them, in one execution (PostgreSQL may
    /// then run it with parallel workers, which it never does for a cursor): the connection
    /// hands each row to a queue of a few thousand (`PostgresRowQueue`), and waits while the
    /// queue is full, so memory stays flat; `body` takes them a thousand at a time.
    /// `body` must not use the session: another query would wait behind this one's rows.
    ///
    /// Not PostgresNIO's `async` row sequence, whose own waiting for demand is the way to flat
    /// memory: PostgresNIO 1.33 stops the process (a precondition, RowStreamStateMachine) when
    /// the connection closes while that sequence waits for its reader. Rows handed over one by
    /// one as they come never leave it waiting.
    func stream(_ query: PostgresQuery, batch: Int = 1000, _ body: (PostgresRow) throws -> Void) throws {
        lock.lock()
        defer { lock.unlock() }
        try refuseWhileStreaming()
        try waitForWrites()
        guard !connection.isClosed else { throw StoreError.connectionLost(url: url.description) }
        let queue = PostgresRowQueue(batch: batch, capacity: 4 * batch)
        // Started on the connection's loop, so that the rows' reader is attached before any row
        // can come (from another thread it is attached a moment later, when PostgresNIO could
        // be left holding rows and waiting for demand).
        let connection = connection, logger = logger
        connection.eventLoop.flatSubmit {
            connection.query(query, logger: logger) { row in try queue.put(row) }
        }.whenComplete { result in
            queue.finish(result.map { _ in })
        }
        streaming = true
        // An error of `body` stops the query: the rows left are read past (no cancel request is
        // sent: the next query, a ROLLBACK, waits until the server has sent them all), and the
        // connection serves the next query.
        defer {
            queue.stop()
            streaming = false
        }
        while true {
            let rows: [PostgresRow]
            do {
                rows = try queue.take()
            } catch {
                throw Self.queryError(error, url: url)
            }
            if rows.isEmpty { return }
            for row in rows { try body(row) }
        }
    }

    /// Whether a query's rows are being streamed (`stream`): no other query may be sent.
    private var streaming = false

    /// Anything sent while a query's rows stream would wait for them forever.
    private func refuseWhileStreaming() throws {
        guard !streaming else { throw StoreError.postgres("a query was sent while another query's rows were being read") }
    }

    // MARK: Errors

    static func connectError(_ error: any Error, url: PostgresURL) -> StoreError {
        if let e = error as? PSQLError {
            if let info = e.serverInfo {
                let state = info[.sqlState] ?? ""
                let message = info[.message] ?? "\(e.code)"
                switch state {
                case "28P01", "28000":
                    return .cannotConnect(url: url.description, reason: "the server refused the user or password (\(message)); check the URL's user and password, or PGPASSWORD")
                case "3D000":
                    return .cannotConnect(url: url.description, reason: "\(message); create it first (createdb \(url.database))")
                default:
                    return .cannotConnect(url: url.description, reason: message)
                }
            }
            if e.code == .authMechanismRequiresPassword {
                return .cannotConnect(url: url.description, reason: "the server asks for a password: put it in the URL or in PGPASSWORD")
            }
            if e.code == .sslUnsupported {
                return .cannotConnect(url: url.description, reason: "the URL asks for TLS (sslmode=\(url.tls.rawValue)) and the server does not offer it")
            }
            let underlying = e.underlying.map { "\($0)" } ?? "\(e.code)"
            return .cannotConnect(url: url.description, reason: "no connection (\(underlying)); check that the server runs and listens on \(url.host):\(url.port)")
        }
        return .cannotConnect(url: url.description, reason: "no connection (\(error)); check that the server runs and listens on \(url.host):\(url.port)")
    }

    static func queryError(_ error: any Error, url: PostgresURL) -> StoreError {
        if let e = error as? PSQLError {
            if let info = e.serverInfo {
                let message = info[.message] ?? "\(e.code)"
                let state = info[.sqlState] ?? ""
                if state.hasPrefix("23") { return .rejected(message) }
                // The server ended the connection (an administrator, a shutdown or a crash), or
                // the connection failed: a write sent without waiting hears it first.
                if state.hasPrefix("08") || state == "57P01" || state == "57P02" || state == "57P03" {
                    return .connectionLost(url: url.description)
                }
                if state == "42501" { return .notPermitted(message) }
                if state == "40001" || state == "40P01" { return .serializationFailure(message) }
                return .postgres(message)
            }
            if e.code == .serverClosedConnection || e.code == .clientClosedConnection || e.code == .connectionError || e.code == .uncleanShutdown {
                return .connectionLost(url: url.description)
            }
            return .postgres("\(e.code)")
        }
        // PostgresNIO's older error type, which some paths (COPY's) still throw.
        if let e = error as? PostgresError, case .connectionClosed = e { return .connectionLost(url: url.description) }
        return .postgres("\(error)")
    }
}

/// The rows of one query on their way from the connection's event loop, which puts them as
/// they come, to a synchronous reader, which takes them `batch` at a time. At most `capacity`
/// wait: a put waits for room (holding the connection's own loop, so that it reads no further),
/// until the reader takes rows or stops, when the put throws and PostgresNIO ends the query.
/// Rows taken are dropped once `capacity` of them have been: at most twice that are held.
final class PostgresRowQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var rows: [PostgresRow] = []
    private var next = 0
    private var end: Result<Void, any Error>?
    private var stopped = false
    private let batch: Int
    private let capacity: Int

    struct Stopped: Error {}

    init(batch: Int, capacity: Int) {
        self.batch = batch
        self.capacity = max(batch, capacity)
    }

    private var waiting: Int { rows.count - next }

    /// From the event loop: a row, once there is room for it.
    func put(_ row: PostgresRow) throws {
        condition.lock()
        defer { condition.unlock() }
        while waiting >= capacity && !stopped { condition.wait() }
        if stopped { throw Stopped() }
        rows.append(row)
        // The reader waits for a whole batch (or the end).
        if waiting == batch { condition.broadcast() }
    }

    /// From the event loop: the query ended, or failed.
    func finish(_ result: Result<Void, any Error>) {
        condition.lock()
        if end == nil { end = result }
        condition.broadcast()
        condition.unlock()
    }

    /// The next `batch` rows, fewer at the end, none after it; waits for them. Throws the
    /// query's error once the rows before it are taken.
    func take() throws -> [PostgresRow] {
        condition.lock()
        defer { condition.unlock() }
        while waiting < batch && end == nil { condition.wait() }
        if waiting > 0 {
            let full = waiting >= capacity
            let taken = Array(rows[next..<min(rows.count, next + batch)])
            next += taken.count
            if next >= capacity {
                rows.removeFirst(next)
                next = 0
            }
            // A put may be waiting for room.
            if full { condition.broadcast() }
            return taken
        }
        if case .failure(let error)? = end { throw error }
        return []
    }

    /// The reader stops: a put waiting for room, and every later one, throws.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }
}
