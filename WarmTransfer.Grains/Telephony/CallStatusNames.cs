using System.Diagnostics.CodeAnalysis;
using WarmTransfer.Grains.Conferences;

namespace WarmTransfer.Grains.Telephony;

/// <summary>Twilio's names for call statuses, as webhooks and the REST API spell them.</summary>
public static class CallStatusNames
{
    private static readonly Dictionary<string, CallStatus> Statuses = new(StringComparer.Ordinal)
    {
        ["queued"] = CallStatus.Queued,
        ["initiated"] = CallStatus.Initiated,
        ["ringing"] = CallStatus.Ringing,
        ["in-progress"] = CallStatus.InProgress,
        ["completed"] = CallStatus.Completed,
        ["busy"] = CallStatus.Busy,
        ["no-answer"] = CallStatus.NoAnswer,
        ["failed"] = CallStatus.Failed,
        ["canceled"] = CallStatus.Canceled,
    };

    public static bool TryParse(string? name, [NotNullWhen(true)] out CallStatus? status)
    {
        status = name is not null && Statuses.TryGetValue(name, out var known) ? known : null;
        return status is not null;
    }
}
