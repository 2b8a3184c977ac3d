/// Rules of a decomposition tree (system elements, architecture nodes) that do not need a database: whether a
/// move would make an element its own ancestor, and each element's depth.
public enum ElementTree {
    /// Why moving `element` under `newParent` is refused, or nil when it may move. `parents` maps each element to
    /// its current parent (absent or nil at a root).
    public static func moveProblem<ID: Hashable>(_ element: ID, under newParent: ID?, parents: [ID: ID]) -> MoveProblem<ID>? {
        guard let newParent else { return nil }
        if newParent == element { return .ownParent }
        // Walk up from the new parent; meeting the element means the element would sit below itself.
        var seen: Set<ID> = [newParent]
        var current = parents[newParent]
        while let node = current {
            if node == element { return .cycle(through: newParent) }
            guard seen.insert(node).inserted else { return nil }  // an existing cycle elsewhere is not this move's doing
            current = parents[node]
        }
        return nil
    }

    public enum MoveProblem<ID: Hashable>: Equatable {
        case ownParent
        /// The new parent lies below the element.
        case cycle(through: ID)
    }

    /// Depth of every element (0 at a root); elements on a parent cycle get nil.
    public static func depths<ID: Hashable>(_ parents: [ID: ID], elements: [ID]) -> [ID: Int] {
        var depths: [ID: Int] = [:]
        for element in elements {
            var chain: [ID] = []
            var seen: Set<ID> = []
            var current: ID? = element
            var base: Int?
            while let node = current {
                if let known = depths[node] { base = known; break }
                guard seen.insert(node).inserted else { break }
                chain.append(node)
                current = parents[node]
                if current == nil { base = -1 }
            }
            guard var depth = base else { continue }
            for node in chain.reversed() {
                depth += 1
                depths[node] = depth
            }
        }
        return depths
    }
}
