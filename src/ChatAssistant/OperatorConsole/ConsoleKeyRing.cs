using System.Xml.Linq;
using ChatAssistant.Storage;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace ChatAssistant.OperatorConsole;

/// <summary>
/// The console's data-protection keys (they sign its cookies and anti-forgery tokens) kept in the shared database, so
/// that a cookie one replica issued is read by every other replica behind the same reverse proxy. Used on PostgreSQL;
/// an SQLite deployment has one worker and keeps its keys in a folder beside the file. Keys are written rarely (the
/// first start, then about every 90 days), on a connection of their own; replicas that both make a first key keep both.
/// </summary>
internal sealed class ConsoleKeyRing(IStorageProvider provider, TimeProvider time) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = provider.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT xml FROM console_keys ORDER BY created_at, name";
        using var reader = command.ExecuteReader();
        var keys = new List<XElement>();
        while (reader.Read())
        {
            keys.Add(XElement.Parse(reader.GetString(0)));
        }

        return keys;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        using var connection = provider.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO console_keys (name, xml, created_at) VALUES (@name, @xml, @at) {provider.Dialect.InsertIgnore}";
        Add(command, "@name", friendlyName);
        Add(command, "@xml", element.ToString(SaveOptions.DisableFormatting));
        Add(command, "@at", time.GetUtcNow().ToUnixTimeMilliseconds());
        command.ExecuteNonQuery();
    }

    private static void Add(System.Data.Common.DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
