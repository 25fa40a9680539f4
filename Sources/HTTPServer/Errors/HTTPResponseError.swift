/// An error that already knows how it should be answered, such as a validation failure
/// carrying its 400 body. `MiddlewareChain`'s error responder can send `response` as is.
public protocol HTTPResponseError: Error {
    /// The complete response to send for this error.
    var response: HTTPResponse { get }
}
