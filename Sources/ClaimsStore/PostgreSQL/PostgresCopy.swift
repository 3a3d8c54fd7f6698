import Dispatch
import Foundation
import NIOCore
import PostgresNIO

/// Writes sent to PostgreSQL without waiting for them: rows with `COPY … FROM STDIN`,
/// PostgreSQL's bulk path (the server parses one stream of text instead of an INSERT's statement
/// and parameters), and statements whose answer is not needed.
///
/// PostgresNIO offers COPY only as an `async` function, and the store is synchronous. Each write
/// runs as a task on a serial queue of its own (never on the caller's thread nor on the shared
/// pool, which a caller blocked on a test's thread could starve), one after another in the order
/// they were sent. The caller does not wait for them: it prepares the next rows while the server
/// writes these. Any other use of the connection first waits for every write sent (`finish`),
/// which then throws the first one's error until the transaction is rolled back (`discard`);
/// after an error nothing more is sent.
final class PostgresWritesInFlight: @unchecked Sendable {
    /// At most this many writes sent and not yet finished (a COPY holds up to a megabyte of rows).
    static let inFlight = 16

    private let condition = NSCondition()
    private var pending = 0
    private var failure: (any Error)?
    private var tail: Task<Void, Never>?
    private let executor = SerialQueueExecutor(label: "claims.postgres.copy")

    /// Sends `work` to run on `connection` after the work sent before.
    func send(on connection: PostgresConnection, logger: Logger,
              _ work: @escaping @Sendable (PostgresConnection, Logger) async throws -> Void) throws {
        condition.lock()
        defer { condition.unlock() }
        while pending >= Self.inFlight && failure == nil { condition.wait() }
        // After a failure nothing more is sent, and the sender hears of it now.
        if let failure { throw failure }
        pending += 1
        let previous = tail
        tail = Task(executorPreference: executor) { [self] in
            await previous?.value
            guard !hasFailed else { return completed(nil) }
            do {
                try await work(connection, logger)
                completed(nil)
            } catch {
                completed(error)
            }
        }
    }

    private var hasFailed: Bool {
        condition.lock()
        defer { condition.unlock() }
        return failure != nil
    }

    private func completed(_ error: (any Error)?) {
        condition.lock()
        pending -= 1
        if failure == nil, let error { failure = error }
        condition.broadcast()
        condition.unlock()
    }

    /// Waits until every write sent has finished; throws the first one's error. The error stays
    /// until `discard`: every later query throws it too, so that nothing (a COMMIT above all)
    /// goes on in a transaction a write has failed in.
    func finish() throws {
        condition.lock()
        while pending > 0 { condition.wait() }
        let error = failure
        if error == nil { tail = nil }
        condition.unlock()
        if let error { throw error }
    }

    /// Waits until every write sent has finished and forgets any error: before a ROLLBACK.
    func discard() {
        condition.lock()
        while pending > 0 { condition.wait() }
        failure = nil
        tail = nil
        condition.unlock()
    }
}

/// A task executor that runs its jobs on one serial dispatch queue.
final class SerialQueueExecutor: TaskExecutor, @unchecked Sendable {
    private let queue: DispatchQueue
    init(label: String) { queue = DispatchQueue(label: label) }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        let executor = asUnownedTaskExecutor()
        queue.async { job.runSynchronously(on: executor) }
    }
}

/// COPY's text format: one line a row, columns separated by tabs, `\N` for NULL, and backslash
/// escapes for the backslash, tab, newline and carriage return within a value.
enum CopyText {
    static func append(_ cells: ArraySlice<Cell>, to buffer: inout ByteBuffer) {
        var first = true
        for cell in cells {
            if !first { buffer.writeInteger(UInt8(ascii: "\t")) }
            first = false
            append(cell, to: &buffer)
        }
        buffer.writeInteger(UInt8(ascii: "\n"))
    }

    static func append(_ cell: Cell, to buffer: inout ByteBuffer) {
        switch cell {
        case .null: buffer.writeStaticString("\\N")
        case .integer(let v): buffer.writeString(String(v))
        case .real(let v):
            // Swift's shortest form that reads back as the same double; PostgreSQL's float8
            // input reads it exactly (and the schema's CHECKs refuse infinities and NaN).
            buffer.writeString(v.isNaN ? "NaN" : v.isInfinite ? (v < 0 ? "-Infinity" : "Infinity") : "\(v)")
        case .text(let v): appendEscaped(v, to: &buffer)
        case .blob(let bytes):
            // bytea's hex form, its backslash escaped: \\x followed by two digits a byte.
            buffer.writeStaticString("\\\\x")
            for byte in bytes {
                buffer.writeInteger(digits[Int(byte >> 4)])
                buffer.writeInteger(digits[Int(byte & 0x0f)])
            }
        }
    }

    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    static func appendEscaped(_ text: String, to buffer: inout ByteBuffer) {
        var text = text
        text.withUTF8 { bytes in
            // Most values need no escape: copied whole.
            if !bytes.contains(where: { $0 == 0x5c || $0 == 0x09 || $0 == 0x0a || $0 == 0x0d }) {
                buffer.writeBytes(bytes)
                return
            }
            for byte in bytes {
                switch byte {
                case 0x5c: buffer.writeStaticString("\\\\")
                case 0x09: buffer.writeStaticString("\\t")
                case 0x0a: buffer.writeStaticString("\\n")
                case 0x0d: buffer.writeStaticString("\\r")
                default: buffer.writeInteger(byte)
                }
            }
        }
    }
}
