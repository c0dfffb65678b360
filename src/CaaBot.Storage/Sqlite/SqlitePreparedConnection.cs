using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CaaBot.Storage.Sqlite;

/// <summary>
/// A connection kept open by <see cref="SqliteDatabase"/> together with one command per SQL text it has run.
/// Microsoft.Data.Sqlite keeps a command's prepared statements for as long as the command, its text and its
/// connection live, so a store call re-binds parameters and steps an already parsed statement instead of
/// opening a pooled connection and parsing its SQL again. Used by one caller at a time.
/// </summary>
internal sealed class SqlitePreparedConnection(SqliteConnection connection) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    /// <summary>The command for <paramref name="sql"/>, prepared on its first run and kept; set its parameters with <see cref="Bind"/>.</summary>
    public SqliteCommand Command(string sql)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            _commands.Add(sql, command);
        }

        return command;
    }

    /// <summary>Sets <paramref name="name"/> on a kept command, adding the parameter on first use.</summary>
    public static void Bind(SqliteCommand command, string name, object value)
    {
        var parameters = command.Parameters;
        var index = parameters.IndexOf(name);
        if (index < 0)
        {
            parameters.AddWithValue(name, value);
        }
        else
        {
            parameters[index].Value = value;
        }
    }

    /// <summary>
    /// Rolls back a transaction that a failed call left open (<c>BEGIN</c> ran, <c>COMMIT</c> did not), so the next
    /// caller starts clean. Microsoft.Data.Sqlite resets a statement that failed; only the transaction can linger.
    /// </summary>
    public void RollBackIfInTransaction()
    {
        if (raw.sqlite3_get_autocommit(connection.Handle) == 0)
        {
            Command("ROLLBACK;").ExecuteNonQuery();
        }
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
        connection.Dispose();
    }
}
