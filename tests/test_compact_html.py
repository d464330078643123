from build_tools.site.compact_html import compact_html


def test_indentation_goes_but_preformatted_text_stays() -> None:
    html = "<div>\n    <p>a</p>\n\n\n  <pre><code>  keep\n    this</code></pre>\n  <textarea>\n  x</textarea>\n</div>"
    assert compact_html(html) == (
        "<div>\n<p>a</p>\n<pre><code>  keep\n    this</code></pre>\n<textarea>\n  x</textarea>\n</div>"
    )
