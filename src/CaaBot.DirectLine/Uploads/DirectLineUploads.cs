using System.Security.Cryptography;
using CaaBot.Storage.Abstractions;

namespace CaaBot.DirectLine.Uploads;

/// <summary>
/// Files kept with their conversation: the bytes as a document, the description appended to the conversation's
/// upload stream, so <see cref="ListAsync"/> gives the helpdesk every file of a conversation in upload order.
/// </summary>
public sealed class DirectLineUploads(IDocumentStore documents, IStreamStore streams, TimeProvider timeProvider)
{
    private const int ReadBatch = 500;

    public async Task<UploadedFile> SaveAsync(string conversationId, string userId, string fileName, string contentType, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var file = new UploadedFile(
            RandomNumberGenerator.GetHexString(32, lowercase: true), conversationId, userId, fileName, contentType, content.Length, timeProvider.GetUtcNow());
        await documents.WriteAsync(ContentKey(conversationId, file.Id), content, WritePrecondition.MustNotExist, cancellationToken);
        await streams.AppendAsync(ListStream(conversationId), file, DirectLineJsonContext.Default.UploadedFile, cancellationToken);
        return file;
    }

    /// <summary>Every file uploaded into <paramref name="conversationId"/>, oldest first.</summary>
    public async Task<IReadOnlyList<UploadedFile>> ListAsync(string conversationId, CancellationToken cancellationToken)
    {
        var files = new List<UploadedFile>();
        for (long after = 0; ;)
        {
            var batch = await streams.ReadAsync(ListStream(conversationId), after, ReadBatch, cancellationToken);
            files.AddRange(batch.Select(entry => entry.Deserialize(DirectLineJsonContext.Default.UploadedFile)));
            if (batch.Count < ReadBatch)
            {
                return files;
            }

            after = batch[^1].Sequence;
        }
    }

    /// <summary>The file and its bytes, or null when the conversation has no such upload.</summary>
    public async Task<(UploadedFile File, ReadOnlyMemory<byte> Content)?> OpenAsync(string conversationId, string uploadId, CancellationToken cancellationToken)
    {
        if (uploadId.Length != 32 || !uploadId.All(char.IsAsciiHexDigitLower))
        {
            return null;
        }

        var content = await documents.ReadAsync(ContentKey(conversationId, uploadId), cancellationToken);
        if (content is null)
        {
            return null;
        }

        var file = (await ListAsync(conversationId, cancellationToken)).FirstOrDefault(candidate => candidate.Id == uploadId);
        return file is null ? null : (file, content.Content);
    }

    private static string ContentKey(string conversationId, string uploadId) => $"directline/uploads/{conversationId}/{uploadId}";

    private static string ListStream(string conversationId) => $"directline/uploads/{conversationId}";
}
