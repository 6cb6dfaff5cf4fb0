namespace MnistCompare.Reporting;

// The look of report.html, inline because the page may fetch nothing: the system's own fonts, a column a laptop
// screen reads comfortably, figures as wide as the column, wide tables scrolling on their own instead of widening
// the page, and on paper one figure per page.
public static class ReportStyle
{
    // What the page may load: nothing but the data URIs of its PNG figures and its own inline CSS. A reference to
    // anything else (a file beside it, a web font, a script) is refused by the browser and shows in its console.
    public const string ContentSecurityPolicy = "default-src 'none'; img-src data:; style-src 'unsafe-inline'";

    public const string Css = """
        :root { color-scheme: light; }
        body { font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; line-height: 1.5; color: #1d1d1f;
               background: #fff; max-width: 72rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
        h1 { font-size: 1.7rem; margin: 0.5rem 0 0.25rem; }
        h2 { font-size: 1.35rem; margin-top: 2.5rem; border-bottom: 1px solid #ddd; padding-bottom: 0.2rem; }
        h3 { font-size: 1.1rem; }
        nav { font-size: 0.95rem; color: #555; }
        nav a { margin-right: 1rem; }
        a { color: #0b57d0; }
        .progress { background: #fff4d6; border: 1px solid #e8c66a; border-radius: 4px; padding: 0.5rem 0.75rem; }
        table { border-collapse: collapse; margin: 1rem 0; display: block; max-width: 100%; overflow-x: auto; }
        th, td { border: 1px solid #d0d0d0; padding: 0.3rem 0.6rem; vertical-align: top; }
        thead th { background: #f2f2f2; }
        tbody tr:nth-child(even) { background: #fafafa; }
        table.settings th[scope=row] { text-align: left; font-weight: normal; }
        code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.92em; }
        figure { margin: 2rem 0; }
        figure svg, figure img { display: block; width: 100%; height: auto; border: 1px solid #eee; }
        figcaption { margin-top: 0.4rem; color: #444; }
        .problem { color: #a00; }
        ul.files li { margin: 0.15rem 0; }
        @media print {
          body { max-width: none; padding: 0; }
          nav, .progress { display: none; }
          a { color: inherit; text-decoration: none; }
          figure { break-before: page; break-inside: avoid; }
          figure svg, figure img { border: none; max-height: 90vh; }
          h2 { break-after: avoid; }
          table { display: table; }
        }
        """;
}
