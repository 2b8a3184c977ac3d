@testable import Interchange
import Testing

/// The open-element stack: grows past its first capacity, keeps order, and answers for depths it does not have.
@Suite struct ElementStackTests {
    @Test func growsKeepsOrderAndAnswersNilBelowTheBottom() {
        let stack = ElementStack<Int>(capacity: 2)
        #expect(stack.isEmpty && stack.last == nil && stack.fromTop(0) == nil)
        for value in 0..<100 { stack.append(value) }
        #expect(stack.count == 100 && stack.last == 99 && stack.fromTop(1) == 98 && stack.fromTop(99) == 0)
        #expect(stack.fromTop(100) == nil)
        for expected in stride(from: 99, through: 50, by: -1) { #expect(stack.removeLast() == expected) }
        #expect(stack.count == 50 && stack.last == 49)
        stack.append(7)
        #expect(stack.last == 7 && stack.fromTop(1) == 49)
    }
}
