namespace WarmTransfer.TwilioEmulator;

/// <summary>What a browser phone does with a call: the Voice SDK's Call.accept(), Call.reject(), Call.mute(true/false), Call.disconnect().</summary>
public enum BrowserPhoneAction
{
    Accept,
    Reject,
    Mute,
    Unmute,
    HangUp,
}
