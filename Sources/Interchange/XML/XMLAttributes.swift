/// The attributes of one start tag in document order, reused from tag to tag by `XMLTokenizer` (a dictionary per
/// element is most of what a general-purpose parser spends on ReqIF's attribute-heavy files). Tags carry a
/// handful of attributes, so a linear lookup beats hashing.
struct XMLAttributes {
    private(set) var names: [String] = []
    private(set) var values: [String] = []

    var count: Int { names.count }
    var isEmpty: Bool { names.isEmpty }

    subscript(_ name: String) -> String? {
        for index in names.indices where names[index] == name { return values[index] }
        return nil
    }

    mutating func append(_ name: String, _ value: String) {
        names.append(name)
        values.append(value)
    }

    mutating func removeAll() {
        guard !names.isEmpty else { return }
        names.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
    }

    /// The attributes ordered by name, as the verbatim capture of XHTML writes them.
    var sorted: [(name: String, value: String)] {
        zip(names, values).map { (name: $0, value: $1) }.sorted { $0.name < $1.name }
    }
}
