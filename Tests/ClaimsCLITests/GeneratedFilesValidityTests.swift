import ClaimsCLI
@testable import ClaimsFormats
import ClaimsGeneration
import Foundation
import Testing

/// Fails when a checked-in generated file (cli-docs/, the embedded schema) no longer matches
/// what the code generates.
@Suite struct GeneratedFilesValidityTests {
    @Test func generatedFilesAreUpToDate() throws {
        let files = try GeneratedFiles.all(root: Workspace.repositoryRoot)
        #expect(files.contains { $0.relativePath == "cli-docs/README.md" })
        #expect(files.contains { $0.relativePath == "cli-docs/add.md" })
        for file in files {
            let upToDate = file.isUpToDate
            #expect(upToDate, "\(file.relativePath) is out of date: run `swift run claims-generate` from the repository root and commit the result.")
        }
    }

    @Test func everyCommandHasAPage() throws {
        let pages = try FileManager.default.contentsOfDirectory(atPath: Workspace.repositoryRoot.appendingPathComponent("cli-docs").path)
        for command in ["add", "list", "show", "history", "edit", "forecast", "due", "resolve", "scorecard", "import"] {
            #expect(pages.contains("\(command).md"), "cli-docs/\(command).md is missing")
        }
    }
}
