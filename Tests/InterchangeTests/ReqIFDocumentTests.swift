@testable import Interchange
import Testing

/// The element types' public initialisers (handing over to the compiler-made memberwise ones) keep every
/// argument in its own field, and their defaults are the empty element.
@Suite struct ReqIFDocumentTests {
    typealias D = ReqIFDocument

    @Test func initialisersKeepEveryArgument() {
        let identity = D.Identity(identifier: "i", longName: "L", description: "D", lastChange: "C")
        #expect([identity.identifier, identity.longName, identity.description, identity.lastChange] == ["i", "L", "D", "C"])
        let value = D.AttributeValue(kind: .xhtml, definitionRef: "ad", value: .xhtml("<p/>", original: "<o/>"))
        #expect(value.kind == .xhtml && value.definitionRef == "ad" && value.value == .xhtml("<p/>", original: "<o/>"))
        let enumValue = D.EnumValue(identity: identity, key: "1", otherContent: "red")
        #expect(enumValue.identity == identity && enumValue.key == "1" && enumValue.otherContent == "red")
        let datatype = D.Datatype(identity: identity, kind: .real, maxLength: "9", min: "-1", max: "1", accuracy: "3", values: [enumValue])
        #expect(datatype.identity == identity && datatype.kind == .real && datatype.values == [enumValue])
        #expect([datatype.maxLength, datatype.min, datatype.max, datatype.accuracy] == ["9", "-1", "1", "3"])
        let definition = D.AttributeDefinition(identity: identity, kind: .enumeration, datatypeRef: "dt", multiValued: true,
                                               isEditable: false, defaultValue: value)
        #expect(definition.identity == identity && definition.kind == .enumeration && definition.datatypeRef == "dt")
        #expect(definition.multiValued && definition.isEditable == false && definition.defaultValue == value)
        let type = D.SpecType(identity: identity, category: .relationGroup, attributes: [definition])
        #expect(type.identity == identity && type.category == .relationGroup && type.attributes == [definition])
        let object = D.SpecObject(identity: identity, typeRef: "t", values: [value])
        #expect(object.identity == identity && object.typeRef == "t" && object.values == [value])
        let relation = D.SpecRelation(identity: identity, typeRef: "rt", sourceRef: "s", targetRef: "g", values: [value])
        #expect(relation.identity == identity && [relation.typeRef, relation.sourceRef, relation.targetRef] == ["rt", "s", "g"])
        #expect(relation.values == [value])
        let leaf = D.HierarchyNode(identity: D.Identity(identifier: "leaf"), objectRef: "o2")
        let node = D.HierarchyNode(identity: identity, objectRef: "o", isTableInternal: true, isEditable: false,
                                   editableAttributes: [D.AttributeRef(kind: .string, identifier: "ad")], children: [leaf])
        #expect(node.identity == identity && node.objectRef == "o" && node.isTableInternal == true && node.isEditable == false)
        #expect(node.editableAttributes == [D.AttributeRef(kind: .string, identifier: "ad")] && node.children == [leaf] && node.count == 2)
        let specification = D.Specification(identity: identity, typeRef: "st", values: [value], children: [node])
        #expect(specification.identity == identity && specification.typeRef == "st" && specification.values == [value])
        #expect(specification.children == [node] && specification.hierarchyCount == 2)
        let group = D.RelationGroup(identity: identity, typeRef: "gt", sourceSpecificationRef: "a", targetSpecificationRef: "b",
                                    relationRefs: ["r1", "r2"])
        #expect(group.identity == identity && [group.typeRef, group.sourceSpecificationRef, group.targetSpecificationRef] == ["gt", "a", "b"])
        #expect(group.relationRefs == ["r1", "r2"])
    }

    @Test func defaultsAreTheEmptyElement() {
        let identity = D.Identity()
        #expect(identity.identifier.isEmpty && identity.longName == nil && identity.description == nil && identity.lastChange == nil)
        #expect(D.SpecObject() == D.SpecObject(identity: identity, typeRef: "", values: []))
        #expect(D.AttributeDefinition() == D.AttributeDefinition(identity: identity, kind: .string, datatypeRef: "", multiValued: false))
        #expect(D.AttributeValue().value == .text("") && D.Datatype().kind == .string && D.SpecType().category == .specObject)
        #expect(D.HierarchyNode().children.isEmpty && D.RelationGroup().relationRefs.isEmpty && D.Specification().children.isEmpty)
    }
}
