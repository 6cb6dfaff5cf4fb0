using System.Net;
using System.Text;
using System.Text.Json;

namespace MnistCompare.Reporting;

// config.json as an HTML table, one row per setting. It reads the JSON as it is rather than as RunSettings, so a
// setting this version does not know (or a file another version wrote) still shows, and a damaged file is a line
// on the page instead of a failed run.
public static class ReportSettingsTable
{
    public static string Html(string configPath)
    {
        if (!File.Exists(configPath)) return "<p>This folder has no config.json (a merge of several runs has none of its own).</p>\n";
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(configPath));
        }
        catch (JsonException e)
        {
            return $"<p>config.json could not be read: {Escape(e.Message)}</p>\n";
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object) return "<p>config.json does not hold an object of settings.</p>\n";
            var html = new StringBuilder("<table class=\"settings\">\n<thead><tr><th>setting</th><th>value</th></tr></thead>\n<tbody>\n");
            foreach (var setting in document.RootElement.EnumerateObject())
            {
                html.Append($"<tr><th scope=\"row\"><code>{Escape(setting.Name)}</code></th><td>{Escape(Text(setting.Value))}</td></tr>\n");
            }
            return html.Append("</tbody>\n</table>\n").ToString();
        }
    }

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Null => "—",
        JsonValueKind.Array when value.GetArrayLength() == 0 => "—",
        JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(Text)),
        _ => value.GetRawText(),
    };

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
