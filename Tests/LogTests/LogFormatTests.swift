import Testing

@testable import Log

@Suite struct LogFormatTests {
    let record = LogRecord(
        timestamp: 0.25,
        level: .info,
        label: "leads-server",
        message: "Listening",
        metadata: ["http.port": "8000", "note": "two words"]
    )

    @Test func textSortsKeysAndQuotesValuesWithSpaces() {
        let line = LogFormat.text.render(record)
        #expect(
            line
                == "1970-01-01T00:00:00.250Z info leads-server: Listening http.port=8000"
                + " note=\"two words\""
        )
    }

    @Test func jsonIsOneObjectPerLine() {
        let line = LogFormat.json.render(record)
        #expect(
            line
                == "{\"timestamp\":\"1970-01-01T00:00:00.250Z\",\"level\":\"info\","
                + "\"label\":\"leads-server\",\"message\":\"Listening\","
                + "\"http.port\":\"8000\",\"note\":\"two words\"}"
        )
    }

    @Test func controlCharactersAreEscaped() {
        #expect(LogFormat.jsonString("a\u{1}\n") == "\"a\\u0001\\n\"")
    }

    @Test func levelsBelowTheLoggerLevelAreDropped() {
        let handler = InMemoryLogHandler()
        let logger = Logger(label: "test", level: .info, handler: handler)
        logger.debug("hidden")
        logger.info("shown", metadata: ["request.id": "abc"])
        #expect(handler.records.map(\.message) == ["shown"])
        #expect(handler.records.first?.metadata["request.id"] == "abc")
    }

    @Test func levelNamesRoundTrip() {
        for level in LogLevel.allCases {
            #expect(LogLevel(name: level.name) == level)
        }
        #expect(LogLevel(name: "loud") == nil)
    }
}
