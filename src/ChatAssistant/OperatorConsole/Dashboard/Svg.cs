using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace ChatAssistant.OperatorConsole.Dashboard;

/// <summary>
/// A chart as inline SVG, built as text on the server (no script in the browser). It is one image to assistive
/// technology (<c>role="img"</c>) named by its title and described by its desc, which say the numbers in words; its
/// viewBox is about a phone's width, so its text is readable there at its natural size and it scales with the page.
/// </summary>
internal sealed class Svg
{
    public const string FontFamily = "system-ui, sans-serif";

    private static readonly HtmlEncoder Encoder = HtmlEncoder.Default;

    private readonly StringBuilder _body = new();

    public static string E(string text) => Encoder.Encode(text);

    /// <summary>A coordinate: at most one decimal, never a decimal comma.</summary>
    public static string N(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);

    public Svg Rect(double x, double y, double width, double height, string fill, string? tooltip = null)
    {
        _body.Append("<rect x=\"").Append(N(x)).Append("\" y=\"").Append(N(y)).Append("\" width=\"").Append(N(width))
            .Append("\" height=\"").Append(N(height)).Append("\" fill=\"").Append(fill).Append('"');
        if (tooltip is null)
        {
            _body.Append("/>");
        }
        else
        {
            _body.Append("><title>").Append(E(tooltip)).Append("</title></rect>");
        }

        return this;
    }

    public Svg Line(double x1, double y1, double x2, double y2, string stroke)
    {
        _body.Append("<line x1=\"").Append(N(x1)).Append("\" y1=\"").Append(N(y1)).Append("\" x2=\"").Append(N(x2))
            .Append("\" y2=\"").Append(N(y2)).Append("\" stroke=\"").Append(stroke).Append("\"/>");
        return this;
    }

    /// <param name="anchor">start, middle or end.</param>
    public Svg Text(double x, double y, string text, string anchor = "start", bool bold = false)
    {
        _body.Append("<text x=\"").Append(N(x)).Append("\" y=\"").Append(N(y)).Append('"');
        if (anchor != "start")
        {
            _body.Append(" text-anchor=\"").Append(anchor).Append('"');
        }

        if (bold)
        {
            _body.Append(" font-weight=\"bold\"");
        }

        _body.Append('>').Append(E(text)).Append("</text>");
        return this;
    }

    /// <summary>The whole image: <paramref name="id"/> names its title and desc for aria-labelledby, so it must be unique in the page.</summary>
    public string Build(string id, double width, double height, string title, string description)
    {
        var name = E(id);
        return new StringBuilder()
            .Append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" class=\"chart\" id=\"").Append(name)
            .Append("\" viewBox=\"0 0 ").Append(N(width)).Append(' ').Append(N(height))
            .Append("\" aria-labelledby=\"").Append(name).Append("-title ").Append(name).Append("-desc\"")
            .Append(" font-family=\"").Append(FontFamily).Append("\" font-size=\"12\" fill=\"#222\">")
            .Append("<title id=\"").Append(name).Append("-title\">").Append(E(title)).Append("</title>")
            .Append("<desc id=\"").Append(name).Append("-desc\">").Append(E(description)).Append("</desc>")
            .Append(_body)
            .Append("</svg>")
            .ToString();
    }
}
