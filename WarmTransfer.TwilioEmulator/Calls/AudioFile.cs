namespace WarmTransfer.TwilioEmulator;

/// <summary>
/// A waitUrl or holdUrl that names an audio file rather than TwiML. Twilio, "TwiML Voice: &lt;Conference&gt;",
/// https://www.twilio.com/docs/voice/twiml/conference, waitUrl: "The URL may return an MP3 file, a WAV file, or a TwiML document"
/// (and waitMethod: use GET "if you are directly requesting static audio files such as WAV or MP3 files"); Twilio's OpenAPI
/// description (twilio_api_v2010.json), Participant update HoldUrl: "The URL may return an MP3 file, a WAV file, or a TwiML document".
/// </summary>
internal static class AudioFile
{
    public static bool Is(Uri url) =>
        url.AbsolutePath.EndsWith(".mp3", StringComparison.OrdinalIgnoreCase) || url.AbsolutePath.EndsWith(".wav", StringComparison.OrdinalIgnoreCase);

    /// <summary>The party hears the file, then silence: what it hears from then on is returned.</summary>
    public static Audio PlayedOnce(FakeCall call, Audio music, DateTimeOffset now)
    {
        // Assumption: the file is played once and not looped. Twilio's documents do not say for waitUrl; Twilio Professional
        // Services' Flex template ("custom-hold-music", https://twilio-professional-services.github.io/flex-project-template/feature-library/custom-hold-music)
        // says of a hold URL: "While you may provide a direct URL to an audio file rather than using TwiML, it will play only once and not loop."
        call.Hear(music, now);
        return Audio.Silence;
    }
}
