import HTTPServer

/// Responses of Django's own views (login, logout): HTML, redirects and bare method
/// answers, all marked never to be cached and to vary with cookies, as Django's
/// `never_cache` decorator and session middleware mark them.
enum PageResponse {
    /// An HTML page.
    static func html(_ status: HTTPStatus, _ text: String) -> HTTPResponse {
        var response = DjangoPage.html(status, text)
        preventCaching(&response)
        return response
    }

    /// A 302 to a path already checked by `RedirectTarget`.
    static func redirect(to path: String) -> HTTPResponse {
        var response = DjangoPage.html(.found, "")
        response.headers.add(name: "Location", value: RedirectTarget.location(path))
        preventCaching(&response)
        return response
    }

    /// The empty answer to OPTIONS, listing the methods the view has.
    static func options(allowing methods: String) -> HTTPResponse {
        var response = DjangoPage.html(.ok, "")
        response.headers.add(name: "Allow", value: methods)
        preventCaching(&response, varyingWithCookies: false)
        return response
    }

    /// Django's empty 405 for a method the view does not have.
    static func methodNotAllowed(allowing methods: String) -> HTTPResponse {
        var response = DjangoPage.html(.methodNotAllowed, "")
        response.headers.add(name: "Allow", value: methods)
        preventCaching(&response, varyingWithCookies: false)
        return response
    }

    /// Adds a `Set-Cookie` field.
    static func setCookie(_ value: String, on response: inout HTTPResponse) {
        response.headers.add(name: "Set-Cookie", value: value)
    }

    /// Adds the headers of `never_cache` (expired now, `no-store`) and, for answers that
    /// depend on the session or CSRF cookie, `Vary: Cookie`.
    static func preventCaching(_ response: inout HTTPResponse, varyingWithCookies: Bool = true) {
        response.headers.add(name: "Expires", value: UnixTime.imfDate(UnixTime.now()))
        response.headers.add(
            name: "Cache-Control",
            value: "max-age=0, no-cache, no-store, must-revalidate, private"
        )
        if varyingWithCookies {
            response.headers.add(name: "Vary", value: "Cookie")
        }
    }
}
