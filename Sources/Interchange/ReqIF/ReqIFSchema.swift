/// The child elements the ReqIF 1.2 schema (reqif.xsd) allows inside each ReqIF element. Elements not listed
/// here (leaves, references, XHTML and tool extensions, which are kept verbatim) are not checked.
enum ReqIFSchema {
    static let kinds = ["BOOLEAN", "DATE", "ENUMERATION", "INTEGER", "REAL", "STRING", "XHTML"]

    static let children: [String: Set<String>] = {
        var table: [String: Set<String>] = [
            "REQ-IF": ["THE-HEADER", "CORE-CONTENT", "TOOL-EXTENSIONS"],
            "THE-HEADER": ["REQ-IF-HEADER"],
            "REQ-IF-HEADER": ["COMMENT", "CREATION-TIME", "REPOSITORY-ID", "REQ-IF-TOOL-ID", "REQ-IF-VERSION", "SOURCE-TOOL-ID", "TITLE"],
            "CORE-CONTENT": ["REQ-IF-CONTENT"],
            "REQ-IF-CONTENT": ["DATATYPES", "SPEC-TYPES", "SPEC-OBJECTS", "SPEC-RELATIONS", "SPECIFICATIONS", "SPEC-RELATION-GROUPS"],
            "DATATYPES": Set(kinds.map { "DATATYPE-DEFINITION-" + $0 }),
            "SPECIFIED-VALUES": ["ENUM-VALUE"],
            "ENUM-VALUE": ["ALTERNATIVE-ID", "PROPERTIES"],
            "PROPERTIES": ["EMBEDDED-VALUE"],
            "SPEC-TYPES": ["SPEC-OBJECT-TYPE", "SPECIFICATION-TYPE", "SPEC-RELATION-TYPE", "RELATION-GROUP-TYPE"],
            "SPEC-ATTRIBUTES": Set(kinds.map { "ATTRIBUTE-DEFINITION-" + $0 }),
            "DEFAULT-VALUE": Set(kinds.map { "ATTRIBUTE-VALUE-" + $0 }),
            "DEFINITION": Set(kinds.map { "ATTRIBUTE-DEFINITION-\($0)-REF" }),
            "VALUES": Set(kinds.map { "ATTRIBUTE-VALUE-" + $0 } + ["ENUM-VALUE-REF"]),
            "TYPE": Set(kinds.map { "DATATYPE-DEFINITION-\($0)-REF" }
                + ["SPEC-OBJECT-TYPE-REF", "SPECIFICATION-TYPE-REF", "SPEC-RELATION-TYPE-REF", "RELATION-GROUP-TYPE-REF"]),
            "SPEC-OBJECTS": ["SPEC-OBJECT"],
            "SPEC-OBJECT": ["ALTERNATIVE-ID", "VALUES", "TYPE"],
            "SPEC-RELATIONS": ["SPEC-RELATION", "SPEC-RELATION-REF"],
            "SPEC-RELATION": ["ALTERNATIVE-ID", "VALUES", "SOURCE", "TARGET", "TYPE"],
            "SOURCE": ["SPEC-OBJECT-REF"],
            "TARGET": ["SPEC-OBJECT-REF"],
            "SPECIFICATIONS": ["SPECIFICATION"],
            "SPECIFICATION": ["ALTERNATIVE-ID", "VALUES", "CHILDREN", "TYPE"],
            "CHILDREN": ["SPEC-HIERARCHY"],
            "SPEC-HIERARCHY": ["ALTERNATIVE-ID", "CHILDREN", "EDIT-ATTRIBUTES", "OBJECT"],
            "OBJECT": ["SPEC-OBJECT-REF"],
            "EDIT-ATTRIBUTES": Set(kinds.map { "ATTRIBUTE-DEFINITION-\($0)-REF" }),
            "SPEC-RELATION-GROUPS": ["RELATION-GROUP"],
            "RELATION-GROUP": ["ALTERNATIVE-ID", "SOURCE-SPECIFICATION", "SPEC-RELATIONS", "TARGET-SPECIFICATION", "TYPE"],
            "SOURCE-SPECIFICATION": ["SPECIFICATION-REF"],
            "TARGET-SPECIFICATION": ["SPECIFICATION-REF"],
        ]
        for kind in kinds {
            table["DATATYPE-DEFINITION-" + kind] = kind == "ENUMERATION" ? ["ALTERNATIVE-ID", "SPECIFIED-VALUES"] : ["ALTERNATIVE-ID"]
            table["ATTRIBUTE-DEFINITION-" + kind] = ["ALTERNATIVE-ID", "DEFAULT-VALUE", "TYPE"]
            table["ATTRIBUTE-VALUE-" + kind] = kind == "XHTML" ? ["DEFINITION", "THE-VALUE", "THE-ORIGINAL-VALUE"]
                : kind == "ENUMERATION" ? ["DEFINITION", "VALUES"] : ["DEFINITION"]
        }
        for type in ["SPEC-OBJECT-TYPE", "SPECIFICATION-TYPE", "SPEC-RELATION-TYPE", "RELATION-GROUP-TYPE"] {
            table[type] = ["ALTERNATIVE-ID", "SPEC-ATTRIBUTES"]
        }
        return table
    }()
}
