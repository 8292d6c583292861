using System.ComponentModel.DataAnnotations;

namespace WarmTransfer.Grains.Telephony;

/// <summary>Configuration section "WarmTransfer".</summary>
public sealed class WarmTransferOptions
{
    public const string Section = "WarmTransfer";

    /// <summary>The URL Twilio reaches us at (e.g. an ngrok https URL): callback URLs and webhook signatures are built on it.</summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>Played, looping, to callers waiting for an agent and to callers on hold.</summary>
    [Required]
    public Uri HoldMusicUrl { get; set; } = new("http://com.twilio.music.classical.s3.amazonaws.com/BusyStrings.mp3");

    [Required, MaxLength(500)]
    public string WaitMessage { get; set; } = "Thank you for calling. Please hold while we connect you to an agent.";

    /// <summary>How long a Voice SDK access token lives; the console refreshes it before it expires.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "24:00:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// How long past its due time a call may stay silent (an agent leg still ringing after Twilio's ring timeout,
    /// a caller never seen in the conference) before the REST API is asked what became of it; also how often that is checked.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan UnreportedLegCheck { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often a live call is checked against Twilio's REST API (participants, hold, flags) even when nothing seems overdue.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long an ended call's state is kept (for late callbacks and the agents' last view) before it is cleared from storage.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan EndedCallRetention { get; set; } = TimeSpan.FromMinutes(5);
}
