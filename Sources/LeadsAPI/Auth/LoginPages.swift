/// The HTML of the login, logout and CSRF failure pages: small and plain, every value
/// that came from a request escaped.
enum LoginPages {
    /// What the login form shows besides its empty fields.
    struct LoginForm {
        /// The masked CSRF token for the hidden `csrfmiddlewaretoken` field.
        var csrfToken: String
        /// Where to go after logging in; empty when the request named no safe place.
        var next: String = ""
        /// The username typed before, shown again after a failed attempt.
        var username: String = ""
        /// Errors about the form as a whole, such as wrong credentials.
        var formErrors: [String] = []
        /// Errors per field name (`username`, `password`).
        var fieldErrors: [String: [String]] = [:]
    }

    /// Django's message for a username and password that match no active person.
    static let invalidLoginMessage =
        "Please enter a correct username and password. Note that both fields may be "
        + "case-sensitive."

    /// The login form posting to `/api-auth/login/`.
    static func login(_ form: LoginForm) -> String {
        var html = head(title: "Log in | Leads API")
        html += "<body>\n<h1>Log in</h1>\n"
        for error in form.formErrors {
            html += "<p class=\"errornote\">\(escape(error))</p>\n"
        }
        html += "<form action=\"/api-auth/login/\" method=\"post\">\n"
        html += hiddenField("csrfmiddlewaretoken", form.csrfToken)
        html += hiddenField("next", form.next)
        html += "<p><label for=\"id_username\">Username:</label>\n"
        html += "<input type=\"text\" name=\"username\" id=\"id_username\" "
        html += "value=\"\(escape(form.username))\" maxlength=\"150\" autofocus "
        html += "autocapitalize=\"none\" autocomplete=\"username\" required></p>\n"
        html += errorList(form.fieldErrors["username"] ?? [])
        html += "<p><label for=\"id_password\">Password:</label>\n"
        html += "<input type=\"password\" name=\"password\" id=\"id_password\" "
        html += "autocomplete=\"current-password\" required></p>\n"
        html += errorList(form.fieldErrors["password"] ?? [])
        html += "<p><input type=\"submit\" value=\"Log in\"></p>\n</form>\n</body>\n</html>\n"
        return html
    }

    /// The page shown after logging out when no safe `next` was given.
    static func loggedOut() -> String {
        head(title: "Logged out | Leads API")
            + "<body>\n<h1>Logged out</h1>\n<p>You have been logged out.</p>\n"
            + "<p><a href=\"/api-auth/login/\">Log in again</a></p>\n</body>\n</html>\n"
    }

    /// The 403 page for a failed CSRF check, with Django's heading and the reason.
    static func csrfFailure(reason: String) -> String {
        head(title: "403 Forbidden")
            + "<body>\n<h1>Forbidden <span>(403)</span></h1>\n"
            + "<p>CSRF verification failed. Request aborted.</p>\n"
            + "<p>Reason given for failure:</p>\n<pre>\(escape(reason))</pre>\n"
            + "</body>\n</html>\n"
    }

    /// Django's production page for a request it cannot read, such as a broken form body.
    static func badRequest() -> String {
        "\n<!doctype html>\n<html lang=\"en\">\n<head>\n  <title>Bad Request (400)</title>\n"
            + "</head>\n<body>\n  <h1>Bad Request (400)</h1><p></p>\n</body>\n</html>\n"
    }

    /// Escapes the five characters Django's `escape` replaces, so text is safe both
    /// between tags and inside quoted attributes.
    static func escape(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#x27;"
            default: output.unicodeScalars.append(character)
            }
        }
        return output
    }

    private static func head(title: String) -> String {
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            + "<meta name=\"robots\" content=\"NONE,NOARCHIVE\">\n"
            + "<title>\(escape(title))</title>\n</head>\n"
    }

    private static func hiddenField(_ name: String, _ value: String) -> String {
        "<input type=\"hidden\" name=\"\(name)\" value=\"\(escape(value))\">\n"
    }

    private static func errorList(_ errors: [String]) -> String {
        guard !errors.isEmpty else { return "" }
        return "<ul class=\"errorlist\">"
            + errors.map { "<li>\(escape($0))</li>" }.joined() + "</ul>\n"
    }
}
