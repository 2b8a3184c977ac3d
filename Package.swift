// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "sesa",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "sesa", targets: ["sesa"]),
        .executable(name: "sesa-bench", targets: ["sesa-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/vapor/sqlite-nio.git", from: "1.13.2"),
        .package(url: "https://github.com/vapor/async-kit.git", from: "1.22.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/JohnSundell/Plot.git", from: "0.14.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/vapor/jwt-kit.git", from: "5.7.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
    ],
    targets: [
        .target(name: "TraceEngine"),
        .target(name: "Interchange", dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .target(
            name: "Platform",
            dependencies: [
                "TraceEngine",
                "Interchange",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "AsyncKit", package: "async-kit"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Plot", package: "Plot"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "JWTKit", package: "jwt-kit"),
            ]
        ),
        .target(
            name: "Artifacts",
            dependencies: ["Platform", "TraceEngine", "Interchange", .product(name: "SQLKit", package: "sql-kit")]),
        .target(
            name: "Governance",
            dependencies: ["Platform", "Artifacts", "Interchange", .product(name: "SQLKit", package: "sql-kit")]),
        .target(
            name: "SystemDesign",
            dependencies: ["Platform", "Artifacts", "Governance", "TraceEngine", "Interchange", .product(name: "SQLKit", package: "sql-kit")]),
        .target(
            name: "Interfaces",
            dependencies: ["Platform", "Artifacts", "Governance", "SystemDesign", "TraceEngine", "Interchange", .product(name: "SQLKit", package: "sql-kit")]),
        .target(
            name: "Requirements",
            dependencies: ["Platform", "Artifacts", "TraceEngine", "Interchange", .product(name: "SQLKit", package: "sql-kit")]),
        .target(
            name: "Verification",
            dependencies: ["Platform", "Artifacts", "Governance", "Requirements", "TraceEngine", "Interchange", .product(name: "SQLKit", package: "sql-kit")]),
        .target(name: "SesaApp", dependencies: ["Platform", "Artifacts", "Governance", "SystemDesign", "Interfaces", "Requirements", "Verification", "TraceEngine", "Interchange"]),
        .executableTarget(name: "sesa", dependencies: ["SesaApp"]),
        .executableTarget(name: "sesa-bench", dependencies: ["TraceEngine", "SesaApp", "Requirements", "Governance", "SystemDesign", "Interfaces", "Verification", "Artifacts", "Interchange"]),
        .target(
            name: "SesaTesting",
            dependencies: [
                "SesaApp",
                .product(name: "VaporTesting", package: "vapor"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            path: "Tests/SesaTesting"
        ),
        .testTarget(name: "TraceEngineTests", dependencies: ["TraceEngine"]),
        .testTarget(name: "InterchangeTests", dependencies: ["Interchange", "SesaTesting", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "PlatformTests", dependencies: ["SesaTesting"]),
        .testTarget(name: "ArtifactsTests", dependencies: ["SesaTesting", "Artifacts"]),
        .testTarget(name: "RequirementsTests", dependencies: ["SesaTesting", "Requirements", "TraceEngine",
                                                          .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "GovernanceTests", dependencies: ["SesaTesting", "Governance", "SystemDesign", "Interfaces", "Requirements", "TraceEngine", "Interchange"]),
        .testTarget(name: "SystemDesignTests", dependencies: ["SesaTesting", "SystemDesign", "TraceEngine"]),
        .testTarget(name: "InterfacesTests", dependencies: ["SesaTesting", "Interfaces", "SystemDesign", "TraceEngine"]),
        .testTarget(name: "VerificationTests", dependencies: ["SesaTesting", "Verification", "Requirements", "Artifacts", "Interchange"]),
        .testTarget(name: "SesaAppTests", dependencies: ["SesaTesting"]),
    ]
)
