/// What a new password must be (ASVS 6.2): at least 12 characters, up to 1,024, not a common password.
/// No composition rules; spaces and any Unicode are allowed; it is checked exactly as typed.
public enum PasswordPolicy {
    public static let minimumLength = 12
    public static let maximumLength = 1024

    /// Field errors for `field`; empty when the password is acceptable.
    public static func problems(_ password: String, confirmation: String? = nil, field: String = "password")
        -> [ProblemDetails.FieldError]
    {
        var problems: [ProblemDetails.FieldError] = []
        if password.count < minimumLength {
            problems.append(.init(field: field, reason: "must be at least \(minimumLength) characters long"))
        } else if password.count > maximumLength {
            problems.append(.init(field: field, reason: "must be at most \(maximumLength) characters long"))
        } else if CommonPasswords.contains(password) {
            problems.append(.init(field: field, reason: "is one of the most common passwords; choose another"))
        }
        if let confirmation, confirmation != password {
            problems.append(.init(field: field + "_confirmation", reason: "does not match the password"))
        }
        return problems
    }
}
