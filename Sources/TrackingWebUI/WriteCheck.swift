import Tracking

/// Why the web UI refuses a POST form.
enum WriteRefusal: Error, Equatable {
    /// The form's `csrf` field is missing or not this server's (403).
    case csrf
    /// The server has a token and neither the form's `token` field nor `Authorization: Bearer` carries it (401).
    case token
    /// The server runs with `--read-only` (403).
    case readOnly

    var status: Int { self == .token ? 401 : 403 }

    var message: String {
        switch self {
        case .csrf: return "The form's CSRF token is missing or stale (the server restarted?). Reload the page and submit again."
        case .token: return "This server needs its token for writes: type it into the token field of the form (or send Authorization: Bearer <token>)."
        case .readOnly: return "This server was started with --read-only: it refuses promotion and rollback."
        }
    }
}

/// The rules every UI write passes, in this order: CSRF token, bearer token, read-only.
struct WriteCheck {
    let settings: WebUISettings

    func check(_ request: WebRequest, fields: FormFields) throws(WriteRefusal) {
        guard let csrf = fields["csrf"], ConstantTimeComparison.equal(csrf, settings.csrfToken) else { throw .csrf }
        if let token = settings.token {
            let header = request.authorization.flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil }
            let offered = [fields["token"], header].compactMap { $0 }
            guard offered.contains(where: { ConstantTimeComparison.equal($0, token) }) else { throw .token }
        }
        if settings.readOnly { throw .readOnly }
    }
}
