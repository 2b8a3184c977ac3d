import Platform
import Plot
import SystemDesign
import TraceEngine

/// The fields of the new and edit interface forms.
struct InterfaceFormFields: Component {
    let project: String
    let form: InterfacesController.InterfaceForm
    let types: [String]
    let organisations: [(value: String, title: String)]
    let errors: [ProblemDetails.FieldError]

    static let directions: [(value: String, title: String)] = [
        (N2Matrix.Direction.aToB.rawValue, "A → B"), (N2Matrix.Direction.bToA.rawValue, "B → A"),
        (N2Matrix.Direction.bidirectional.rawValue, "both ways"), (N2Matrix.Direction.undirected.rawValue, "no direction"),
    ]

    var body: Component {
        Div {
            FormField("Name", name: "title", value: form.title ?? "", error: fieldError(errors, "title"))
            ElementPickerField("Side A", name: "side_a", value: form.side_a ?? "", error: fieldError(errors, "side_a"),
                               hint: "Element key; type words of its name to pick.", project: project)
            ElementPickerField("Side B", name: "side_b", value: form.side_b ?? "", error: fieldError(errors, "side_b"), project: project)
            SelectField("Type", name: "type", options: types.map { ($0, $0) }, selected: form.type ?? "", error: fieldError(errors, "type"))
            SelectField("Direction", name: "direction", options: Self.directions, selected: form.direction ?? "a-to-b",
                        error: fieldError(errors, "direction"))
            FormField("Medium or protocol", name: "medium", value: form.medium ?? "", error: fieldError(errors, "medium"))
            SelectField("Status", name: "status", options: SystemInterface.Status.allCases.map { ($0.rawValue, $0.rawValue) },
                        selected: form.status ?? "proposed")
            FormField("Project interface id", name: "interface_id", value: form.interface_id ?? "", error: fieldError(errors, "interface_id"),
                      hint: "The project's own id for the interface (e.g. from the ICD register); unique in the project.")
            SelectField("Owner organisation", name: "owner", options: organisations, selected: form.owner ?? "", error: fieldError(errors, "owner"))
            SelectField("Side A organisation", name: "side_a_org", options: [("", "the element's (or its parent's) owner")] + organisations.dropFirst(),
                        selected: form.side_a_org ?? "", error: fieldError(errors, "side_a_org"))
            SelectField("Side B organisation", name: "side_b_org", options: [("", "the element's (or its parent's) owner")] + organisations.dropFirst(),
                        selected: form.side_b_org ?? "", error: fieldError(errors, "side_b_org"))
            TextAreaField("Description", name: "description", value: form.description ?? "", error: fieldError(errors, "description"), rows: 3)
        }
    }
}

extension N2Matrix.Direction {
    /// How the direction reads next to the ends: "A → B".
    var arrow: String {
        switch self {
        case .aToB: return "→"
        case .bToA: return "←"
        case .bidirectional: return "↔"
        case .undirected: return "—"
        }
    }
}
