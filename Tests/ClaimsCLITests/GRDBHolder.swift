import Foundation
import GRDB

/// Holds a database's write lock from this process (BEGIN IMMEDIATE), as another writer would.
final class GRDBHolder {
    private var queue: DatabaseQueue?
    init(path: String) throws {
        var config = Configuration()
        config.allowsUnsafeTransactions = true  // the point: a transaction left open, holding the lock
        let queue = try DatabaseQueue(path: path, configuration: config)
        try queue.writeWithoutTransaction { try $0.execute(sql: "BEGIN IMMEDIATE") }
        self.queue = queue
    }
    func release() {
        guard let queue else { return }
        try? queue.writeWithoutTransaction { try $0.execute(sql: "ROLLBACK") }
        try? queue.close()
        self.queue = nil
    }
    deinit { release() }
}
