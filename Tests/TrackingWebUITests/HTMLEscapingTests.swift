import Testing
import Tracking
@testable import TrackingWebUI

@Suite("Web UI: HTML escaping")
struct HTMLEscapingTests {
    @Test("interpolated strings are escaped, interpolated markup is not")
    func interpolation() {
        let name = "<b>\"a\" & 'b'</b>"
        let cell: HTML = "<td>\(name)</td>"
        #expect(cell.text == "<td>&lt;b&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/b&gt;</td>")
        let row: HTML = "<tr>\(cell)</tr>"
        #expect(row.text == "<tr>" + cell.text + "</tr>")
    }

    @Test("a run named <script> is text on the runs table, the run page and the compare page")
    func hostileRunName() throws {
        let fixture = try WebUIFixture()
        let ui = fixture.ui()
        let escapedName = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"
        for path in ["/runs", "/runs/\(fixture.hostile.rawValue)", "/compare"] {
            let query = path == "/compare" ? "run=\(fixture.hostile.rawValue)&run=\(fixture.first.rawValue)" : ""
            let response = ui.respond(to: WebRequest(path: path, query: query))
            #expect(response.status == 200, "\(path): \(response.text.prefix(300))")
            #expect(response.text.contains(escapedName), "\(path)")
            #expect(!response.text.contains("<script"), "\(path)")
            #expect(!response.text.contains("<img src=x"), "\(path)")
        }
        let page = ui.respond(to: WebRequest(path: "/runs/\(fixture.hostile.rawValue)"))
        #expect(page.text.contains("&lt;img src=x onerror=alert(1)&gt;"))
        #expect(page.header("Content-Security-Policy")?.contains("default-src 'none'") == true)
    }

    @Test("a filter with markup is echoed escaped in the filter box and in the error")
    func hostileFilter() throws {
        let ui = try WebUIFixture().ui()
        let response = ui.respond(to: WebRequest(path: "/runs", query: "filter=%22%3E%3Cscript%3Ealert(1)%3C/script%3E"))
        #expect(response.status == 400)
        #expect(!response.text.contains("<script>"))
        #expect(response.text.contains("&quot;&gt;&lt;script&gt;"))
    }
}
