import ArgumentParser
import ClaimsCore
import ClaimsFormats
import ClaimsStore
import Foundation

extension ClaimsCommand {
    struct Forecast: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "forecast",
            abstract: "Add a forecast on a claim: who, what probability, made when.",
            discussion: """
                The claimant's own stated probability is kept on the claim (`claims add --probability`); \
                use this for anyone's forecast, yours included. A forecaster's later forecast does not \
                replace an earlier one: both are kept.
                """)

        @Argument(help: "The claim's id, or a unique prefix of it.")
        var id: String

        @Option(help: ArgumentHelp("The probability that the claim turns out true: 0.3 or 30%.", valueName: "p"), transform: Parse.probability)
        var probability: Probability

        @Option(help: "Who makes the forecast (default: the person recording it).", transform: Parse.text("the forecaster"))
        var forecaster: NonEmptyText?

        @Option(name: .customLong("on"), help: ArgumentHelp("The day the forecast was made (default: today).", valueName: "date"), transform: Parse.day)
        var madeOn: Day?

        @Option(help: "A note: the reasoning, a link.")
        var note: String?

        @Option(help: ArgumentHelp("A forecast recorded after the claim's outcome: where it was made (a URL, an archive). It is scored as reported, never as witnessed.",
                                   valueName: "source"))
        var reported: String?

        @OptionGroup var author: AuthorOptions
        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let rt = Runtime.current
            let p = probability
            let day = madeOn ?? rt.today
            let who = try forecaster ?? checked("--by") { try NonEmptyText(author.name, field: "the forecaster") }
            let db = try database.openExisting()
            let claimID = try db.matchID(id)
            try db.addForecast(claimID, ClaimsCore.Forecast(forecaster: who, probability: p, madeOn: day, note: note, reportedSource: reported),
                               change: author.change("forecast"))
            rt.print("\(claimID): \(who) forecasts \(p) (made \(day))" + (reported.map { "; reported, from \($0)" } ?? ""))
        }
    }
}
