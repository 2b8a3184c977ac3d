/// The names a ReqIF reader's tokenizer starts with, and what the builder knows of them before any file: first
/// the attributes it reads (`ReqIFAttributeName`, ids 0, 1, …), then every element name of the ReqIF 1.2 schema.
/// Seeded, each element's meaning (`ReqIFTag`) and the schema's answer for each parent and child are found by id
/// in tables made once per process; entered, named and worked out from the strings in every file, they were a
/// seventh of reading a file of many types.
enum ReqIFNameSeed {
    static let names: [String] = {
        let attributes = ReqIFAttributeName.seed
        var elements = Set(ReqIFSchema.children.keys)
        for children in ReqIFSchema.children.values { elements.formUnion(children) }
        return attributes + elements.subtracting(attributes).sorted()
    }()

    static let seed = XMLNameTable.Seed(names)

    /// The tag of each seeded id; nil for the ids a file's own names get.
    static let tags: [ReqIFTag?] = (0..<XMLNameTable.capacity).map { $0 < names.count ? ReqIFTag(names[$0]) : nil }

    /// Parent and child ids below this have a cell in `allowed`.
    static let allowedIDs = 192

    /// 1 where the schema allows child id inside parent id (or does not check the parent), 0 where it refuses or
    /// the names are not seeded: `allowedIDs` × `allowedIDs`, row by parent.
    static let allowed: [UInt8] = {
        var table = [UInt8](repeating: 0, count: allowedIDs * allowedIDs)
        for (parent, parentName) in names.enumerated().prefix(allowedIDs) {
            let children = ReqIFSchema.children[parentName]
            for (child, childName) in names.enumerated().prefix(allowedIDs) where children?.contains(childName) ?? true {
                table[parent * allowedIDs + child] = 1
            }
        }
        return table
    }()
}
