/// The open elements of a parse, as a stack of plain values in memory of its own: pushed and popped for every
/// element, where an array property checked its buffer for uniqueness (a runtime call) each time. Only for
/// trivial elements (integers, enums without references), which need no retain or destruction.
final class ElementStack<Element> {
    @exclusivity(unchecked) private var storage: UnsafeMutablePointer<Element>
    @exclusivity(unchecked) private var capacity: Int
    @exclusivity(unchecked) private(set) var count = 0

    init(capacity: Int = 64) {
        precondition(_isPOD(Element.self), "ElementStack holds trivial values only")
        self.capacity = max(capacity, 1)
        storage = .allocate(capacity: self.capacity)
    }

    deinit { storage.deallocate() }

    var isEmpty: Bool { count == 0 }
    var last: Element? { count == 0 ? nil : storage[count - 1] }

    /// The element `offset` places below the top (0: the top), if the stack is that deep.
    func fromTop(_ offset: Int) -> Element? { offset < count ? storage[count - 1 - offset] : nil }

    @inline(__always)
    func append(_ element: Element) {
        if count == capacity {
            let grown = UnsafeMutablePointer<Element>.allocate(capacity: capacity * 2)
            grown.moveInitialize(from: storage, count: count)
            storage.deallocate()
            storage = grown
            capacity *= 2
        }
        (storage + count).initialize(to: element)
        count += 1
    }

    @inline(__always)
    @discardableResult
    func removeLast() -> Element {
        precondition(count > 0, "removeLast on an empty stack")
        count -= 1
        return storage[count]
    }
}
