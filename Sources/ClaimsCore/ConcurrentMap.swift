import Foundation

extension Array {
    /// `transform` of every element, in order, computed on every core: one run of elements per
    /// core, each with at least `perWorker` of them (fewer elements, fewer cores). For pure work
    /// only: `transform` runs on several threads at once.
    public func concurrentMap<T>(perWorker: Int = 1, _ transform: (Element) -> T) -> [T] {
        let workers = Swift.max(1, Swift.min(ProcessInfo.processInfo.activeProcessorCount, count / Swift.max(1, perWorker)))
        if workers == 1 { return map(transform) }
        let out = UnsafeMutableBufferPointer<T>.allocate(capacity: count)
        defer { out.deinitialize(); out.deallocate() }
        // Each worker reads and writes only its own run of indices.
        nonisolated(unsafe) let input = self, slots = out
        withoutActuallyEscaping(transform) { transform in
            nonisolated(unsafe) let transform = transform
            DispatchQueue.concurrentPerform(iterations: workers) { worker in
                let run = input.count / workers
                let end = worker == workers - 1 ? input.count : (worker + 1) * run
                guard let base = slots.baseAddress else { return }
                for i in worker * run ..< end { (base + i).initialize(to: transform(input[i])) }
            }
        }
        return [T](out)
    }
}
