/// One frame's result on its way to the sink, with how long it took.
struct FrameWork<Prepared: Sendable>: Sendable {
    let prepared: Prepared
    let iteration: Int
    let render: Duration
    let prepare: Duration
}
