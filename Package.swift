// swift-tools-version:6.0
import PackageDescription

/// Settings every Swift target shares: strict existentials, imports internal unless a
/// public signature needs them, and no member visible without its module imported.
let strict: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "leads-server",
    products: [
        .executable(name: "leads-server", targets: ["LeadsServer"])
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        .systemLibrary(name: "CEpoll"),
        .target(name: "Locking", swiftSettings: strict),
        .target(name: "Log", dependencies: ["Locking"], swiftSettings: strict),
        .target(
            name: "HTTPServer",
            dependencies: ["CEpoll", "Locking", "Log"],
            swiftSettings: strict
        ),
        .target(
            name: "Storage",
            dependencies: ["CSQLite", "Locking", "Log"],
            swiftSettings: strict
        ),
        .target(name: "Credentials", dependencies: ["COpenSSL"], swiftSettings: strict),
        .target(name: "BodyParsing", swiftSettings: strict),
        .target(name: "LeadsDomain", dependencies: ["BodyParsing"], swiftSettings: strict),
        .target(
            name: "Migrations",
            path: "migrations",
            resources: [.embedInCode("0001_initial.sql")],
            swiftSettings: strict
        ),
        .target(
            name: "LeadsAPI",
            dependencies: [
                "HTTPServer", "Storage", "Credentials", "BodyParsing", "LeadsDomain", "Locking",
                "Log", "Migrations",
            ],
            resources: [.embedInCode("Documentation/openapi.json")],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "LeadsServer",
            dependencies: ["LeadsAPI", "Log"],
            swiftSettings: strict
        ),
        .target(
            name: "FuzzTargets",
            dependencies: ["HTTPServer", "BodyParsing", "LeadsDomain"],
            swiftSettings: strict
        ),
        .executableTarget(
            name: "LeadsFuzzer",
            dependencies: ["FuzzTargets"],
            swiftSettings: strict
        ),
        .target(name: "TestSupport", dependencies: ["HTTPServer", "Log"], swiftSettings: strict),
        .testTarget(
            name: "FuzzCorpusTests",
            dependencies: ["FuzzTargets"],
            exclude: ["Corpus"],
            swiftSettings: strict
        ),
        .testTarget(name: "LockingTests", dependencies: ["Locking"], swiftSettings: strict),
        .testTarget(name: "LogTests", dependencies: ["Log"], swiftSettings: strict),
        .testTarget(
            name: "HTTPServerTests",
            dependencies: ["HTTPServer", "TestSupport", "Log", "Locking"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "StorageTests",
            dependencies: ["Storage", "TestSupport", "Log", "Locking"],
            swiftSettings: strict
        ),
        .testTarget(name: "CredentialsTests", dependencies: ["Credentials"], swiftSettings: strict),
        .testTarget(name: "BodyParsingTests", dependencies: ["BodyParsing"], swiftSettings: strict),
        .testTarget(
            name: "LeadsDomainTests",
            dependencies: ["LeadsDomain", "BodyParsing", "Locking"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "LeadsAPITests",
            dependencies: ["LeadsAPI", "TestSupport", "HTTPServer", "Log", "BodyParsing"],
            swiftSettings: strict
        ),
        .testTarget(
            name: "LeadsServerTests",
            dependencies: ["LeadsServer", "TestSupport", "Locking"],
            swiftSettings: strict
        ),
    ]
)
