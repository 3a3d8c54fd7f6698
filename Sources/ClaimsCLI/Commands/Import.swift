import ArgumentParser
import ClaimsCore
import ClaimsStore
import Foundation

extension ClaimsCommand {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import claim files (YAML, one source each) into the database.",
            discussion: """
                PATH is a claim file or a folder of them (*.yaml and *.yml, README files aside). \
                Every file is checked first; if any has a problem, each problem is printed as \
                file:line:column and nothing is imported. Each file is then imported in one \
                transaction: new claims are added, a claim that differs from its current version \
                gets one new version (the reason names the file), new forecasts and changed \
                resolutions are recorded. Importing an unchanged file changes nothing.
                The format is described in claims/README.md.
                """)

        @Argument(help: ArgumentHelp("Claim files or folders of them.", valueName: "path"))
        var paths: [String]

        @Flag(name: .customLong("dry-run"), help: "Print what would change, claim by claim and field by field, and change nothing.")
        var dryRun = false

        @OptionGroup var author: AuthorOptions
        @OptionGroup var database: DatabaseOptions

        func validate() throws {
            if paths.isEmpty { throw ValidationError("Give at least one claim file or folder, for example: claims import claims/") }
        }

        func run() throws {
            let rt = Runtime.current
            let files = try Self.claimFiles(paths)
            var parsed: [ClaimFile] = []
            var issues: [ClaimFileIssue] = []
            for (url, shown) in files {
                do { parsed.append(try ClaimFile.load(url, displayPath: shown)) }
                catch ClaimFileError.invalid(let found) { issues += found }
            }
            if !issues.isEmpty { throw ClaimFileError.invalid(issues) }
            let db = try database.openForWriting()
            var totals = [ImportOutcome.Kind: Int]()
            for file in parsed {
                let outcomes = try db.sync(file.claims, change: author.change("import \(file.path)"), dryRun: dryRun)
                for o in outcomes {
                    totals[o.kind, default: 0] += 1
                    guard o.kind != .unchanged else { continue }
                    var line = "\(file.path): \(o.id): \(dryRun ? "would be " : "")\(o.kind.rawValue)"
                    if o.forecastsAdded > 0 { line += ", \(o.forecastsAdded) forecast\(o.forecastsAdded == 1 ? "" : "s")" }
                    if o.resolutionRecorded { line += ", resolution" }
                    rt.print(line)
                    for ch in o.changes {
                        rt.print("  \(ch.field): \(ch.old ?? "(none)") → \(ch.new ?? "(none)")")
                    }
                }
            }
            let verb = dryRun ? "would import" : "imported"
            rt.print("\(verb) \(parsed.count) file\(parsed.count == 1 ? "" : "s"): \(totals[.added] ?? 0) added, \(totals[.changed] ?? 0) changed, \(totals[.unchanged] ?? 0) unchanged")
        }

        /// The claim files named by `paths`, folders expanded, in a stable order.
        static func claimFiles(_ paths: [String]) throws -> [(URL, String)] {
            let rt = Runtime.current
            let fm = FileManager.default
            var result: [(URL, String)] = []
            for path in paths {
                let url = rt.resolve(path: path)
                var isDirectory: ObjCBool = false
                guard fm.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
                    throw CLIError.cannotRead(path: path, reason: "no such file or folder")
                }
                if isDirectory.boolValue {
                    let names = (try? fm.contentsOfDirectory(atPath: url.path)) ?? []
                    let yaml = names.filter { ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && !$0.lowercased().hasPrefix("readme") }.sorted()
                    if yaml.isEmpty { throw CLIError.cannotRead(path: path, reason: "the folder holds no claim files (*.yaml, *.yml)") }
                    let base = path.hasSuffix("/") ? path : path + "/"
                    result += yaml.map { (url.appendingPathComponent($0), base + $0) }
                } else {
                    result.append((url, path))
                }
            }
            return result
        }
    }
}
