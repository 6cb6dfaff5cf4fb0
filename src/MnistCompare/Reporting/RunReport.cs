using System.Net;
using System.Text;
using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;

namespace MnistCompare.Reporting;

// report.html: one page holding a run folder's summary, figures and settings, with links to its data files. It is
// made from whatever the folder holds when it is written (a run in progress has fewer figures than a finished one),
// embeds every figure so the page can be mailed or opened offline from a file URL, and loads nothing.
public static class RunReport
{
    public const string FileName = "report.html";

    // Raw HTML in summary.md is shown as text: nothing read from a file becomes markup of the page.
    private static readonly MarkdownPipeline SummaryPipeline = new MarkdownPipelineBuilder().UsePipeTables().DisableHtml().Build();

    // `progress` says how far a run still training has got; the page then reloads itself now and then.
    public static void Write(RunFolder folder, string? progress = null) =>
        AtomicFile.WriteAllText(folder.ReportPath, Html(folder, progress));

    public static string Html(RunFolder folder, string? progress = null)
    {
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder.Path));
        var figures = ReportFigures.In(folder.Path);
        var html = new StringBuilder();
        html.Append($"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="{ReportStyle.ContentSecurityPolicy}">
            <meta name="viewport" content="width=device-width, initial-scale=1">

            """);
        if (progress is not null) html.Append("<meta http-equiv=\"refresh\" content=\"60\">\n");
        html.Append($"<title>MnistCompare run {Escape(name)}</title>\n<style>\n{ReportStyle.Css}</style>\n</head>\n<body>\n");
        html.Append($"<h1>MnistCompare run <code>{Escape(name)}</code></h1>\n");
        html.Append("<nav><a href=\"#summary\">Summary</a><a href=\"#figures\">Figures</a><a href=\"#settings\">Settings</a><a href=\"#files\">Files</a></nav>\n");
        if (progress is not null) html.Append($"<p class=\"progress\">Still training: {Escape(progress)}. This page reloads every minute.</p>\n");

        html.Append("<section id=\"summary\">\n").Append(Summary(folder.SummaryPath)).Append("</section>\n");

        html.Append("<section id=\"figures\">\n<h2>Figures</h2>\n");
        if (figures.Count == 0) html.Append("<p>No figures yet.</p>\n");
        for (var i = 0; i < figures.Count; i++) html.Append(Figure(figures[i], i + 1));
        html.Append("</section>\n");

        html.Append("<section id=\"settings\">\n<h2>Settings</h2>\n").Append(ReportSettingsTable.Html(folder.ConfigPath)).Append("</section>\n");

        html.Append("<section id=\"files\">\n<h2>Files</h2>\n<ul class=\"files\">\n");
        foreach (var (path, description) in ReportFiles.In(folder.Path))
        {
            html.Append($"<li>{Link(path, path)}{(description.Length > 0 ? " — " + Escape(description) : "")}</li>\n");
        }
        html.Append("</ul>\n</section>\n</body>\n</html>\n");
        return html.ToString();
    }

    // summary.md below the page's own title: its headings move one level down.
    private static string Summary(string path)
    {
        if (!File.Exists(path)) return "<h2>Summary</h2>\n<p>No summary.md yet.</p>\n";
        var document = Markdig.Markdown.Parse(File.ReadAllText(path), SummaryPipeline);
        foreach (var heading in document.Descendants<HeadingBlock>()) heading.Level = Math.Min(heading.Level + 1, 6);
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        SummaryPipeline.Setup(renderer);
        renderer.Render(document);
        return writer.ToString();
    }

    private static string Figure(ReportFigure figure, int number)
    {
        var body = new StringBuilder();
        string? problem = null;
        if (figure.SvgPath is not null)
        {
            try
            {
                body.Append(InlineSvg.Markup(File.ReadAllText(figure.SvgPath), $"f{number}-"));
            }
            catch (InvalidDataException e)
            {
                problem = $"{Path.GetFileName(figure.SvgPath)} could not be shown: {e.Message}";
            }
        }
        if (body.Length == 0 && figure.PngPath is not null)
        {
            var data = Convert.ToBase64String(File.ReadAllBytes(figure.PngPath));
            body.Append($"<img src=\"data:image/png;base64,{data}\" alt=\"{Escape(figure.Caption)}\">");
        }
        var files = new[] { figure.SvgPath, figure.PngPath }.OfType<string>().Select(p => Link(Path.GetFileName(p), Path.GetExtension(p)[1..].ToUpperInvariant()));
        var html = new StringBuilder($"<figure id=\"figure-{Escape(figure.Name)}\">\n");
        if (body.Length > 0) html.Append(body).Append('\n');
        if (problem is not null) html.Append($"<p class=\"problem\">{Escape(problem)}</p>\n");
        return html.Append($"<figcaption>{Escape(figure.Caption)} ({string.Join(", ", files)})</figcaption>\n</figure>\n").ToString();
    }

    // A link relative to the run folder; each path segment is URL-escaped, then the whole attribute HTML-escaped.
    private static string Link(string relativePath, string text)
    {
        var href = string.Join('/', relativePath.Split('/').Select(Uri.EscapeDataString));
        return $"<a href=\"{Escape(href)}\">{Escape(text)}</a>";
    }

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
