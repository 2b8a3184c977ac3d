/// The release this build belongs to; shown in the footer, `/metrics` build info and the OpenAPI document.
public enum SesaVersion {
    public static let current = "0.1.0"
}
