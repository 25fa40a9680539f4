import CEpoll
import Dispatch
import Locking
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// One thread waiting on its own epoll instance and running, in turn, every connection
/// registered with it: reading, parsing, answering and writing happen on that thread with
/// no hand-over, which is what lets a small request cost little more than its system calls.
///
/// Connections belong to one loop for life. Other threads reach a loop only through
/// `execute`, which queues a task and wakes the loop through an `eventfd`. Deadlines are
/// kept by the connections themselves: the loop remembers only the earliest one and, when
/// it passes, asks every connection whose deadline is due to act on it.
///
/// `@unchecked Sendable` invariant: `connections`, `earliestDeadline` and the connections'
/// own state are touched only on the loop's thread; `tasks` is locked, and the descriptors
/// are set in `init` and closed only after the thread has finished.
final class EventLoop: @unchecked Sendable {
    /// The readiness a connection asks for.
    struct Interest: Equatable {
        var reading: Bool
        var writing: Bool

        /// Nothing but errors and hang-ups, which epoll always reports.
        static let none = Interest(reading: false, writing: false)

        var events: UInt32 {
            (reading ? EPOLLIN.rawValue : 0) | (writing ? EPOLLOUT.rawValue : 0)
        }
    }

    /// A descriptor the loop needs could not be made (`errno` from `call`).
    struct SetupFailure: Error {
        var call: String
        var errno: Int32
    }

    /// How many ready descriptors one wait takes at most.
    private static let batchSize = 64
    /// The token of the wake-up descriptor; connection tokens start above it.
    private static let wakeToken: UInt64 = 0

    private let epoll: Int32
    private let wakeDescriptor: Int32
    private let tasks = Locked<[@Sendable () -> Void]>([])
    private let isStopping = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)
    /// The loop thread's `pthread_t`, for `isCurrent`.
    private let threadIdentity = Atomic<UInt>(0)

    private var connections: [UInt64: Connection] = [:]
    private var nextToken: UInt64 = 1
    private var earliestDeadline = UInt64.max

    /// Creates the epoll instance and the wake-up descriptor and starts the thread, which
    /// runs until `stop()`. `label` names the thread's queue in debuggers and crash logs.
    init(label: String) throws(SetupFailure) {
        epoll = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard epoll >= 0 else { throw SetupFailure(call: "epoll_create1", errno: errno) }
        wakeDescriptor = eventfd(0, Int32(EFD_NONBLOCK) | Int32(EFD_CLOEXEC))
        guard wakeDescriptor >= 0 else {
            let code = errno
            close(epoll)
            throw SetupFailure(call: "eventfd", errno: code)
        }

        var event = epoll_event()
        event.events = EPOLLIN.rawValue
        event.data.u64 = EventLoop.wakeToken
        epoll_ctl(epoll, EPOLL_CTL_ADD, wakeDescriptor, &event)

        // A serial queue of its own puts the loop on a thread of Dispatch's overcommit
        // pool, which is never shared with other work while the loop runs.
        DispatchQueue(label: label).async { [self] in
            threadIdentity.store(UInt(pthread_self()), ordering: .relaxed)
            run()
            finished.signal()
        }
    }

    deinit {
        close(wakeDescriptor)
        close(epoll)
    }

    /// Whether the caller runs on this loop's thread.
    var isCurrent: Bool {
        threadIdentity.load(ordering: .relaxed) == UInt(pthread_self())
    }

    /// Runs `task` on the loop's thread soon, after the events already being handled.
    /// Tasks given after `stop()` are dropped.
    func execute(_ task: @escaping @Sendable () -> Void) {
        let wasEmpty = tasks.withLock { tasks in
            tasks.append(task)
            return tasks.count == 1
        }
        if wasEmpty { wake() }
    }

    /// Asks the thread to finish once the current events are handled, closes the
    /// connections still registered, and returns when the thread has ended.
    func stop() {
        isStopping.store(true, ordering: .relaxed)
        wake()
        finished.wait()
    }

    /// Watches a connection's descriptor for the readiness it asks for. Loop thread only.
    func register(_ connection: Connection) {
        let token = nextToken
        nextToken += 1
        connection.loopToken = token
        connections[token] = connection
        connection.registeredInterest = connection.interest
        control(EPOLL_CTL_ADD, connection, events: connection.registeredInterest.events)
    }

    /// Brings the descriptor's watch in line with what the connection now asks for, with
    /// a system call only when that changed. Loop thread only.
    func updateInterest(of connection: Connection) {
        let wanted = connection.interest
        guard wanted != connection.registeredInterest else { return }
        connection.registeredInterest = wanted
        control(EPOLL_CTL_MOD, connection, events: wanted.events)
    }

    /// Stops watching a connection, before its descriptor is closed. Loop thread only.
    func deregister(_ connection: Connection) {
        guard connections.removeValue(forKey: connection.loopToken) != nil else { return }
        var event = epoll_event()
        epoll_ctl(epoll, EPOLL_CTL_DEL, connection.descriptor, &event)
    }

    /// Makes sure the loop wakes by `deadline` (uptime nanoseconds). Loop thread only.
    func schedule(_ deadline: UInt64) {
        earliestDeadline = min(earliestDeadline, deadline)
    }

    private func control(_ operation: Int32, _ connection: Connection, events: UInt32) {
        var event = epoll_event()
        event.events = events
        event.data.u64 = connection.loopToken
        epoll_ctl(epoll, operation, connection.descriptor, &event)
    }

    private func wake() {
        var one: UInt64 = 1
        _ = write(wakeDescriptor, &one, MemoryLayout<UInt64>.size)
    }

    private func run() {
        var events = [epoll_event](repeating: epoll_event(), count: EventLoop.batchSize)
        while !isStopping.load(ordering: .relaxed) {
            let count = events.withUnsafeMutableBufferPointer { buffer in
                epoll_wait(epoll, buffer.baseAddress, Int32(buffer.count), waitMilliseconds())
            }
            for index in 0..<max(0, Int(count)) {
                let event = events[index]
                if event.data.u64 == EventLoop.wakeToken {
                    var value: UInt64 = 0
                    _ = read(wakeDescriptor, &value, MemoryLayout<UInt64>.size)
                } else if let connection = connections[event.data.u64] {
                    connection.handleEvents(event.events)
                }
            }
            runTasks()
            fireDueDeadlines()
        }

        runTasks()
        for connection in Array(connections.values) {
            connection.terminate()
        }
    }

    /// How long to wait for events: until the earliest deadline, rounded up to whole
    /// milliseconds so the loop never wakes just before it; forever without one.
    private func waitMilliseconds() -> Int32 {
        guard earliestDeadline != UInt64.max else { return -1 }
        let now = DispatchTime.now().uptimeNanoseconds
        guard earliestDeadline > now else { return 0 }
        let milliseconds = (earliestDeadline - now + 999_999) / 1_000_000
        return Int32(clamping: milliseconds)
    }

    private func runTasks() {
        let due = tasks.withLock { tasks in
            defer { tasks.removeAll(keepingCapacity: true) }
            return tasks
        }
        for task in due {
            task()
        }
    }

    /// Lets every connection whose deadline has passed act on it, and finds the next one.
    private func fireDueDeadlines() {
        let now = DispatchTime.now().uptimeNanoseconds
        guard now >= earliestDeadline else { return }

        earliestDeadline = UInt64.max
        for connection in Array(connections.values) {
            if connection.scheduledDeadline <= now {
                connection.handleTimer()
            } else {
                schedule(connection.scheduledDeadline)
            }
        }
    }
}

/// The loops of one server, one per processor by default, handing each new connection to
/// the next in turn.
final class EventLoopGroup: Sendable {
    let loops: [EventLoop]
    private let next = Atomic<Int>(0)

    /// Starts `count` loops (at least one).
    init(count: Int) throws(EventLoop.SetupFailure) {
        var loops: [EventLoop] = []
        for number in 0..<max(1, count) {
            do {
                loops.append(try EventLoop(label: "leads.http.loop.\(number)"))
            } catch {
                for loop in loops { loop.stop() }
                throw error
            }
        }
        self.loops = loops
    }

    /// The loop for the next connection.
    func nextLoop() -> EventLoop {
        let number = next.add(1, ordering: .relaxed).oldValue
        return loops[number % loops.count]
    }

    /// Stops every loop; connections still open are closed.
    func stop() {
        for loop in loops {
            loop.stop()
        }
    }

    /// How many processors are online, the default number of loops.
    static var processorCount: Int {
        max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }
}
