import Foundation
import LeadsAPI
import Log
import Storage
import TestSupport

/// A browser-like client of an `APITestServer`: it keeps the cookies the server sets and
/// sends them back, so tests can walk through login, API use and logout.
final class SessionClient {
    let server: APITestServer
    /// Cookies by name, as the last `Set-Cookie` for each left them.
    private(set) var cookies: [String: String] = [:]

    init(_ server: APITestServer) {
        self.server = server
    }

    /// Sends a request with the stored cookies and stores the cookies of the response.
    @discardableResult
    func send(
        _ method: String,
        _ path: String,
        headers: [(String, String)] = [],
        body: String = ""
    ) throws -> ClientResponse {
        var allHeaders = headers
        if !cookies.isEmpty {
            let header = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            allHeaders.append(("Cookie", header.joined(separator: "; ")))
        }
        let response = try server.request(method, path, headers: allHeaders, body: body)
        for value in response.headerValues("Set-Cookie") {
            store(setCookie: value)
        }
        return response
    }

    /// Sets or replaces a cookie by hand, as an attacker or a stale browser would.
    func setCookie(_ name: String, _ value: String) {
        cookies[name] = value
    }

    /// Forgets a cookie.
    func removeCookie(_ name: String) {
        cookies[name] = nil
    }

    /// The CSRF secret the server last set.
    var csrfSecret: String? { cookies["csrftoken"] }

    /// The session key the server last set.
    var sessionKey: String? { cookies["sessionid"] }

    /// Opens the login page (getting a CSRF cookie) and posts the form with its token.
    @discardableResult
    func logIn(
        _ username: String,
        password: String? = nil,
        next: String? = nil
    ) throws -> ClientResponse {
        let page = try send("GET", "/api-auth/login/")
        let token = hiddenValue("csrfmiddlewaretoken", in: page.text) ?? ""
        var fields = [
            ("csrfmiddlewaretoken", token), ("username", username),
            ("password", password ?? username + "-pass"),
        ]
        if let next { fields.append(("next", next)) }
        return try send(
            "POST",
            "/api-auth/login/",
            headers: [("Content-Type", "application/x-www-form-urlencoded")],
            body: formBody(fields)
        )
    }

    /// Applies one `Set-Cookie` value: an expired or empty cookie is removed.
    private func store(setCookie value: String) {
        let parts = value.split(separator: ";").map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard let first = parts.first, let equals = first.firstIndex(of: "=") else { return }

        let name = String(first[..<equals])
        let cookieValue = String(first[first.index(after: equals)...])
        if cookieValue.isEmpty || cookieValue == "\"\"" || parts.contains("Max-Age=0") {
            cookies[name] = nil
        } else {
            cookies[name] = cookieValue
        }
    }
}

/// The `value` of the hidden input called `name` in an HTML page, unescaped of nothing:
/// tokens hold only letters and digits.
func hiddenValue(_ name: String, in html: String) -> String? {
    let marker = "name=\"\(name)\" value=\""
    guard let start = html.range(of: marker)?.upperBound,
        let end = html[start...].firstIndex(of: "\"")
    else { return nil }
    return String(html[start..<end])
}

/// An `application/x-www-form-urlencoded` body.
func formBody(_ fields: [(String, String)]) -> String {
    var allowed = CharacterSet.alphanumerics
    allowed.insert(charactersIn: "-._~")
    return fields.map { name, value in
        let encodedName = name.addingPercentEncoding(withAllowedCharacters: allowed) ?? name
        let encodedValue = value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value
        return encodedName + "=" + encodedValue
    }.joined(separator: "&")
}

extension APITestServer {
    /// Runs `body` on a second handle to the server's database file, for changes no
    /// endpoint offers (expiring a session, replacing a password hash).
    func withDatabase<T>(_ body: (Database) throws -> T) throws -> T {
        let database = try Database(
            configuration: DatabaseConfiguration(path: configuration.databasePath, readerCount: 1),
            logger: .disabled()
        )
        defer { database.close() }
        return try body(database)
    }

    /// How many log records so far carry this message and metadata pair.
    func logCount(_ message: String, _ key: String, _ value: String) -> Int {
        logs.records.filter { $0.message == message && $0.metadata[key] == value }.count
    }
}
