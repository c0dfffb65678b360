using CaaBot.Storage.Postgres;
using Microsoft.Extensions.Options;

namespace CaaBot.Web.Configuration;

/// <summary>
/// With <c>CaaBot:Storage=Postgres</c>, refuses to start without a usable connection string or schema name, naming
/// the keys to set and never a value (the connection string holds a password).
/// </summary>
public sealed class PostgresStorageValidation(IOptions<CaaBotOptions> caaBot) : IValidateOptions<PostgresStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgresStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (caaBot.Value.Storage != StorageProvider.Postgres)
        {
            return ValidateOptionsResult.Success;
        }

        var problem = PostgresDatabaseOptionsCheck.FindProblem(options.ConnectionString, options.Schema);
        return problem is null
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"CaaBot:Storage is Postgres but {problem}: set {PostgresStorageOptions.SectionName}:ConnectionString or " +
                $"ConnectionStrings:{PostgresStorageOptions.ConnectionStringName} (and optionally {PostgresStorageOptions.SectionName}:Schema).");
    }
}
