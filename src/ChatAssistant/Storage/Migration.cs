namespace ChatAssistant.Storage;

/// <summary>One step of the schema. Applied once, in order, and recorded in <c>schema_migrations</c>.</summary>
internal sealed record Migration(int Version, string Name, string Sql);
