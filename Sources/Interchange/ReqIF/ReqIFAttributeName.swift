/// The XML attributes `ReqIFDocumentBuilder` reads. `ReqIFReader` seeds the tokenizer's name table with them first (see
/// `ReqIFNameSeed`), so each has its case's number as its id and is found by comparing integers rather than strings.
enum ReqIFAttributeName: Int, CaseIterable {
    case identifier, longName, description, lastChange, theValue, key, otherContent, isTableInternal, isEditable
    case maxLength, min, max, accuracy, multiValued

    var xmlName: String {
        switch self {
        case .identifier: "IDENTIFIER"
        case .longName: "LONG-NAME"
        case .description: "DESC"
        case .lastChange: "LAST-CHANGE"
        case .theValue: "THE-VALUE"
        case .key: "KEY"
        case .otherContent: "OTHER-CONTENT"
        case .isTableInternal: "IS-TABLE-INTERNAL"
        case .isEditable: "IS-EDITABLE"
        case .maxLength: "MAX-LENGTH"
        case .min: "MIN"
        case .max: "MAX"
        case .accuracy: "ACCURACY"
        case .multiValued: "MULTI-VALUED"
        }
    }

    /// The first names of `ReqIFNameSeed` (and the seed tests give `XMLTokenizer(names:)`), in id order.
    static let seed = allCases.map(\.xmlName)
}

extension XMLAttributes {
    subscript(_ name: ReqIFAttributeName) -> String? { self[id: name.rawValue] }

    /// An xsd:boolean attribute ("true", "false", "1", "0", surrounding blanks allowed; case-insensitive because
    /// tools differ), read from the bytes: hierarchy entries carry two, and a string each was measurable.
    func bool(_ name: ReqIFAttributeName) -> Bool? {
        guard let index = index(of: name.rawValue) else { return nil }
        return withBytes(at: index, ReqIFDocumentBuilder.bool)
    }
}
