import Hummingbird
import SafetyCodeReports

extension Pages {
    /// `/questionnaire`: wired when the questionnaire's pages land (issue-18q).
    func addQuestionnaire(to router: Router<WorkbenchContext>) {
        router.get("/questionnaire") { _, _ in
            Pages.html(.ok, WorkbenchPage.message(title: "Questionnaire", message: "The questionnaire is not available yet in this build."))
        }
    }
}
