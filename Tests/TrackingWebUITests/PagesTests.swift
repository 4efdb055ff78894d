import Foundation
import Testing
import Tracking
@testable import TrackingWebUI

@Suite("Web UI: pages and forms")
struct PagesTests {
    @Test("the run page shows params, lineage, charts with the NaN marked, and artifacts with hash and link")
    func runPage() throws {
        let fixture = try WebUIFixture()
        let response = fixture.ui().respond(to: WebRequest(path: "/runs/\(fixture.first.rawValue.prefix(10))"))
        #expect(response.status == 200)
        let text = response.text
        #expect(text.contains("<h1 id=\"run-title\">lstm-a</h1>"))
        #expect(text.contains("<tr><th>learning_rate</th><td>0.01</td></tr>"))
        #expect(text.contains("class=\"parent\"><a href=\"/runs/\(fixture.parent.rawValue)\">pipeline</a>"))
        #expect(text.contains("<td class=\"hash spec_hash\">abc123</td>"))
        #expect(text.contains("<figcaption>train_loss</figcaption>"))
        #expect(text.contains("1 NaN (○ on the x axis)"))
        let artifact = try fixture.registry.artifacts(of: fixture.first)[0]
        #expect(text.contains("<td class=\"hash\">\(artifact.sha256)</td>"))
        #expect(text.contains("href=\"/runs/\(fixture.first.rawValue)/artifacts/model.json\""))
    }

    @Test("an artifact downloads as an attachment with its bytes")
    func download() throws {
        let fixture = try WebUIFixture()
        let response = fixture.ui().respond(to: WebRequest(path: "/runs/\(fixture.first.rawValue)/artifacts/model.json"))
        #expect(response.status == 200)
        #expect(response.text == "{\"run\":\"\(fixture.first.rawValue)\"}")
        #expect(response.contentType == "application/octet-stream")
        #expect(response.header("Content-Disposition") == "attachment; filename=\"model.json\"")
        let missing = fixture.ui().respond(to: WebRequest(path: "/runs/\(fixture.first.rawValue)/artifacts/nope.json"))
        #expect(missing.status == 404)
        #expect(missing.text.contains("model.json"))   // the error lists what the run has
    }

    @Test("the compare page shows differing params, overlaid curves and per-horizon bars")
    func compare() throws {
        let fixture = try WebUIFixture()
        let response = fixture.ui().respond(to: WebRequest(path: "/compare", query: "run=\(fixture.first.rawValue)&run=\(fixture.second.rawValue.prefix(8))"))
        #expect(response.status == 200)
        let text = response.text
        #expect(text.contains("<tr><th>params.learning_rate</th><td>0.01</td><td>0.1</td></tr>"))
        #expect(!text.contains("<th>params.model</th>"))
        #expect(text.contains("<div class=\"charts\" id=\"curves\"><figure class=\"chart\"><figcaption>train_loss</figcaption>"))
        // a: steps 0–1 a line, NaN at 2, step 3 a dot; b: step 0 a dot, +inf at 1, steps 2–3 a line.
        #expect(text.components(separatedBy: "<polyline").count - 1 == 2)
        #expect(text.contains("1 NaN (○ on the x axis), 1 +inf (▲ at the top)"))
        #expect(text.contains("<figcaption>mae by horizon</figcaption>"))
        let one = fixture.ui().respond(to: WebRequest(path: "/compare", query: "run=\(fixture.first.rawValue)"))
        #expect(one.status == 400)
        #expect(one.text.contains("Select at least two runs"))
    }

    @Test("promote needs the CSRF token and the bearer token; then the alias moves and the history shows it")
    func promote() throws {
        let fixture = try WebUIFixture()
        let ui = fixture.ui(token: "s3cret")
        let models = ui.respond(to: WebRequest(path: "/models"))
        #expect(models.text.contains("data-alias=\"production\">v1</td>"))
        #expect(models.text.contains("name=\"csrf\" value=\"\(WebUIFixture.csrf)\""))
        #expect(models.text.contains("type=\"password\" name=\"token\""))

        let noCSRF = ui.respond(to: WebRequest(method: .post, path: "/models/cpu/alias", body: "alias=production&version=2&token=s3cret"))
        #expect(noCSRF.status == 403)
        let noToken = ui.respond(to: WebRequest(method: .post, path: "/models/cpu/alias", body: "alias=production&version=2&csrf=\(WebUIFixture.csrf)"))
        #expect(noToken.status == 401)
        let wrongToken = ui.respond(to: WebRequest(method: .post, path: "/models/cpu/alias", body: "alias=production&version=2&csrf=\(WebUIFixture.csrf)&token=nope"))
        #expect(wrongToken.status == 401)
        #expect(try fixture.registry.models(named: "cpu")[0].aliases["production"] == 1)

        let moved = ui.respond(to: WebRequest(method: .post, path: "/models/cpu/alias",
                                              body: "alias=production&version=2&reason=better+loss&csrf=\(WebUIFixture.csrf)&token=s3cret"))
        #expect(moved.status == 303)
        #expect(moved.header("Location") == "/models?done=cpu%3A%20production%20moved%20from%20v1%20to%20v2#model-cpu")
        #expect(try fixture.registry.models(named: "cpu")[0].aliases["production"] == 2)

        let header = ui.respond(to: WebRequest(method: .post, path: "/models/cpu/rollback", body: "alias=production&csrf=\(WebUIFixture.csrf)",
                                               authorization: "Bearer s3cret"))
        #expect(header.status == 303)
        let after = ui.respond(to: WebRequest(path: "/models"))
        #expect(after.text.contains("data-alias=\"production\">v1</td>"))
        #expect(after.text.contains("<td>production</td><td>v2</td><td>v1</td><td>rollback</td><td>rollback</td>"))
        #expect(after.text.contains("<td>production</td><td>v1</td><td>v2</td><td>move</td><td>better loss</td>"))
    }

    @Test("a read-only server refuses the form with 403 and the registry is unchanged")
    func readOnly() throws {
        let fixture = try WebUIFixture()
        let response = fixture.ui(readOnly: true).respond(to: WebRequest(method: .post, path: "/models/cpu/alias",
                                                                         body: "alias=production&version=2&csrf=\(WebUIFixture.csrf)"))
        #expect(response.status == 403)
        #expect(response.text.contains("--read-only"))
        #expect(try fixture.registry.models(named: "cpu")[0].aliases["production"] == 1)
    }

    @Test("unknown pages and runs answer 404; the experiments page links each experiment")
    func routing() throws {
        let fixture = try WebUIFixture()
        let ui = fixture.ui()
        #expect(ui.respond(to: WebRequest(path: "/nowhere")).status == 404)
        #expect(ui.respond(to: WebRequest(path: "/runs/ffffffff")).status == 404)
        let home = ui.respond(to: WebRequest(path: "/"))
        #expect(home.status == 200)
        #expect(home.text.contains("<a href=\"/runs?experiment=demo\">demo</a></td><td class=\"num\">4</td>"))
        #expect(WebUI.handles(path: "/runs/abc") && WebUI.handles(path: "/") && !WebUI.handles(path: "/api/2.0/mlflow/runs/get"))
    }
}
