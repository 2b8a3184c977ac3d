/// Passwords too common to allow (ASVS 6.2.4/6.2.12), checked case-insensitively. The list is embedded in
/// the binary (`CommonPasswords+List.swift`): a self-hosted, offline instance has nothing to download.
public enum CommonPasswords {
    static let all: Set<Substring> = Set(packed.split(separator: "\n"))

    public static var count: Int { all.count }

    public static func contains(_ password: String) -> Bool {
        all.contains(Substring(password.lowercased()))
    }
}
