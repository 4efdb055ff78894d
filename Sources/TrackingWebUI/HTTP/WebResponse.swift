/// What the web UI answers: a status, a content type, extra headers and the body bytes.
public struct WebResponse: Sendable, Equatable {
    public var status: Int
    public var contentType: String
    /// Extra headers (`Location`, `Content-Disposition`, …), in order.
    public var headers: [(name: String, value: String)]
    public var body: [UInt8]

    public init(status: Int, contentType: String, headers: [(name: String, value: String)] = [], body: [UInt8]) {
        self.status = status
        self.contentType = contentType
        self.headers = headers
        self.body = body
    }

    /// Headers every page carries: no script, style or image from elsewhere, no framing, no
    /// content sniffing. Pages use no JavaScript at all, so `script-src 'none'` costs nothing
    /// and stops any markup that escaped escaping from running.
    static let securityHeaders: [(name: String, value: String)] = [
        ("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "same-origin"),
        ("Cache-Control", "no-store"),
    ]

    static func page(_ html: HTML, status: Int = 200) -> WebResponse {
        WebResponse(status: status, contentType: "text/html; charset=utf-8", headers: securityHeaders, body: Array(html.text.utf8))
    }

    /// 303 See Other to `location` (after a POST form, so reloading does not post again).
    static func redirect(to location: String) -> WebResponse {
        WebResponse(status: 303, contentType: "text/plain; charset=utf-8", headers: securityHeaders + [("Location", location)],
                    body: Array("See \(location)\n".utf8))
    }

    /// A file to save, never rendered by the browser (an SVG artifact could carry script).
    static func download(_ bytes: [UInt8], filename: String) -> WebResponse {
        let safe = String(filename.unicodeScalars.map { $0.isASCII && $0 != "\"" && $0 != "\\" && $0.value >= 32 ? Character($0) : "_" })
        return WebResponse(status: 200, contentType: "application/octet-stream",
                           headers: securityHeaders + [("Content-Disposition", "attachment; filename=\"\(safe)\"")], body: bytes)
    }

    public static func == (a: WebResponse, b: WebResponse) -> Bool {
        a.status == b.status && a.contentType == b.contentType && a.body == b.body
            && a.headers.map(\.name) == b.headers.map(\.name) && a.headers.map(\.value) == b.headers.map(\.value)
    }

    /// The body as text (pages are UTF-8).
    public var text: String { String(decoding: body, as: UTF8.self) }

    /// The first header called `name` (case-insensitive).
    public func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }
}
