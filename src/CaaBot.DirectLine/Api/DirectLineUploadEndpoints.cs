using System.Text.Json;
using CaaBot.DirectLine.Configuration;
using CaaBot.DirectLine.Uploads;
using CaaBot.Protocol;
using CaaBot.Protocol.Schema;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace CaaBot.DirectLine.Api;

/// <summary>
/// <c>POST /conversations/{id}/upload</c> (multipart: an optional <c>activity</c> part of type
/// <c>application/vnd.microsoft.activity</c> plus file parts, as DirectLineJS sends them) and the download of a
/// stored file. Files are size-limited (413) and their content types allow-listed (415).
/// </summary>
public sealed class DirectLineUploadEndpoints(
    DirectLineActivityEndpoints activities,
    DirectLineUploads uploads,
    IOptions<DirectLineOptions> options,
    ILogger<DirectLineUploadEndpoints> logger)
{
    private const string ActivityContentType = "application/vnd.microsoft.activity";

    public async Task<IResult> UploadAsync(HttpContext context, string conversationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (record, problem) = await activities.AuthorizeAsync(context, conversationId, cancellationToken);
        if (record is null)
        {
            return problem!;
        }

        var limits = options.Value;
        if (context.Request.ContentLength > limits.MaxUploadBytes)
        {
            return TooLarge(limits.MaxUploadBytes);
        }

        if (!context.Request.HasFormContentType || context.Request.ContentType?.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase) != true)
        {
            return DirectLineHttp.Error(StatusCodes.Status415UnsupportedMediaType, "BadArgument", "Upload files as multipart/form-data.");
        }

        context.Features.Set<IFormFeature>(new FormFeature(context.Request, new FormOptions
        {
            MultipartBodyLengthLimit = limits.MaxUploadBytes,
            ValueLengthLimit = limits.MaxActivityBytes,
            ValueCountLimit = 16,
        }));
        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(cancellationToken);
        }
        catch (InvalidDataException)
        {
            return TooLarge(limits.MaxUploadBytes);
        }

        var activity = await ReadActivityPartAsync(form, limits.MaxActivityBytes, cancellationToken);
        if (activity is null)
        {
            return DirectLineHttp.Error(StatusCodes.Status400BadRequest, "BadArgument", "The activity part is not a valid activity.");
        }

        var files = form.Files.Where(file => !IsActivityPart(file)).ToList();
        if (files.Count == 0)
        {
            return DirectLineHttp.Error(StatusCodes.Status400BadRequest, "BadArgument", "No file was uploaded.");
        }

        if (files.Sum(file => file.Length) > limits.MaxUploadBytes)
        {
            return TooLarge(limits.MaxUploadBytes);
        }

        var refused = files.FirstOrDefault(file => !limits.AllowedUploadContentTypes.Contains(MediaType(file.ContentType), StringComparer.OrdinalIgnoreCase));
        if (refused is not null)
        {
            return DirectLineHttp.Error(StatusCodes.Status415UnsupportedMediaType, "BadArgument", "This type of file is not accepted.");
        }

        var publicBase = DirectLineHttp.PublicBase(context.Request, limits);
        var attachments = new List<Attachment>();
        foreach (var file in files)
        {
            using var content = new MemoryStream();
            await file.CopyToAsync(content, cancellationToken);
            var name = Path.GetFileName(file.FileName) is { Length: > 0 and <= 255 } fileName ? fileName : "upload";
            var stored = await uploads.SaveAsync(conversationId, record.UserId, name, MediaType(file.ContentType), content.ToArray(), cancellationToken);
            DirectLineLog.Uploaded(logger, stored.Id, stored.ContentType, stored.Length, conversationId);
            attachments.Add(new Attachment
            {
                ContentType = stored.ContentType,
                Name = stored.FileName,
                ContentUrl = new Uri(publicBase, $"{DirectLineApi.BasePath.TrimStart('/')}/conversations/{Uri.EscapeDataString(conversationId)}/attachments/{stored.Id}").AbsoluteUri,
            });
        }

        return await activities.AcceptAsync(context, record, activity with { Attachments = attachments }, cancellationToken);
    }

    /// <summary><c>GET /conversations/{id}/attachments/{uploadId}</c>: a stored file, to a holder of the conversation's token.</summary>
    public async Task<IResult> DownloadAsync(HttpContext context, string conversationId, string uploadId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (record, problem) = await activities.AuthorizeAsync(context, conversationId, cancellationToken);
        if (record is null)
        {
            return problem!;
        }

        if (await uploads.OpenAsync(conversationId, uploadId, cancellationToken) is not { } found)
        {
            return DirectLineHttp.Error(StatusCodes.Status404NotFound, "BadArgument", "No such upload.");
        }

        context.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(found.Content.ToArray(), found.File.ContentType, found.File.FileName);
    }

    private static async Task<Activity?> ReadActivityPartAsync(IFormCollection form, int maxBytes, CancellationToken cancellationToken)
    {
        var part = form.Files.FirstOrDefault(IsActivityPart);
        if (part is null)
        {
            return form.TryGetValue("activity", out var field) && field.ToString() is { Length: > 0 } json
                ? Parse(json)
                : new Activity { Type = ActivityTypes.Message };
        }

        if (part.Length > maxBytes)
        {
            return null;
        }

        await using var stream = part.OpenReadStream();
        try
        {
            return await JsonSerializer.DeserializeAsync<Activity>(stream, ProtocolJson.Options, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Activity? Parse(string json)
    {
        try
        {
            return ProtocolJson.Deserialize<Activity>(json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static bool IsActivityPart(IFormFile file) =>
        string.Equals(MediaType(file.ContentType), ActivityContentType, StringComparison.OrdinalIgnoreCase);

    private static string MediaType(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed) && parsed.MediaType.Value is { } media ? media : string.Empty;

    private static IResult TooLarge(int maxBytes) =>
        DirectLineHttp.Error(StatusCodes.Status413PayloadTooLarge, "MessageSizeTooBig", $"Uploads are limited to {maxBytes} bytes.");
}
