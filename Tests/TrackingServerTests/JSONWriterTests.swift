import Foundation
import Testing
@testable import TrackingServer

/// The server's JSON writer against Foundation's parser: what it writes parses back to the same
/// values, non-finite numbers as MLflow's strings, and doubles keep every bit.
@Suite struct JSONWriterTests {
    @Test func writtenTextParsesBackToTheSameValues() throws {
        let object: [String: Any] = [
            "text": "quote \" backslash \\ slash / newline \n tab \t bell \u{07} nul \u{00} é 日本 🚀",
            "int": 42, "negative": -7, "int64": Int64.max, "int32": Int32(-3),
            "double": 0.1, "tiny": 1e-300, "huge": 5e+300, "whole": 2.0, "negZero": -0.0,
            "true": true, "false": false, "null": NSNull(),
            "nested": ["list": [1, "two", 3.5, [String: Any](), [Any]()] as [Any], "strings": ["a": "b"]] as [String: Any],
            "rows": [["key": "loss", "value": 0.25, "step": Int64(3)]],
        ]
        let bytes = try JSONWriter.bytes(object)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        #expect(Set(parsed.keys) == Set(object.keys))
        #expect(parsed["text"] as? String == object["text"] as? String)
        #expect((parsed["int"] as? NSNumber)?.intValue == 42)
        #expect((parsed["negative"] as? NSNumber)?.intValue == -7)
        #expect((parsed["int32"] as? NSNumber)?.intValue == -3)
        #expect((parsed["int64"] as? NSNumber)?.int64Value == Int64.max)
        for (key, value) in [("double", 0.1), ("tiny", 1e-300), ("huge", 5e+300), ("whole", 2.0)] {
            #expect((parsed[key] as? NSNumber)?.doubleValue == value, "\(key)")
        }
        #expect((parsed["negZero"] as? NSNumber)?.doubleValue.sign == .minus)
        #expect(parsed["true"] as? Bool == true)
        #expect(parsed["false"] as? Bool == false)
        #expect(parsed["null"] is NSNull)
        let nested = try #require(parsed["nested"] as? [String: Any])
        let list = try #require(nested["list"] as? [Any])
        #expect(list.count == 5)
        #expect((list[0] as? NSNumber)?.intValue == 1)
        #expect(list[1] as? String == "two")
        #expect((list[2] as? NSNumber)?.doubleValue == 3.5)
        #expect((list[3] as? [String: Any])?.isEmpty == true)
        #expect((list[4] as? [Any])?.isEmpty == true)
        #expect(nested["strings"] as? [String: String] == ["a": "b"])
        let row = try #require((parsed["rows"] as? [[String: Any]])?.first)
        #expect(row["key"] as? String == "loss")
        #expect((row["value"] as? NSNumber)?.doubleValue == 0.25)
        #expect((row["step"] as? NSNumber)?.int64Value == 3)
    }

    @Test func nonFiniteNumbersBecomeMLflowStrings() throws {
        let bytes = try JSONWriter.bytes(["values": [Double.nan, Double.infinity, -Double.infinity, 1.5]])
        #expect(String(decoding: bytes, as: UTF8.self) == #"{"values":["NaN","Infinity","-Infinity",1.5]}"#)
    }

    @Test func controlCharactersAreEscapedAndTheRestIsUTF8() throws {
        let bytes = try JSONWriter.bytes(["k": "a\u{01}b\u{1f}c\"d\\e\nf\rg\th😀"])
        #expect(String(decoding: bytes, as: UTF8.self) == #"{"k":"a\u0001b\u001fc\"d\\e\nf\rg\th😀"}"#)
    }

    @Test func valuesFromAParsedRequestAreWrittenToo() throws {
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(#"{"n": 12, "x": 0.5, "b": true}"#.utf8)) as? [String: Any])
        let again = try #require(try JSONSerialization.jsonObject(with: Data(JSONWriter.bytes(parsed))) as? [String: Any])
        #expect((again["n"] as? NSNumber)?.intValue == 12)
        #expect((again["x"] as? NSNumber)?.doubleValue == 0.5)
        #expect(again["b"] as? Bool == true)
    }
}
