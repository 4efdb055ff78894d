/// The web UI's write rules, given by the server that mounts it.
public struct WebUISettings: Sendable {
    /// The bearer token writes need (the server's `--token-file`); nil: no token needed.
    public var token: String?
    /// Refuse every write (the server's `--read-only`).
    public var readOnly: Bool
    /// The value every form carries in its hidden `csrf` field and every POST must echo. Make it
    /// random per server process (`WebUISettings.randomCSRFToken`): another site cannot read a
    /// page of this server, so it cannot learn the value and forge a form.
    public var csrfToken: String

    public init(token: String?, readOnly: Bool, csrfToken: String) {
        self.token = token
        self.readOnly = readOnly
        self.csrfToken = csrfToken
    }

    /// 32 hex characters from `generator` (pass `SystemRandomNumberGenerator()` in a server).
    public static func randomCSRFToken(using generator: inout some RandomNumberGenerator) -> String {
        (0..<4).map { _ in String(UInt32.random(in: .min ... .max, using: &generator), radix: 16).leftPadded(to: 8) }.joined()
    }
}
