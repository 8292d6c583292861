namespace WarmTransfer.Tests.Emulator;

/// <summary>A request the emulator made to the app, and the app's answer.</summary>
public sealed record DeliveredWebhook(
    string Kind,
    string Url,
    IReadOnlyDictionary<string, string> Form,
    string Signature,
    string IdempotencyToken,
    int Status,
    string Body);
