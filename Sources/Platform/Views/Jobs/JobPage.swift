import Foundation
import Plot

/// One job: status, a progress bar and the worker's message. `app.js` polls `/jobs/{id}/progress` while the job
/// is queued or running (the attribute is left out once it has ended) and updates the page in place; without
/// script, the Refresh link does the same.
struct JobPage: PageView {
    let job: JobsController.JobDTO

    var pageTitle: String { "Job \(job.kind)" }
    var breadcrumbs: [Breadcrumb] {
        var crumbs = [Breadcrumb("Projects", href: ProjectRoute.list.path)]
        if let project = job.project { crumbs.append(Breadcrumb(project, href: ProjectRoute.overview(key: project).path)) }
        crumbs.append(Breadcrumb("Job"))
        return crumbs
    }

    var isFinished: Bool { job.status == "succeeded" || job.status == "dead" }

    func content() -> Component {
        let id = job.id.uuidString.lowercased()
        return Div {
            H1("Job: \(HTMLEscape.text(job.kind))")
            Tag("dl") {
                Tag("dt", text: "Status")
                Tag("dd") { Span(job.status).class("badge job-status job-status-\(job.status)").attribute(named: "data-job-field", value: "status") }
                Tag("dt", text: "Progress")
                Tag("dd") {
                    Tag("progress", text: "\(job.progress) %")
                        .attribute(named: "max", value: "100")
                        .attribute(named: "value", value: String(job.progress))
                        .attribute(named: "data-job-field", value: "bar")
                    Span(" \(job.progress) %").attribute(named: "data-job-field", value: "percent")
                }
                Tag("dt", text: "Message")
                Tag("dd") { Span(HTMLEscape.text(job.message)).attribute(named: "data-job-field", value: "message") }
                Tag("dt", text: "Attempts")
                Tag("dd", text: "\(job.attempts) of \(job.maxAttempts)")
                if let error = job.error {
                    Tag("dt", text: "Last error")
                    Tag("dd", text: HTMLEscape.text(error))
                }
            }.class("facts")
            Paragraph {
                Link("Refresh", url: "/jobs/\(id)")
            }.class("job-refresh")
        }
        .class("job")
        .attribute(named: "data-job-poll", value: isFinished ? "" : "/jobs/\(id)/progress")
        .attribute(named: "aria-live", value: "polite")
    }
}
