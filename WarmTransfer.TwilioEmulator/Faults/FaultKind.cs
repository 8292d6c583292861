namespace WarmTransfer.TwilioEmulator;

/// <summary>The kinds of injected faults <see cref="FakeTwilio.InjectedFaults"/> counts.</summary>
public enum FaultKind
{
    RestTooManyRequests,
    RestServerError,
    RestServiceUnavailable,
    RestSlowAnswer,
    RestTimeout,
    RestConnectionReset,
    RestAnswerLost,
    CallbackLost,
    CallbackDelayed,
    CallbackDuplicated,
    CallbackReordered,
    CallbackConnectionFailed,
    CallbackTimedOut,

    /// <summary>Not a fault itself: a repeat Twilio sent because an attempt failed to connect or timed out (rc=1).</summary>
    CallbackRetried,
    WaitFetchFailed,
}
