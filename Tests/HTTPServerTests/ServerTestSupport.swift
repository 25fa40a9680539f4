import Dispatch
import HTTPServer
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// Answers with `METHOD path body`, so a test can see which request a response belongs to.
let echoResponder = ClosureResponder { request in
    let body = String(decoding: request.body, as: UTF8.self)
    let text = "\(request.method.rawValue) \(request.path) \(body)"
    return HTTPResponse(
        status: .ok,
        headers: ["Content-Type": "text/plain"],
        body: Array(text.utf8)
    )
}

/// Polls `condition` until it holds or `seconds` pass; returns whether it held. Used to wait
/// for the server to notice a closed socket, never to measure time.
func eventually(within seconds: Double = 5, _ condition: () -> Bool) -> Bool {
    let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(seconds * 1_000_000_000)
    while DispatchTime.now().uptimeNanoseconds < deadline {
        if condition() { return true }
        usleep(5_000)
    }
    return condition()
}
