/// The public initialisers of `ReqIFDocument`'s element types, each handing its arguments to the compiler-made
/// memberwise initialiser. A hand-written initialiser of a struct of `var`s (`self.a = a; …`) made the whole value
/// twice and copied and destroyed one of them on return with this compiler — a retain and a release per string
/// field, for every element a reader makes (a sixth of reading a file of many types). The memberwise one builds
/// the value in place. `ReqIFMemberwise` is there so the compiler makes one (an element type with its own
/// initialiser in its body gets none) without clashing with the public signature (it has one more argument).
struct ReqIFMemberwise: Sendable, Equatable {}

extension ReqIFDocument.Identity {
    public init(identifier: String = "", longName: String? = nil, description: String? = nil,
                lastChange: String? = nil) {
        self.init(identifier: identifier, longName: longName, description: description, lastChange: lastChange,
                  memberwise: ReqIFMemberwise())
    }
}

extension ReqIFDocument.EnumValue {
    public init(identity: ReqIFDocument.Identity = ReqIFDocument.Identity(), key: String = "",
                otherContent: String? = nil) {
        self.init(identity: identity, key: key, otherContent: otherContent, memberwise: ReqIFMemberwise())
    }
}

extension ReqIFDocument.Datatype {
    public init(identity: ReqIFDocument.Identity = ReqIFDocument.Identity(), kind: ReqIFDocument.ValueKind = .string,
                maxLength: String? = nil, min: String? = nil, max: String? = nil, accuracy: String? = nil,
                values: [ReqIFDocument.EnumValue] = []) {
        self.init(identity: identity, kind: kind, maxLength: maxLength, min: min, max: max, accuracy: accuracy,
                  values: values, memberwise: ReqIFMemberwise())
    }
}

extension ReqIFDocument.AttributeDefinition {
    public init(identity: ReqIFDocument.Identity = ReqIFDocument.Identity(), kind: ReqIFDocument.ValueKind = .string,
                datatypeRef: String = "", multiValued: Bool = false, isEditable: Bool? = nil,
                defaultValue: ReqIFDocument.AttributeValue? = nil) {
        self.init(identity: identity, kind: kind, datatypeRef: datatypeRef, multiValued: multiValued,
                  isEditable: isEditable, defaultValue: defaultValue, memberwise: ReqIFMemberwise())
    }
}

extension ReqIFDocument.SpecType {
    public init(identity: ReqIFDocument.Identity = ReqIFDocument.Identity(),
                category: ReqIFDocument.SpecTypeCategory = .specObject,
                attributes: [ReqIFDocument.AttributeDefinition] = []) {
        self.init(identity: identity, category: category, attributes: attributes, memberwise: ReqIFMemberwise())
    }
}

extension ReqIFDocument.AttributeValue {
    public init(kind: ReqIFDocument.ValueKind = .string, definitionRef: String = "",
                value: ReqIFDocument.Value = .text("")) {
        self.init(kind: kind, definitionRef: definitionRef, value: value, memberwise: ReqIFMemberwise())
    }
}

extension ReqIFDocument.SpecObject {
    public init(identity: ReqIFDocument.Identity = ReqIFDocument.Identity(), typeRef: String = "",
                values: [ReqIFDocument.AttributeValue] = []) {
        self.init(identity: identity, typeRef: typeRef, values: values, memberwise: ReqIFMemberwise())
    }
}

extension ReqIFDocument.SpecRelation {
    public init(identity: ReqIFDocument.Identity = ReqIFDocument.Identity(), typeRef: String = "",
                sourceRef: String = "", targetRef: String = "", values: [ReqIFDocument.AttributeValue] = []) {
        self.init(identity: identity, typeRef: typeRef, sourceRef: sourceRef, targetRef: targetRef, values: values,
                  memberwise: ReqIFMemberwise())
    }
}

extension ReqIFDocument.HierarchyNode {
    public init(identity: ReqIFDocument.Identity = ReqIFDocument.Identity(), objectRef: String = "",
                isTableInternal: Bool? = nil, isEditable: Bool? = nil,
                editableAttributes: [ReqIFDocument.AttributeRef] = [], children: [ReqIFDocument.HierarchyNode] = []) {
        self.init(identity: identity, objectRef: objectRef, isTableInternal: isTableInternal, isEditable: isEditable,
                  editableAttributes: editableAttributes, children: children, memberwise: ReqIFMemberwise())
    }
}

extension ReqIFDocument.Specification {
    public init(identity: ReqIFDocument.Identity = ReqIFDocument.Identity(), typeRef: String = "",
                values: [ReqIFDocument.AttributeValue] = [], children: [ReqIFDocument.HierarchyNode] = []) {
        self.init(identity: identity, typeRef: typeRef, values: values, children: children,
                  memberwise: ReqIFMemberwise())
    }
}

extension ReqIFDocument.RelationGroup {
    public init(identity: ReqIFDocument.Identity = ReqIFDocument.Identity(), typeRef: String = "",
                sourceSpecificationRef: String = "", targetSpecificationRef: String = "",
                relationRefs: [String] = []) {
        self.init(identity: identity, typeRef: typeRef, sourceSpecificationRef: sourceSpecificationRef,
                  targetSpecificationRef: targetSpecificationRef, relationRefs: relationRefs,
                  memberwise: ReqIFMemberwise())
    }
}
