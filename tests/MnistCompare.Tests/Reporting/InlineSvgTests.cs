using System.Xml.Linq;
using MnistCompare.Reporting;

namespace MnistCompare.Tests.Reporting;

public sealed class InlineSvgTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";
    private static readonly XNamespace XLink = "http://www.w3.org/1999/xlink";

    // Shaped like cairo's output: glyphs as symbols used by reference, a clip path, a viewBox.
    private const string CairoLike = """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="1600px" height="1000px" viewBox="0 0 1600 1000">
        <defs><g><symbol overflow="visible" id="glyph0-1"><path d="M 1 1 L 2 2 Z"/></symbol></g>
        <clipPath id="clip1"><rect x="0" y="0" width="10" height="10"/></clipPath></defs>
        <g clip-path="url(#clip1)"><use xlink:href="#glyph0-1" x="5" y="5"/></g>
        <rect style="fill:url( '#clip1' );" fill="url(#elsewhere)" width="1" height="1"/>
        </svg>
        """;

    private static XElement Parse(string markup) => XElement.Parse(markup);

    [Fact]
    public void IdsAndEveryReferenceToThemGetThePrefixSoTwoFiguresNeverShareAGlyph()
    {
        var first = Parse(InlineSvg.Markup(CairoLike, "f1-"));
        var second = Parse(InlineSvg.Markup(CairoLike, "f2-"));

        Assert.Equal(["f1-glyph0-1", "f1-clip1"], first.Descendants().Select(e => (string?)e.Attribute("id")).OfType<string>());
        Assert.Equal("#f1-glyph0-1", (string?)first.Descendants(Svg + "use").Single().Attribute(XLink + "href"));
        Assert.Equal("url(#f1-clip1)", (string?)first.Descendants(Svg + "g").Last().Attribute("clip-path"));
        var rect = first.Elements(Svg + "rect").Single();
        Assert.Equal("fill:url(#f1-clip1);", (string?)rect.Attribute("style"));
        // A reference to nothing in the file is left alone rather than pointed at another figure.
        Assert.Equal("url(#elsewhere)", (string?)rect.Attribute("fill"));
        Assert.Empty(first.Descendants().Select(e => (string?)e.Attribute("id")).OfType<string>()
            .Intersect(second.Descendants().Select(e => (string?)e.Attribute("id")).OfType<string>()));
    }

    [Fact]
    public void AFixedSizeBecomesAViewBoxSoThatCssScalesTheFigure()
    {
        var withViewBox = Parse(InlineSvg.Markup(CairoLike, "f1-"));
        Assert.Equal("0 0 1600 1000", (string?)withViewBox.Attribute("viewBox"));
        Assert.Null(withViewBox.Attribute("width"));
        Assert.Null(withViewBox.Attribute("height"));

        // ScottPlot's way: a size in pixels and no viewBox.
        var sized = Parse(InlineSvg.Markup("""<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600"><rect width="800" height="600"/></svg>""", "f1-"));
        Assert.Equal("0 0 800 600", (string?)sized.Attribute("viewBox"));
        Assert.Null(sized.Attribute("width"));

        var points = Parse(InlineSvg.Markup("""<svg xmlns="http://www.w3.org/2000/svg" width="600pt" height="300pt"/>""", "f1-"));
        Assert.Equal("0 0 800 400", (string?)points.Attribute("viewBox"));

        // No size to derive one from: the figure keeps what it says.
        var relative = Parse(InlineSvg.Markup("""<svg xmlns="http://www.w3.org/2000/svg" width="100%" height="50%"/>""", "f1-"));
        Assert.Null(relative.Attribute("viewBox"));
        Assert.Equal("100%", (string?)relative.Attribute("width"));
    }

    [Fact]
    public void ScriptsHandlersAndOutsideReferencesAreDropped()
    {
        const string active = """
            <!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10" onload="alert(1)">
            <script>alert(2)</script><foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>
            <image xlink:href="http://example.com/a.png" width="1" height="1"/><image href="data:image/png;base64,AAAA" width="1" height="1"/>
            <text onclick="alert(3)">a &lt;b&gt; &amp; c</text>
            </svg>
            """;

        var markup = InlineSvg.Markup(active, "f1-");

        Assert.DoesNotContain("alert", markup);
        Assert.DoesNotContain("example.com", markup);
        Assert.DoesNotContain("foreignObject", markup);
        Assert.DoesNotContain("DOCTYPE", markup);
        Assert.Contains("href=\"data:image/png;base64,AAAA\"", markup);
        // Text stays escaped on its way through.
        Assert.Contains("a &lt;b&gt; &amp; c", markup);
    }

    [Fact]
    public void WhatIsNotAnSvgDocumentIsRefusedWithTheReason()
    {
        Assert.Contains("not well-formed XML", Assert.Throws<InvalidDataException>(() => InlineSvg.Markup("<svg xmlns=\"http://www.w3.org/2000/svg\">", "f1-")).Message);
        Assert.Contains("<html>", Assert.Throws<InvalidDataException>(() => InlineSvg.Markup("<html/>", "f1-")).Message);
    }
}
