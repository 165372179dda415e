import Foundation

/// Wraps a sequence and adds up the time spent producing its elements (the solver's time).
final class TimedSequence<Base: Sequence>: Sequence, IteratorProtocol {
    private var iterator: Base.Iterator
    private let clock = ContinuousClock()
    private(set) var elapsed: Duration = .zero

    init(base: Base) { iterator = base.makeIterator() }

    func next() -> Base.Element? {
        let start = clock.now
        defer { elapsed += clock.now - start }
        return iterator.next()
    }
}
