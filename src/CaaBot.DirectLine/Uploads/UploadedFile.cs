namespace CaaBot.DirectLine.Uploads;

/// <summary>A file a user uploaded into a conversation (its bytes are stored separately under <see cref="Id"/>).</summary>
public sealed record UploadedFile(string Id, string ConversationId, string UserId, string FileName, string ContentType, long Length, DateTimeOffset UploadedAt);
