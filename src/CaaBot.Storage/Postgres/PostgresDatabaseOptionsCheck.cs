using Npgsql;

namespace CaaBot.Storage.Postgres;

/// <summary>Start-up checks of <see cref="PostgresDatabaseOptions"/> whose messages never repeat a connection string's values.</summary>
public static class PostgresDatabaseOptionsCheck
{
    /// <summary>What is wrong with <paramref name="connectionString"/> and <paramref name="schema"/>, or null when both are usable.</summary>
    public static string? FindProblem(string? connectionString, string? schema)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return "no connection string is set";
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception exception) when (exception is ArgumentException or FormatException or InvalidCastException or OverflowException)
        {
            // The parser's own message can quote a value (a password, say): name the keys only.
            return "the connection string does not parse (keys must be Npgsql's, such as Host, Port, Database, Username, Password)";
        }

        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            return "the connection string names no Host";
        }

        try
        {
            PostgresSchema.ValidateSchemaName(schema ?? string.Empty);
        }
        catch (ArgumentException exception)
        {
            return exception.Message;
        }

        return null;
    }
}
