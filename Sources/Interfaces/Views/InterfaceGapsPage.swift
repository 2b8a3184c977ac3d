import Foundation
import Governance
import Platform
import Plot
import SystemDesign

/// The interface reports: interfaces across delivery organisations, and the gaps to close.
struct InterfaceGapsPage: PageView {
    let access: ProjectAccess
    let gaps: InterfaceGaps

    var pageTitle: String { "\(access.key) interface reports" }
    var breadcrumbs: [Breadcrumb] {
        access.crumbs + [Breadcrumb("Interfaces", href: InterfacesRoute.list(project: access.key).path), Breadcrumb("Reports")]
    }

    func content() -> Component {
        Div {
            H1("Interface reports of \(access.key)")
            ProjectTabs(access: access, current: "Interfaces")
            Paragraph("Retired interfaces and elements and closed design packages are left out.").class("hint")
            H2("Interfaces between delivery organisations (\(gaps.crossOrganisation.count))").id("cross-organisation")
            Paragraph("Each side's organisation is the one given on the interface, else the owner of the element at that end, "
                      + "else that of its nearest owned ancestor.").class("hint")
            interfaceTable(gaps.crossOrganisation, withOrganisations: true, empty: "No interface joins two different organisations.")
            H2("Interfaces with a side no organisation answers for (\(gaps.unassignedSides.count))").id("unassigned")
            interfaceTable(gaps.unassignedSides, withOrganisations: true, empty: "Every interface has an organisation at both sides.")
            H2("Elements without interfaces (\(gaps.elementsWithoutInterfaces.count))").id("elements-without-interfaces")
            if gaps.elementsWithoutInterfaces.isEmpty {
                Paragraph("Every element has an interface at itself or one of its parts.").class("empty")
            } else {
                List(gaps.elementsWithoutInterfaces) { element in
                    ListItem {
                        Link("\(element.key) \(element.title)", url: SystemDesignRoute.element(project: access.key, key: element.key).path)
                        Text(" (\(element.level))")
                    }
                }.class("gap-list")
            }
            H2("Interfaces without requirements (\(gaps.interfacesWithoutRequirements.count))").id("interfaces-without-requirements")
            interfaceTable(gaps.interfacesWithoutRequirements, withOrganisations: false, empty: "Every interface is specified by a requirement.")
            H2("Design packages without elements (\(gaps.packagesWithoutElements.count))").id("packages-without-elements")
            if gaps.packagesWithoutElements.isEmpty {
                Paragraph("Every open design package holds at least one element.").class("empty")
            } else {
                List(gaps.packagesWithoutElements) { package in
                    ListItem { Link("\(package.key) \(package.title)", url: GovernanceRoute.package(project: access.key, key: package.key).path) }
                }.class("gap-list")
            }
        }
    }

    @ComponentBuilder func interfaceTable(_ rows: [InterfaceQueries.Row], withOrganisations: Bool, empty: String) -> Component {
        if rows.isEmpty {
            Paragraph(empty).class("empty")
        } else {
            Table(header: TableRow {
                TableHeaderCell("Key"); TableHeaderCell("Name"); TableHeaderCell("Side A"); TableHeaderCell("Side B")
                if withOrganisations { TableHeaderCell("Organisation A"); TableHeaderCell("Organisation B") }
                TableHeaderCell("Status")
            }) {
                for row in rows {
                    TableRow {
                        TableCell { Link(row.key, url: InterfacesRoute.interface(project: access.key, key: row.key).path) }
                        TableCell(row.title)
                        TableCell(row.sideAKey)
                        TableCell(row.sideBKey)
                        if withOrganisations {
                            TableCell(row.sideAOrganisation.isEmpty ? "—" : row.sideAOrganisation)
                            TableCell(row.sideBOrganisation.isEmpty ? "—" : row.sideBOrganisation)
                        }
                        TableCell(row.status.rawValue)
                    }
                }
            }.class("interfaces")
        }
    }
}
