import Foundation
import NIOPosix
@testable import Platform
import Testing

@Suite struct PasswordTests {
    let hasher = PasswordHasher(cost: 10, threadPool: .singleton)

    @Test func policyNeedsTwelveCharactersAndRefusesCommonPasswords() {
        #expect(CommonPasswords.count >= 10_000)
        #expect(PasswordPolicy.problems("short pass").map(\.reason) == ["must be at least 12 characters long"])
        #expect(PasswordPolicy.problems("password123456").map(\.reason) == ["is one of the most common passwords; choose another"])
        #expect(PasswordPolicy.problems("PASSWORD123456").count == 1)
        // No composition rules: all lower case, spaces and any script are fine.
        #expect(PasswordPolicy.problems("correct horse battery staple").isEmpty)
        #expect(PasswordPolicy.problems("ŝtelo-de-ĉevaloj-🐴🐴").isEmpty)
        #expect(PasswordPolicy.problems(String(repeating: "a", count: 64) + "b").isEmpty)
        #expect(PasswordPolicy.problems(String(repeating: "x", count: 1025)).first?.reason.contains("at most") == true)
        #expect(PasswordPolicy.problems("long enough pass", confirmation: "other").map(\.field) == ["password_confirmation"])
    }

    @Test func passwordsSharingTheirFirst72BytesDoNotBothVerify() async throws {
        let prefix = String(repeating: "k", count: 72)
        let stored = try await hasher.hash(prefix + "-first")
        #expect(try await hasher.verify(prefix + "-first", against: stored))
        #expect(try await hasher.verify(prefix + "-second", against: stored) == false)
    }

    @Test func verificationIsExactAndTheStoredFormNamesSchemeAndCost() async throws {
        let stored = try await hasher.hash("Password horse staple")
        #expect(stored.hasPrefix("$sesa-bcrypt-sha256$$2b$10$"))
        #expect(!stored.contains("horse"))
        #expect(try await hasher.verify("password horse staple", against: stored) == false)
        #expect(try await hasher.verify("Password horse staple ", against: stored) == false)
        #expect(try await hasher.verify("Password horse staple", against: stored))
        #expect(try await hasher.verify("Password horse staple", against: "$2b$10$plainbcryptisnotaccepted") == false)
        #expect(try await hasher.hash("Password horse staple") != stored)  // salted
    }

    @Test func productionCostMeetsASVSAppendixC() async throws {
        let production = PasswordHasher(cost: 12, threadPool: .singleton)
        #expect(try await production.hash("a long enough password").hasPrefix("$sesa-bcrypt-sha256$$2b$12$"))
    }

    @Test func tokensCarry256BitsAndOnlyTheirHashIsStored() {
        let token = SecretToken.generate()
        #expect(token.count == 43)
        #expect(Set((0..<50).map { _ in SecretToken.generate() }).count == 50)
        #expect(SecretToken.hash(token).count == 64 && SecretToken.hash(token) != token)
    }
}
