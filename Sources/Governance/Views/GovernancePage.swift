import Foundation
import Platform
import Plot

/// The project's phases and delivery organisations; leads set them up here.
struct GovernancePage: PageView {
    let access: ProjectAccess
    let phases: [Phase]
    let organisations: [DeliveryOrganisation]
    let csrfToken: String
    var phaseForm = GovernanceController.PhaseForm()
    var organisationForm = GovernanceController.OrganisationForm()
    /// Which form the errors belong to: "phase" or "organisation" (new ones), or a row's id (edits).
    var errorsFor = ""
    var errors: [ProblemDetails.FieldError] = []

    var pageTitle: String { "\(access.key) governance" }
    var breadcrumbs: [Breadcrumb] { access.crumbs + [Breadcrumb("Governance")] }
    var canLead: Bool { access.allows(.lead) && access.status == .active }

    func content() -> Component {
        Div {
            H1("Governance of \(access.key)")
            ProjectTabs(access: access, current: "Governance")
            Paragraph {
                Text("Phases and delivery organisations scope the design: ")
                Link("design packages", url: GovernanceRoute.packages(project: access.key).path)
                Text(" are delivered by an organisation in a phase; elements and interfaces name their owners.")
            }
            H2("Phases")
            phaseTable
            if canLead {
                H3("New phase")
                PostForm(action: GovernanceRoute.phases(project: access.key).path, csrfToken: csrfToken) {
                    PhaseFields(form: phaseForm, errors: errorsFor == "phase" ? errors : [], idPrefix: "new-phase")
                    Button("Add phase").attribute(named: "type", value: "submit").class("primary")
                }
            }
            H2("Delivery organisations")
            organisationTable
            if canLead {
                H3("New delivery organisation")
                PostForm(action: GovernanceRoute.organisations(project: access.key).path, csrfToken: csrfToken) {
                    OrganisationFields(form: organisationForm, errors: errorsFor == "organisation" ? errors : [], idPrefix: "new-org")
                    Button("Add organisation").attribute(named: "type", value: "submit").class("primary")
                }
            }
        }
    }

    @ComponentBuilder var phaseTable: Component {
        if phases.isEmpty {
            Paragraph("No phases yet. A phase (concept, preliminary design, detailed design, …) has dates, gate criteria and a status.").class("empty")
        } else {
            Table(header: TableRow {
                TableHeaderCell("#"); TableHeaderCell("Phase"); TableHeaderCell("Starts"); TableHeaderCell("Ends")
                TableHeaderCell("Status"); TableHeaderCell("Gate criteria")
                if canLead { TableHeaderCell("") }
            }) {
                for phase in phases {
                    let id = phase.id!
                    TableRow {
                        TableCell(String(phase.position))
                        TableCell(phase.name)
                        TableCell(phase.startsOn.isEmpty ? "—" : phase.startsOn)
                        TableCell(phase.endsOn.isEmpty ? "—" : phase.endsOn)
                        TableCell { Span(phase.status.rawValue).class("badge phase-status-\(phase.status.rawValue)") }
                        TableCell(phase.gateCriteria)
                        if canLead {
                            TableCell {
                                ActionButton("Earlier", action: GovernanceRoute.phase(project: access.key, id: id, action: "move").path,
                                             csrfToken: csrfToken, fields: [("direction", "earlier")])
                                ActionButton("Later", action: GovernanceRoute.phase(project: access.key, id: id, action: "move").path,
                                             csrfToken: csrfToken, fields: [("direction", "later")])
                                editPhase(phase, id: id)
                                ActionButton("Delete", action: GovernanceRoute.phase(project: access.key, id: id, action: "delete").path,
                                             csrfToken: csrfToken, style: "danger")
                            }
                        }
                    }
                }
            }.class("phases")
        }
    }

    func editPhase(_ phase: Phase, id: UUID) -> Component {
        let mine = errorsFor == id.uuidString.lowercased()
        let form = mine ? phaseForm : GovernanceController.PhaseForm(
            name: phase.name, starts_on: phase.startsOn, ends_on: phase.endsOn, gate_criteria: phase.gateCriteria, status: phase.status.rawValue)
        return Tag("details") {
            Tag("summary", text: "Edit")
            PostForm(action: GovernanceRoute.phase(project: access.key, id: id, action: "edit").path, csrfToken: csrfToken) {
                PhaseFields(form: form, errors: mine ? errors : [], idPrefix: "phase-" + id.uuidString.lowercased())
                Button("Save phase").attribute(named: "type", value: "submit")
            }
        }.attribute(named: "open", value: mine ? "open" : "")
    }

    @ComponentBuilder var organisationTable: Component {
        if organisations.isEmpty {
            Paragraph("No delivery organisations yet: the suppliers, the integrator and the customer who deliver and receive the system.").class("empty")
        } else {
            Table(header: TableRow {
                TableHeaderCell("Code"); TableHeaderCell("Name"); TableHeaderCell("Kind")
                if canLead { TableHeaderCell("") }
            }) {
                for org in organisations {
                    let id = org.id!
                    TableRow {
                        TableCell(org.code)
                        TableCell(org.name)
                        TableCell(org.kind.rawValue)
                        if canLead {
                            TableCell {
                                editOrganisation(org, id: id)
                                ActionButton("Delete", action: GovernanceRoute.organisation(project: access.key, id: id, action: "delete").path,
                                             csrfToken: csrfToken, style: "danger")
                            }
                        }
                    }
                }
            }.class("organisations")
        }
    }

    func editOrganisation(_ org: DeliveryOrganisation, id: UUID) -> Component {
        let mine = errorsFor == id.uuidString.lowercased()
        let form = mine ? organisationForm : GovernanceController.OrganisationForm(code: org.code, name: org.name, kind: org.kind.rawValue)
        return Tag("details") {
            Tag("summary", text: "Edit")
            PostForm(action: GovernanceRoute.organisation(project: access.key, id: id, action: "edit").path, csrfToken: csrfToken) {
                OrganisationFields(form: form, errors: mine ? errors : [], idPrefix: "org-" + id.uuidString.lowercased())
                Button("Save organisation").attribute(named: "type", value: "submit")
            }
        }.attribute(named: "open", value: mine ? "open" : "")
    }
}

/// The fields of the phase forms.
struct PhaseFields: Component {
    let form: GovernanceController.PhaseForm
    let errors: [ProblemDetails.FieldError]
    let idPrefix: String

    var body: Component {
        Div {
            FormField("Name", name: "name", value: form.name ?? "", error: fieldError(errors, "name"), id: idPrefix + "-name")
            FormField("Starts on", name: "starts_on", type: "date", value: form.starts_on ?? "", error: fieldError(errors, "starts_on"),
                      id: idPrefix + "-starts")
            FormField("Ends on", name: "ends_on", type: "date", value: form.ends_on ?? "", error: fieldError(errors, "ends_on"),
                      id: idPrefix + "-ends")
            SelectField("Status", name: "status", options: Phase.Status.allCases.map { ($0.rawValue, $0.rawValue) },
                        selected: form.status ?? "planned", error: fieldError(errors, "status"), id: idPrefix + "-status")
            TextAreaField("Gate criteria", name: "gate_criteria", value: form.gate_criteria ?? "", error: fieldError(errors, "gate_criteria"),
                          rows: 3, id: idPrefix + "-gate")
        }
    }
}

/// The fields of the organisation forms.
struct OrganisationFields: Component {
    let form: GovernanceController.OrganisationForm
    let errors: [ProblemDetails.FieldError]
    let idPrefix: String

    var body: Component {
        Div {
            FormField("Code", name: "code", value: form.code ?? "", error: fieldError(errors, "code"), hint: "Short, e.g. ACME",
                      id: idPrefix + "-code")
            FormField("Name", name: "name", value: form.name ?? "", error: fieldError(errors, "name"), id: idPrefix + "-name")
            SelectField("Kind", name: "kind", options: DeliveryOrganisation.Kind.allCases.map { ($0.rawValue, $0.rawValue) },
                        selected: form.kind ?? "supplier", error: fieldError(errors, "kind"), id: idPrefix + "-kind")
        }
    }
}
