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
        guard let csrf = fields["csrf"], Self.constantTimeEqual(csrf, settings.csrfToken) else { throw .csrf }
        if let token = settings.token {
            let header = request.authorization.flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil }
            let offered = [fields["token"], header].compactMap { $0 }
            guard offered.contains(where: { Self.constantTimeEqual($0, token) }) else { throw .token }
        }
        if settings.readOnly { throw .readOnly }
    }

    /// Compares every byte whatever the first difference, so timing does not reveal a secret.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var difference = UInt8(x.count == y.count ? 0 : 1)
        for index in 0..<max(x.count, y.count) {
            difference |= (index < x.count ? x[index] : 0) ^ (index < y.count ? y[index] : 0)
        }
        return difference == 0
    }
}
