import Testing

@testable import HTTPServer

/// A chunked request head that passes every head check, for tests of the body.
private let chunkedHead = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"

@Suite struct RequestParserTests {
    private func request(
        _ method: String,
        _ target: String,
        headers: [String],
        body: String = "",
        version: HTTPVersion = .http1_1,
        keepAlive: Bool = true
    ) -> ParsedEvent {
        .request(
            RequestSummary(
                method: method,
                target: target,
                version: version,
                headers: headers,
                body: body,
                keepAlive: keepAlive
            )
        )
    }

    @Test func parsesASimpleGet() {
        let events = parseEverySplit("GET /api/leads/?page=2 HTTP/1.1\r\nHost: example.com\r\n\r\n")
        #expect(events == [request("GET", "/api/leads/?page=2", headers: ["Host: example.com"])])
    }

    @Test func splitsPathAndQueryWithoutDecoding() {
        let request = HTTPRequest(method: .get, target: "/a%2Fb/c?x=1%202&y")
        #expect(request.path == "/a%2Fb/c")
        #expect(request.query == "x=1%202&y")
        #expect(HTTPRequest(method: .get, target: "/plain").query == nil)
        #expect(HTTPRequest(method: .get, target: "/empty?").query == "")
    }

    @Test func keepsRepeatedHeadersAndTrimsValues() throws {
        let text = "GET / HTTP/1.1\r\nX-Tag:  one \r\nx-tag:\ttwo\r\nHost: h\r\n\r\n"
        let events = parseEverySplit(text)
        #expect(events == [request("GET", "/", headers: ["X-Tag: one", "x-tag: two", "Host: h"])])

        var parser = RequestParser(maxHeaderSize: 1024, maxBodySize: 1024)
        parser.append(contentsOf: text.utf8)
        guard case .request(let parsed, _) = parser.next() else {
            Issue.record("expected a request")
            return
        }
        #expect(parsed.headers["X-TAG"] == "one")
        #expect(parsed.headers.values(for: "x-Tag") == ["one", "two"])
    }

    @Test func readsAContentLengthBody() {
        let events = parseEverySplit(
            "POST /leads/ HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\nhello world"
        )
        #expect(
            events == [
                request(
                    "POST",
                    "/leads/",
                    headers: ["Host: h", "Content-Length: 11"],
                    body: "hello world"
                )
            ]
        )
    }

    @Test func acceptsRepeatedEqualContentLengths() {
        let events = parseEverySplit(
            "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2, 2\r\nContent-Length: 2\r\n\r\nok"
        )
        #expect(
            events == [
                request(
                    "POST",
                    "/",
                    headers: ["Host: h", "Content-Length: 2, 2", "Content-Length: 2"],
                    body: "ok"
                )
            ]
        )
    }

    @Test func decodesChunkedBodiesWithExtensionsAndTrailers() {
        let text =
            "POST /upload HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "4;name=value\r\nWiki\r\n5 ; flag\r\npedia\r\nA\r\n in chunks\r\n"
            + "0\r\nChecksum: abc\r\nOther: x\r\n\r\n"
        let events = parseEverySplit(text)
        #expect(
            events == [
                request(
                    "POST",
                    "/upload",
                    headers: ["Host: h", "Transfer-Encoding: chunked"],
                    body: "Wikipedia in chunks"
                )
            ]
        )
    }

    @Test func answersPipelinedRequestsInOrder() {
        let text =
            "GET /1 HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"
            + "POST /2 HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc"
            + "POST /3 HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "1\r\nz\r\n0\r\n\r\n"
            + "\r\nGET /4 HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"
        let events = parseEverySplit(text)
        #expect(
            events == [
                request("GET", "/1", headers: ["Connection: keep-alive"], version: .http1_0),
                request("POST", "/2", headers: ["Host: h", "Content-Length: 3"], body: "abc"),
                request(
                    "POST",
                    "/3",
                    headers: ["Host: h", "Transfer-Encoding: chunked"],
                    body: "z"
                ),
                request(
                    "GET",
                    "/4",
                    headers: ["Host: h", "Connection: close"],
                    keepAlive: false
                ),
            ]
        )
    }

    @Test func reportsContinueBeforeTheBody() {
        let text =
            "PUT /x HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\nbody"
        let events = parseEverySplit(text)
        #expect(
            events == [
                .continueExpected,
                request(
                    "PUT",
                    "/x",
                    headers: ["Host: h", "Expect: 100-continue", "Content-Length: 4"],
                    body: "body"
                ),
            ]
        )
    }

    @Test func ignoresContinueWithoutBodyOrOnHTTP10() {
        let noBody = parseEverySplit("GET / HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\n\r\n")
        #expect(noBody == [request("GET", "/", headers: ["Host: h", "Expect: 100-continue"])])

        let old = parseEverySplit(
            "POST / HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 1\r\n\r\nx"
        )
        #expect(
            old == [
                request(
                    "POST",
                    "/",
                    headers: ["Expect: 100-continue", "Content-Length: 1"],
                    body: "x",
                    version: .http1_0,
                    keepAlive: false
                )
            ]
        )
    }

    @Test func refusesContinueWhenTheDeclaredBodyIsTooLarge() {
        let events = parseEverySplit(
            "PUT / HTTP/1.1\r\nExpect: 100-continue\r\nContent-Length: 101\r\n\r\n",
            maxBodySize: 100
        )
        #expect(events == [.failure(.bodyTooLarge(limit: 100))])
    }

    @Test func rejectsOtherExpectations() {
        let events = parseEverySplit("GET / HTTP/1.1\r\nExpect: teapot\r\n\r\n")
        #expect(events == [.failure(.unsupportedExpectation)])
    }

    @Test(
        arguments: [
            ("HTTP/1.1", "", true),
            ("HTTP/1.1", "Connection: close\r\n", false),
            ("HTTP/1.1", "Connection: Keep-Alive, CLOSE\r\n", false),
            ("HTTP/1.0", "", false),
            ("HTTP/1.0", "Connection: keep-alive\r\n", true),
            ("HTTP/1.0", "Connection: Keep-Alive\r\n", true),
        ]
    )
    func decidesKeepAliveByVersion(version: String, header: String, keepAlive: Bool) throws {
        var parser = RequestParser(maxHeaderSize: 1024, maxBodySize: 1024)
        parser.append(contentsOf: "GET / \(version)\r\nHost: h\r\n\(header)\r\n".utf8)
        guard case .request(_, let decided) = parser.next() else {
            Issue.record("expected a request")
            return
        }
        #expect(decided == keepAlive)
    }

    @Test func reportsHeaderFieldsTooLargeWhetherOrNotTheHeadEnds() {
        let long = "GET / HTTP/1.1\r\nX-Long: \(String(repeating: "a", count: 80))\r\n"
        #expect(
            parseEverySplit(long + "\r\n", maxHeaderSize: 64) == [.failure(.headerFieldsTooLarge)]
        )
        #expect(parseEverySplit(long, maxHeaderSize: 64) == [.failure(.headerFieldsTooLarge)])

        let fits = "GET / HTTP/1.1\r\nHost: h\r\nX: \(String(repeating: "b", count: 30))\r\n\r\n"
        #expect(parseEverySplit(fits, maxHeaderSize: 64).count == 1)
        #expect(parseEverySplit(fits, maxHeaderSize: 64).first != .failure(.headerFieldsTooLarge))
    }

    @Test func limitsTrailers() {
        let text =
            "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n"
            + "X-Trailer: \(String(repeating: "t", count: 80))\r\n\r\n"
        #expect(parseEverySplit(text, maxHeaderSize: 64) == [.failure(.headerFieldsTooLarge)])
    }

    @Test func rejectsBodiesOverTheLimit() {
        let declared = "POST / HTTP/1.1\r\nContent-Length: 11\r\n\r\nhello world"
        #expect(parseEverySplit(declared, maxBodySize: 10) == [.failure(.bodyTooLarge(limit: 10))])

        let chunked =
            "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "6\r\nhello \r\n5\r\nworld\r\n0\r\n\r\n"
        #expect(parseEverySplit(chunked, maxBodySize: 10) == [.failure(.bodyTooLarge(limit: 10))])
        #expect(
            HTTPServerError.bodyTooLarge(limit: 1_048_576).detail
                == "Request body exceeds 1048576 bytes."
        )
    }

    @Test(
        arguments: [
            (
                "POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n",
                "Request has both Content-Length and Transfer-Encoding."
            ),
            (
                "POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
                "Request has conflicting Content-Length values."
            ),
            (
                "POST / HTTP/1.1\r\nContent-Length: 3, 4\r\n\r\n",
                "Request has conflicting Content-Length values."
            ),
            ("POST / HTTP/1.1\r\nContent-Length: abc\r\n\r\n", "Invalid Content-Length header."),
            ("POST / HTTP/1.1\r\nContent-Length: -1\r\n\r\n", "Invalid Content-Length header."),
            ("POST / HTTP/1.1\r\nContent-Length: +5\r\n\r\n", "Invalid Content-Length header."),
            ("POST / HTTP/1.1\r\nContent-Length:\r\n\r\n", "Invalid Content-Length header."),
            (
                "POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n",
                "Transfer-Encoding other than chunked is not supported."
            ),
            (
                "POST / HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
                "Transfer-Encoding other than chunked is not supported."
            ),
            (chunkedHead + "zz\r\n", "Invalid chunk size."),
            (chunkedHead + "\r\n", "Invalid chunk size."),
            (chunkedHead + "1234567890abcdef0\r\n", "Invalid chunk size."),
            (chunkedHead + "2\r\nabXY", "Chunk data not followed by CRLF."),
            ("GET / HTTP/1.1\r\nX: a\r\n folded\r\n\r\n", "Obsolete line folding is not allowed."),
            ("GET / HTTP/1.1\r\nNo colon here\r\n\r\n", "Invalid header line."),
            ("GET / HTTP/1.1\r\nBad Name: x\r\n\r\n", "Invalid header name."),
            ("GET / HTTP/1.1\r\nName : x\r\n\r\n", "Invalid header name."),
            ("GET / HTTP/1.1\r\nX: a\u{01}b\r\n\r\n", "Invalid character in header value."),
            ("GET / HTTP/1.1\r\nX: a\rb\r\n\r\n", "Invalid character in header value."),
            ("GET / HTTP/1.1\nHost: x\n\n", "Invalid line ending, expected CRLF."),
            ("GET / HTTP/1.1\r\nHost: x\n\r\n", "Invalid line ending, expected CRLF."),
            ("GET /\r\n\r\n", "Invalid request line."),
            ("GET  / HTTP/1.1\r\n\r\n", "Invalid request line."),
            ("GET / HTTP/1.1 \r\n\r\n", "Invalid request line."),
            ("GET / FOO/1.1\r\n\r\n", "Invalid request line."),
            ("G(T / HTTP/1.1\r\n\r\n", "Invalid request method."),
            ("GET relative HTTP/1.1\r\n\r\n", "Invalid request target."),
        ]
    )
    func rejectsMalformedRequests(text: String, reason: String) {
        let events = parseEverySplit(text)
        #expect(events == [.failure(.malformedRequest(reason: reason))])
        #expect(HTTPServerError.malformedRequest(reason: reason).status == .badRequest)
    }

    @Test(
        arguments: [
            "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
            "GET / HTTP/3.0\r\nHost: x\r\n\r\n",
            "GET / HTTP/2\r\n\r\n",
            "GET / HTTP/0.9\r\n\r\n",
            "GET / HTTP/1.2\r\n\r\n",
        ]
    )
    func rejectsOtherProtocolVersions(text: String) {
        #expect(parseEverySplit(text) == [.failure(.unsupportedVersion)])
        #expect(HTTPServerError.unsupportedVersion.status == .httpVersionNotSupported)
    }

    @Test(
        arguments: [
            ("GET / HTTP/1.1\r\nX: y\r\n\r\n", "Request has no Host header."),
            (
                "GET / HTTP/1.1\r\nHost: a\r\nHOST: a\r\n\r\n",
                "Request has more than one Host header."
            ),
            (
                "GET / HTTP/1.0\r\nHost: a\r\nHost: b\r\n\r\n",
                "Request has more than one Host header."
            ),
            ("GET / HTTP/1.1\r\nHost: a b\r\n\r\n", "Invalid Host header."),
            ("GET / HTTP/1.1\r\nHost: user@example.com\r\n\r\n", "Invalid Host header."),
            ("GET / HTTP/1.1\r\nHost: example.com/path\r\n\r\n", "Invalid Host header."),
        ]
    )
    func rejectsMissingRepeatedOrInvalidHosts(text: String, reason: String) {
        #expect(parseEverySplit(text) == [.failure(.malformedRequest(reason: reason))])
    }

    @Test func acceptsHostsOfEveryShapeAndHTTP10WithoutHost() {
        for host in ["example.com", "example.com:8000", "127.0.0.1:80", "[::1]:8000", ""] {
            let events = parseEverySplit("GET / HTTP/1.1\r\nHost: \(host)\r\n\r\n")
            #expect(events == [request("GET", "/", headers: ["Host: \(host)"])], "\(host)")
        }

        let old = parseEverySplit("GET /old HTTP/1.0\r\n\r\n")
        #expect(old == [request("GET", "/old", headers: [], version: .http1_0, keepAlive: false)])
    }

    @Test(
        arguments: [
            ("http://example.com:8000/healthz?x=1", "/healthz?x=1", "example.com:8000"),
            ("HTTPS://Example.com/a/b/", "/a/b/", "Example.com"),
            ("http://example.com", "/", "example.com"),
            ("http://example.com?page=2", "/?page=2", "example.com"),
            ("http://[::1]:8000/x", "/x", "[::1]:8000"),
        ]
    )
    func takesPathAndQueryFromAbsoluteFormTargets(target: String, path: String, host: String) {
        let events = parseEverySplit(
            "GET \(target) HTTP/1.1\r\nAccept: */*\r\nHost: proxy.invalid\r\n\r\n"
        )
        #expect(events == [request("GET", path, headers: ["Accept: */*", "Host: \(host)"])])
    }

    @Test func givesHTTP10AbsoluteFormTargetsTheirHost() {
        let events = parseEverySplit("GET http://example.com/old HTTP/1.0\r\n\r\n")
        #expect(
            events == [
                request(
                    "GET",
                    "/old",
                    headers: ["Host: example.com"],
                    version: .http1_0,
                    keepAlive: false
                )
            ]
        )
    }

    @Test(
        arguments: [
            "ftp://example.com/", "http:/example.com/", "http//example.com/", "http:///path",
            "http://user@example.com/", "http://ex{ample}.com/", "example.com:443", "relative",
            "http://example.com\\path",
        ]
    )
    func rejectsTargetsInNoAcceptedForm(target: String) {
        let events = parseEverySplit("GET \(target) HTTP/1.1\r\nHost: h\r\n\r\n")
        #expect(events == [.failure(.malformedRequest(reason: "Invalid request target."))])
    }

    /// Feeds `text` at once and drives the parser until it fails or needs more, then
    /// reports what it knows of the request line.
    private func requestLineAfterFeeding(
        _ text: String,
        maxHeaderSize: Int = 1024
    ) -> PartialRequestLine {
        var parser = RequestParser(maxHeaderSize: maxHeaderSize, maxBodySize: 1024)
        parser.append(contentsOf: text.utf8)
        while case .request = parser.next() {}
        return parser.partialRequestLine
    }

    @Test func knowsTheMethodAndPathOfARefusedOrUnfinishedRequest() {
        let head = HTTPMethod.head
        let cases: [(String, PartialRequestLine)] = [
            ("HEAD /a?b=1 HTTP/1.1\r\nX: y\r\n\r\n", PartialRequestLine(method: head, path: "/a")),
            ("HEAD /x", PartialRequestLine(method: head)),
            ("HEAD relative HTTP/1.1\r\nHost: h\r\n\r\n", PartialRequestLine(method: head)),
            ("\r\nHEAD / HTTP/1.1\r\n", PartialRequestLine(method: head, path: "/")),
            (chunkedHead + "zz\r\n", PartialRequestLine(method: .post, path: "/")),
            (
                "GET /1 HTTP/1.1\r\nHost: h\r\n\r\nHEAD /2 HTTP/1.1\r\n\r\n",
                PartialRequestLine(method: head, path: "/2")
            ),
            ("G(T / HTTP/1.1\r\n\r\n", PartialRequestLine()),
            ("hello\r\n\r\n", PartialRequestLine()),
            ("", PartialRequestLine()),
        ]
        for (text, expected) in cases {
            #expect(requestLineAfterFeeding(text) == expected, "\(text.debugDescription)")
        }

        let tooLarge = "HEAD /big HTTP/1.1\r\nX: \(String(repeating: "a", count: 100))"
        #expect(
            requestLineAfterFeeding(tooLarge, maxHeaderSize: 64)
                == PartialRequestLine(method: head, path: "/big")
        )
    }

    @Test func keepsReportingTheFailure() {
        var parser = RequestParser(maxHeaderSize: 1024, maxBodySize: 1024)
        parser.append(contentsOf: "BAD\r\n\r\nGET / HTTP/1.1\r\n\r\n".utf8)
        guard case .failure = parser.next(), case .failure = parser.next() else {
            Issue.record("expected the failure twice")
            return
        }
    }

    @Test func tracksThePhaseForTimeouts() {
        var parser = RequestParser(maxHeaderSize: 1024, maxBodySize: 1024)
        #expect(parser.phase == .idle)

        parser.append(contentsOf: "POST / HTTP/1.1\r\nHost: h\r\nContent-".utf8)
        guard case .needMoreData = parser.next() else {
            Issue.record("expected needMoreData")
            return
        }
        #expect(parser.phase == .head)

        parser.append(contentsOf: "Length: 4\r\n\r\nab".utf8)
        guard case .needMoreData = parser.next() else {
            Issue.record("expected needMoreData")
            return
        }
        #expect(parser.phase == .body)

        parser.append(contentsOf: "cd".utf8)
        guard case .request = parser.next() else {
            Issue.record("expected a request")
            return
        }
        #expect(parser.phase == .idle)
    }
}
