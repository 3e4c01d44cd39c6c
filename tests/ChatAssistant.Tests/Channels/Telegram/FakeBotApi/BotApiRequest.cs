using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Telegram.Bot;

namespace ChatAssistant.Tests.Channels.Telegram;

/// <summary>
/// The parameters of one Bot API request. Telegram.Bot 22 posts a JSON body (or no body at all for getMe and
/// getWebhookInfo); Telegram also takes query strings and forms, so those are read too, with every value a string.
/// </summary>
internal sealed class BotApiRequest
{
    private readonly JsonElement _parameters;

    private BotApiRequest(JsonElement parameters) => _parameters = parameters;

    /// <summary>Reads the parameters; <c>Request</c> is null when the body is not a JSON object.</summary>
    public static async Task<(BotApiRequest? Request, string Body)> ReadAsync(HttpRequest http, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(http.Body, Encoding.UTF8);
        var raw = await reader.ReadToEndAsync(cancellationToken);

        var parameters = new JsonObject();
        foreach (var (name, value) in http.Query)
        {
            parameters[name] = value.ToString();
        }

        var isJson = http.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true;
        if (isJson && !string.IsNullOrWhiteSpace(raw))
        {
            JsonNode? parsed;
            try
            {
                parsed = JsonNode.Parse(raw);
            }
            catch (JsonException)
            {
                return (null, raw);
            }

            if (parsed is not JsonObject body)
            {
                return (null, raw);
            }

            foreach (var (name, value) in body.ToList())
            {
                body.Remove(name);
                parameters[name] = value;
            }
        }
        else if (!string.IsNullOrEmpty(raw) && http.ContentType?.Contains("x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true)
        {
            foreach (var (name, value) in QueryHelpers.ParseQuery(raw))
            {
                parameters[name] = value.ToString();
            }
        }

        var recorded = isJson || parameters.Count == 0 ? raw : parameters.ToJsonString();
        return (new BotApiRequest(JsonSerializer.SerializeToElement(parameters)), recorded);
    }

    public bool Has(string name) => _parameters.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null;

    public string? GetString(string name) => Value(name) switch
    {
        { ValueKind: JsonValueKind.String } value => value.GetString(),
        { ValueKind: JsonValueKind.Number } value => value.GetRawText(),
        { ValueKind: JsonValueKind.True } => "true",
        { ValueKind: JsonValueKind.False } => "false",
        _ => null,
    };

    public long? GetInt64(string name) => Value(name) switch
    {
        { ValueKind: JsonValueKind.Number } value when value.TryGetInt64(out var number) => number,
        { ValueKind: JsonValueKind.String } value when long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) => number,
        _ => null,
    };

    public int? GetInt32(string name) => GetInt64(name) is { } number && number is >= int.MinValue and <= int.MaxValue ? (int)number : null;

    public bool GetBoolean(string name) => Value(name) switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.String } value => string.Equals(value.GetString(), "true", StringComparison.OrdinalIgnoreCase),
        _ => false,
    };

    /// <summary>A JSON-typed parameter (reply_markup, commands, scope): an object or array, or a string holding one (forms).</summary>
    public JsonElement? GetJson(string name)
    {
        switch (Value(name))
        {
            case { ValueKind: JsonValueKind.Object or JsonValueKind.Array } value:
                return value;
            case { ValueKind: JsonValueKind.String } value:
                try
                {
                    using var document = JsonDocument.Parse(value.GetString()!);
                    return document.RootElement.Clone();
                }
                catch (JsonException)
                {
                    return null;
                }

            default:
                return null;
        }
    }

    /// <summary>Reads a JSON-typed parameter as a Telegram.Bot type; null when absent or not readable as <typeparamref name="T"/>.</summary>
    public T? Deserialize<T>(string name)
        where T : class
    {
        if (GetJson(name) is not { } json)
        {
            return null;
        }

        try
        {
            return json.Deserialize<T>(JsonBotAPI.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private JsonElement? Value(string name) => _parameters.TryGetProperty(name, out var value) ? value : null;
}
