import Locking

/// Records the questions a validation asks storage; the lookups are `@Sendable`, so the
/// log is shared through a mutex.
final class QuestionLog: Sendable {
    private let asked = Locked<[String]>([])

    /// Notes a question and answers that nothing exists.
    func record(_ question: String) -> Bool {
        asked.withLock { $0.append(question) }
        return false
    }

    /// The questions in the order they were asked.
    var questions: [String] { asked.withLock { $0 } }
}
