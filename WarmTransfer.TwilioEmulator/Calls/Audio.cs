namespace WarmTransfer.TwilioEmulator;

/// <summary>What a party on a call hears right now.</summary>
public enum Audio
{
    /// <summary>Not connected yet (ringing or queued).</summary>
    Nothing,
    Message,
    WaitMusic,
    HoldMusic,
    Conversation,

    /// <summary>Connected, but nobody talks and no music plays: the bug a caller must never meet.</summary>
    Silence,
    Ended,
}
