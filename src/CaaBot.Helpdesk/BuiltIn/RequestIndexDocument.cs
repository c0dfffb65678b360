namespace CaaBot.Helpdesk.BuiltIn;

/// <summary>
/// <c>helpdesk/request/{requestId}</c>: the claim on a request id, created with <c>MustNotExist</c> before anything
/// else, so exactly one submitter owns it. It then records the number given to the request and whether the
/// ticket has been announced on the created-tickets stream; a retry after a crash picks up where it stopped.
/// </summary>
/// <param name="RequestId">The id as given (guards against a key collision).</param>
/// <param name="Number">The ticket number once allocated; null while only claimed.</param>
/// <param name="Listed">True once the number was appended to <see cref="HelpdeskKeys.CreatedStream"/>.</param>
internal sealed record RequestIndexDocument(string RequestId, long? Number, bool Listed);
