import Foundation

/// A folder of its own in the temporary folder, made when first asked for, removed by `remove`
/// or when the value goes: where an import keeps what it sets aside (copies of standard input,
/// runs of sorted hashes).
public final class ScratchFolder {
    let prefix: String
    private var made: URL?

    public init(prefix: String) { self.prefix = prefix }

    deinit { remove() }

    public func url() throws -> URL {
        if let made { return made }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        made = folder
        return folder
    }

    public func remove() {
        if let made { try? FileManager.default.removeItem(at: made) }
        made = nil
    }
}
