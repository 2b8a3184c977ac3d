import Plot
@testable import Requirements
import Testing

@Suite struct MarkdownTextTests {
    func html(_ source: String) -> String { Div { MarkdownText(source) }.render() }

    @Test func paragraphsListsAndMarks() {
        #expect(html("The system shall track.") == #"<div><div class="markdown"><p>The system shall track.</p></div></div>"#)
        #expect(html("One **two** *three* `four`") == #"<div><div class="markdown"><p>One <strong>two</strong> <em>three</em> <code>four</code></p></div></div>"#)
        #expect(html("Intro\n\n- a\n- b\n1. c") == #"<div><div class="markdown"><p>Intro</p><ul><li>a</li><li>b</li></ul><ol><li>c</li></ol></div></div>"#)
    }

    @Test func nothingTypedBecomesMarkup() {
        let rendered = html("<script>alert(1)</script> **<b>x</b>** [link](javascript:alert(1)) &lt;")
        #expect(!rendered.contains("<script>") && !rendered.contains("<b>"))
        #expect(rendered.contains("&lt;script&gt;") && rendered.contains("&amp;lt;"))
        #expect(!rendered.contains("href"))
    }

    @Test func anUnclosedMarkStaysText() {
        #expect(html("2 * 3 = 6") == #"<div><div class="markdown"><p>2 * 3 = 6</p></div></div>"#)
    }
}
