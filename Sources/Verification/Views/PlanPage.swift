import Artifacts
import Foundation
import Platform
import Plot

/// One verification plan, printable as its report: scope, coverage of the scope now and at each snapshot, the
/// activities, and for editors the activity, snapshot and edit forms.
struct PlanPage: PageView {
    let access: ProjectAccess
    let artifact: Artifact
    let plan: VerificationPlan
    let phase: String
    let phases: [String]
    let activities: [VerificationActivity]
    let rvtm: RVTM
    let snapshots: [(snapshot: CoverageSnapshot, counts: [VerificationStatus.Coverage: Int])]
    let csrfToken: String
    var form: PlanForm?
    var errors: [ProblemDetails.FieldError] = []

    var key: String { artifact.key }
    var pageTitle: String { "\(key) \(artifact.title)" }
    var breadcrumbs: [Breadcrumb] { access.crumbs + [Breadcrumb("Plans", href: VerificationRoute.plans(project: access.key).path), Breadcrumb(key)] }
    var canEdit: Bool { access.allows(.editor) && access.status == .active }
    var base: String { VerificationRoute.plan(project: access.key, key: key).path }

    static func scope(_ plan: VerificationPlan) -> String {
        (plan.modulePrefixes.isEmpty ? "every module" : plan.modulePrefixes.joined(separator: ", "))
            + (plan.scopeQuery.isEmpty ? "" : ", requirements containing “\(plan.scopeQuery)”")
    }

    var rvtmLink: String {
        var query: [String] = []
        if !plan.modulePrefixes.isEmpty { query.append("module=" + plan.modulePrefixes.joined(separator: ",")) }
        if !plan.scopeQuery.isEmpty { query.append("q=" + (plan.scopeQuery.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")) }
        return VerificationRoute.rvtm(project: access.key).path + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
    }

    func content() -> Component {
        Div {
            H1("\(key) \(artifact.title)")
            VerificationNav(access: access, current: "Plans")
            FormErrors(errors.filter { $0.field.hasPrefix("activity") || $0.field == "name" }.map(\.reason.sentenceCased))
            Tag("dl") {
                Tag("dt", text: "Status"); Tag("dd") { StatusBadge(status: "plan-\(plan.status.rawValue)", label: plan.status.rawValue) }
                Tag("dt", text: "Phase"); Tag("dd", text: phase.isEmpty ? "—" : phase)
                Tag("dt", text: "Scope"); Tag("dd", text: Self.scope(plan))
                Tag("dt", text: "Version"); Tag("dd", text: String(artifact.version))
            }.class("facts")
            if !plan.description.isEmpty { Paragraph(plan.description).class("prose") }
            H2("Coverage of the scope")
            Paragraph {
                Text(CoverageText(counts: Dictionary(grouping: rvtm.rows, by: \.coverage).mapValues(\.count)).text + " — ")
                Link("the RVTM of this scope", url: rvtmLink)
                Text(" (")
                Link("CSV", url: rvtmLink + (rvtmLink.contains("?") ? "&" : "?") + "format=csv"); Text(", ")
                Link("XLSX", url: rvtmLink + (rvtmLink.contains("?") ? "&" : "?") + "format=xlsx"); Text(")")
            }
            H2("Activities")
            if activities.isEmpty {
                Paragraph("No activities planned yet.").class("empty")
            } else {
                Table(header: TableRow {
                    TableHeaderCell("#"); TableHeaderCell("Activity"); TableHeaderCell("Method"); TableHeaderCell("Responsible")
                    TableHeaderCell("Due"); TableHeaderCell("Status")
                }) {
                    for activity in activities {
                        TableRow {
                            TableCell(String(activity.position)); TableCell(activity.title); TableCell(activity.method)
                            TableCell(activity.responsible); TableCell(activity.dueOn)
                            TableCell {
                                if canEdit {
                                    activityStatusForm(activity)
                                } else {
                                    StatusBadge(status: "activity-\(activity.status.rawValue)", label: activity.status.rawValue)
                                }
                            }
                        }
                    }
                }.class("activities")
            }
            H2("Snapshots")
            if snapshots.isEmpty {
                Paragraph("No snapshots of this plan yet.").class("empty")
            } else {
                Table(header: TableRow { TableHeaderCell("Snapshot"); TableHeaderCell("Taken"); TableHeaderCell("Coverage") }) {
                    for entry in snapshots {
                        TableRow {
                            TableCell { Link(entry.snapshot.name, url: VerificationRoute.snapshot(project: access.key, id: entry.snapshot.id!).path) }
                            TableCell(VerificationFormat.time(entry.snapshot.takenAt) + " by " + entry.snapshot.takenBy)
                            TableCell(CoverageText(counts: entry.counts).text)
                        }
                    }
                }.class("snapshots")
            }
            if canEdit { forms }
        }
    }

    /// The row's status as a select that saves the row (the Save button without script), and its removal.
    @ComponentBuilder func activityStatusForm(_ activity: VerificationActivity) -> Component {
        let path = base + "/activities/" + activity.id!.uuidString.lowercased()
        PostForm(action: path, csrfToken: csrfToken) {
            SelectField("Status of “\(activity.title)”", name: "activity_status",
                        options: VerificationActivity.Status.allCases.map { ($0.rawValue, $0.rawValue) }, selected: activity.status.rawValue,
                        id: "activity-status-\(activity.position)")
            Button("Save").attribute(named: "type", value: "submit")
        }.class("inline-form")
        ActionButton("Remove", action: path + "/remove", csrfToken: csrfToken, style: "danger")
    }

    @ComponentBuilder var forms: Component {
        Div {
            H2("Add an activity")
            PostForm(action: base + "/activities", csrfToken: csrfToken) {
                FormField("Activity", name: "activity_title", error: fieldError(errors, "activity_title"))
                SelectField("Method", name: "activity_method", options: (TestCase.Method.allCases.map(\.rawValue) + ["review"]).map { ($0, $0) })
                FormField("Responsible", name: "activity_responsible")
                FormField("Due", name: "activity_due", type: "date", error: fieldError(errors, "activity_due"))
                Button("Add activity").attribute(named: "type", value: "submit")
            }
            H2("Take a snapshot")
            PostForm(action: VerificationRoute.coverage(project: access.key).path + "/snapshots", csrfToken: csrfToken) {
                Input(type: .hidden, name: "plan", value: HTMLEscape.attribute(key))
                FormField("Name", name: "name", error: fieldError(errors, "name"), hint: "e.g. Before CDR")
                Button("Take snapshot").attribute(named: "type", value: "submit")
            }
            H2("Edit")
            PostForm(action: base + "/edit", csrfToken: csrfToken) {
                Input(type: .hidden, name: "version", value: String(artifact.version))
                PlanFields(form: form ?? PlanForm(title: artifact.title, status: plan.status.rawValue, phase: phase,
                                                  modules: plan.modulePrefixes.joined(separator: " "), query: plan.scopeQuery, description: plan.description),
                           phases: phases, errors: errors, canApprove: access.allows(.lead))
                Button("Save").attribute(named: "type", value: "submit").class("primary")
            }
        }.class("no-print")
    }
}
