namespace WarmTransfer.TwilioEmulator;

/// <summary>What a browser phone does with a call: the Voice SDK's Call.accept(), Call.reject(), Call.disconnect().</summary>
public enum BrowserPhoneAction
{
    Accept,
    Reject,
    HangUp,
}
