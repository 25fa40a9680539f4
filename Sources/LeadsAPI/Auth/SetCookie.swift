/// `Set-Cookie` values spelled exactly as Django writes them (attributes in the sorted
/// order of Python's cookie module), so clients and snapshot tests see the same headers
/// as from the real backend.
enum SetCookie {
    /// Django's `CSRF_COOKIE_AGE`: one year of 52 weeks.
    static let csrfCookieAge = 31_449_600

    /// The `csrftoken` cookie: readable by scripts (they copy it into `X-CSRFToken`).
    static func csrfToken(_ secret: String, now: Int) -> String {
        "csrftoken=\(secret); expires=\(UnixTime.imfDate(now + csrfCookieAge)); "
            + "Max-Age=\(csrfCookieAge); Path=/; SameSite=Lax"
    }

    /// The `sessionid` cookie: hidden from scripts, lasting as long as the session row.
    static func session(_ key: String, age: Int, now: Int) -> String {
        "sessionid=\(key); expires=\(UnixTime.imfDate(now + age)); HttpOnly; "
            + "Max-Age=\(age); Path=/; SameSite=Lax"
    }

    /// Django's `delete_cookie` for the session cookie: empty, expired at the epoch.
    static let sessionDeletion =
        "sessionid=\"\"; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; SameSite=Lax"
}
