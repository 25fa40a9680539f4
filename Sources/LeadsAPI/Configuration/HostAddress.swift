#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// The addresses the HTTP listener can bind, checked while the configuration loads so a
/// typo stops the server before it touches the database rather than at bind time.
enum HostAddress {
    /// Whether the listener accepts `text`: dotted IPv4 such as `0.0.0.0`, or the word
    /// `localhost`, which it binds as 127.0.0.1.
    static func isListenable(_ text: String) -> Bool {
        if text == "localhost" { return true }

        var address = in_addr()
        return inet_pton(AF_INET, text, &address) == 1
    }
}
