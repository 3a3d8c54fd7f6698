import ClaimsCore
import Foundation
import Yams

/// A problem at a place in a file being imported. The column is 0 where only the line is known
/// (CSV and JSON Lines records), and the place then reads `file:line:`.
public struct ClaimFileIssue: Equatable, Sendable, CustomStringConvertible {
    public let path: String
    public let line: Int
    public let column: Int
    public let message: String

    public init(path: String, line: Int, column: Int = 0, message: String) {
        self.path = path
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        column > 0 ? "\(path):\(line):\(column): \(message)" : "\(path):\(line): \(message)"
    }
}

extension ClaimFileIssue {
    /// Why Yams could not read a document, at the place it stopped.
    public static func yaml(_ error: Error, path: String) -> ClaimFileIssue {
        switch error as? YamlError {
        case .scanner(_, let problem, let mark, _)?, .parser(_, let problem, let mark, _)?, .composer(_, let problem, let mark, _)?:
            return ClaimFileIssue(path: path, line: mark.line, column: mark.column, message: "not valid YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, _)?:
            return ClaimFileIssue(path: path, line: 1, column: 1, message: "not valid YAML: the key \(duplicates.joined(separator: ", ")) is given twice")
        default:
            return ClaimFileIssue(path: path, line: 1, column: 1, message: "not valid YAML: \(error)")
        }
    }
}

public enum ClaimFileError: Error, LocalizedError, Equatable {
    /// Every problem found in one or more files; nothing was imported.
    case invalid([ClaimFileIssue])
    case unreadable(path: String, reason: String)
    /// The file's size or modification time differ between the two readings of an import.
    case changed(path: String)
    /// An option that tells a format how to read (`--map`, `--default`) is wrong.
    case invalidOption(option: String, message: String)

    public var errorDescription: String? {
        switch self {
        case .invalid(let issues):
            let files = Set(issues.map(\.path)).count
            let shown = issues.prefix(20).map(\.description) + (issues.count > 20 ? ["… and \(issues.count - 20) more"] : [])
            return shown.joined(separator: "\n")
                + "\n\(issues.count) problem\(issues.count == 1 ? "" : "s") in \(files) file\(files == 1 ? "" : "s"); nothing was imported. Fix them and import again."
        case .unreadable(let path, let reason):
            return "cannot read \(path): \(reason)"
        case .changed(let path):
            return "\(path) changed while it was being imported (its size or modification time differ between the reading that checked it and the one that imported it); nothing was imported: import it again once it is complete"
        case .invalidOption(let option, let message):
            return "\(option): \(message)"
        }
    }
}

/// Edit distance, for suggesting the nearest known key (the domain's `editDistance`).
public func levenshtein(_ a: String, _ b: String) -> Int { editDistance(a, b) }

public func nearest(_ key: String, in known: [String]) -> String? {
    let best = known.min { levenshtein(key, $0) < levenshtein(key, $1) }
    guard let best, levenshtein(key, best) <= max(2, key.count / 3) else { return nil }
    return best
}
